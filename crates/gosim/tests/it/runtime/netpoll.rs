//! Package net's netpoller seen from outside: goroutines parked on a
//! pollDesc are in `IO wait`, which is not a deadlock (real Go waits in
//! epoll_wait forever), while a program whose goroutines wait only on
//! channels still gets Go's deadlock error.

use gosim::session::{Session, StepBy};
use gosim::snapshot::OutcomeClass;
use gosim::RunConfig;

const SERVER_WITHOUT_CLIENTS: &str = r#"package main

import (
	"fmt"
	"net"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:2333")
	if err != nil {
		return
	}
	fmt.Println("listening")
	c, err := ln.Accept()
	fmt.Println(c, err)
}
"#;

const CHANNEL_ONLY: &str = r#"package main

func main() {
	ch := make(chan int)
	<-ch
}
"#;

const MAIN_ON_A_CHANNEL_SERVER_IN_ACCEPT: &str = r#"package main

import "net"

func main() {
	ln, _ := net.Listen("tcp", "127.0.0.1:2333")
	go func() { ln.Accept() }()
	ch := make(chan int)
	<-ch
}
"#;

fn ending(src: &str) -> (OutcomeClass, String, Option<String>) {
    let mut s = Session::new(src, &RunConfig::default(), StepBy::Statement).expect("compiles");
    let mut accept_wait = None;
    for _ in 0..10_000 {
        let snap = s.snapshot();
        if let Some(g) = snap.goroutines.iter().find(|g| g.wait_reason.is_some()) {
            accept_wait = accept_wait.or(g.wait_reason.clone());
        }
        if let Some(e) = snap.ending {
            return (e.class, snap.stderr, accept_wait);
        }
        if !s.step(0) {
            break;
        }
    }
    let snap = s.snapshot();
    let e = snap.ending.expect("the run ends");
    (e.class, snap.stderr, accept_wait)
}

#[test]
fn a_server_waiting_in_accept_is_blocked_in_io_wait_not_deadlocked() {
    let (class, stderr, reason) = ending(SERVER_WITHOUT_CLIENTS);
    assert_eq!(class, OutcomeClass::IoWait);
    assert_eq!(reason.as_deref(), Some("IO wait"));
    assert!(!stderr.contains("deadlock"), "{stderr}");
    let r = gosim::run(SERVER_WITHOUT_CLIENTS, &RunConfig::default());
    assert_eq!(r.exit_code, None);
    assert_eq!(r.stdout, b"listening\n");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("blocked in IO wait"), "{err}");
}

#[test]
fn goroutines_waiting_only_on_channels_still_deadlock() {
    let (class, stderr, _) = ending(CHANNEL_ONLY);
    assert_eq!(class, OutcomeClass::Deadlock);
    assert!(stderr.starts_with("fatal error: all goroutines are asleep - deadlock!"));
}

#[test]
fn one_goroutine_in_io_wait_keeps_a_channel_wait_from_being_a_deadlock() {
    let (class, stderr, _) = ending(MAIN_ON_A_CHANNEL_SERVER_IN_ACCEPT);
    assert_eq!(class, OutcomeClass::IoWait);
    assert!(!stderr.contains("deadlock"), "{stderr}");
}

#[test]
fn case_18_shows_the_listener_its_polldesc_and_netpoll_readying_the_server() {
    use gosim::snapshot::{EventKind, PdSema};
    let src = crate::support::case_file(18).source;
    let mut s = Session::new(&src, &RunConfig::default(), StepBy::Statement).expect("compiles");
    let mut parked_in_accept = false;
    let mut readied = Vec::new();
    let mut saw_bytes_queued = false;
    let mut saw_ready_list = false;
    for _ in 0..5_000 {
        let snap = s.snapshot();
        let net = &snap.net;
        if let Some(l) = net.sockets.iter().find(|x| x.listening) {
            assert_eq!(l.port, 2333);
            let pd = net
                .pollers
                .iter()
                .find(|p| p.fd == l.fd)
                .expect("a pollDesc");
            assert!(net.interest.contains(&l.fd), "registered with epoll");
            if pd.rg == PdSema::Parked(1) {
                parked_in_accept = true;
                let g1 = snap.goroutines.iter().find(|g| g.id == 1).expect("main");
                assert_eq!(g1.wait_reason.as_deref(), Some("IO wait"));
            }
        }
        saw_bytes_queued |= net.sockets.iter().any(|x| !x.listening && x.queued > 0);
        saw_ready_list |= !net.ready.is_empty();
        for e in &snap.events {
            if let EventKind::Netpoll { readied: r, events } = &e.kind {
                assert!(!events.is_empty());
                readied.extend(r.iter().copied());
            }
        }
        if snap.ending.is_some() || !s.step(0) {
            break;
        }
    }
    assert!(
        parked_in_accept,
        "main parks in Accept on the listener's rg"
    );
    assert!(
        readied.contains(&1),
        "netpoll readies main when a client connects"
    );
    assert!(
        saw_bytes_queued,
        "a message waits in a socket's receive queue"
    );
    assert!(saw_ready_list, "a ready fd waits on epoll's ready list");
    assert_eq!(
        s.snapshot().stdout,
        "client 0 got \"hello\"\nclient 1 got \"netpoll\"\nclient 2 got \"gopher\"\n"
    );
}
