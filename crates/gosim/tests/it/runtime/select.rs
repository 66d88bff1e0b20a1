//! Select over channels: ready cases as a choice point, default, parking
//! on every channel, wake-up with the fired case, cancelling the rest.

use gosim::runtime::chan::{Chan, ChanWake, Delivery, RecvValue, SendOutcome};
use gosim::runtime::select::{self, Case, Fired, Poll};
use gosim::runtime::{GoError, WaitReason};

fn chans(n: usize, cap: usize) -> Vec<Chan<i64>> {
    (0..n).map(|_| Chan::new("int", cap as u64)).collect()
}

#[test]
fn ready_cases_list_every_ready_case_and_ignore_nil() {
    let mut t = chans(3, 1);
    t[0].send(9, 1, true); // ch0 has a value
                           // ch1 is empty with room; ch2 is full.
    t[2].send(9, 2, true);
    let cases = vec![
        Case::Recv { chan: Some(0) },
        Case::Recv { chan: Some(1) },
        Case::Send {
            chan: Some(1),
            value: 5,
        },
        Case::Send {
            chan: Some(2),
            value: 6,
        },
        Case::Recv { chan: None },
        Case::Send {
            chan: None,
            value: 7,
        },
    ];
    assert_eq!(select::ready_cases(&cases, &t), vec![0, 2]);
    assert_eq!(select::poll(&cases, false, &t), Poll::Ready(vec![0, 2]));

    // The scheduler picks case 2: a buffered send.
    let fired = select::fire(1, &cases, 2, &mut t).expect("no panic");
    assert_eq!(
        fired,
        Some(Fired {
            case_index: 2,
            received: None,
            woke: None
        })
    );
    assert_eq!(t[1].qcount(), 1);
    // A case that is not ready does nothing.
    assert_eq!(select::fire(1, &cases, 3, &mut t), Ok(None));
    assert_eq!(select::fire(1, &cases, 4, &mut t), Ok(None));
    assert_eq!(select::fire(1, &cases, 99, &mut t), Ok(None));
}

#[test]
fn default_taken_when_nothing_is_ready() {
    let t = chans(1, 0);
    let cases: Vec<Case<usize, i64>> =
        vec![Case::Recv { chan: Some(0) }, Case::Recv { chan: None }];
    assert_eq!(select::poll(&cases, true, &t), Poll::Default);
    assert_eq!(select::poll(&cases, false, &t), Poll::MustPark);
}

#[test]
fn parked_select_is_woken_by_a_sender_and_cancels_its_other_cases() {
    let mut t = chans(3, 0);
    let g = 7;
    let cases = vec![
        Case::Recv { chan: Some(0) },
        Case::Send {
            chan: Some(1),
            value: 42,
        },
        Case::Recv { chan: Some(2) },
        Case::Recv { chan: Some(0) }, // the same channel twice
    ];
    assert_eq!(select::park(g, &cases, &mut t), WaitReason::Select);
    assert_eq!(
        t[0].recvq()
            .map(|s| (s.g, s.select.map(|c| c.case_index)))
            .collect::<Vec<_>>(),
        vec![(7, Some(0)), (7, Some(3))]
    );
    assert_eq!(
        t[1].sendq().map(|s| (s.g, s.elem)).collect::<Vec<_>>(),
        vec![(7, Some(42))]
    );

    // Another goroutine sends on ch0: the oldest sudog (case 0) fires.
    let out = t[0].send(1, 5, true);
    let wake = match out {
        SendOutcome::Sent { woke: Some(w) } => w,
        other => panic!("expected a hand-off, got {other:?}"),
    };
    assert_eq!(wake.g, 7);
    assert_eq!(wake.select.map(|c| c.case_index), Some(0));
    assert_eq!(wake.delivery, Delivery::Received(5));
    // The channel dropped g's duplicate sudog itself...
    assert_eq!(t[0].recvq().count(), 0);
    // ...and the VM cancels the rest.
    assert_eq!(t[1].sendq().count(), 1);
    select::cancel(g, &cases, &mut t);
    assert_eq!(t[1].sendq().count(), 0);
    assert_eq!(t[2].recvq().count(), 0);
}

#[test]
fn parked_select_send_case_is_taken_by_a_receiver() {
    let mut t = chans(2, 0);
    let cases = vec![
        Case::Send {
            chan: Some(0),
            value: 1,
        },
        Case::Send {
            chan: Some(1),
            value: 2,
        },
    ];
    select::park(3, &cases, &mut t);
    let out = t[1].recv(4, true);
    let expected_wake = ChanWake {
        g: 3,
        select: Some(gosim::runtime::chan::SelectCase { case_index: 1 }),
        delivery: Delivery::Sent,
    };
    assert_eq!(
        out,
        gosim::runtime::chan::RecvOutcome::Received {
            value: RecvValue::Value(2),
            woke: Some(expected_wake)
        }
    );
    select::cancel(3, &cases, &mut t);
    assert_eq!(t[0].sendq().count(), 0);
}

#[test]
fn select_with_only_nil_cases_blocks_forever() {
    let mut t = chans(0, 0);
    let none: Vec<Case<usize, i64>> = vec![];
    assert_eq!(select::park(1, &none, &mut t), WaitReason::SelectNoCases);
    let nil_only: Vec<Case<usize, i64>> = vec![Case::Recv { chan: None }];
    assert_eq!(select::poll(&nil_only, false, &t), Poll::MustPark);
    // Real Go (1.21 and 1.27) prints an all-nil select as plain `select`.
    assert_eq!(select::park(1, &nil_only, &mut t), WaitReason::Select);
    assert_eq!(WaitReason::SelectNoCases.as_go_str(), "select (no cases)");
}

#[test]
fn closed_channels_are_ready_receive_zero_and_send_panics() {
    let mut t = chans(2, 0);
    t[0].close().expect("open");
    t[1].close().expect("open");
    let cases = vec![
        Case::Recv { chan: Some(0) },
        Case::Send {
            chan: Some(1),
            value: 1,
        },
    ];
    assert_eq!(select::ready_cases(&cases, &t), vec![0, 1]);
    assert_eq!(
        select::fire(1, &cases, 0, &mut t),
        Ok(Some(Fired {
            case_index: 0,
            received: Some(RecvValue::Closed),
            woke: None
        }))
    );
    assert_eq!(
        select::fire(1, &cases, 1, &mut t),
        Err(GoError::SendOnClosedChannel)
    );
}

#[test]
fn close_wakes_a_parked_select_once() {
    let mut t = chans(1, 0);
    let cases = vec![Case::Recv { chan: Some(0) }, Case::Recv { chan: Some(0) }];
    select::park(2, &cases, &mut t);
    let wakes = t[0].close().expect("open");
    assert_eq!(wakes.len(), 1);
    assert_eq!(wakes[0].g, 2);
    assert_eq!(wakes[0].select.map(|c| c.case_index), Some(0));
    assert_eq!(wakes[0].delivery, Delivery::ReceivedClosed);
}
