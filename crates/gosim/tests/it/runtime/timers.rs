//! Virtual clock and timer heap: same-instant order, stop/reset, tickers,
//! live-timer counts under both timer semantics.

use gosim::runtime::timers::{Fired, TimerKind, TimerSemantics, TimerStatus, Timers};

const S: i64 = 1_000_000_000;

fn fire_ids(t: &mut Timers<&'static str>) -> Vec<&'static str> {
    t.pop_all_due().into_iter().map(|f| f.payload).collect()
}

#[test]
fn timers_due_at_the_same_instant_fire_in_the_order_they_were_set() {
    let mut t = Timers::new(TimerSemantics::Sync);
    t.add(2 * S, 0, TimerKind::Chan, "b");
    t.add(S, 0, TimerKind::Func, "a");
    t.add(2 * S, 0, TimerKind::Func, "c");
    t.add(2 * S, 0, TimerKind::Chan, "d");
    assert_eq!(t.next_deadline(), Some(S));
    assert!(t.pop_due().is_none(), "nothing is due at time 0");
    assert!(t.advance_to(S));
    assert_eq!(fire_ids(&mut t), vec!["a"]);
    assert_eq!(t.next_deadline(), Some(2 * S));
    t.advance_to(2 * S);
    assert_eq!(fire_ids(&mut t), vec!["b", "c", "d"]);
    assert_eq!(t.next_deadline(), None);
    assert!(!t.advance_to(S), "time never goes back");
    assert_eq!(t.now(), 2 * S);
}

#[test]
fn reset_counts_as_setting_again_and_stop_reports_pending() {
    let mut t = Timers::new(TimerSemantics::Async);
    let a = t.add(S, 0, TimerKind::Chan, "a");
    let b = t.add(S, 0, TimerKind::Chan, "b");
    assert!(t.reset(a, S, None), "a was pending");
    assert!(t.stop(b));
    assert!(!t.stop(b), "already stopped");
    assert_eq!(t.get(b).map(|x| x.status), Some(TimerStatus::Stopped));
    let c = t.add(S, 0, TimerKind::Chan, "c");
    assert!(!t.reset(b, S, None), "b was stopped");
    t.advance_to(S);
    // a was re-set before c was added, and b after: a, c, b.
    let fired = t.pop_all_due();
    assert_eq!(
        fired.iter().map(|f| f.payload).collect::<Vec<_>>(),
        vec!["a", "c", "b"]
    );
    assert_eq!(
        fired[0],
        Fired {
            id: a,
            when: S,
            kind: TimerKind::Chan,
            payload: "a"
        }
    );
    assert_eq!(t.get(c).map(|x| x.status), Some(TimerStatus::Fired));
    assert!(!t.stop(c), "a fired timer is not pending");
    assert!(!t.stop(999));
}

#[test]
fn tickers_rearm_and_skip_missed_ticks() {
    let mut t = Timers::new(TimerSemantics::Sync);
    let tick = t.add(S, S, TimerKind::Chan, "tick");
    t.advance_to(S);
    assert_eq!(t.pop_all_due().len(), 1);
    assert_eq!(t.get(tick).map(|x| x.when), Some(2 * S));
    // The clock jumps 3.5 periods: one firing, re-armed after now.
    t.advance_to(5 * S + S / 2);
    let fired = t.pop_all_due();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].when, 2 * S);
    assert_eq!(
        t.get(tick).map(|x| (x.when, x.fired, x.status)),
        Some((6 * S, 2, TimerStatus::Pending))
    );
    // Ticker.Reset changes the period.
    assert!(t.reset(tick, 7 * S, Some(3 * S)));
    t.advance_to(7 * S);
    t.pop_all_due();
    assert_eq!(t.next_deadline(), Some(10 * S));
}

#[test]
fn live_timers_pile_up_before_go_1_23_but_not_after() {
    // Case 16: every loop iteration makes a time.After that is never received.
    let mut old = Timers::new(TimerSemantics::Async);
    let mut new = Timers::new(TimerSemantics::Sync);
    for i in 0..100 {
        old.add(180 * S + i, 0, TimerKind::Chan, ());
        new.add(180 * S + i, 0, TimerKind::Chan, ());
    }
    assert_eq!(old.live_count(), 100);
    assert_eq!(new.live_count(), 0);
    // A goroutine blocked on a timer channel keeps it live; a sleep is live.
    let blocked = new.add(S, 0, TimerKind::Chan, ());
    new.block(blocked);
    new.add(S, 0, TimerKind::Func, ());
    assert_eq!(new.live_count(), 2);
    new.unblock(blocked);
    assert_eq!(new.live_count(), 1);
    // Fired timers are no longer live either way.
    old.advance_to(181 * S);
    old.pop_all_due();
    assert_eq!(old.live_count(), 0);
    assert!(new.remove(blocked).is_some());
    assert_eq!(new.iter().count(), 101);
}

/// `t := time.NewTimer(1ms); time.Sleep(5ms); len(t.C), cap(t.C), t.Stop()`
/// then a non-blocking receive. Real Go 1.27 prints `len 0 cap 0`,
/// `stop true`, `no value`; with `go 1.21` in go.mod: `len 1 cap 1`,
/// `stop false`, `stale value`.
#[test]
fn stop_after_expiry_matches_real_go_in_both_semantics() {
    use gosim::runtime::chan::{Chan, RecvOutcome, SendOutcome};
    const MS: i64 = 1_000_000;
    for (sem, want) in [
        (TimerSemantics::Sync, (0, 0, true, false)),
        (TimerSemantics::Async, (1, 1, false, true)),
    ] {
        let mut timers: Timers<usize> = Timers::new(sem);
        let mut chans: Vec<Chan<i64>> = vec![Chan::new("time.Time", 1)];
        let id = timers.add(MS, 0, TimerKind::Chan, 0);
        timers.advance_to(5 * MS);
        for f in timers.pop_all_due() {
            // sendTime: a non-blocking send of the due time.
            let sent = chans[f.payload].send(0, f.when, false);
            assert_eq!(sent, SendOutcome::Sent { woke: None });
        }
        let len = sem.reported_len(chans[0].qcount());
        let cap = sem.reported_cap();
        let pending = timers.stop(id);
        let drained = sem.drains_on_stop() && chans[0].clear_buffer() > 0;
        let stopped = sem.stop_result(pending, drained);
        let stale = matches!(chans[0].recv(1, false), RecvOutcome::Received { .. });
        assert_eq!((len, cap, stopped, stale), want, "{sem:?}");
    }
}
