//! The run queue of the single simulated P (GOMAXPROCS=1): `runnext`, the
//! 256-slot local `runq`, the global run queue it overflows into, and the
//! `schedtick` fairness check, mirroring `runqput`, `runqputslow`, `runqget`,
//! `globrunqget` and `findRunnable` in runtime/proc.go.
//!
//! It owns only the order in which runnable goroutines are picked under Go's
//! default policy. It does not know goroutine states, does not decide *when*
//! to schedule (the VM reschedules when the running goroutine blocks, exits
//! or yields) and does not make exploration choices: other schedules pick any
//! goroutine from [`RunQueue::runnable`] and take it out with
//! [`RunQueue::remove`].
//!
//! Invariants (after every operation; debug builds check them, see
//! `RunQueue::check_invariants`):
//!
//! - `runq` holds at most [`LOCAL_RUNQ_SIZE`] goroutines: `runqput` spills
//!   half of a full local queue, and the goroutine being put, to the global
//!   queue (`runqputslow`).
//! - Goroutines are conserved: `ready` and `put_tail` queue exactly one
//!   more, a pick (`runqget`, `find_runnable`) or `remove` takes exactly
//!   one, and moving goroutines between the local and the global queue
//!   (`runqputslow`, `globrunqget`) neither loses nor duplicates any.
//!
//! That a goroutine is queued at most once (in `runnext`, `runq` or
//! `global`) is the caller's side: the VM readies only goroutines that
//! wait, as `goready` does. The run queue does not rely on it. The fields
//! are public for the VM's sysmon (which puts a preempted goroutine on the
//! global queue) and the UI; whoever writes them keeps these invariants.

use std::collections::VecDeque;

use serde::Serialize;

use super::Gid;

/// Capacity of a P's local run queue (`len(p.runq)` in runtime2.go).
pub const LOCAL_RUNQ_SIZE: usize = 256;

/// Every this many schedules (`schedtick % 61 == 0`) `findRunnable` looks at
/// the global run queue first, so two goroutines respawning each other
/// cannot starve it.
pub const GLOBAL_FAIRNESS_TICKS: u32 = 61;

/// `schedtick` when `main.main` starts under Go 1.21 and 1.27 with
/// GOMAXPROCS=1, as measured against real runs ([`RunQueue::at_main_start`]).
pub const SCHEDTICK_AT_MAIN: u32 = 4;

/// One P's run queue plus the global queue (`sched.runq`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct RunQueue {
    /// `p.runnext`: the goroutine readied most recently; it runs next and
    /// inherits the time slice.
    pub runnext: Option<Gid>,
    /// `p.runq`: the local FIFO, at most [`LOCAL_RUNQ_SIZE`] long.
    pub runq: VecDeque<Gid>,
    /// `sched.runq`: the global FIFO that the local queue overflows into.
    pub global: VecDeque<Gid>,
    /// `p.schedtick`: incremented by `execute` unless the time slice is
    /// inherited (a goroutine taken from `runnext`).
    pub schedtick: u32,
}

impl RunQueue {
    pub fn new() -> Self {
        RunQueue::default()
    }

    /// The run queue as real Go (GOMAXPROCS=1) has it when `main.main`
    /// starts: `schedtick` is [`SCHEDTICK_AT_MAIN`] and `runtime_gs`, the
    /// runtime's own goroutines, wait in the local run queue: one with the
    /// Go 1.23+ toolchains, and one more when the program links package os
    /// (measured with go1.27.3 and go1.21.13). Each stands for a goroutine
    /// that does nothing a program can observe: when
    /// [`RunQueue::find_runnable`] returns one, the VM drops it (the pick
    /// still counted a tick) and picks again. They hold their places in the
    /// queue until picked, so once hundreds of goroutines overflow into the
    /// global queue the order in which they run is exactly real Go's.
    pub fn at_main_start(runtime_gs: &[Gid]) -> Self {
        RunQueue {
            runnext: None,
            runq: runtime_gs.iter().copied().collect(),
            global: VecDeque::new(),
            schedtick: SCHEDTICK_AT_MAIN,
        }
    }

    /// A goroutine was created (`newproc`) or readied (`goready`): mirrors
    /// `runqput(pp, gp, next=true)`. It takes `runnext`; the goroutine it
    /// displaces goes to the tail of the local run queue.
    pub fn ready(&mut self, g: Gid) {
        let before = self.len();
        match self.runnext.replace(g) {
            None => {}
            Some(old) => self.runqput_tail(old),
        }
        self.check_invariants(before + 1);
    }

    /// Mirrors `runqput(pp, gp, next=false)`: append to the local run queue,
    /// spilling half of it plus `g` to the global queue when it is full
    /// (`runqputslow`).
    pub fn put_tail(&mut self, g: Gid) {
        let before = self.len();
        self.runqput_tail(g);
        self.check_invariants(before + 1);
    }

    fn runqput_tail(&mut self, g: Gid) {
        if self.runq.len() < LOCAL_RUNQ_SIZE {
            self.runq.push_back(g);
            return;
        }
        // runqputslow: the older half of the local queue, then g, move to
        // the tail of the global queue in that order.
        let half = self.runq.len() / 2;
        self.global.extend(self.runq.drain(..half));
        self.global.push_back(g);
    }

    /// The running goroutine yields after handing a semaphore to a waiter
    /// (`goyield` in `semrelease1`): it goes to the tail of the local queue,
    /// behind the goroutine that now holds `runnext`.
    pub fn yield_current(&mut self, g: Gid) {
        self.put_tail(g);
    }

    /// Mirrors `runqget`: `runnext` first, then the head of the local queue.
    /// The flag is `inheritTime` (true for `runnext`).
    pub fn runqget(&mut self) -> Option<(Gid, bool)> {
        let before = self.len();
        let picked = match self.runnext.take() {
            Some(g) => Some((g, true)),
            None => self.runq.pop_front().map(|g| (g, false)),
        };
        self.check_invariants(before - usize::from(picked.is_some()));
        picked
    }

    /// Mirrors `globrunqget(pp, max)` with GOMAXPROCS=1: take up to `max`
    /// (0 = no limit) goroutines, capped at half the local queue's capacity;
    /// return the first and move the rest to the local queue's tail.
    fn globrunqget(&mut self, max: usize) -> Option<Gid> {
        let mut n = self.global.len();
        if max > 0 && n > max {
            n = max;
        }
        n = n.min(LOCAL_RUNQ_SIZE / 2);
        let first = self.global.pop_front()?;
        for _ in 1..n {
            match self.global.pop_front() {
                Some(g) => self.runqput_tail(g),
                None => break,
            }
        }
        Some(first)
    }

    /// The next goroutine under Go's default policy, as `findRunnable` then
    /// `execute` pick it: every 61st tick one from the global queue, else
    /// `runqget`, else the global queue. Updates `schedtick`.
    pub fn find_runnable(&mut self) -> Option<Gid> {
        let before = self.len();
        // `% == 0` rather than `is_multiple_of`: the workspace MSRV is 1.85.
        #[allow(clippy::manual_is_multiple_of)]
        let fairness_tick = self.schedtick % GLOBAL_FAIRNESS_TICKS == 0;
        let picked = if fairness_tick && !self.global.is_empty() {
            self.globrunqget(1).map(|g| (g, false))
        } else {
            None
        };
        let picked = picked
            .or_else(|| self.runqget())
            .or_else(|| self.globrunqget(0).map(|g| (g, false)));
        let Some((g, inherit_time)) = picked else {
            self.check_invariants(before);
            return None;
        };
        if !inherit_time {
            self.schedtick = self.schedtick.wrapping_add(1);
        }
        self.check_invariants(before - 1);
        Some(g)
    }

    /// Every runnable goroutine, in the order Go's policy would reach them
    /// (ignoring the periodic fairness check): `runnext`, local, global.
    pub fn runnable(&self) -> Vec<Gid> {
        self.runnext
            .iter()
            .chain(self.runq.iter())
            .chain(self.global.iter())
            .copied()
            .collect()
    }

    /// Take `g` out of whichever queue holds it (used by non-default
    /// schedules, which pick any runnable goroutine). Counts as an
    /// `execute` without inherited time. Returns false if `g` was not queued.
    pub fn remove(&mut self, g: Gid) -> bool {
        let before = self.len();
        let found = if self.runnext == Some(g) {
            self.runnext = None;
            true
        } else if let Some(i) = self.runq.iter().position(|&x| x == g) {
            self.runq.remove(i);
            true
        } else if let Some(i) = self.global.iter().position(|&x| x == g) {
            self.global.remove(i);
            true
        } else {
            false
        };
        if found {
            self.schedtick = self.schedtick.wrapping_add(1);
        }
        self.check_invariants(before - usize::from(found));
        found
    }

    pub fn contains(&self, g: Gid) -> bool {
        self.runnext == Some(g) || self.runq.contains(&g) || self.global.contains(&g)
    }

    pub fn len(&self) -> usize {
        usize::from(self.runnext.is_some()) + self.runq.len() + self.global.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Panics (in debug builds only) if an invariant of the module docs is
    /// broken after an operation that should leave `queued` goroutines.
    fn check_invariants(&self, queued: usize) {
        debug_assert_eq!(self.broken_invariant(), None, "run queue invariant broken");
        debug_assert_eq!(
            self.len(),
            queued,
            "run queue lost or duplicated a goroutine"
        );
    }

    /// The first invariant of the module docs the run queue's shape breaks,
    /// if any.
    fn broken_invariant(&self) -> Option<&'static str> {
        if self.runq.len() > LOCAL_RUNQ_SIZE {
            return Some("runq holds at most LOCAL_RUNQ_SIZE goroutines");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{RunQueue, LOCAL_RUNQ_SIZE};
    use crate::runtime::Gid;

    /// xorshift64: a seeded pick with no dependency on the crate's RNG.
    fn pick(state: &mut u64, n: usize) -> usize {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        (*state % n as u64) as usize
    }

    /// Up to 600 goroutines are readied, put at the tail, picked, removed
    /// and yielded under seeded random schedules, in waves that overflow the
    /// local queue into the global one and drain it again. The invariants
    /// hold after every operation, and the queue holds exactly the
    /// goroutines readied and not yet picked.
    #[test]
    fn invariants_hold_under_random_operations() {
        let mut overflowed = false;
        for seed in 1..=40u64 {
            let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            let mut q = RunQueue::at_main_start(&[Gid::MAX - 1]);
            let mut queued: Vec<Gid> = vec![Gid::MAX - 1];
            let mut waiting: Vec<Gid> = (1..=600).collect();
            for step in 0..3000 {
                // Mostly readying in the first part of each wave, mostly
                // picking in the rest.
                let adds = if step % 1000 < 700 { 8 } else { 2 };
                let op = if pick(&mut rng, 10) < adds {
                    0
                } else {
                    2 + pick(&mut rng, 3)
                };
                match op {
                    0 if !waiting.is_empty() => {
                        let g = waiting.swap_remove(pick(&mut rng, waiting.len()));
                        if pick(&mut rng, 2) == 0 {
                            q.ready(g);
                        } else {
                            q.put_tail(g);
                        }
                        queued.push(g);
                    }
                    2 => {
                        if let Some(g) = q.find_runnable() {
                            queued.retain(|&x| x != g);
                            // The picked goroutine runs and yields.
                            if pick(&mut rng, 3) == 0 {
                                q.yield_current(g);
                                queued.push(g);
                            } else {
                                waiting.push(g);
                            }
                        }
                    }
                    3 if !queued.is_empty() => {
                        let g = queued.swap_remove(pick(&mut rng, queued.len()));
                        assert!(q.remove(g), "seed {seed}: {g} was queued");
                        waiting.push(g);
                    }
                    _ => {
                        if let Some((g, _)) = q.runqget() {
                            queued.retain(|&x| x != g);
                            waiting.push(g);
                        }
                    }
                }
                assert_eq!(q.broken_invariant(), None, "seed {seed}, step {step}");
                assert_eq!(q.len(), queued.len(), "seed {seed}, step {step}");
                overflowed |= q.global.len() > 1;
            }
        }
        assert!(overflowed, "the waves reach runqputslow");
    }

    /// An overfull local queue is reported.
    #[test]
    fn broken_states_are_reported() {
        let mut q = RunQueue::new();
        q.runq.extend(0..LOCAL_RUNQ_SIZE as Gid + 1);
        assert_eq!(
            q.broken_invariant(),
            Some("runq holds at most LOCAL_RUNQ_SIZE goroutines")
        );
    }
}
