//! Command-line parsing for the `epoll-echo` binary: `serve` (the default) and `bench`.
//!
//! It turns arguments into config values or a usage error and does nothing else: no sockets,
//! no printing. Bad input is an `Err` with a message, never a panic. The bench's loopback check
//! runs here, so a refused address never reaches the load generator.

use crate::bench::{check_loopback, IdleConfig, PingPongConfig};
use crate::server::{Mode, ServerConfig};
use crate::viewer::check_viewer_addr;
use std::net::SocketAddrV4;
use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
usage:
  epoll-echo [serve] [--mode once|echo] [--addr IP:PORT] [--threads N] [--trace] [--strict-eagain]
                   [--reuse-port-shared] [--trace-ws 127.0.0.1:PORT]
                   [--trace-file PATH [--trace-file-max EVENTS]]
      default: --mode echo --addr 127.0.0.1:2333 --threads 1
      --trace-ws streams the trace as JSON over a WebSocket (loopback only); --trace-file
      writes the same messages, one per line; --reuse-port-shared joins a port another
      process already serves (SO_REUSEPORT) instead of refusing
  epoll-echo bench [--addr IP:PORT] [--conns N] [--size BYTES] [--depth N] [--duration SECS]
                   [--warmup SECS] [--threads N] [--server-pid PID]
      closed-loop ping-pong; defaults: --conns 100 --size 64 --depth 1 --duration 5 --warmup 1 --threads 1
  epoll-echo bench --idle --server-pid PID [--addr IP:PORT] [--counts N,N,...] [--per-source N]
      idle memory per connection; defaults: --counts 1000,5000,10000,15000,19000 --per-source 5000
  bench targets must be in 127.0.0.0/8.";

/// Where the JSON trace goes, besides `--trace`'s text lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewerOptions {
    /// `--trace-ws`: a loopback address for WebSocket viewers.
    pub ws: Option<SocketAddrV4>,
    /// `--trace-file`.
    pub file: Option<PathBuf>,
    /// `--trace-file-max`: per-message events the file keeps.
    pub file_max_events: Option<u64>,
}

impl ViewerOptions {
    pub fn any(&self) -> bool {
        self.ws.is_some() || self.file.is_some()
    }
}

/// What the binary was asked to do.
pub enum Command {
    Serve(ServerConfig, ViewerOptions),
    PingPong(PingPongConfig),
    Idle(IdleConfig),
    Help,
}

struct Args<'a> {
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Args<'a> {
    fn value(&mut self, flag: &str) -> Result<&'a str, String> {
        self.rest
            .next()
            .map(String::as_str)
            .ok_or_else(|| format!("{flag} needs a value"))
    }

    fn number<T: std::str::FromStr>(&mut self, flag: &str) -> Result<T, String> {
        let v = self.value(flag)?;
        v.parse()
            .map_err(|_| format!("{flag}: {v:?} is not a valid number"))
    }

    fn seconds(&mut self, flag: &str) -> Result<Duration, String> {
        let v: f64 = self.number(flag)?;
        if !(0.0..=86_400.0).contains(&v) {
            return Err(format!("{flag}: {v} is out of range (0..86400 seconds)"));
        }
        Ok(Duration::from_secs_f64(v))
    }
}

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    match argv.first().map(String::as_str) {
        Some("-h") | Some("--help") | Some("help") => Ok(Command::Help),
        Some("bench") => parse_bench(&argv[1..]),
        Some("serve") => parse_serve(&argv[1..]),
        _ => parse_serve(argv),
    }
}

fn parse_serve(argv: &[String]) -> Result<Command, String> {
    let default_addr = SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 2333);
    let mut cfg = ServerConfig::new(default_addr, Mode::Echo);
    cfg.handle_signals = true;
    let mut viewers = ViewerOptions::default();
    let mut a = Args { rest: argv.iter() };
    while let Some(flag) = a.rest.next() {
        match flag.as_str() {
            "--mode" => {
                let v = a.value(flag)?;
                cfg.mode = Mode::parse(v)
                    .ok_or_else(|| format!("--mode: expected once or echo, got {v:?}"))?;
            }
            "--addr" => {
                let v = a.value(flag)?;
                cfg.addr = v
                    .parse()
                    .map_err(|_| format!("--addr: {v:?} is not an IPv4 IP:PORT"))?;
            }
            "--threads" => {
                cfg.threads = a.number(flag)?;
                if !(1..=256).contains(&cfg.threads) {
                    return Err("--threads: expected 1..256".into());
                }
            }
            "--trace" => {
                cfg.trace = Some(std::sync::Arc::new(|ev: &crate::TraceEvent| {
                    println!("{ev}")
                }))
            }
            "--strict-eagain" => cfg.strict_eagain = true,
            "--reuse-port-shared" => cfg.reuse_port_shared = true,
            "--trace-ws" => {
                let v = a.value(flag)?;
                let addr: SocketAddrV4 = v.parse().map_err(|_| {
                    format!("--trace-ws: {v:?} is not an IPv4 IP:PORT (for example 127.0.0.1:9333)")
                })?;
                check_viewer_addr(addr)?;
                viewers.ws = Some(addr);
            }
            "--trace-file" => viewers.file = Some(PathBuf::from(a.value(flag)?)),
            "--trace-file-max" => viewers.file_max_events = Some(a.number(flag)?),
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("serve: unknown argument {other:?}")),
        }
    }
    if viewers.file_max_events.is_some() && viewers.file.is_none() {
        return Err("--trace-file-max needs --trace-file".into());
    }
    Ok(Command::Serve(cfg, viewers))
}

fn parse_bench(argv: &[String]) -> Result<Command, String> {
    let mut addr = String::from("127.0.0.1:2333");
    let mut pp = PingPongConfig {
        addr: SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 2333),
        conns: 100,
        size: 64,
        depth: 1,
        duration: Duration::from_secs(5),
        warmup: Duration::from_secs(1),
        threads: 1,
        server_pid: None,
    };
    let mut idle = false;
    let mut counts = vec![1000, 5000, 10000, 15000, 19000];
    let mut per_source = 5000;
    let mut a = Args { rest: argv.iter() };
    while let Some(flag) = a.rest.next() {
        match flag.as_str() {
            "--addr" => addr = a.value(flag)?.to_string(),
            "--conns" => pp.conns = a.number(flag)?,
            "--size" => pp.size = a.number(flag)?,
            "--depth" => pp.depth = a.number(flag)?,
            "--duration" => pp.duration = a.seconds(flag)?,
            "--warmup" => pp.warmup = a.seconds(flag)?,
            "--threads" => pp.threads = a.number(flag)?,
            "--server-pid" => pp.server_pid = Some(a.number(flag)?),
            "--idle" => idle = true,
            "--per-source" => per_source = a.number(flag)?,
            "--counts" => {
                let v = a.value(flag)?;
                counts = v
                    .split(',')
                    .map(|c| {
                        c.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("--counts: {c:?} is not a number"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("bench: unknown argument {other:?}")),
        }
    }
    // Refuse non-loopback targets before anything else is checked or opened.
    pp.addr = check_loopback(&addr)?;
    if pp.conns == 0 || pp.conns > 100_000 {
        return Err("--conns: expected 1..100000".into());
    }
    if pp.size == 0 || pp.size > 1 << 20 {
        return Err("--size: expected 1..1048576 bytes".into());
    }
    if pp.depth == 0 || pp.depth > 1024 {
        return Err("--depth: expected 1..1024".into());
    }
    if pp.threads == 0 || pp.threads > 256 {
        return Err("--threads: expected 1..256".into());
    }
    if idle {
        let server_pid = pp
            .server_pid
            .ok_or("bench --idle needs --server-pid PID to read the server's VmRSS")?;
        if counts.is_empty() || counts.iter().any(|&c| c > 200_000) {
            return Err("--counts: expected a list of connection counts up to 200000".into());
        }
        return Ok(Command::Idle(IdleConfig {
            addr: pp.addr,
            counts,
            server_pid,
            per_source,
            size: pp.size,
        }));
    }
    Ok(Command::PingPong(pp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn serve_defaults_and_flags() {
        let Ok(Command::Serve(cfg, viewers)) = parse(&args("--mode once --threads 2")) else {
            panic!("expected serve")
        };
        assert_eq!(cfg.mode, Mode::Once);
        assert_eq!(cfg.threads, 2);
        assert_eq!(cfg.addr.to_string(), "127.0.0.1:2333");
        assert!(cfg.handle_signals);
        assert!(!cfg.reuse_port_shared);
        assert!(!viewers.any());
        assert!(parse(&args("serve --mode twice")).is_err());
        assert!(parse(&args("--threads")).is_err());
        let Ok(Command::Serve(cfg, viewers)) = parse(&args(
            "--reuse-port-shared --trace-ws 127.0.0.1:9333 --trace-file t.jsonl --trace-file-max 50",
        )) else {
            panic!("expected serve")
        };
        assert!(cfg.reuse_port_shared);
        assert_eq!(
            viewers.ws.map(|a| a.to_string()).as_deref(),
            Some("127.0.0.1:9333")
        );
        assert_eq!(viewers.file, Some(PathBuf::from("t.jsonl")));
        assert_eq!(viewers.file_max_events, Some(50));
        assert!(
            parse(&args("--trace-file-max 5")).is_err(),
            "a cap needs a file"
        );
    }

    #[test]
    fn trace_ws_refuses_anything_but_loopback() {
        for addr in ["0.0.0.0:9333", "192.168.1.5:9333", "8.8.8.8:80"] {
            let Err(e) = parse(&args(&format!("--trace-ws {addr}"))) else {
                panic!("{addr} must be refused")
            };
            assert!(e.contains(&format!("refusing to listen on {addr}")), "{e}");
            assert!(e.contains("only on loopback"), "{e}");
        }
        assert!(parse(&args("--trace-ws [::1]:9333")).is_err());
        assert!(parse(&args("--trace-ws 127.0.0.1:9333")).is_ok());
    }

    #[test]
    fn bench_refuses_non_loopback_before_anything_else() {
        let Err(e) = parse(&args("bench --addr 192.168.1.1:2333 --conns 0")) else {
            panic!("expected refusal")
        };
        assert!(e.contains("refusing to target 192.168.1.1:2333"), "{e}");
        let Ok(Command::Idle(i)) = parse(&args("bench --idle --server-pid 7 --counts 10,20"))
        else {
            panic!("expected idle")
        };
        assert_eq!(i.counts, vec![10, 20]);
        assert!(parse(&args("bench --idle")).is_err(), "idle needs a pid");
    }
}
