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
//!
//! Invariants (after every operation but `forget`; debug builds check them,
//! see `Sema::check_invariants`):
//!
//! - Queued waiters hold no ticket: a ticket is granted only to the waiter
//!   `semrelease1` takes off the queue.
//! - A goroutine waits in one semacquire at a time: it appears at most once
//!   in `waiters` and `woken` together.
//! - While goroutines are queued, the count is at most the number of woken
//!   waiters without a ticket: a goroutine queues only when the count is 0,
//!   and every release made while it waits either hands the count over or
//!   wakes a waiter that will try to take it. So a queued goroutine never
//!   sleeps through a count nobody is coming for. (`forget`, for a program
//!   that ended, may drop such a woken waiter; it is not checked.)

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
    /// The semaphore a copy of its struct has: Go copies the count, while
    /// the waiters stay parked on the original's address.
    pub fn copied(&self) -> Sema {
        Sema {
            count: self.count,
            ..Sema::default()
        }
    }

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
        let out = self.semacquire(g, lifo);
        self.check_invariants();
        out
    }

    fn semacquire(&mut self, g: Gid, lifo: bool) -> Acquire {
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
        let out = self.semacquire_resume(g);
        self.check_invariants();
        out
    }

    fn semacquire_resume(&mut self, g: Gid) -> Acquire {
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
        let out = self.semrelease(handoff);
        self.check_invariants();
        out
    }

    fn semrelease(&mut self, handoff: bool) -> Release {
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

    /// Panics (in debug builds only) if an invariant of the module docs is
    /// broken.
    fn check_invariants(&self) {
        debug_assert_eq!(self.broken_invariant(), None, "sema invariant broken");
    }

    /// The first invariant of the module docs this semaphore breaks, if any.
    fn broken_invariant(&self) -> Option<&'static str> {
        if self.waiters.iter().any(|w| w.ticket) {
            return Some("queued waiters hold no ticket");
        }
        if self.waiters.len() + self.woken.len() <= super::DISTINCT_CHECK_LIMIT {
            let gids = self
                .waiters
                .iter()
                .chain(&self.woken)
                .map(|w| w.g)
                .collect();
            if !super::all_distinct(gids) {
                return Some("a goroutine waits at most once");
            }
        }
        let banked_for = self.woken.iter().filter(|w| !w.ticket).count();
        if !self.waiters.is_empty() && self.count as usize > banked_for {
            return Some("while goroutines are queued, count <= woken waiters without a ticket");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Acquire, Sema, SemaWaiter};
    use crate::runtime::Gid;

    /// xorshift64: a seeded pick with no dependency on the crate's RNG.
    fn pick(state: &mut u64, n: usize) -> usize {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        (*state % n as u64) as usize
    }

    #[derive(Clone, Copy, PartialEq)]
    enum St {
        Running,
        Holding,
        Parked,
        Woken,
    }

    /// Goroutines 1..=6 acquire (FIFO or LIFO), release (with or without
    /// hand-off) and resume when woken, under seeded random schedules, the
    /// way Mutex and WaitGroup drive a semaphore. The invariants hold after
    /// every operation, and no wake-up is lost: someone can always run.
    #[test]
    fn invariants_hold_under_random_operations() {
        let mut banked_while_queued = false;
        for seed in 1..=300u64 {
            let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            let mut s = Sema::new();
            // Two units to share, banked by releases nobody waits for.
            s.release(false);
            s.release(true);
            let mut st = [St::Running; 7];
            for step in 0..300 {
                let live: Vec<Gid> = (1..=6).filter(|&g| st[g as usize] != St::Parked).collect();
                assert!(!live.is_empty(), "seed {seed}: lost wake-up at step {step}");
                let g = live[pick(&mut rng, live.len())];
                let i = g as usize;
                match st[i] {
                    St::Running => {
                        let lifo = pick(&mut rng, 2) == 0;
                        st[i] = match s.acquire(g, lifo) {
                            Acquire::Acquired => St::Holding,
                            Acquire::Parked => St::Parked,
                        };
                    }
                    St::Holding => {
                        let handoff = pick(&mut rng, 2) == 0;
                        let r = s.release(handoff);
                        st[i] = St::Running;
                        if let Some(w) = r.woken {
                            assert!(st[w as usize] == St::Parked, "seed {seed}: woke a runner");
                            st[w as usize] = St::Woken;
                        }
                    }
                    St::Woken => {
                        st[i] = match s.resume(g) {
                            Acquire::Acquired => St::Holding,
                            Acquire::Parked => St::Parked,
                        };
                    }
                    St::Parked => unreachable!("parked goroutines do not run"),
                }
                assert_eq!(s.broken_invariant(), None, "seed {seed}, step {step}");
                banked_while_queued |= s.count > 0 && !s.waiters.is_empty();
            }
        }
        assert!(banked_while_queued, "a count waits for a woken waiter");
    }

    /// Each invariant, broken by hand, is reported.
    #[test]
    fn broken_states_are_reported() {
        let waiter = |g, ticket| SemaWaiter {
            g,
            lifo: false,
            ticket,
        };

        let mut s = Sema::new();
        s.waiters.push_back(waiter(1, true));
        assert_eq!(s.broken_invariant(), Some("queued waiters hold no ticket"));

        let mut s = Sema::new();
        s.waiters.push_back(waiter(1, false));
        s.woken.push(waiter(1, false));
        assert_eq!(s.broken_invariant(), Some("a goroutine waits at most once"));

        let mut s = Sema::new();
        s.count = 1;
        s.waiters.push_back(waiter(1, false));
        assert_eq!(
            s.broken_invariant(),
            Some("while goroutines are queued, count <= woken waiters without a ticket")
        );
        s.woken.push(waiter(2, false));
        assert_eq!(s.broken_invariant(), None);
    }
}
