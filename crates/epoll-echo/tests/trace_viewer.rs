//! The trace viewers (`--trace-ws`, `--trace-file`): a WebSocket client (tungstenite's
//! blocking client, the crate the server uses) receives `hello` first and then one
//! connection's events in a sane order; a viewer that never reads does not slow the server,
//! and its drops are counted; the file holds the same messages with a cap.
//!
//! Everything runs on 127.0.0.1 with kernel-chosen ports. The tests share a lock because the
//! throughput comparison must not run beside the others. Loops are bounded in count; socket
//! timeouts are safety bounds only; no assertion is about wall-clock time.
#![cfg(target_os = "linux")]

use epoll_echo::bench::{self, PingPongConfig};
use epoll_echo::server::BoundServer;
use epoll_echo::{HubConfig, Mode, Server, ServerConfig, TraceHub};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpStream};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tungstenite::{Message, WebSocket};

const IO_BOUND: Duration = Duration::from_secs(20);

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

fn any_port() -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)
}

/// A server with a trace hub listening for WebSocket viewers.
fn start_with_hub(threads: usize) -> (Server, TraceHub, SocketAddrV4) {
    let mut cfg = ServerConfig::new(any_port(), Mode::Echo);
    cfg.threads = threads;
    let mut bound = BoundServer::bind(cfg).expect("bind");
    let mut hub = TraceHub::new(HubConfig::new(threads), bound.fd_reserve()).expect("hub");
    let ws = hub.listen_ws(any_port()).expect("listen for viewers");
    bound.add_trace(hub.sink());
    let server = bound.start().expect("start");
    hub.open(&server).expect("open the hub");
    (server, hub, ws)
}

type Viewer = WebSocket<TcpStream>;

fn viewer(ws: SocketAddrV4) -> Viewer {
    let stream = TcpStream::connect(ws).expect("connect to the viewer port");
    stream
        .set_read_timeout(Some(IO_BOUND))
        .expect("read timeout");
    let (socket, _) =
        tungstenite::client(format!("ws://{ws}/"), stream).expect("WebSocket handshake");
    socket
}

/// The next text message, parsed; None when the server closed the WebSocket.
fn next(v: &mut Viewer) -> Option<Value> {
    loop {
        match v.read() {
            Ok(Message::Text(t)) => {
                let m: Value = serde_json::from_str(t.as_str())
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {t}"));
                assert!(m["type"].is_string(), "no type: {m}");
                assert!(m["t_us"].is_u64(), "no t_us: {m}");
                return Some(m);
            }
            Ok(Message::Close(_)) => return None,
            Ok(Message::Ping(_)) | Ok(Message::Pong(_)) => continue,
            Ok(other) => panic!("unexpected message {other:?}"),
            Err(tungstenite::Error::ConnectionClosed) => return None,
            // A read under SO_RCVTIMEO fails with EINTR if the process was stopped and
            // continued; the frame state is kept, so reading again is right.
            Err(tungstenite::Error::Io(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
                continue
            }
            Err(e) => panic!("viewer read failed: {e}"),
        }
    }
}

fn echo(s: &mut TcpStream, msg: &[u8]) {
    s.write_all(msg).expect("write");
    let mut back = vec![0u8; msg.len()];
    s.read_exact(&mut back).expect("echo");
    assert_eq!(back, msg);
}

/// Does this event concern descriptor `fd`?
fn about_fd(m: &Value, fd: i64) -> bool {
    m["fd"].as_i64() == Some(fd)
        || m["ready"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x["fd"].as_i64() == Some(fd)))
}

#[test]
fn a_websocket_viewer_gets_hello_then_a_connections_events_in_order() {
    let _one = exclusive();
    let (server, hub, ws) = start_with_hub(1);
    let mut v = viewer(ws);
    let hello = next(&mut v).expect("hello");
    assert_eq!(hello["type"], "hello", "{hello}");
    assert_eq!(hello["schema"], epoll_echo::wire::SCHEMA_VERSION);
    assert_eq!(hello["server"], "epoll-echo");
    assert_eq!(hello["loops"], 1);
    assert_eq!(hello["addr"], server.local_addr().to_string());
    assert_eq!(hello["mode"], "echo");
    let epfd = hello["loop_fds"][0]["epfd"].as_i64().expect("epfd");
    let listener = hello["loop_fds"][0]["listener_fd"]
        .as_i64()
        .expect("listener fd");

    // One connection, a few echoes, then close. The payload must never reach the viewer.
    const SECRET: &[u8] = b"payload-that-must-not-leak";
    let mut c = TcpStream::connect(server.local_addr()).expect("connect");
    c.set_read_timeout(Some(IO_BOUND)).expect("timeout");
    for _ in 0..3 {
        echo(&mut c, SECRET);
    }
    drop(c);

    let mut events = Vec::new();
    let mut fd = None;
    let mut last_t = 0;
    // Bounded: one connection produces a few dozen events; drops/stats add a few more.
    for _ in 0..10_000 {
        let m = next(&mut v).expect("the stream goes on until the close");
        let text = m.to_string();
        assert!(
            !text.contains(std::str::from_utf8(SECRET).expect("ascii")),
            "payload leaked: {text}"
        );
        let ty = m["type"].as_str().expect("type").to_string();
        if ty == "drops" || ty == "stats" {
            continue;
        }
        let t = m["t_us"].as_u64().expect("t_us");
        assert!(t >= last_t, "events of one loop go back in time: {m}");
        last_t = t;
        assert_eq!(m["loop_id"], 0, "{m}");
        if ty == "accept" {
            assert_eq!(m["listener"].as_i64(), Some(listener), "{m}");
            fd = m["fd"].as_i64();
        }
        if let Some(fd) = fd {
            if about_fd(&m, fd) {
                events.push(m.clone());
            }
            if ty == "close" && m["fd"].as_i64() == Some(fd) {
                break;
            }
        }
        if ty == "epoll_wait" {
            assert_eq!(m["epfd"].as_i64(), Some(epfd), "{m}");
        }
    }
    let kinds: Vec<String> = events
        .iter()
        .map(|m| {
            let ty = m["type"].as_str().expect("type");
            match ty {
                "io" => format!("{}={}", m["op"].as_str().expect("op"), m["ret"]),
                "park" | "ready" => format!("{ty}:{}", m["mode"].as_str().expect("mode")),
                _ => ty.to_string(),
            }
        })
        .collect();
    let pos = |what: &str| {
        kinds
            .iter()
            .position(|k| k.starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {kinds:?}"))
    };
    assert_eq!(kinds[0], "accept", "{kinds:?}");
    assert_eq!(kinds[1], "epoll_ctl", "{kinds:?}");
    assert_eq!(events[1]["op"], "EPOLL_CTL_ADD");
    assert!(pos("read=26") < pos("write=26"), "{kinds:?}");
    let n = SECRET.len();
    assert_eq!(
        kinds.iter().filter(|k| *k == &format!("write={n}")).count(),
        3,
        "{kinds:?}"
    );
    assert!(pos("park:read") < kinds.len() - 1, "{kinds:?}");
    assert!(
        kinds.iter().any(|k| k == "epoll_wait") && kinds.iter().any(|k| k == "ready:read"),
        "the task parked and epoll_wait readied it: {kinds:?}"
    );
    let last = events.last().expect("events");
    assert_eq!(last["type"], "close");
    assert_eq!(last["reason"], "eof");
    assert!(
        pos("read=0") < kinds.len() - 1,
        "EOF read before the close: {kinds:?}"
    );

    let mut summary = server.shutdown().expect("clean shutdown");
    let drops = hub.finish(&mut summary);
    assert_eq!(summary.trace_drops, Some(drops));
    assert!(summary
        .to_string()
        .contains(&format!("trace_drops={drops}")));
    // The viewer gets the rest, the summary last, then a close.
    let mut last_msg = None;
    for _ in 0..10_000 {
        match next(&mut v) {
            Some(m) => last_msg = Some(m),
            None => break,
        }
    }
    let last_msg = last_msg.expect("the summary");
    assert_eq!(last_msg["type"], "summary", "{last_msg}");
    assert_eq!(last_msg["stats"]["accepted"], 1);
}

/// Connects a viewer that completes the handshake and then never reads.
fn stalled_viewer(ws: SocketAddrV4) -> Viewer {
    viewer(ws)
}

/// One closed-loop run: messages per second, and the CPU time thread `cpu_of` used per echoed
/// message, both over the measured window only (after the warm-up).
fn load(addr: SocketAddrV4, duration: Duration, cpu_of: Option<i32>) -> (f64, Option<f64>) {
    let r = bench::run_pingpong(&PingPongConfig {
        addr,
        conns: 10,
        size: 64,
        depth: 1,
        duration,
        warmup: Duration::from_millis(300),
        threads: 1,
        // /proc/<tid>/stat is that thread's own: the bench samples it around the window.
        server_pid: cpu_of,
    })
    .expect("ping-pong");
    assert_eq!(r.errors, 0);
    let cpu_us_per_msg = r
        .server_cpu_pct
        .map(|pct| pct / 100.0 * r.seconds * 1e6 / r.msgs.max(1) as f64);
    (r.msgs_per_sec, cpu_us_per_msg)
}

/// The id of this process's thread named `name`. A thread sets its name itself once it
/// runs, so this polls (bounded) rather than assume it is there as soon as it was spawned.
fn thread_id(name: &str) -> i32 {
    for _ in 0..3000 {
        let found = std::fs::read_dir("/proc/self/task")
            .expect("tasks")
            .flatten()
            .find(|t| {
                std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim() == name)
            })
            .and_then(|t| t.file_name().to_str().and_then(|n| n.parse::<i32>().ok()));
        if let Some(tid) = found {
            return tid;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no thread named {name}")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// One measured run: (msgs/s, server loop CPU µs per echoed message).
fn measure(addr: SocketAddrV4, run: Duration, loop_tid: i32) -> (f64, f64) {
    let (rate, cpu) = load(addr, run, Some(loop_tid));
    (rate, cpu.expect("the loop thread's CPU time"))
}

#[test]
fn a_stalled_viewer_is_measured_against_none_and_its_drops_are_counted() {
    let _one = exclusive();
    let (server, hub, ws) = start_with_hub(1);
    let addr = server.local_addr();
    let loop_tid = thread_id("epoll-loop-0");
    const PAIRS: usize = 5;
    // Five pairs of 0.6 s (after 0.3 s of warm-up each): about 10 s in all.
    let run = Duration::from_millis(600);
    let (mut without, mut with) = (Vec::new(), Vec::new());
    let mut dropped_before = None;
    let mut last_stalled = None;
    // Interleaved, the order alternating, so that background load hits both alike.
    for pair in 0..PAIRS {
        for stalled in [pair % 2 == 1, pair % 2 == 0] {
            if stalled {
                let v = stalled_viewer(ws);
                dropped_before.get_or_insert(hub.dropped_total());
                with.push(measure(addr, run, loop_tid));
                // Keep the last one to read it later; the others vanish with unread data.
                if let Some(old) = last_stalled.replace(v) {
                    drop(old);
                }
            } else {
                if let Some(old) = last_stalled.take() {
                    drop(old);
                }
                // The server notices the vanished viewer when its next write fails.
                for _ in 0..3000 {
                    if hub.ws_viewers() == 0 {
                        break;
                    }
                    let _ = TcpStream::connect(addr).map(drop);
                    std::thread::sleep(Duration::from_millis(10));
                }
                assert_eq!(hub.ws_viewers(), 0, "a vanished viewer was never noticed");
                without.push(measure(addr, run, loop_tid));
            }
        }
    }
    let rate = |v: &[(f64, f64)]| v.iter().map(|m| m.0).collect::<Vec<_>>();
    let cpu = |v: &[(f64, f64)]| v.iter().map(|m| m.1).collect::<Vec<_>>();
    let rate_ratio = median(rate(&with)) / median(rate(&without));
    let cpu_ratio = median(cpu(&without)) / median(cpu(&with));
    eprintln!(
        "msgs/s without a viewer {:.0?}, with a stalled viewer {:.0?}: ratio of medians {rate_ratio:.3}",
        rate(&without),
        rate(&with)
    );
    eprintln!(
        "server loop CPU us/msg without {:.2?}, with {:.2?}: ratio of medians {cpu_ratio:.3} \
         (1.0 = the stalled viewer costs the loop nothing)",
        cpu(&without),
        cpu(&with)
    );
    let dropped = hub.dropped_total() - dropped_before.expect("a stalled run happened");
    eprintln!("events dropped for the stalled viewers: {dropped}");
    assert!(dropped > 0, "the stalled viewers dropped nothing");
    // The design target is "within 10 %". Both ratios are printed above and recorded in the
    // README with the command, not asserted: they come from wall-clock rates, and on this
    // shared 2-core machine a neighbour's build moves them far more than 10 % (medians of five
    // interleaved pairs from 0.37 to 1.06 in one afternoon, README). What a stalled viewer must
    // never do, block the echo or be waited for, is asserted without a clock in
    // `a_stalled_viewer_never_stops_the_echo`; here the runs must finish without errors and
    // the drops be counted.
    // The stalled viewer now reads: after its backlog it learns how much it missed.
    let mut v = last_stalled.expect("the last run had a stalled viewer");
    let mut missed = None;
    for _ in 0..200_000 {
        let m = next(&mut v).expect("the viewer stays connected");
        if m["type"] == "drops" && m["dropped_total"].as_u64() > Some(0) {
            missed = m["dropped_total"].as_u64();
            break;
        }
    }
    let missed = missed.expect("a drops message with a count");
    eprintln!("the last stalled viewer was told it missed {missed} events");
    let mut summary = server.shutdown().expect("clean shutdown");
    let total = hub.finish(&mut summary);
    assert!(total >= dropped, "{total} < {dropped}");
}

/// The structural half of "a stalled viewer does not slow the server", with no clock in it:
/// while a viewer that never reads stays connected, a fixed count of round trips all come
/// back, byte for byte, the events they made beyond the viewer's bounds are dropped and
/// counted, and the viewer is neither waited for nor cut off.
#[test]
fn a_stalled_viewer_never_stops_the_echo() {
    let _one = exclusive();
    let (server, hub, ws) = start_with_hub(1);
    let stalled = stalled_viewer(ws);
    for _ in 0..3000 {
        if hub.ws_viewers() == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(hub.ws_viewers(), 1, "the viewer never registered");
    let before = hub.dropped_total();
    // 4 connections x 5,000 round trips of 64 bytes: each makes about five events (a read, a
    // write, a park, an epoll_wait, a ready), far more than a 4,096-message queue and a
    // 64 KiB socket buffer hold.
    const CONNS: usize = 4;
    const ROUNDS: usize = 5000;
    let mut conns: Vec<TcpStream> = (0..CONNS)
        .map(|_| {
            let c = TcpStream::connect(server.local_addr()).expect("connect");
            c.set_read_timeout(Some(IO_BOUND)).expect("timeout");
            c.set_nodelay(true).expect("nodelay");
            c
        })
        .collect();
    for round in 0..ROUNDS {
        for (i, c) in conns.iter_mut().enumerate() {
            let mut msg = [b'.'; 64];
            msg[..16].copy_from_slice(format!("{i:>4}/{round:>10} ").as_bytes());
            echo(c, &msg);
        }
    }
    drop(conns);
    let dropped = hub.dropped_total() - before;
    eprintln!(
        "{} round trips echoed with a stalled viewer; {dropped} events dropped for it",
        CONNS * ROUNDS
    );
    assert!(dropped > 0, "the stalled viewer dropped nothing");
    assert_eq!(hub.ws_viewers(), 1, "the stalled viewer was cut off");
    let mut summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.accepted, CONNS as u64);
    let total = hub.finish(&mut summary);
    assert!(total >= dropped, "{total} < {dropped}");
    drop(stalled);
}

#[test]
fn each_viewer_has_its_own_bound() {
    let _one = exclusive();
    let (server, hub, ws) = start_with_hub(1);
    let _stalled = stalled_viewer(ws);
    let mut reader = viewer(ws);
    assert_eq!(next(&mut reader).expect("hello")["type"], "hello");
    let (tx, rx) = mpsc::channel();
    let counting = std::thread::spawn(move || {
        let mut events = 0u64;
        // Reads until the server closes the stream at `finish`.
        while let Some(m) = next(&mut reader) {
            if m["loop_id"].is_u64() {
                events += 1;
            }
        }
        tx.send(events).expect("report");
    });
    let _ = load(server.local_addr(), Duration::from_millis(500), None);
    let mut summary = server.shutdown().expect("clean shutdown");
    hub.finish(&mut summary);
    let events = rx.recv_timeout(IO_BOUND).expect("the reader ends");
    counting.join().expect("reader thread");
    // The stalled viewer's full queue did not stop the reader's stream.
    assert!(events > 1000, "the reading viewer got only {events} events");
    assert!(summary.trace_drops > Some(0), "{summary}");
}

#[test]
fn a_trace_file_holds_the_same_messages_with_a_cap() {
    let _one = exclusive();
    let path = std::env::temp_dir().join(format!("epoll-echo-trace-{}.jsonl", std::process::id()));
    let mut bound = BoundServer::bind(ServerConfig::new(any_port(), Mode::Echo)).expect("bind");
    let mut hub = TraceHub::new(HubConfig::new(1), bound.fd_reserve()).expect("hub");
    hub.record_to_file(&path, Some(300)).expect("open the file");
    bound.add_trace(hub.sink());
    let server = bound.start().expect("start");
    hub.open(&server).expect("open");
    let _ = load(server.local_addr(), Duration::from_millis(300), None);
    let mut summary = server.shutdown().expect("clean shutdown");
    hub.finish(&mut summary);
    let text = std::fs::read_to_string(&path).expect("read the trace file");
    let _ = std::fs::remove_file(&path);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines[0]["type"], "hello");
    assert_eq!(lines[0]["max_events"], 300);
    assert_eq!(lines.last().expect("lines")["type"], "summary");
    let per_message = lines
        .iter()
        .filter(|m| {
            matches!(
                m["type"].as_str(),
                Some("epoll_wait" | "io" | "park" | "ready")
            )
        })
        .count();
    assert!(
        per_message <= 300,
        "{per_message} per-message events past a cap of 300"
    );
    let count = |ty: &str| lines.iter().filter(|m| m["type"] == ty).count();
    // Events that open or close descriptors are kept past the cap: all ten of the bench's
    // connections come and go in the file.
    assert_eq!(count("accept"), 10);
    assert_eq!(count("close"), 10);
    let capped = lines
        .iter()
        .filter(|m| m["type"] == "drops")
        .filter_map(|m| m["capped_total"].as_u64())
        .max();
    assert!(capped > Some(0), "the cap left nothing out?");
}

#[test]
fn the_binary_streams_to_a_viewer_and_reports_drops_in_its_summary() {
    let _one = exclusive();
    let mut child = Command::new(env!("CARGO_BIN_EXE_epoll-echo"))
        .args(["serve", "--addr", "127.0.0.1:0", "--threads", "2"])
        .args(["--trace-ws", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as i32;
    let (wd_tx, wd_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = wd_rx.recv_timeout(Duration::from_secs(60)) {
            let _ = epoll_echo::sys::kill(pid, libc::SIGKILL);
        }
    });
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    let mut second = String::new();
    out.read_line(&mut first).expect("listening line");
    out.read_line(&mut second).expect("viewer line");
    let addr: SocketAddrV4 = first
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("server address");
    let ws: SocketAddrV4 = second
        .trim()
        .rsplit("ws://")
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no ws:// address in {second:?}"));
    let mut v = viewer(ws);
    let hello = next(&mut v).expect("hello");
    assert_eq!(hello["loops"], 2);
    assert_eq!(hello["pid"], pid);
    let mut c = TcpStream::connect(addr).expect("connect");
    c.set_read_timeout(Some(IO_BOUND)).expect("timeout");
    echo(&mut c, b"over the wire");
    let accept = (0..10_000)
        .find_map(|_| next(&mut v).filter(|m| m["type"] == "accept"))
        .expect("an accept event");
    assert!(accept["peer"]
        .as_str()
        .is_some_and(|p| p.starts_with("127.0.0.1:")));
    epoll_echo::sys::kill(pid, libc::SIGTERM).expect("SIGTERM");
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("stdout to EOF");
    let status = child.wait().expect("wait");
    drop(wd_tx);
    watchdog.join().expect("watchdog");
    assert!(status.success(), "{rest}");
    assert!(rest.contains("stopped by SIGTERM"), "{rest}");
    assert!(rest.contains(" trace_drops="), "{rest}");
    let summary = (0..100_000)
        .map_while(|_| next(&mut v))
        .find(|m| m["type"] == "summary")
        .expect("the viewer gets the summary");
    assert_eq!(summary["cause"], "SIGTERM");
}

#[test]
fn the_binary_refuses_a_viewer_address_off_loopback() {
    for addr in ["0.0.0.0:9333", "10.1.2.3:9333"] {
        let out = Command::new(env!("CARGO_BIN_EXE_epoll-echo"))
            .args(["serve", "--addr", "127.0.0.1:0", "--trace-ws", addr])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{addr} must be refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("refusing to listen on {addr}")),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "nothing may start for {addr}");
    }
}
