//! A runtime semaphore, mirroring `semacquire1` / `semrelease1` in
//! runtime/sema.go: a count, a FIFO of parked waiters (LIFO re-queueing on
//! request), and the `handoff` flag that gives the count straight to the
//! woken waiter (`sudog.ticket = 1`) and makes the releaser yield.
//!
//! It is the building block of [`super::mutex`], [`super::rwmutex`] and
//! [`super::waitgroup`]; it knows nothing about what the count protects and
//! does not pick wait reasons (the caller does).
//!
//! Wake protocol: **resume**. A goroutine woken by [`Sema::release`] calls
//! [`Sema::resume`] when it runs. With a hand-off it owns the count already;
//! otherwise it retries `cansemacquire` and, if another goroutine took the
//! count first, queues again (with the same LIFO flag it first queued with).

use std::collections::VecDeque;

use serde::Serialize;

use super::Gid;

/// A parked or woken waiter (`sudog` on a `semaRoot` list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SemaWaiter {
    pub g: Gid,
    /// The `lifo` argument of the semacquire call; reused when re-queueing.
    pub lifo: bool,
    /// `sudog.ticket == 1`: the releaser handed the count over directly.
    pub ticket: bool,
}

/// Result of [`Sema::acquire`] / [`Sema::resume`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Acquire {
    /// The count was taken; the caller proceeds.
    Acquired,
    /// The caller was queued and must park.
    Parked,
}

/// Result of [`Sema::release`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Release {
    /// The waiter taken from the head of the queue, to be readied.
    pub woken: Option<Gid>,
    /// The releaser must `goyield` (hand-off given to `woken`).
    pub yield_now: bool,
}

/// A semaphore (`uint32` count plus its waiters in the semaphore table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Sema {
    count: u32,
    /// Parked waiters, head first: `semrelease1` dequeues the head.
    waiters: VecDeque<SemaWaiter>,
    /// Readied by a release but not yet resumed.
    woken: Vec<SemaWaiter>,
}

impl Sema {
    pub fn new() -> Self {
        Sema::default()
    }

    /// The current count.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Parked waiters in wake order (head first).
    pub fn waiters(&self) -> impl Iterator<Item = Gid> + '_ {
        self.waiters.iter().map(|w| w.g)
    }

    /// Waiters that were readied but have not resumed yet.
    pub fn woken(&self) -> impl Iterator<Item = Gid> + '_ {
        self.woken.iter().map(|w| w.g)
    }

    pub fn is_waiting(&self, g: Gid) -> bool {
        self.waiters.iter().any(|w| w.g == g)
    }

    /// Mirrors `cansemacquire`.
    fn try_take(&mut self) -> bool {
        if self.count == 0 {
            return false;
        }
        self.count -= 1;
        true
    }

    fn enqueue(&mut self, w: SemaWaiter) {
        if w.lifo {
            self.waiters.push_front(w);
        } else {
            self.waiters.push_back(w);
        }
    }

    /// Mirrors `semacquire1(addr, lifo, ...)`: take the count if it is
    /// positive, else queue `g` (at the head if `lifo`) and park.
    pub fn acquire(&mut self, g: Gid, lifo: bool) -> Acquire {
        if self.try_take() {
            return Acquire::Acquired;
        }
        self.enqueue(SemaWaiter {
            g,
            lifo,
            ticket: false,
        });
        Acquire::Parked
    }

    /// The woken goroutine `g` runs again: the rest of `semacquire1`'s loop
    /// (`if s.ticket != 0 || cansemacquire(addr) { break }`, else queue again).
    /// A `g` that was never woken stays parked (`Parked`).
    pub fn resume(&mut self, g: Gid) -> Acquire {
        let Some(i) = self.woken.iter().position(|w| w.g == g) else {
            return Acquire::Parked;
        };
        let w = self.woken.swap_remove(i);
        if w.ticket || self.try_take() {
            return Acquire::Acquired;
        }
        self.enqueue(SemaWaiter { ticket: false, ..w });
        Acquire::Parked
    }

    /// Mirrors `semrelease1(addr, handoff, ...)`: increment the count, wake
    /// the head waiter; with `handoff` give it the count directly and ask the
    /// releaser to yield so the waiter runs at once.
    pub fn release(&mut self, handoff: bool) -> Release {
        self.count = self.count.saturating_add(1);
        let Some(mut w) = self.waiters.pop_front() else {
            return Release::default();
        };
        if handoff && self.try_take() {
            w.ticket = true;
        }
        self.woken.push(w);
        Release {
            woken: Some(w.g),
            yield_now: w.ticket,
        }
    }

    /// Forget `g` entirely (its goroutine is gone, e.g. the program ended).
    pub fn forget(&mut self, g: Gid) {
        self.waiters.retain(|w| w.g != g);
        self.woken.retain(|w| w.g != g);
    }
}
