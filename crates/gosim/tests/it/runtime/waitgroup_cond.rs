//! sync.WaitGroup (sync/waitgroup.go), the sync.Cond notify list
//! (runtime/sema.go) and sync.Once's state.

use gosim::runtime::cond::{NotifyList, Once};
use gosim::runtime::waitgroup::WaitGroup;
use gosim::runtime::{GoError, SyncOutcome, WaitReason, Wakes};

use crate::support::woke;

const WG_WAIT: SyncOutcome = SyncOutcome::Park(WaitReason::SyncWaitGroupWait);

#[test]
fn wait_returns_at_once_on_zero_and_waiters_are_released_in_order() {
    let mut wg = WaitGroup::new();
    assert_eq!(wg.wait(1), SyncOutcome::done());
    assert_eq!(wg.add(2), SyncOutcome::done());
    assert_eq!(wg.wait(1), WG_WAIT);
    assert_eq!(wg.wait(5), WG_WAIT);
    assert_eq!(wg.waiters().collect::<Vec<_>>(), vec![1, 5]);
    assert_eq!((wg.counter(), wg.waiter_count()), (2, 2));
    assert_eq!(wg.done(), SyncOutcome::done());
    assert_eq!(wg.done(), woke(&[1, 5]));
    assert_eq!((wg.counter(), wg.waiter_count()), (0, 0));
    assert_eq!(wg.wait_resume(1), SyncOutcome::done());
    assert_eq!(wg.wait_resume(5), SyncOutcome::done());
}

#[test]
fn negative_counter_panics() {
    let mut wg = WaitGroup::new();
    assert_eq!(
        wg.done(),
        SyncOutcome::Fail(GoError::NegativeWaitGroupCounter)
    );
    assert_eq!(wg.counter(), -1);
    assert_eq!(
        GoError::NegativeWaitGroupCounter.message(),
        "sync: negative WaitGroup counter"
    );
    assert!(!GoError::NegativeWaitGroupCounter.is_fatal());
    assert!(!GoError::NegativeWaitGroupCounter.is_runtime_error());
}

#[test]
fn reaching_zero_always_releases_waiters_even_after_a_negative_panic() {
    let mut wg = WaitGroup::new();
    wg.add(1);
    assert_eq!(wg.wait(2), WG_WAIT);
    // A recovered negative-counter panic keeps the state, waiter included.
    assert_eq!(
        wg.add(-2),
        SyncOutcome::Fail(GoError::NegativeWaitGroupCounter)
    );
    assert_eq!((wg.counter(), wg.waiter_count()), (-1, 1));
    // Only delta's low 32 bits count: this is Add(+1).
    assert_eq!(wg.add(1 + (1 << 32)), woke(&[2]));
    assert_eq!((wg.counter(), wg.waiter_count()), (0, 0));
    assert_eq!(wg.wait_resume(2), SyncOutcome::done());
}

#[test]
fn add_before_a_woken_waiter_returns_is_reuse() {
    let mut wg = WaitGroup::new();
    wg.add(1);
    assert_eq!(wg.wait(2), WG_WAIT);
    assert_eq!(wg.done(), woke(&[2]));
    // The group is re-armed before the woken waiter has run.
    assert_eq!(wg.add(1), SyncOutcome::done());
    assert_eq!(
        wg.wait_resume(2),
        SyncOutcome::Fail(GoError::WaitGroupReused)
    );
    assert_eq!(
        GoError::WaitGroupReused.message(),
        "sync: WaitGroup is reused before previous Wait has returned"
    );
}

#[test]
fn add_during_the_release_window_is_misuse() {
    use gosim::runtime::waitgroup::AddStep;
    // Case 9's shape: main waits while goroutines Add(1) then Done().
    let mut wg = WaitGroup::new();
    assert_eq!(wg.add(1), SyncOutcome::done());
    assert_eq!(wg.wait(1), WG_WAIT);
    // g2's Done: the atomic half sees zero with one waiter...
    assert_eq!(wg.add_atomic(-1), AddStep::Release { waiters: 1 });
    // ...and before it resets the state, g3's Add(1) starts from zero.
    assert_eq!(
        wg.add(1),
        SyncOutcome::Fail(GoError::WaitGroupMisuseAddDuringWait)
    );
    // g2 then finds the state changed under it.
    assert_eq!(
        wg.add_release(1),
        SyncOutcome::Fail(GoError::WaitGroupMisuseAddDuringWait)
    );
    assert_eq!(
        GoError::WaitGroupMisuseAddDuringWait.message(),
        "sync: WaitGroup misuse: Add called concurrently with Wait"
    );
    // Without interference the two halves equal one Add.
    let mut wg = WaitGroup::new();
    wg.add(1);
    wg.wait(1);
    assert_eq!(wg.add_atomic(-1), AddStep::Release { waiters: 1 });
    assert_eq!(wg.add_release(1), woke(&[1]));
}

#[test]
fn waitgroup_wait_reason_depends_on_go_version() {
    assert_eq!(
        WaitReason::SyncWaitGroupWait.as_go_str_for(21),
        "semacquire"
    );
    assert_eq!(
        WaitReason::SyncWaitGroupWait.as_go_str_for(27),
        "sync.WaitGroup.Wait"
    );
}

#[test]
fn notify_list_wakes_fifo() {
    let mut c = NotifyList::new();
    let t: Vec<u32> = (0..3).map(|_| c.add()).collect();
    assert_eq!(t, vec![0, 1, 2]);
    for (g, ticket) in [(10, 0), (11, 1), (12, 2)] {
        assert_eq!(
            c.wait(g, ticket),
            SyncOutcome::Park(WaitReason::SyncCondWait)
        );
    }
    assert_eq!(
        c.notify_one(),
        Wakes {
            ready: vec![10],
            yield_now: false
        }
    );
    assert_eq!(c.waiters().collect::<Vec<_>>(), vec![(11, 1), (12, 2)]);
    assert_eq!(
        c.notify_all(),
        Wakes {
            ready: vec![11, 12],
            yield_now: false
        }
    );
    assert_eq!(c.notify_one(), Wakes::none());
    assert_eq!((c.wait_ticket(), c.notify_ticket()), (3, 3));
    assert_eq!(WaitReason::SyncCondWait.as_go_str(), "sync.Cond.Wait");
}

#[test]
fn signal_between_add_and_wait_is_not_lost() {
    let mut c = NotifyList::new();
    let t0 = c.add();
    let t1 = c.add();
    // g21 parks with ticket 1 before g20 gets to notifyListWait.
    assert_eq!(c.wait(21, t1), SyncOutcome::Park(WaitReason::SyncCondWait));
    // Signal notifies ticket 0, whose holder is not parked yet.
    assert_eq!(c.notify_one(), Wakes::none());
    assert_eq!(c.wait(20, t0), SyncOutcome::done());
    assert_eq!(
        c.notify_one(),
        Wakes {
            ready: vec![21],
            yield_now: false
        }
    );
}

#[test]
fn case10_broadcast_before_wait_does_not_wake_a_later_waiter() {
    let mut c = NotifyList::new();
    assert_eq!(c.notify_all(), Wakes::none());
    let t = c.add();
    assert_eq!(c.wait(1, t), SyncOutcome::Park(WaitReason::SyncCondWait));
    assert_eq!(c.waiters().collect::<Vec<_>>(), vec![(1, 0)]);
}

#[test]
fn once_state_is_done_flag_plus_mutex() {
    let mut o = Once::new();
    assert!(!o.is_done());
    assert_eq!(o.m.lock(1, 0), SyncOutcome::done());
    // f panics; the deferred store still marks it done.
    o.done = true;
    assert_eq!(o.m.unlock(), SyncOutcome::done());
    assert!(o.is_done());
}
