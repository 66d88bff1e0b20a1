//! The runtime semaphore (runtime/sema.go): FIFO waiters, LIFO queueing,
//! hand-off, and a woken waiter losing the count to a barger.

use gosim::runtime::sema::{Acquire, Release, Sema};

#[test]
fn fifo_waiters_lifo_requeue_and_handoff() {
    let mut s = Sema::new();
    assert_eq!(s.acquire(1, false), Acquire::Parked);
    assert_eq!(s.acquire(2, false), Acquire::Parked);
    assert_eq!(s.acquire(3, true), Acquire::Parked);
    assert_eq!(s.waiters().collect::<Vec<_>>(), vec![3, 1, 2]);

    // Plain release: the head is woken and must take the count itself.
    assert_eq!(
        s.release(false),
        Release {
            woken: Some(3),
            yield_now: false
        }
    );
    assert_eq!(s.count(), 1);
    // A running goroutine takes the count first.
    assert_eq!(s.acquire(9, false), Acquire::Acquired);
    // The woken waiter finds nothing and queues again at the front (lifo).
    assert_eq!(s.resume(3), Acquire::Parked);
    assert_eq!(s.waiters().collect::<Vec<_>>(), vec![3, 1, 2]);

    // Hand-off: the count goes straight to the waiter; the releaser yields.
    assert_eq!(
        s.release(true),
        Release {
            woken: Some(3),
            yield_now: true
        }
    );
    assert_eq!(s.count(), 0);
    assert_eq!(
        s.acquire(9, false),
        Acquire::Parked,
        "no barging past a hand-off"
    );
    assert_eq!(s.resume(3), Acquire::Acquired);
    assert_eq!(s.waiters().collect::<Vec<_>>(), vec![1, 2, 9]);
    assert_eq!(s.resume(1), Acquire::Parked, "1 was never woken");
}

#[test]
fn release_without_waiters_banks_the_count() {
    let mut s = Sema::new();
    assert_eq!(s.release(true), Release::default());
    assert_eq!(s.count(), 1);
    assert_eq!(s.acquire(1, false), Acquire::Acquired);
    assert_eq!(s.count(), 0);
}
