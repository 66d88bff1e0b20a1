//! The load generator: a closed-loop ping-pong client and an idle-connection memory probe.
//!
//! Ping-pong keeps `depth` messages of `size` bytes in flight on every connection, sends the
//! next one as soon as one comes back, and reports messages/s, MB/s, latency percentiles from
//! an HDR histogram, errors and its own CPU time (so a reader can tell whether the client was
//! the bottleneck). The idle probe opens N connections from several loopback source addresses,
//! echoes once on each and reads the server's VmRSS, giving memory per connection as a slope.
//!
//! This module sends traffic only to 127.0.0.0/8: [`check_loopback`] runs before any socket is
//! created, and nothing here accepts an address that did not pass it.

use crate::sys;
use hdrhistogram::Histogram;
use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// Accepts only IPv4 addresses in 127.0.0.0/8. Everything else gets a clear refusal.
pub fn check_loopback(addr: &str) -> Result<SocketAddrV4, String> {
    let parsed: SocketAddr = addr.parse().map_err(|_| {
        format!("bench: cannot parse {addr:?} as IP:PORT (for example 127.0.0.1:2333)")
    })?;
    match parsed {
        SocketAddr::V4(v4) if v4.ip().octets()[0] == 127 => Ok(v4),
        _ => Err(format!(
            "bench: refusing to target {addr}: the load generator only sends traffic to loopback \
             addresses in 127.0.0.0/8"
        )),
    }
}

/// Closed-loop ping-pong settings.
#[derive(Clone, Debug)]
pub struct PingPongConfig {
    pub addr: SocketAddrV4,
    pub conns: usize,
    /// Bytes per message.
    pub size: usize,
    /// Messages in flight per connection.
    pub depth: usize,
    pub duration: Duration,
    pub warmup: Duration,
    /// Client threads, each with its own epoll instance.
    pub threads: usize,
    /// Also sample this process's CPU time from /proc (the server's).
    pub server_pid: Option<i32>,
}

/// What a ping-pong run measured (after warm-up).
#[derive(Clone, Debug)]
pub struct PingPongReport {
    pub conns: usize,
    pub size: usize,
    pub depth: usize,
    pub seconds: f64,
    pub msgs: u64,
    pub msgs_per_sec: f64,
    /// Echoed payload received per second, in MB (10^6 bytes).
    pub mb_per_sec: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub p999_us: f64,
    pub max_us: f64,
    pub errors: u64,
    /// Client CPU (user+system) as a percentage of one core over the measured window.
    pub client_cpu_pct: f64,
    pub server_cpu_pct: Option<f64>,
}

impl fmt::Display for PingPongReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "conns={} size={}B depth={} over {:.2}s: {:.0} msgs/s, {:.2} MB/s, p50 {:.1}us p99 {:.1}us p99.9 {:.1}us max {:.1}us, errors {}",
            self.conns,
            self.size,
            self.depth,
            self.seconds,
            self.msgs_per_sec,
            self.mb_per_sec,
            self.p50_us,
            self.p99_us,
            self.p999_us,
            self.max_us,
            self.errors
        )?;
        match self.server_cpu_pct {
            Some(s) => writeln!(
                f,
                "client CPU {:.0}% of a core, server CPU {:.0}% of a core",
                self.client_cpu_pct, s
            )?,
            None => writeln!(f, "client CPU {:.0}% of a core", self.client_cpu_pct)?,
        }
        write!(
            f,
            "RESULT conns={} size={} depth={} msgs_per_sec={:.0} mb_per_sec={:.3} p50_us={:.1} p99_us={:.1} p999_us={:.1} errors={} client_cpu_pct={:.1} server_cpu_pct={}",
            self.conns,
            self.size,
            self.depth,
            self.msgs_per_sec,
            self.mb_per_sec,
            self.p50_us,
            self.p99_us,
            self.p999_us,
            self.errors,
            self.client_cpu_pct,
            self.server_cpu_pct.map(|s| format!("{s:.1}")).unwrap_or_else(|| "na".into())
        )
    }
}

/// One client connection's ping-pong state.
struct ClientConn {
    fd: OwnedFd,
    /// Send times of the messages in flight, oldest first (nanoseconds since the run began).
    sent: VecDeque<u64>,
    /// Bytes of the oldest in-flight message received so far.
    rx: usize,
    /// Bytes queued but not yet written (the socket was full).
    owed: usize,
    /// A FIN or error was signalled: read until EAGAIN rather than trusting a short read.
    hup: bool,
    dead: bool,
}

struct ThreadResult {
    msgs: u64,
    bytes: u64,
    errors: u64,
    cpu_us: u64,
    elapsed: Duration,
    hist: Histogram<u64>,
}

fn new_hist() -> Histogram<u64> {
    // 1 ns .. 60 s at 3 significant digits.
    Histogram::new_with_bounds(1, 60_000_000_000, 3).expect("constant histogram bounds are valid")
}

fn connect_blocking(addr: SocketAddrV4, src: Option<Ipv4Addr>) -> io::Result<OwnedFd> {
    let fd = sys::tcp_socket(false)?;
    if let Some(ip) = src {
        sys::set_bind_address_no_port(fd.as_raw_fd())?;
        sys::bind(fd.as_raw_fd(), SocketAddrV4::new(ip, 0))?;
    }
    sys::connect(fd.as_raw_fd(), addr)?;
    sys::set_nodelay(fd.as_raw_fd())?;
    Ok(fd)
}

/// Runs closed-loop ping-pong. Connection failures count as errors; it fails only if no
/// connection could be made at all.
pub fn run_pingpong(cfg: &PingPongConfig) -> io::Result<PingPongReport> {
    let size = cfg.size.max(1);
    let depth = cfg.depth.max(1);
    let threads = cfg.threads.clamp(1, cfg.conns.max(1));
    let _ = sys::raise_nofile_limit();
    let mut connect_errors = 0u64;
    let mut per_thread: Vec<Vec<OwnedFd>> = (0..threads).map(|_| Vec::new()).collect();
    for i in 0..cfg.conns {
        match connect_blocking(cfg.addr, None)
            .and_then(|fd| sys::set_nonblocking(fd.as_raw_fd(), true).map(|_| fd))
        {
            Ok(fd) => per_thread[i % threads].push(fd),
            Err(e) => {
                if connect_errors == 0 {
                    eprintln!("bench: connect to {} failed: {e}", cfg.addr);
                }
                connect_errors += 1;
            }
        }
    }
    let made: usize = per_thread.iter().map(Vec::len).sum();
    if made == 0 {
        return Err(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            format!("no connection to {} succeeded", cfg.addr),
        ));
    }
    let base = Instant::now();
    let warm_end = base + cfg.warmup;
    let end = warm_end + cfg.duration;
    let mut handles = Vec::new();
    for fds in per_thread.into_iter().filter(|v| !v.is_empty()) {
        handles.push(std::thread::spawn(move || {
            client_thread(fds, size, depth, base, warm_end, end)
        }));
    }
    let clk = sys::clock_ticks_per_sec();
    let now = Instant::now();
    if warm_end > now {
        std::thread::sleep(warm_end - now);
    }
    let server_cpu1 = cfg.server_pid.and_then(proc_cpu_ticks);
    let t_server = Instant::now();
    let mut results = Vec::new();
    let mut server_cpu2 = None;
    for h in handles {
        let r = h
            .join()
            .map_err(|_| io::Error::other("a client thread panicked"))??;
        if server_cpu2.is_none() {
            server_cpu2 = cfg.server_pid.and_then(proc_cpu_ticks);
        }
        results.push(r);
    }
    let server_elapsed = t_server.elapsed();
    let mut hist = new_hist();
    let (mut msgs, mut msgs_per_sec, mut bytes_per_sec, mut errors, mut cpu_us, mut secs) =
        (0, 0.0, 0.0, connect_errors, 0, 0.0f64);
    for r in &results {
        let s = r.elapsed.as_secs_f64().max(1e-9);
        msgs += r.msgs;
        msgs_per_sec += r.msgs as f64 / s;
        bytes_per_sec += r.bytes as f64 / s;
        errors += r.errors;
        cpu_us += r.cpu_us;
        secs = secs.max(s);
        let _ = hist.add(&r.hist);
    }
    let q = |p: f64| hist.value_at_quantile(p) as f64 / 1000.0;
    let server_cpu_pct = match (server_cpu1, server_cpu2) {
        (Some(a), Some(b)) => Some(
            (b.saturating_sub(a)) as f64 / clk as f64 / server_elapsed.as_secs_f64().max(1e-9)
                * 100.0,
        ),
        _ => None,
    };
    Ok(PingPongReport {
        conns: made,
        size,
        depth,
        seconds: secs,
        msgs,
        msgs_per_sec,
        mb_per_sec: bytes_per_sec / 1e6,
        p50_us: q(0.5),
        p99_us: q(0.99),
        p999_us: q(0.999),
        max_us: hist.max() as f64 / 1000.0,
        errors,
        client_cpu_pct: cpu_us as f64 / 1e6 / secs.max(1e-9) * 100.0,
        server_cpu_pct,
    })
}

/// One client thread: its own epoll set over its share of the connections.
fn client_thread(
    fds: Vec<OwnedFd>,
    size: usize,
    depth: usize,
    base: Instant,
    warm_end: Instant,
    end: Instant,
) -> io::Result<ThreadResult> {
    let epoll = sys::Epoll::new()?;
    let txbuf = vec![b'x'; size * depth];
    let mut rxbuf = vec![0u8; 64 * 1024];
    let mut conns: Vec<ClientConn> = fds
        .into_iter()
        .map(|fd| ClientConn {
            fd,
            sent: VecDeque::with_capacity(depth),
            rx: 0,
            owed: 0,
            dead: false,
            hup: false,
        })
        .collect();
    let interest = (libc::EPOLLIN | libc::EPOLLOUT | libc::EPOLLRDHUP | libc::EPOLLET) as u32;
    for (i, c) in conns.iter().enumerate() {
        epoll.ctl(libc::EPOLL_CTL_ADD, c.fd.as_raw_fd(), interest, i as u64)?;
    }
    let mut hist = new_hist();
    let (mut msgs, mut bytes, mut errors) = (0u64, 0u64, 0u64);
    let mut measuring = false;
    let mut t0 = base;
    let mut cpu0 = 0;
    let now_ns = |t: Instant| t.duration_since(base).as_nanos() as u64;
    let start = now_ns(Instant::now());
    for c in conns.iter_mut() {
        for _ in 0..depth {
            c.sent.push_back(start);
        }
        c.owed = size * depth;
        flush(c, &txbuf, &mut errors);
    }
    let mut events = vec![sys::empty_event(); 1024];
    loop {
        let now = Instant::now();
        if !measuring && now >= warm_end {
            measuring = true;
            t0 = now;
            cpu0 = sys::thread_cpu_micros();
            msgs = 0;
            bytes = 0;
            hist.reset();
        }
        if now >= end {
            break;
        }
        let timeout = (end - now).as_millis().clamp(1, 100) as i32;
        let n = epoll.wait(&mut events, timeout)?;
        for ev in &events[..n] {
            let (idx, bits) = (ev.u64 as usize, ev.events);
            let Some(c) = conns.get_mut(idx) else {
                continue;
            };
            if c.dead {
                continue;
            }
            if bits & (libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR) as u32 != 0 {
                c.hup = true;
            }
            if bits & (libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR) as u32
                != 0
            {
                // Read until EAGAIN, or until a short read when no FIN is queued (edge-triggered
                // epoll raises a new edge for any later data).
                loop {
                    match sys::read(c.fd.as_raw_fd(), &mut rxbuf) {
                        Ok(0) => {
                            c.dead = true;
                            errors += 1;
                            break;
                        }
                        Ok(got) => {
                            if rxbuf[..got].iter().any(|&b| b != b'x') {
                                errors += 1;
                            }
                            if measuring {
                                bytes += got as u64;
                            }
                            c.rx += got;
                            let t = now_ns(Instant::now());
                            while c.rx >= size {
                                c.rx -= size;
                                let sent = c.sent.pop_front().unwrap_or(t);
                                if measuring {
                                    msgs += 1;
                                    let _ = hist.record(t.saturating_sub(sent).max(1));
                                }
                                c.sent.push_back(t);
                                c.owed += size;
                            }
                            if got < rxbuf.len() && !c.hup {
                                break;
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(_) => {
                            c.dead = true;
                            errors += 1;
                            break;
                        }
                    }
                }
            }
            if !c.dead && c.owed > 0 {
                flush(c, &txbuf, &mut errors);
            }
        }
    }
    let end_t = Instant::now();
    let cpu_us = sys::thread_cpu_micros().saturating_sub(cpu0);
    Ok(ThreadResult {
        msgs,
        bytes,
        errors,
        cpu_us: if measuring { cpu_us } else { 0 },
        elapsed: if measuring {
            end_t - t0
        } else {
            Duration::ZERO
        },
        hist,
    })
}

/// Writes what a connection owes, stopping at EAGAIN (EPOLLOUT will bring it back).
fn flush(c: &mut ClientConn, txbuf: &[u8], errors: &mut u64) {
    while c.owed > 0 {
        let chunk = c.owed.min(txbuf.len());
        match sys::write(c.fd.as_raw_fd(), &txbuf[..chunk]) {
            Ok(n) => c.owed -= n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
            Err(_) => {
                c.dead = true;
                *errors += 1;
                return;
            }
        }
    }
}

/// User+system CPU ticks of a process, from `/proc/<pid>/stat`.
pub fn proc_cpu_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces; the fields we want follow its closing paren.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The resident set size of a process in KiB, from `/proc/<pid>/status` (VmRSS).
pub fn proc_rss_kib(pid: i32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Idle-memory probe settings.
#[derive(Clone, Debug)]
pub struct IdleConfig {
    pub addr: SocketAddrV4,
    /// Connection counts to sample at, ascending.
    pub counts: Vec<usize>,
    pub server_pid: i32,
    /// Connections per source address (127.0.0.2, 127.0.0.3, ...).
    pub per_source: usize,
    /// Size of the one echo each connection does.
    pub size: usize,
}

/// RSS samples and their least-squares slope.
#[derive(Clone, Debug)]
pub struct IdleReport {
    /// (open connections, server VmRSS in KiB), starting with the zero-connection baseline.
    pub points: Vec<(usize, u64)>,
    /// Bytes of server RSS per idle connection.
    pub slope_bytes_per_conn: f64,
    pub errors: u64,
}

impl fmt::Display for IdleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, kib) in &self.points {
            writeln!(f, "{n:>6} idle connections: server VmRSS {kib} KiB")?;
        }
        writeln!(
            f,
            "slope: {:.0} bytes of server RSS per idle connection; errors {}",
            self.slope_bytes_per_conn, self.errors
        )?;
        let pts: Vec<String> = self
            .points
            .iter()
            .map(|(n, k)| format!("{n}:{k}"))
            .collect();
        write!(
            f,
            "RESULT idle points={} slope_bytes_per_conn={:.1} errors={}",
            pts.join(","),
            self.slope_bytes_per_conn,
            self.errors
        )
    }
}

/// Least-squares slope of y over x.
pub fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        0.0
    } else {
        sxy / sxx
    }
}

/// Opens connections up to each count, echoing once on each, and samples the server's RSS.
pub fn run_idle(cfg: &IdleConfig) -> io::Result<IdleReport> {
    let limit = sys::raise_nofile_limit().unwrap_or(1024);
    let mut counts = cfg.counts.clone();
    counts.sort_unstable();
    let max = counts.last().copied().unwrap_or(0) as u64;
    if max + 16 > limit {
        eprintln!(
            "bench: RLIMIT_NOFILE is {limit}; counts above about {} will fail",
            limit.saturating_sub(16)
        );
    }
    let per_source = cfg.per_source.max(1);
    let msg = vec![b'i'; cfg.size.max(1)];
    let mut back = vec![0u8; msg.len()];
    let rss = |pid| {
        proc_rss_kib(pid).ok_or_else(|| io::Error::other(format!("cannot read VmRSS of pid {pid}")))
    };
    let mut points = vec![(0usize, rss(cfg.server_pid)?)];
    let mut held: Vec<OwnedFd> = Vec::new();
    let mut errors = 0u64;
    'outer: for &target in &counts {
        while held.len() < target {
            let idx = 2 + held.len() / per_source;
            if idx > 254 {
                errors += 1;
                break 'outer;
            }
            let src = Ipv4Addr::new(127, 0, 0, idx as u8);
            match connect_blocking(cfg.addr, Some(src))
                .and_then(|fd| echo_once(&fd, &msg, &mut back).map(|_| fd))
            {
                Ok(fd) => held.push(fd),
                Err(e) => {
                    eprintln!("bench: idle connection {} failed: {e}", held.len() + 1);
                    errors += 1;
                    break 'outer;
                }
            }
        }
        points.push((held.len(), rss(cfg.server_pid)?));
    }
    let xy: Vec<(f64, f64)> = points
        .iter()
        .map(|&(n, k)| (n as f64, k as f64 * 1024.0))
        .collect();
    Ok(IdleReport {
        slope_bytes_per_conn: slope(&xy),
        points,
        errors,
    })
}

/// Writes `msg` and reads the same number of bytes back, with a read timeout as a safety bound.
fn echo_once(fd: &OwnedFd, msg: &[u8], back: &mut [u8]) -> io::Result<()> {
    let raw = fd.as_raw_fd();
    let mut off = 0;
    while off < msg.len() {
        off += sys::write(raw, &msg[off..])?;
    }
    sys::set_recv_timeout(raw, Duration::from_secs(10))?;
    let mut got = 0;
    while got < back.len() {
        match sys::read(raw, &mut back[got..])? {
            0 => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "server closed before echoing",
                ))
            }
            n => got += n,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_only() {
        assert!(check_loopback("127.0.0.1:2333").is_ok());
        assert!(check_loopback("127.9.8.7:1").is_ok());
        let e = check_loopback("10.0.0.1:2333").unwrap_err();
        assert!(e.contains("refusing to target 10.0.0.1:2333"), "{e}");
        assert!(check_loopback("[::1]:2333")
            .unwrap_err()
            .contains("refusing"));
        assert!(check_loopback("localhost:2333")
            .unwrap_err()
            .contains("cannot parse"));
    }

    #[test]
    fn slope_of_a_line() {
        let pts = [(0.0, 100.0), (10.0, 120.0), (20.0, 140.0)];
        assert!((slope(&pts) - 2.0).abs() < 1e-9);
        assert_eq!(slope(&[(1.0, 1.0)]), 0.0);
    }
}
