//! sync.RWMutex (sync/rwmutex.go): writer preference, the case-7 recursive
//! RLock deadlock, reader release order, fatal errors.

use gosim::runtime::rwmutex::{RWMutex, RwStage, RWMUTEX_MAX_READERS};
use gosim::runtime::sched::RunQueue;
use gosim::runtime::{GoError, SyncOutcome, WaitReason};

use crate::support::woke;

#[test]
fn case7_recursive_rlock_with_a_pending_writer_deadlocks() {
    let mut mu = RWMutex::new();
    let (main, a1) = (1, 2);
    // a1 call rlock / a1 rlocked
    assert_eq!(mu.rlock(a1), SyncOutcome::done());
    assert_eq!(mu.readers(), &[a1]);
    // w call lock: main wins w, announces itself and waits for a1.
    assert_eq!(
        mu.lock(main, 2_000_000_000),
        SyncOutcome::Park(WaitReason::SyncRWMutexLock)
    );
    assert_eq!(mu.reader_count(), 1 - RWMUTEX_MAX_READERS);
    assert_eq!(mu.reader_wait(), 1);
    assert_eq!(mu.w().holder(), Some(main));
    assert_eq!(mu.stage_of(main), Some(RwStage::WriterSem));
    // c3 call rlock: the pending writer blocks the recursive read lock.
    assert_eq!(
        mu.rlock(a1),
        SyncOutcome::Park(WaitReason::SyncRWMutexRLock)
    );
    assert_eq!(mu.reader_count(), 2 - RWMUTEX_MAX_READERS);
    assert_eq!(mu.queued_readers(), vec![a1]);
    assert_eq!(mu.queued_writers(), vec![main]);
    assert_eq!(mu.readers(), &[a1]);
    assert_eq!(mu.writer(), None);
    // Go's goroutine headers for the deadlock.
    assert_eq!(WaitReason::SyncRWMutexLock.as_go_str(), "sync.RWMutex.Lock");
    assert_eq!(
        WaitReason::SyncRWMutexRLock.as_go_str(),
        "sync.RWMutex.RLock"
    );
    // Nobody was woken, so resuming either changes nothing.
    assert_eq!(
        mu.resume(main, 0),
        SyncOutcome::Park(WaitReason::SyncRWMutexLock)
    );
    assert_eq!(
        mu.resume(a1, 0),
        SyncOutcome::Park(WaitReason::SyncRWMutexRLock)
    );
}

#[test]
fn case6_writer_gets_the_lock_before_later_readers() {
    let mut mu = RWMutex::new();
    let mut q = RunQueue::new();
    let (reader0, writer0) = (2, 3);
    mu.rlock(reader0);
    assert_eq!(
        mu.lock(writer0, 0),
        SyncOutcome::Park(WaitReason::SyncRWMutexLock)
    );
    // reader3, reader1, reader2 call RLock in that order and queue.
    for g in [6, 4, 5] {
        assert_eq!(mu.rlock(g), SyncOutcome::Park(WaitReason::SyncRWMutexRLock));
    }
    assert_eq!(mu.queued_readers(), vec![6, 4, 5]);

    // reader0 leaves: it is the last reader the writer waits for.
    assert_eq!(mu.runlock(reader0), woke(&[writer0]));
    assert_eq!(mu.resume(writer0, 0), SyncOutcome::done());
    assert_eq!(mu.writer(), Some(writer0));
    assert!(mu.readers().is_empty());

    // Unlock releases every queued reader in queue order.
    let out = mu.unlock();
    assert_eq!(out, woke(&[6, 4, 5]));
    assert_eq!(mu.reader_count(), 3);
    if let SyncOutcome::Done(w) = out {
        for g in w.ready {
            q.ready(g);
        }
    }
    assert_eq!(q.runnable(), vec![5, 6, 4]);
    for g in [5, 6, 4] {
        assert_eq!(mu.resume(g, 0), SyncOutcome::done());
    }
    assert_eq!(mu.readers(), &[5, 6, 4]);
    assert!(mu.queued_readers().is_empty());
}

#[test]
fn second_writer_queues_on_w_as_sync_mutex_lock() {
    let mut mu = RWMutex::new();
    assert_eq!(mu.lock(1, 0), SyncOutcome::done());
    assert_eq!(mu.lock(2, 0), SyncOutcome::Park(WaitReason::SyncMutexLock));
    assert_eq!(mu.stage_of(2), Some(RwStage::WriterMutex));
    assert_eq!(mu.rlock(3), SyncOutcome::Park(WaitReason::SyncRWMutexRLock));
    assert_eq!(mu.queued_writers(), vec![2]);

    // Readers are released before the next writer gets w.
    assert_eq!(mu.unlock(), woke(&[3, 2]));
    assert_eq!(mu.resume(3, 0), SyncOutcome::done());
    // Writer 2 now holds w but must wait for reader 3.
    assert_eq!(
        mu.resume(2, 0),
        SyncOutcome::Park(WaitReason::SyncRWMutexLock)
    );
    assert_eq!(mu.stage_of(2), Some(RwStage::WriterSem));
    assert_eq!(mu.runlock(3), woke(&[2]));
    assert_eq!(mu.resume(2, 0), SyncOutcome::done());
    assert_eq!(mu.writer(), Some(2));
    assert_eq!(mu.stage_of(2), None);
    assert_eq!(mu.unlock(), SyncOutcome::done());
    assert_eq!(mu.reader_count(), 0);
    assert_eq!(mu.reader_wait(), 0);
}

#[test]
fn fatal_errors_use_gos_messages() {
    let mut mu = RWMutex::new();
    assert_eq!(
        mu.runlock(1),
        SyncOutcome::Fail(GoError::RUnlockOfUnlockedRWMutex)
    );
    assert_eq!(
        mu.unlock(),
        SyncOutcome::Fail(GoError::UnlockOfUnlockedRWMutex)
    );
    mu.lock(1, 0);
    // RUnlock while only a writer holds it.
    assert_eq!(
        mu.runlock(1),
        SyncOutcome::Fail(GoError::RUnlockOfUnlockedRWMutex)
    );
    mu.rlock(2);
    assert_eq!(
        GoError::RUnlockOfUnlockedRWMutex.message(),
        "sync: RUnlock of unlocked RWMutex"
    );
    assert_eq!(
        GoError::UnlockOfUnlockedRWMutex.message(),
        "sync: Unlock of unlocked RWMutex"
    );
    assert!(GoError::RUnlockOfUnlockedRWMutex.is_fatal());
    assert!(GoError::UnlockOfUnlockedRWMutex.is_fatal());
}

#[test]
fn readers_share_the_lock_without_a_writer() {
    let mut mu = RWMutex::new();
    for g in 1..=3 {
        assert_eq!(mu.rlock(g), SyncOutcome::done());
    }
    assert_eq!(mu.reader_count(), 3);
    // RUnlock from another goroutine is allowed, as in Go.
    assert_eq!(mu.runlock(9), SyncOutcome::done());
    assert_eq!(mu.readers(), &[2, 3]);
    assert_eq!(mu.runlock(3), SyncOutcome::done());
    assert_eq!(mu.readers(), &[2]);
}
