//! sync.Mutex (internal/sync/mutex.go): barging, requeue at the front,
//! starvation-mode hand-off, fatal unlock of an unlocked mutex.

use gosim::runtime::mutex::{Mutex, MutexState};
use gosim::runtime::{GoError, SyncOutcome, WaitReason, Wakes};

use crate::support::woke;

const MS: i64 = 1_000_000;

fn handed_to(g: u32) -> SyncOutcome {
    SyncOutcome::Done(Wakes {
        ready: vec![g],
        yield_now: true,
    })
}

fn park() -> SyncOutcome {
    SyncOutcome::Park(WaitReason::SyncMutexLock)
}

fn waiters(m: &Mutex) -> Vec<u32> {
    m.waiters().collect()
}

#[test]
fn uncontended_lock_unlock_and_fatal_double_unlock() {
    let mut m = Mutex::new();
    assert_eq!(m.lock(1, 0), SyncOutcome::done());
    assert_eq!(m.holder(), Some(1));
    assert!(m.is_locked());
    assert!(!m.try_lock(2));
    assert_eq!(m.unlock(), SyncOutcome::done());
    assert_eq!(m.holder(), None);
    assert_eq!(m.state(), MutexState::default());
    assert_eq!(
        m.unlock(),
        SyncOutcome::Fail(GoError::UnlockOfUnlockedMutex)
    );
    assert_eq!(
        GoError::UnlockOfUnlockedMutex.message(),
        "sync: unlock of unlocked mutex"
    );
    assert!(GoError::UnlockOfUnlockedMutex.is_fatal());
    assert!(m.try_lock(2));
    assert_eq!(m.holder(), Some(2));
}

#[test]
fn mutex_is_not_reentrant() {
    let mut m = Mutex::new();
    m.lock(1, 0);
    assert_eq!(m.lock(1, 0), park());
    assert_eq!(waiters(&m), vec![1]);
}

#[test]
fn woken_waiter_loses_to_a_barger_and_requeues_at_the_front() {
    let mut m = Mutex::new();
    assert_eq!(m.lock(1, 0), SyncOutcome::done());
    assert_eq!(m.lock(2, 0), park());
    assert_eq!(m.lock(4, 0), park());
    assert_eq!(waiters(&m), vec![2, 4]);
    assert_eq!(m.state().waiters, 2);

    // Unlock wakes the head waiter; it does not own the mutex yet.
    assert_eq!(m.unlock(), woke(&[2]));
    assert_eq!(
        m.state(),
        MutexState {
            locked: false,
            woken: true,
            starving: false,
            waiters: 1
        }
    );
    assert_eq!(m.woken().collect::<Vec<_>>(), vec![2]);

    // A running goroutine barges in before g2 runs.
    assert_eq!(m.lock(3, 0), SyncOutcome::done());
    assert_eq!(m.holder(), Some(3));

    // g2 runs, loses, and queues again at the front (queueLifo).
    assert_eq!(m.lock_resume(2, 0), park());
    assert_eq!(waiters(&m), vec![2, 4]);
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: false,
            waiters: 2
        }
    );

    // Next unlock wakes g2 again, which now wins.
    assert_eq!(m.unlock(), woke(&[2]));
    assert_eq!(m.lock_resume(2, 0), SyncOutcome::done());
    assert_eq!(m.holder(), Some(2));
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: false,
            waiters: 1
        }
    );
}

#[test]
fn a_waiter_starved_over_1ms_gets_direct_handoff() {
    let mut m = Mutex::new();
    m.lock(1, 0);
    assert_eq!(m.lock(2, 0), park());

    // 2 ms later g1 unlocks; g3 barges in before g2 runs.
    assert_eq!(m.unlock(), woke(&[2]));
    assert_eq!(m.lock(3, 2 * MS), SyncOutcome::done());
    // g2 has waited 2 ms > 1 ms: it switches the mutex to starvation mode.
    assert_eq!(m.lock_resume(2, 2 * MS), park());
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: true,
            waiters: 1
        }
    );
    // New arrivals queue at the tail and never barge in starvation mode.
    assert_eq!(m.lock(4, 2 * MS), park());
    assert_eq!(waiters(&m), vec![2, 4]);

    // Unlock hands the mutex to g2 and the unlocker yields.
    assert_eq!(m.unlock(), handed_to(2));
    assert!(!m.state().locked);
    assert!(m.is_locked(), "a starving mutex is held for the hand-off");
    assert_eq!(m.lock(5, 2 * MS), park());
    assert!(!m.try_lock(6));
    assert_eq!(waiters(&m), vec![4, 5]);
    assert_eq!(m.lock_resume(2, 2 * MS), SyncOutcome::done());
    assert_eq!(m.holder(), Some(2));
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: true,
            waiters: 2
        }
    );

    // g4 waited 0 ns: taking the hand-off returns the mutex to normal mode.
    assert_eq!(m.unlock(), handed_to(4));
    assert_eq!(m.lock_resume(4, 2 * MS), SyncOutcome::done());
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: false,
            waiters: 1
        }
    );
    assert_eq!(m.unlock(), woke(&[5]));
    assert_eq!(m.lock_resume(5, 2 * MS), SyncOutcome::done());
    assert_eq!(m.holder(), Some(5));
    assert_eq!(
        m.state(),
        MutexState {
            locked: true,
            woken: false,
            starving: false,
            waiters: 0
        }
    );
}

#[test]
fn exactly_1ms_is_not_starving() {
    // Go compares `nanotime()-waitStartTime > starvationThresholdNs`.
    let mut m = Mutex::new();
    m.lock(1, 0);
    m.lock(2, 0);
    m.unlock();
    m.lock(3, MS);
    assert_eq!(m.lock_resume(2, MS), park());
    assert!(!m.state().starving);
}

#[test]
fn resume_of_a_goroutine_that_was_not_woken_stays_parked() {
    let mut m = Mutex::new();
    m.lock(1, 0);
    m.lock(2, 0);
    assert_eq!(m.lock_resume(2, 0), park());
    assert_eq!(waiters(&m), vec![2]);
}
