//! Robustness tests for the echo server and the load generator, all on 127.0.0.1 with ports the
//! kernel picks. Every loop is bounded; socket timeouts and the child watchdog are safety bounds
//! only, never synchronization. Signal and EMFILE tests run the real binary in a child process;
//! the rest run the server in-process and synchronize through its trace events and shutdown.
#![cfg(target_os = "linux")]

use epoll_echo::bench::{self, IdleConfig, PingPongConfig};
use epoll_echo::trace::{CloseReason, PollMode};
use epoll_echo::{Mode, Server, ServerConfig, TraceEvent};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpStream};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// Safety bound for any single blocking socket read in these tests.
const IO_BOUND: Duration = Duration::from_secs(20);

fn any_port() -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)
}

fn start(mode: Mode) -> Server {
    Server::start(ServerConfig::new(any_port(), mode)).expect("server starts on an ephemeral port")
}

/// A server whose trace events arrive on a channel.
fn start_traced(cfg: ServerConfig) -> (Server, mpsc::Receiver<TraceEvent>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let mut cfg = cfg;
    cfg.trace = Some(Arc::new(move |ev: &TraceEvent| {
        let _ = tx.lock().expect("trace channel lock").send(ev.clone());
    }));
    (Server::start(cfg).expect("server starts"), rx)
}

/// Waits (bounded) for the first trace event matching `pred`.
fn wait_for(
    rx: &mpsc::Receiver<TraceEvent>,
    what: &str,
    pred: impl Fn(&TraceEvent) -> bool,
) -> TraceEvent {
    loop {
        match rx.recv_timeout(IO_BOUND) {
            Ok(ev) if pred(&ev) => return ev,
            Ok(_) => continue,
            Err(e) => panic!("no trace event {what}: {e}"),
        }
    }
}

fn connect(addr: SocketAddrV4) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect to the test server");
    s.set_read_timeout(Some(IO_BOUND))
        .expect("set read timeout");
    s
}

fn echo(s: &mut TcpStream, msg: &[u8]) -> Vec<u8> {
    s.write_all(msg).expect("write");
    let mut back = vec![0u8; msg.len()];
    s.read_exact(&mut back).expect("read echo");
    back
}

#[test]
fn once_mode_echoes_one_read_then_closes() {
    let server = start(Mode::Once);
    let mut s = connect(server.local_addr());
    s.write_all(b"hello, netpoller").expect("write");
    let mut back = Vec::new();
    s.read_to_end(&mut back)
        .expect("read until the server closes");
    assert_eq!(back, b"hello, netpoller");
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.accepted, 1);
    assert_eq!(summary.stats.closed, 1);
    assert_eq!(
        summary.closed_at_shutdown, 0,
        "once mode closed the connection itself"
    );
}

#[test]
fn echo_mode_round_trips_small_and_large_messages() {
    let server = start(Mode::Echo);
    let mut s = connect(server.local_addr());
    for i in 0..200usize {
        let msg: Vec<u8> = (0..(i % 97) + 1).map(|b| (b + i) as u8).collect();
        assert_eq!(echo(&mut s, &msg), msg);
    }
    // A payload far larger than the socket buffers: the server must handle partial writes.
    let big: Vec<u8> = (0..4_000_000u32).map(|i| (i % 251) as u8).collect();
    let mut writer = s.try_clone().expect("clone stream");
    let sent = big.clone();
    let t = std::thread::spawn(move || writer.write_all(&sent).expect("write big payload"));
    let mut back = vec![0u8; big.len()];
    s.read_exact(&mut back).expect("read big echo");
    t.join().expect("writer thread");
    assert!(back == big, "large echo must come back intact and in order");
    drop(s);
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.bytes_in, summary.stats.bytes_out);
}

#[test]
fn half_close_still_gets_the_whole_echo() {
    let server = start(Mode::Echo);
    let mut s = connect(server.local_addr());
    let payload: Vec<u8> = (0..300_000u32).map(|i| (i * 7) as u8).collect();
    let mut writer = s.try_clone().expect("clone stream");
    let sent = payload.clone();
    let t = std::thread::spawn(move || {
        writer.write_all(&sent).expect("write payload");
        writer
            .shutdown(Shutdown::Write)
            .expect("shut down our write side");
    });
    let mut back = Vec::new();
    s.read_to_end(&mut back)
        .expect("read until the server closes after EOF");
    t.join().expect("writer thread");
    assert_eq!(back.len(), payload.len());
    assert!(back == payload);
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(
        summary.stats.closed, 1,
        "the server closed after echoing everything"
    );
    assert_eq!(summary.closed_at_shutdown, 0);
}

#[test]
fn data_followed_at_once_by_fin_is_echoed_in_both_park_policies() {
    // With the short-read park, a FIN queued behind the data must not be missed: the server
    // would otherwise park after the short read and never see the EOF.
    for strict_eagain in [false, true] {
        let mut cfg = ServerConfig::new(any_port(), Mode::Echo);
        cfg.strict_eagain = strict_eagain;
        let server = Server::start(cfg).expect("server starts");
        for i in 0..50 {
            let mut s = connect(server.local_addr());
            let msg = format!("message {i} then FIN");
            s.write_all(msg.as_bytes()).expect("write");
            s.shutdown(Shutdown::Write)
                .expect("FIN right behind the data");
            let mut back = Vec::new();
            s.read_to_end(&mut back)
                .expect("the server echoes and closes (a hang would time out here)");
            assert_eq!(back, msg.as_bytes(), "strict_eagain={strict_eagain}");
        }
        let summary = server.shutdown().expect("clean shutdown");
        assert_eq!(summary.stats.closed, 50, "strict_eagain={strict_eagain}");
        assert_eq!(summary.closed_at_shutdown, 0);
    }
}

#[test]
fn reset_from_client_is_handled_and_server_keeps_serving() {
    let (server, rx) = start_traced(ServerConfig::new(any_port(), Mode::Echo));
    let mut s = connect(server.local_addr());
    assert_eq!(echo(&mut s, b"before reset"), b"before reset");
    epoll_echo::sys::set_linger_zero(s.as_raw_fd()).expect("SO_LINGER 0");
    drop(s); // sends RST
    wait_for(&rx, "close(reset)", |ev| {
        matches!(
            ev,
            TraceEvent::Close {
                reason: CloseReason::Reset,
                ..
            }
        )
    });
    assert_eq!(server.stats().resets, 1);
    let mut s2 = connect(server.local_addr());
    assert_eq!(echo(&mut s2, b"after reset"), b"after reset");
    drop(s2);
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.accepted, 2);
}

#[test]
fn slow_reader_makes_the_server_stop_reading() {
    const READ_BUF: usize = 16 * 1024;
    // More than every socket buffer on the path can absorb, so the server must push back.
    const TOTAL: usize = 48 << 20;
    let mut cfg = ServerConfig::new(any_port(), Mode::Echo);
    cfg.read_buf_size = READ_BUF;
    let (server, rx) = start_traced(cfg);
    let mut s = connect(server.local_addr());
    // A small receive buffer on the client makes the server's writes hit EAGAIN early.
    let small: libc::c_int = 64 * 1024;
    // SAFETY: setsockopt on a socket we own, with a valid c_int.
    let r = unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            &small as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    assert_eq!(r, 0, "SO_RCVBUF");
    let chunk: Vec<u8> = (0..65536u32).map(|i| (i % 253) as u8).collect();
    let mut writer = s.try_clone().expect("clone stream");
    let sent = chunk.clone();
    // The writer blocks once the server stops reading, and resumes when we read below.
    let t = std::thread::spawn(move || {
        let mut left = TOTAL;
        while left > 0 {
            let n = left.min(sent.len());
            writer.write_all(&sent[..n]).expect("write");
            left -= n;
        }
    });
    let park = wait_for(&rx, "park on wg", |ev| {
        matches!(
            ev,
            TraceEvent::Park {
                mode: PollMode::Write,
                ..
            }
        )
    });
    // While parked on wg the task does not read: what the server holds is its remainder only.
    let stats = server.stats();
    assert!(stats.write_parks >= 1, "{park}");
    assert!(
        stats.pending_high_water <= READ_BUF as u64,
        "held {} bytes for one slow peer",
        stats.pending_high_water
    );
    assert!(
        stats.bytes_in - stats.bytes_out <= READ_BUF as u64,
        "in {} out {}",
        stats.bytes_in,
        stats.bytes_out
    );
    assert!(
        (stats.bytes_in as usize) < TOTAL,
        "the server stopped reading before taking everything"
    );
    // Now read: the server resumes, and every byte comes back in order.
    let mut back = vec![0u8; TOTAL];
    s.read_exact(&mut back).expect("read the whole echo");
    t.join().expect("writer thread");
    let bad = back
        .iter()
        .enumerate()
        .position(|(i, b)| *b != chunk[i % chunk.len()]);
    assert_eq!(bad, None, "the echo differs from what was sent");
    drop(s);
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.bytes_out as usize, TOTAL);
    assert_eq!(summary.stats.pending_bytes, 0);
    assert!(summary.stats.pending_high_water <= READ_BUF as u64);
}

#[test]
fn trace_events_render_and_serialize() {
    let (server, rx) = start_traced(ServerConfig::new(any_port(), Mode::Echo));
    let mut s = connect(server.local_addr());
    assert_eq!(echo(&mut s, b"trace me"), b"trace me");
    let accept = wait_for(&rx, "accept", |ev| matches!(ev, TraceEvent::Accept { .. }));
    let TraceEvent::Accept { fd, .. } = accept else {
        unreachable!("matched above")
    };
    let ctl = wait_for(
        &rx,
        "epoll_ctl for the connection",
        |ev| matches!(ev, TraceEvent::EpollCtl { fd: f, .. } if *f == fd),
    );
    let line = ctl.to_string();
    assert!(
        line.contains(&format!(
            "EPOLL_CTL_ADD, fd={fd}, EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET) = 0"
        )),
        "unexpected rendering: {line}"
    );
    let json = serde_json::to_value(&ctl).expect("serialize");
    assert_eq!(json["type"], "epoll_ctl");
    assert_eq!(json["op"], "EPOLL_CTL_ADD");
    assert_eq!(
        json["events"],
        serde_json::json!(["EPOLLIN", "EPOLLOUT", "EPOLLRDHUP", "EPOLLET"])
    );
    // The connection may first be reported writable only (EPOLLOUT right after
    // registration); wait for the batch that reports our message.
    let wait = wait_for(&rx, "epoll_wait reporting the connection readable", |ev| {
        matches!(ev, TraceEvent::EpollWait { ready, .. }
            if ready.iter().any(|r| r.fd == fd && r.events.0 & libc::EPOLLIN as u32 != 0))
    });
    let line = wait.to_string();
    assert!(
        line.contains("epoll_wait(") && line.contains(&format!("fd={fd} EPOLLIN")),
        "unexpected rendering: {line}"
    );
    drop(s);
    server.shutdown().expect("clean shutdown");
}

#[test]
fn soak_a_few_thousand_connections_over_two_loops() {
    let limit = epoll_echo::sys::raise_nofile_limit().unwrap_or(1024);
    // Client and server sockets both live in this process, next to other tests.
    let conns = 3000usize.min((limit as usize).saturating_sub(400) / 2);
    assert!(conns >= 200, "RLIMIT_NOFILE {limit} is too low for a soak");
    let mut cfg = ServerConfig::new(any_port(), Mode::Echo);
    cfg.threads = 2;
    let server = Server::start(cfg).expect("server starts");
    let addr = server.local_addr();
    let workers = 4;
    let handles: Vec<_> = (0..workers)
        .map(|w| {
            std::thread::spawn(move || {
                let mut streams = Vec::new();
                for i in (w..conns).step_by(workers) {
                    let mut s = connect(addr);
                    let msg = format!("conn {i} hello");
                    assert_eq!(echo(&mut s, msg.as_bytes()), msg.as_bytes());
                    streams.push((i, s));
                }
                // Every connection open at once, then a second round on each.
                for (i, s) in streams.iter_mut() {
                    let msg = format!("conn {i} again");
                    assert_eq!(echo(s, msg.as_bytes()), msg.as_bytes());
                }
                streams.len()
            })
        })
        .collect();
    let total: usize = handles
        .into_iter()
        .map(|h| h.join().expect("soak worker"))
        .sum();
    assert_eq!(total, conns);
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.loops, 2);
    assert_eq!(summary.stats.accepted as usize, conns);
    assert_eq!(summary.stats.bytes_in, summary.stats.bytes_out);
    assert_eq!(summary.stats.closed, summary.stats.accepted);
    assert_eq!(summary.stats.resets, 0);
}

#[test]
fn bench_pingpong_and_idle_probe_measure_an_in_process_server() {
    let server = start(Mode::Echo);
    let cfg = PingPongConfig {
        addr: server.local_addr(),
        conns: 4,
        size: 64,
        depth: 2,
        duration: Duration::from_millis(200),
        warmup: Duration::from_millis(50),
        threads: 1,
        server_pid: Some(std::process::id() as i32),
    };
    let r = bench::run_pingpong(&cfg).expect("ping-pong runs");
    assert_eq!(r.errors, 0);
    assert!(r.msgs > 0);
    assert!(r.p50_us > 0.0 && r.p50_us <= r.p99_us && r.p99_us <= r.p999_us);
    assert!(r.to_string().contains("RESULT conns=4 size=64 depth=2"));
    let idle = bench::run_idle(&IdleConfig {
        addr: server.local_addr(),
        counts: vec![20, 10],
        server_pid: std::process::id() as i32,
        per_source: 15,
        size: 64,
    })
    .expect("idle probe runs");
    assert_eq!(idle.errors, 0);
    let ns: Vec<usize> = idle.points.iter().map(|p| p.0).collect();
    assert_eq!(
        ns,
        vec![0, 10, 20],
        "counts are sampled in ascending order after a baseline"
    );
    server.shutdown().expect("clean shutdown");
}

// ---- tests that run the real binary ----------------------------------------------------------

/// A child server process, killed by a watchdog if a test goes wrong (a safety bound only).
struct Child {
    child: std::process::Child,
    stdout: BufReader<std::process::ChildStdout>,
    addr: SocketAddrV4,
    _watchdog: mpsc::Sender<()>,
}

/// A failing assertion must not leave a server process behind.
impl Drop for Child {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Child {
    fn spawn(args: &[&str], nofile: Option<u64>) -> Child {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_epoll-echo"));
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        if !args.contains(&"--addr") {
            cmd.args(["--addr", "127.0.0.1:0"]);
        }
        if let Some(n) = nofile {
            // SAFETY: setrlimit is async-signal-safe; the closure touches nothing else.
            unsafe {
                cmd.pre_exec(move || {
                    let rl = libc::rlimit {
                        rlim_cur: n,
                        rlim_max: n,
                    };
                    if libc::setrlimit(libc::RLIMIT_NOFILE, &rl) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = cmd.spawn().expect("spawn epoll-echo");
        let pid = child.id() as i32;
        let (tx, rx) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(Duration::from_secs(120))
            {
                let _ = epoll_echo::sys::kill(pid, libc::SIGKILL);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("read the listening line");
        let addr = line
            .split_whitespace()
            .find_map(|w| w.parse::<SocketAddrV4>().ok())
            .unwrap_or_else(|| panic!("no address in first line {line:?}"));
        Child {
            child,
            stdout,
            addr,
            _watchdog: tx,
        }
    }

    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Sends `sig` and returns (success, the rest of stdout).
    fn stop(&mut self, sig: i32) -> (bool, String) {
        epoll_echo::sys::kill(self.pid(), sig).expect("signal the server");
        let mut rest = String::new();
        self.stdout
            .read_to_string(&mut rest)
            .expect("read stdout to EOF");
        let status = self.child.wait().expect("wait for the server");
        (status.success(), rest)
    }
}

fn summary_field(out: &str, key: &str) -> u64 {
    let line = out
        .lines()
        .find(|l| l.starts_with("epoll-echo summary:"))
        .unwrap_or_else(|| panic!("no summary in {out:?}"));
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {key}= in {line:?}"))
}

#[test]
fn sigterm_and_sigint_shut_down_gracefully_with_a_summary() {
    for (sig, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")] {
        let mut child = Child::spawn(&["serve", "--mode", "echo", "--threads", "2"], None);
        let mut open: Vec<TcpStream> = (0..3).map(|_| connect(child.addr)).collect();
        for (i, s) in open.iter_mut().enumerate() {
            let msg = format!("client {i}");
            assert_eq!(echo(s, msg.as_bytes()), msg.as_bytes());
        }
        let (ok, out) = child.stop(sig);
        assert!(ok, "server exited with failure after {name}: {out}");
        assert!(out.contains(&format!("stopped by {name}")), "{out}");
        assert_eq!(summary_field(&out, "accepted"), 3);
        assert_eq!(summary_field(&out, "closed_at_shutdown"), 3);
        assert_eq!(summary_field(&out, "loops"), 2);
        for s in open.iter_mut() {
            let mut buf = [0u8; 8];
            let n = s.read(&mut buf).expect("the server closed our connection");
            assert_eq!(n, 0, "expected EOF from the server");
        }
    }
}

#[test]
fn trace_flag_prints_epoll_calls() {
    let mut child = Child::spawn(&["--trace"], None);
    let mut s = connect(child.addr);
    assert_eq!(echo(&mut s, b"traced"), b"traced");
    drop(s);
    // Read the trace until the connection's close shows up (bounded by the watchdog).
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        if child.stdout.read_line(&mut line).expect("read trace") == 0 {
            panic!("stdout ended early: {seen:?}");
        }
        let done = line.contains(") (eof)");
        seen.push(line.trim_end().to_string());
        if done {
            break;
        }
    }
    let text = seen.join("\n");
    assert!(
        text.contains("[loop 0] epoll_create1(EPOLL_CLOEXEC) = "),
        "{text}"
    );
    let accept = seen
        .iter()
        .find(|l| l.contains("accept4("))
        .unwrap_or_else(|| panic!("{text}"));
    let fd: i32 = accept
        .split(" = ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("fd in accept line");
    assert!(
        text.contains(&format!(
            "EPOLL_CTL_ADD, fd={fd}, EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET) = 0"
        )),
        "{text}"
    );
    assert!(
        seen.iter()
            .any(|l| l.contains("epoll_wait(") && l.contains(&format!("fd={fd} EPOLLIN"))),
        "{text}"
    );
    // The syscall comes first: the echo task's read returns the 6 bytes and its write sends them.
    assert!(
        seen.iter()
            .any(|l| l.contains(&format!("] read({fd}, ")) && l.ends_with(") = 6")),
        "{text}"
    );
    assert!(text.contains(&format!("] write({fd}, 6) = 6")), "{text}");
    // The accept task always parks on the listener's rg once the backlog is empty.
    assert!(
        seen.iter()
            .any(|l| l.contains("gopark fd=") && l.ends_with("on rg (EAGAIN)")),
        "{text}"
    );
    let (ok, _) = child.stop(libc::SIGTERM);
    assert!(ok);
}

#[test]
fn emfile_sheds_connections_without_spinning_and_keeps_serving() {
    let limit = 40u64;
    let mut child = Child::spawn(&["serve"], Some(limit));
    let cpu_before = bench::proc_cpu_ticks(child.pid()).expect("read server CPU");
    let mut served = Vec::new();
    let mut shed = 0;
    for i in 0..100 {
        let mut s = connect(child.addr);
        let msg = format!("over the limit {i}");
        let _ = s.write_all(msg.as_bytes());
        let mut buf = vec![0u8; msg.len()];
        match s.read(&mut buf) {
            Ok(n) if n > 0 => {
                let mut got = n;
                while got < buf.len() {
                    let m = s.read(&mut buf[got..]).expect("rest of echo");
                    assert!(m > 0, "server closed mid-echo");
                    got += m;
                }
                assert_eq!(buf, msg.as_bytes());
                served.push(s);
            }
            Ok(_) => shed += 1,
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe) => {
                shed += 1
            }
            Err(e) => panic!("connection {i}: neither echoed nor closed: {e}"),
        }
    }
    assert!(
        served.len() >= 20,
        "only {} connections served under a limit of {limit}",
        served.len()
    );
    assert!(shed >= 50, "only {shed} connections shed");
    // Existing connections keep working at the limit.
    for s in served.iter_mut().take(5) {
        assert_eq!(echo(s, b"still here"), b"still here");
    }
    // Free descriptors; new connections are served again (bounded retries while the server
    // processes the closes).
    served.truncate(5);
    let mut recovered = false;
    for _ in 0..200 {
        let mut s = connect(child.addr);
        let _ = s.write_all(b"back");
        let mut buf = [0u8; 4];
        if s.read_exact(&mut buf).is_ok() && &buf == b"back" {
            recovered = true;
            break;
        }
    }
    assert!(
        recovered,
        "the server never served a new connection after descriptors were freed"
    );
    let cpu_after = bench::proc_cpu_ticks(child.pid()).expect("read server CPU");
    let ticks = cpu_after - cpu_before;
    let (ok, out) = child.stop(libc::SIGTERM);
    assert!(ok, "{out}");
    assert!(summary_field(&out, "shed") >= 50, "{out}");
    // A loop spinning on EMFILE would poll without end; ours polls about once per connection.
    let wakeups = summary_field(&out, "netpoll_wakeups");
    assert!(
        wakeups < 2000,
        "{wakeups} netpoll wakeups for ~300 connections: the loop spun\n{out}"
    );
    assert!(
        ticks < 2 * epoll_echo::sys::clock_ticks_per_sec(),
        "server used {ticks} CPU ticks"
    );
}

#[test]
fn bench_refuses_targets_outside_loopback() {
    for addr in ["10.1.2.3:2333", "8.8.8.8:53", "[::1]:2333"] {
        let out = Command::new(env!("CARGO_BIN_EXE_epoll-echo"))
            .args(["bench", "--addr", addr, "--duration", "0.1"])
            .output()
            .expect("run bench");
        assert_eq!(out.status.code(), Some(2), "bench must refuse {addr}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("refusing to target {addr}")), "{err}");
        assert!(
            out.stdout.is_empty(),
            "nothing may be measured against {addr}"
        );
    }
}

// ---- descriptor limits, signals, the port, under load (issue 11) ------------------------------

/// The targets of a process's descriptors (`/proc/<pid>/fd`): the ground truth, not a counter.
fn proc_fds(pid: i32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("read /proc/<pid>/fd")
        .flatten()
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Polls `cond` until it holds; gives up after a bound (about 30 s), which fails the test.
/// The pause between polls is not synchronization: the condition is.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..3000 {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what}: still not true after the bound");
}

/// Waits until all `loops` epoll instances of a child exist, and returns its descriptor count
/// then: the server's fixed descriptors (listeners, epolls, signalfd, eventfd, spare, stdio).
fn fixed_fds(pid: i32, loops: usize) -> usize {
    eventually("every loop created its epoll instance", || {
        proc_fds(pid)
            .iter()
            .filter(|t| t.contains("eventpoll"))
            .count()
            == loops
    });
    proc_fds(pid).len()
}

/// What happened to a connection that sent one message to a server at its descriptor limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Pending,
    Echoed,
    /// Accepted and closed at once (EOF or RST).
    Shed,
}

/// Waits for every connection to be answered, polling them all together; connections still
/// pending when answers stop coming stay `Pending` (the caller asserts there are none).
fn await_answers(conns: &mut [(TcpStream, Vec<u8>)]) -> Vec<Answer> {
    let mut answers = vec![Answer::Pending; conns.len()];
    let mut got: Vec<Vec<u8>> = vec![Vec::new(); conns.len()];
    for (s, _) in conns.iter() {
        s.set_nonblocking(true).expect("non-blocking client");
    }
    // A safety bound, not a measurement: give up only when no connection has been answered
    // for 30 s (a hung queue), or after 5 minutes in all. Under load from the other tests the
    // server may take a while to shed hundreds of connections, but it never stops shedding.
    let start = std::time::Instant::now();
    let mut last_progress = start;
    loop {
        let pending: Vec<usize> = (0..conns.len())
            .filter(|&i| answers[i] == Answer::Pending)
            .collect();
        if pending.is_empty()
            || last_progress.elapsed() > Duration::from_secs(30)
            || start.elapsed() > Duration::from_secs(300)
        {
            break;
        }
        let mut pfds: Vec<libc::pollfd> = pending
            .iter()
            .map(|&i| libc::pollfd {
                fd: conns[i].0.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // SAFETY: `pfds` is valid for its length.
        let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, 1000) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            assert_eq!(e.kind(), ErrorKind::Interrupted, "poll: {e}");
            continue;
        }
        for (k, &i) in pending.iter().enumerate() {
            if pfds[k].revents == 0 {
                continue;
            }
            let (s, msg) = &mut conns[i];
            let mut buf = [0u8; 256];
            loop {
                match s.read(&mut buf) {
                    Ok(0) => {
                        assert!(got[i].is_empty(), "connection {i}: closed mid-echo");
                        answers[i] = Answer::Shed;
                        last_progress = std::time::Instant::now();
                        break;
                    }
                    Ok(n) => {
                        got[i].extend_from_slice(&buf[..n]);
                        if got[i].len() >= msg.len() {
                            assert_eq!(&got[i], msg, "connection {i}: wrong echo");
                            answers[i] = Answer::Echoed;
                            last_progress = std::time::Instant::now();
                            break;
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e)
                        if matches!(
                            e.kind(),
                            ErrorKind::ConnectionReset | ErrorKind::BrokenPipe
                        ) =>
                    {
                        answers[i] = Answer::Shed;
                        last_progress = std::time::Instant::now();
                        break;
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => panic!("connection {i}: {e}"),
                }
            }
        }
    }
    answers
}

/// Connects `n` clients from `threads` threads at once, each sending one message at once, so
/// that the server's loops meet EMFILE concurrently.
fn storm(addr: SocketAddrV4, n: usize, threads: usize) -> Vec<(TcpStream, Vec<u8>)> {
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            std::thread::spawn(move || {
                (t..n)
                    .step_by(threads)
                    .map(|i| {
                        let mut s = TcpStream::connect(addr).expect("connect (queued)");
                        let msg = format!("storm {i}").into_bytes();
                        // The server may shed the connection before the write lands.
                        let _ = s.write_all(&msg);
                        (s, msg)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|h| h.join().expect("storm thread"))
        .collect()
}

#[test]
fn emfile_with_many_loops_answers_every_connection() {
    // Each loop used to keep its own spare descriptor; another loop could take the slot the
    // spare freed, and the loop that gave it up then never drained its accept queue.
    const LOOPS: usize = 8;
    const CONNS: usize = 400;
    let _ = epoll_echo::sys::raise_nofile_limit();
    let limit = 64u64;
    for round in 0..5 {
        let mut child = Child::spawn(&["serve", "--threads", "8"], Some(limit));
        let pid = child.pid();
        let fixed = fixed_fds(pid, LOOPS);
        assert!(
            (fixed as u64) < limit - 8,
            "{fixed} fixed descriptors leave no room under {limit}"
        );
        let mut conns = storm(child.addr, CONNS, 8);
        let answers = await_answers(&mut conns);
        let pending = answers.iter().filter(|a| **a == Answer::Pending).count();
        let echoed = answers.iter().filter(|a| **a == Answer::Echoed).count();
        let shed = answers.iter().filter(|a| **a == Answer::Shed).count();
        assert_eq!(
            pending, 0,
            "round {round}: {pending} connections never answered ({echoed} echoed, {shed} shed)"
        );
        assert!(echoed >= 10, "round {round}: only {echoed} served");
        assert!(shed >= CONNS / 2, "round {round}: only {shed} shed");
        // Every descriptor comes back once the clients go.
        drop(conns);
        eventually("the server's descriptors return to its fixed set", || {
            proc_fds(pid).len() == fixed
        });
        // And a new connection is served again.
        let mut s = connect(child.addr);
        assert_eq!(echo(&mut s, b"after the storm"), b"after the storm");
        drop(s);
        eventually("the last connection is closed", || {
            proc_fds(pid).len() == fixed
        });
        let (ok, out) = child.stop(libc::SIGTERM);
        assert!(ok, "{out}");
        let accepted = summary_field(&out, "accepted");
        let shed_total = summary_field(&out, "shed");
        assert_eq!(accepted as usize, echoed + 1, "{out}");
        assert_eq!(shed_total as usize, shed, "{out}");
        assert!(
            summary_field(&out, "netpoll_wakeups") < 20 * CONNS as u64,
            "the loops spun: {out}"
        );
    }
}

#[test]
fn sigterm_right_after_listening_is_handled_not_fatal() {
    // The signals used to be blocked only after "listening on" was printed: a SIGTERM sent
    // as soon as the line appeared killed the server by the default action.
    for i in 0..30 {
        let mut child = Child::spawn(&["serve", "--threads", "4"], None);
        let (ok, out) = child.stop(libc::SIGTERM);
        assert!(
            ok,
            "try {i}: the server died instead of shutting down: {out:?}"
        );
        assert!(out.contains("stopped by SIGTERM"), "try {i}: {out}");
    }
}

/// The blocked-signal mask of every thread of a process, from `/proc/<pid>/task/*/status`.
fn blocked_masks(pid: i32) -> Vec<(String, u64)> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("read tasks")
        .flatten()
        .filter_map(|t| {
            let status = std::fs::read_to_string(t.path().join("status")).ok()?;
            let name = status.lines().next()?.to_string();
            let blk = status.lines().find_map(|l| l.strip_prefix("SigBlk:"))?;
            Some((name, u64::from_str_radix(blk.trim(), 16).ok()?))
        })
        .collect()
}

#[test]
fn every_thread_blocks_the_shutdown_signals() {
    let mut child = Child::spawn(
        &["serve", "--threads", "3", "--trace-ws", "127.0.0.1:0"],
        None,
    );
    let pid = child.pid();
    // main, three loops, the trace hub and the viewer acceptor.
    eventually("every thread has started", || blocked_masks(pid).len() >= 6);
    let bits = (1u64 << (libc::SIGINT - 1)) | (1u64 << (libc::SIGTERM - 1));
    for (name, mask) in blocked_masks(pid) {
        assert_eq!(mask & bits, bits, "{name} does not block SIGINT/SIGTERM");
    }
    let (ok, out) = child.stop(libc::SIGINT);
    assert!(ok, "{out}");
}

/// Runs the binary to completion (bounded by a watchdog) and returns (exit code, stderr).
fn run_to_exit(args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_epoll-echo"));
    cmd.args(args).stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn epoll-echo");
    let pid = child.id() as i32;
    let (tx, rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        // A server that starts instead of refusing never exits by itself.
        if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(Duration::from_secs(30)) {
            let _ = epoll_echo::sys::kill(pid, libc::SIGKILL);
        }
    });
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    let status = child.wait().expect("wait");
    drop(tx);
    watchdog.join().expect("watchdog");
    (status.code(), err)
}

#[test]
fn a_second_server_on_a_served_port_refuses_unless_asked_to_share() {
    let mut first = Child::spawn(&["serve", "--threads", "2"], None);
    let addr = first.addr.to_string();
    for threads in ["2", "1"] {
        let (code, err) = run_to_exit(&["serve", "--threads", threads, "--addr", &addr]);
        assert_eq!(code, Some(1), "--threads {threads} must refuse: {err}");
        assert!(
            err.contains(&format!("{addr} is already served by another process")),
            "{err}"
        );
        assert!(err.contains(&format!("pid {}", first.pid())), "{err}");
        assert!(err.contains("--reuse-port-shared"), "{err}");
    }
    // Asked to share, it starts, and the kernel splits connections between the two.
    let mut second = Child::spawn(
        &[
            "serve",
            "--threads",
            "2",
            "--addr",
            &addr,
            "--reuse-port-shared",
        ],
        None,
    );
    assert_eq!(second.addr, first.addr);
    let mut s = connect(first.addr);
    assert_eq!(echo(&mut s, b"shared"), b"shared");
    drop(s);
    let (ok, out) = second.stop(libc::SIGTERM);
    assert!(ok, "{out}");
    let (ok, out) = first.stop(libc::SIGTERM);
    assert!(ok, "{out}");
}

#[test]
fn loopback_listens_without_a_warning() {
    let mut child = Child::spawn(&["serve"], None);
    let (ok, _) = child.stop(libc::SIGTERM);
    assert!(ok);
    let mut err = String::new();
    child
        .child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn sigterm_under_load_with_many_connections_closes_everything() {
    const LOOPS: usize = 4;
    const IDLE: usize = 1000;
    const BUSY: usize = 40;
    let _ = epoll_echo::sys::raise_nofile_limit();
    let mut child = Child::spawn(&["serve", "--threads", "4"], None);
    let pid = child.pid();
    let fixed = fixed_fds(pid, LOOPS);
    let idle: Vec<TcpStream> = (0..IDLE)
        .map(|i| {
            let mut s = connect(child.addr);
            let msg = format!("idle {i}");
            assert_eq!(echo(&mut s, msg.as_bytes()), msg.as_bytes());
            s
        })
        .collect();
    // Busy clients echo without pause until the server closes them.
    let round_trips = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let busy: Vec<_> = (0..BUSY)
        .map(|i| {
            let mut s = connect(child.addr);
            let n = round_trips.clone();
            std::thread::spawn(move || {
                let msg = format!("busy {i} ").repeat(8).into_bytes();
                let mut back = vec![0u8; msg.len()];
                loop {
                    if s.write_all(&msg).is_err() {
                        return;
                    }
                    match s.read_exact(&mut back) {
                        Ok(()) => {
                            assert_eq!(back, msg);
                            n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        // EOF or reset: the server shut down. A hang would hit IO_BOUND.
                        Err(e) if e.kind() != ErrorKind::WouldBlock => return,
                        Err(e) => panic!("busy client {i}: no answer: {e}"),
                    }
                }
            })
        })
        .collect();
    eventually("every connection is open on the server", || {
        proc_fds(pid).len() == fixed + IDLE + BUSY
    });
    eventually("the busy clients are echoing", || {
        round_trips.load(std::sync::atomic::Ordering::Relaxed) >= 2000
    });
    let (ok, out) = child.stop(libc::SIGTERM);
    assert!(ok, "{out}");
    assert!(out.contains("stopped by SIGTERM"), "{out}");
    assert_eq!(summary_field(&out, "accepted") as usize, IDLE + BUSY);
    assert_eq!(
        summary_field(&out, "closed_at_shutdown") as usize,
        IDLE + BUSY
    );
    for h in busy {
        h.join().expect("busy client ends on EOF or reset");
    }
    for mut s in idle {
        let mut buf = [0u8; 8];
        match s.read(&mut buf) {
            Ok(0) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
            other => panic!("an idle client was not closed: {other:?}"),
        }
    }
}
