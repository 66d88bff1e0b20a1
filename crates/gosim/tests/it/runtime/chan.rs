//! Channel semantics mirroring runtime/chan.go: FIFO hand-off, ring buffer
//! indices, full-buffer receive pulling a blocked sender, close.

use gosim::runtime::chan::{Chan, ChanWake, Delivery, RecvOutcome, RecvValue, SendOutcome};
use gosim::runtime::sched::RunQueue;
use gosim::runtime::{GoError, WaitReason};

fn buffer(c: &Chan<i64>) -> Vec<(usize, i64)> {
    c.buffer().map(|(slot, v)| (slot, *v)).collect()
}

fn recvq(c: &Chan<i64>) -> Vec<u32> {
    c.recvq().map(|s| s.g).collect()
}

fn sendq(c: &Chan<i64>) -> Vec<(u32, Option<i64>)> {
    c.sendq().map(|s| (s.g, s.elem)).collect()
}

fn received(out: RecvOutcome<i64>) -> (RecvValue<i64>, Option<ChanWake<i64>>) {
    match out {
        RecvOutcome::Received { value, woke } => (value, woke),
        other => panic!("expected a completed receive, got {other:?}"),
    }
}

#[test]
fn unbuffered_send_hands_value_to_oldest_receiver() {
    let mut c: Chan<i64> = Chan::new("int", 0);
    assert_eq!(
        c.recv(2, true),
        RecvOutcome::Parked(WaitReason::ChanReceive)
    );
    assert_eq!(
        c.recv(3, true),
        RecvOutcome::Parked(WaitReason::ChanReceive)
    );
    assert_eq!(recvq(&c), vec![2, 3]);

    let out = c.send(1, 10, true);
    let wake = ChanWake {
        g: 2,
        select: None,
        delivery: Delivery::Received(10),
    };
    assert_eq!(out, SendOutcome::Sent { woke: Some(wake) });
    assert_eq!(recvq(&c), vec![3]);
    assert_eq!(c.qcount(), 0);

    let out = c.send(1, 11, true);
    let wake = ChanWake {
        g: 3,
        select: None,
        delivery: Delivery::Received(11),
    };
    assert_eq!(out, SendOutcome::Sent { woke: Some(wake) });
    assert!(recvq(&c).is_empty());
}

#[test]
fn unbuffered_receive_takes_from_oldest_sender() {
    let mut c: Chan<i64> = Chan::new("int", 0);
    assert_eq!(
        c.send(2, 20, true),
        SendOutcome::Parked(WaitReason::ChanSend)
    );
    assert_eq!(
        c.send(3, 30, true),
        SendOutcome::Parked(WaitReason::ChanSend)
    );
    assert_eq!(sendq(&c), vec![(2, Some(20)), (3, Some(30))]);
    let (v, woke) = received(c.recv(1, true));
    assert_eq!(v, RecvValue::Value(20));
    assert_eq!(
        woke,
        Some(ChanWake {
            g: 2,
            select: None,
            delivery: Delivery::Sent
        })
    );
    assert_eq!(sendq(&c), vec![(3, Some(30))]);
}

#[test]
fn ring_buffer_indices_wrap_around() {
    let mut c: Chan<i64> = Chan::new("int", 3);
    for v in [1, 2, 3] {
        assert_eq!(c.send(1, v, true), SendOutcome::Sent { woke: None });
    }
    assert_eq!((c.sendx(), c.recvx(), c.qcount()), (0, 0, 3));
    assert_eq!(c.send(1, 4, false), SendOutcome::WouldBlock);
    assert_eq!(received(c.recv(1, true)).0, RecvValue::Value(1));
    assert_eq!(received(c.recv(1, true)).0, RecvValue::Value(2));
    assert_eq!((c.sendx(), c.recvx(), c.qcount()), (0, 2, 1));
    assert_eq!(c.send(1, 4, true), SendOutcome::Sent { woke: None });
    assert_eq!(c.send(1, 5, true), SendOutcome::Sent { woke: None });
    assert_eq!((c.sendx(), c.recvx(), c.qcount()), (2, 2, 3));
    // Ring order starts at recvx and wraps past the end.
    assert_eq!(buffer(&c), vec![(2, 3), (0, 4), (1, 5)]);
    assert_eq!(received(c.recv(1, true)).0, RecvValue::Value(3));
    assert_eq!((c.sendx(), c.recvx(), c.qcount()), (2, 0, 2));
    assert_eq!(buffer(&c), vec![(0, 4), (1, 5)]);
}

#[test]
fn receive_from_full_buffer_moves_oldest_blocked_sender_in() {
    let mut c: Chan<i64> = Chan::new("int", 2);
    c.send(1, 1, true);
    c.send(1, 2, true);
    assert_eq!(
        c.send(5, 3, true),
        SendOutcome::Parked(WaitReason::ChanSend)
    );
    assert_eq!(
        c.send(6, 4, true),
        SendOutcome::Parked(WaitReason::ChanSend)
    );

    let (v, woke) = received(c.recv(9, true));
    assert_eq!(v, RecvValue::Value(1));
    assert_eq!(
        woke,
        Some(ChanWake {
            g: 5,
            select: None,
            delivery: Delivery::Sent
        })
    );
    // The sender's 3 went into the slot just freed; the buffer stays full.
    assert_eq!(buffer(&c), vec![(1, 2), (0, 3)]);
    assert_eq!((c.sendx(), c.recvx()), (1, 1));
    assert_eq!(sendq(&c), vec![(6, Some(4))]);

    let (v, woke) = received(c.recv(9, true));
    assert_eq!(v, RecvValue::Value(2));
    assert_eq!(woke.map(|w| w.g), Some(6));
    assert_eq!(buffer(&c), vec![(0, 3), (1, 4)]);
}

#[test]
fn closed_channel_drains_buffer_then_yields_zero_false() {
    let mut c: Chan<i64> = Chan::new("int", 2);
    c.send(1, 7, true);
    c.send(1, 8, true);
    assert_eq!(c.close(), Ok(vec![]));
    assert!(c.closed());
    assert_eq!(received(c.recv(1, true)).0, RecvValue::Value(7));
    assert_eq!(received(c.recv(1, false)).0, RecvValue::Value(8));
    assert_eq!(received(c.recv(1, true)).0, RecvValue::Closed);
    assert_eq!(received(c.recv(1, false)).0, RecvValue::Closed);
}

#[test]
fn close_wakes_every_waiter_in_gos_glist_order() {
    let mut receivers: Chan<i64> = Chan::new("int", 0);
    for g in [2, 3, 4] {
        receivers.recv(g, true);
    }
    let wakes = receivers.close().expect("first close succeeds");
    // closechan pushes 2, 3, 4 on a gList, which pops LIFO.
    let order: Vec<(u32, Delivery<i64>)> =
        wakes.iter().map(|w| (w.g, w.delivery.clone())).collect();
    assert_eq!(
        order,
        vec![
            (4, Delivery::ReceivedClosed),
            (3, Delivery::ReceivedClosed),
            (2, Delivery::ReceivedClosed)
        ]
    );
    assert!(recvq(&receivers).is_empty());

    // Readying them in that order leaves the oldest receiver in runnext.
    let mut q = RunQueue::new();
    for w in &wakes {
        q.ready(w.g);
    }
    assert_eq!(q.runnable(), vec![2, 4, 3]);

    let mut senders: Chan<i64> = Chan::new("int", 0);
    senders.send(5, 50, true);
    senders.send(6, 60, true);
    let wakes = senders.close().expect("first close succeeds");
    let order: Vec<(u32, Delivery<i64>)> =
        wakes.iter().map(|w| (w.g, w.delivery.clone())).collect();
    assert_eq!(
        order,
        vec![(6, Delivery::SendClosed), (5, Delivery::SendClosed)]
    );
    assert!(sendq(&senders).is_empty());
}

#[test]
fn channel_panics_carry_gos_messages() {
    let mut c: Chan<i64> = Chan::new("int", 1);
    assert_eq!(c.close(), Ok(vec![]));
    assert_eq!(
        c.send(1, 1, true),
        SendOutcome::Panic(GoError::SendOnClosedChannel)
    );
    assert_eq!(
        c.send(1, 1, false),
        SendOutcome::Panic(GoError::SendOnClosedChannel)
    );
    assert_eq!(c.close(), Err(GoError::CloseOfClosedChannel));
    assert_eq!(
        GoError::SendOnClosedChannel.message(),
        "send on closed channel"
    );
    assert_eq!(
        GoError::CloseOfClosedChannel.message(),
        "close of closed channel"
    );
    assert_eq!(GoError::CloseOfNilChannel.message(), "close of nil channel");
    assert!(GoError::CloseOfNilChannel.is_runtime_error());
    assert!(!GoError::CloseOfNilChannel.is_fatal());
    assert_eq!(
        WaitReason::ChanSendNilChan.as_go_str(),
        "chan send (nil chan)"
    );
    assert_eq!(
        WaitReason::ChanReceiveNilChan.as_go_str(),
        "chan receive (nil chan)"
    );
}

#[test]
fn non_blocking_operations_do_not_queue() {
    let mut c: Chan<i64> = Chan::new("string", 0);
    assert_eq!(c.elem_type(), "string");
    assert_eq!(c.recv(1, false), RecvOutcome::WouldBlock);
    assert_eq!(c.send(1, 3, false), SendOutcome::WouldBlock);
    assert!(recvq(&c).is_empty());
    assert!(sendq(&c).is_empty());
    assert!(!c.can_send_now());
    assert!(!c.can_recv_now());
}

#[test]
fn remove_waiter_and_clear_buffer() {
    let mut c: Chan<i64> = Chan::new("int", 0);
    c.recv(2, true);
    c.recv(3, true);
    c.recv(2, true);
    assert_eq!(c.remove_waiter(2), 2);
    assert_eq!(recvq(&c), vec![3]);

    let mut t: Chan<i64> = Chan::new("time.Time", 1);
    t.send(1, 100, true);
    assert_eq!(t.clear_buffer(), 1);
    assert_eq!((t.qcount(), t.recvx(), t.sendx()), (0, 0, 0));
    assert_eq!(t.recv(1, false), RecvOutcome::WouldBlock);
}
