//! Descriptor accounting, checked against `/proc/self/fd` rather than the server's counters:
//! connection churn, silent clients, and shutdown with connections open must leave exactly the
//! descriptors that were there before.
//!
//! These tests run the server in-process and count this process's descriptors, so they live
//! in their own test binary and take a lock: nothing else in the process opens descriptors
//! while one runs. Every loop is bounded; the only waits are bounded polls for a condition.
#![cfg(target_os = "linux")]

use epoll_echo::{Mode, Server, ServerConfig};
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpStream};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Safety bound for a blocking read.
const IO_BOUND: Duration = Duration::from_secs(20);

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("read /proc/self/fd")
        .count()
        // read_dir's own descriptor is listed too.
        - 1
}

/// Polls `cond` until it holds; the bound (about 30 s) fails the test.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..3000 {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what}: still not true after the bound");
}

fn server(threads: usize) -> Server {
    let mut cfg = ServerConfig::new(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0), Mode::Echo);
    cfg.threads = threads;
    Server::start(cfg).expect("server starts")
}

fn connect(addr: SocketAddrV4) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(IO_BOUND)).expect("read timeout");
    s
}

fn echo(s: &mut TcpStream, msg: &[u8]) {
    s.write_all(msg).expect("write");
    let mut back = vec![0u8; msg.len()];
    s.read_exact(&mut back).expect("echo");
    assert_eq!(back, msg);
}

#[test]
fn churn_of_ten_thousand_connections_leaves_no_descriptor_behind() {
    const CONNS: usize = 10_000;
    const WORKERS: usize = 4;
    let _one = exclusive();
    let _ = epoll_echo::sys::raise_nofile_limit();
    let before = open_fds();
    let server = server(2);
    // Listeners, epoll instances, the shutdown eventfd and the EMFILE spare.
    let fixed = open_fds() - before;
    assert!(fixed >= 5, "only {fixed} server descriptors");
    let addr = server.local_addr();
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            std::thread::spawn(move || {
                for i in (w..CONNS).step_by(WORKERS) {
                    let mut s = connect(addr);
                    match i % 4 {
                        // Connect and close at once, before the server has even accepted.
                        0 => {}
                        // Echo once, then close.
                        1 => echo(&mut s, format!("churn {i}").as_bytes()),
                        // Half-close, then wait for the server's close.
                        2 => {
                            s.shutdown(Shutdown::Write).expect("FIN");
                            let mut rest = Vec::new();
                            s.read_to_end(&mut rest).expect("server closes");
                            assert!(rest.is_empty());
                        }
                        // Send and close without reading: the server's write may hit a
                        // closed socket.
                        _ => {
                            let _ = s.write_all(b"never read");
                        }
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("churn worker");
    }
    eventually("the server has closed every connection", || {
        server.stats().closed == CONNS as u64
    });
    assert_eq!(
        open_fds(),
        before + fixed,
        "descriptors leaked by connection churn"
    );
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.stats.accepted, CONNS as u64);
    assert_eq!(summary.stats.shed, 0);
    assert_eq!(summary.closed_at_shutdown, 0);
    assert_eq!(open_fds(), before, "the server left descriptors behind");
}

#[test]
fn silent_clients_park_without_cost_and_are_closed_at_shutdown() {
    const SILENT: usize = 500;
    let _one = exclusive();
    let _ = epoll_echo::sys::raise_nofile_limit();
    let before = open_fds();
    let server = server(2);
    let fixed = open_fds() - before;
    let addr = server.local_addr();
    // Clients that connect and never send a byte: each costs its descriptor and a parked
    // task, nothing more, and does not delay anyone else.
    let silent: Vec<TcpStream> = (0..SILENT).map(|_| connect(addr)).collect();
    eventually("every silent client is accepted and parked", || {
        let st = server.stats();
        st.accepted == SILENT as u64 && st.parks >= SILENT as u64
    });
    let wakeups = server.stats().netpoll_wakeups;
    let mut talker = connect(addr);
    for i in 0..100 {
        echo(
            &mut talker,
            format!("between the silent ones {i}").as_bytes(),
        );
    }
    drop(talker);
    eventually("the talker is closed", || server.stats().closed == 1);
    // Descriptors: this process's client ends, the server's ends, and the fixed set.
    assert_eq!(open_fds(), before + fixed + 2 * SILENT);
    // Silent clients cause no polling: the wakeups are the talker's.
    let woke = server.stats().netpoll_wakeups - wakeups;
    assert!(woke <= 300, "{woke} wakeups for 100 echoes");
    // Half of them leave; the server notices each close and frees its descriptor.
    let mut silent = silent;
    silent.truncate(SILENT / 2);
    eventually("the departed clients are closed", || {
        server.stats().closed == 1 + (SILENT / 2) as u64
    });
    assert_eq!(open_fds(), before + fixed + 2 * (SILENT / 2));
    let summary = server.shutdown().expect("clean shutdown");
    assert_eq!(summary.closed_at_shutdown, (SILENT / 2) as u64);
    for mut s in silent {
        let mut buf = [0u8; 1];
        match s.read(&mut buf) {
            Ok(0) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
            other => panic!("a silent client was not closed at shutdown: {other:?}"),
        }
    }
    assert_eq!(open_fds(), before, "the server left descriptors behind");
}
