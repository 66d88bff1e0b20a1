//! `sync.WaitGroup`, mirroring `Add`, `Done` and `Wait` in
//! sync/waitgroup.go: the counter `v` and waiter count `w` (the two halves of
//! Go's 64-bit state word) and the semaphore the waiters park on, with Go's
//! three panics.
//!
//! `WaitGroup.Go(f)` (Go 1.25) is the VM's business: `Add(1)`, then a new
//! goroutine running `f` then `Done`. (From Go 1.26 a panic escaping `f`
//! skips the `Done`, so the panic is printed before `Wait` can return.)
//!
//! The "Add called concurrently with Wait" panic needs another goroutine to
//! run between `Add`'s atomic update and its reset of the state word. A VM
//! that treats `Add` as one step ([`WaitGroup::add`]) can never show it; an
//! explorer that wants to can split `Add` into [`WaitGroup::add_atomic`]
//! and [`WaitGroup::add_release`] with a scheduling point in between.
//!
//! Wake protocol: **resume**. `Wait` may return `Park(sync.WaitGroup.Wait)`
//! (printed `semacquire` before Go 1.24, see [`WaitReason::as_go_str_for`]);
//! when readied the VM calls [`WaitGroup::wait_resume`], which returns or
//! panics "sync: WaitGroup is reused before previous Wait has returned".

use serde::Serialize;

use super::sema::{Acquire, Sema};
use super::{Gid, GoError, SyncOutcome, WaitReason, Wakes};

/// A WaitGroup as the UI draws it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct WaitGroupSnapshot {
    pub counter: i32,
    /// Goroutines counted as waiting (Go's low half of the state word).
    pub waiter_count: u32,
    /// Parked waiters in wake order.
    pub waiters: Vec<Gid>,
}

/// The result of [`WaitGroup::add_atomic`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AddStep {
    /// `Add` is complete (possibly with a panic).
    Finished(SyncOutcome),
    /// The counter reached zero with this many waiters: finish with
    /// [`WaitGroup::add_release`].
    Release { waiters: u32 },
}

/// `sync.WaitGroup`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct WaitGroup {
    /// The counter (high half of `state`); wraps as Go's int32 does.
    v: i32,
    /// The waiter count (low half of `state`).
    w: u32,
    sema: Sema,
}

impl WaitGroup {
    pub fn new() -> Self {
        WaitGroup::default()
    }

    /// What copying the struct gives: the counter and waiter count, no
    /// parked waiters (they wait on the original).
    pub fn copied(&self) -> WaitGroup {
        WaitGroup {
            v: self.v,
            w: self.w,
            sema: self.sema.copied(),
        }
    }

    /// The counter.
    pub fn counter(&self) -> i32 {
        self.v
    }

    /// The number of goroutines counted as waiting.
    pub fn waiter_count(&self) -> u32 {
        self.w
    }

    /// Parked waiters in wake order.
    pub fn waiters(&self) -> impl Iterator<Item = Gid> + '_ {
        self.sema.waiters()
    }

    /// Everything the UI shows about this WaitGroup.
    pub fn snapshot(&self) -> WaitGroupSnapshot {
        WaitGroupSnapshot {
            counter: self.v,
            waiter_count: self.w,
            waiters: self.sema.waiters().collect(),
        }
    }

    /// `Add(delta)` as one step: [`WaitGroup::add_atomic`] then, if needed,
    /// [`WaitGroup::add_release`]. The counter going negative panics "sync:
    /// negative WaitGroup counter" (the state keeps the negative value, as
    /// in Go); when the counter reaches zero with waiters, the state is reset
    /// and every waiter is released, in queue order.
    pub fn add(&mut self, delta: i64) -> SyncOutcome {
        match self.add_atomic(delta) {
            AddStep::Finished(out) => out,
            AddStep::Release { waiters } => self.add_release(waiters),
        }
    }

    /// The first half of `Add`: the atomic update of the state and its
    /// checks. A positive `Add` that starts from zero while goroutines wait
    /// panics "sync: WaitGroup misuse: Add called concurrently with Wait".
    pub fn add_atomic(&mut self, delta: i64) -> AddStep {
        // Go adds uint64(delta)<<32 to the state: only delta's low 32 bits
        // reach the counter, with wrap-around.
        let d = delta as i32;
        self.v = self.v.wrapping_add(d);
        if self.v < 0 {
            return AddStep::Finished(SyncOutcome::Fail(GoError::NegativeWaitGroupCounter));
        }
        if self.w != 0 && delta > 0 && self.v == d {
            return AddStep::Finished(SyncOutcome::Fail(GoError::WaitGroupMisuseAddDuringWait));
        }
        if self.v > 0 || self.w == 0 {
            return AddStep::Finished(SyncOutcome::done());
        }
        AddStep::Release { waiters: self.w }
    }

    /// The second half of `Add` after the counter reached zero with
    /// `waiters` waiting: check nobody touched the state meanwhile (else the
    /// misuse panic), reset it and release the waiters in queue order.
    pub fn add_release(&mut self, waiters: u32) -> SyncOutcome {
        if self.v != 0 || self.w != waiters {
            return SyncOutcome::Fail(GoError::WaitGroupMisuseAddDuringWait);
        }
        self.w = 0;
        let mut wakes = Wakes::none();
        for _ in 0..waiters {
            let rel = self.sema.release(false);
            wakes.ready.extend(rel.woken);
        }
        SyncOutcome::Done(wakes)
    }

    /// `Done`: `Add(-1)`.
    pub fn done(&mut self) -> SyncOutcome {
        self.add(-1)
    }

    /// `Wait`: return at once when the counter is zero, else count as a
    /// waiter and park on the semaphore.
    pub fn wait(&mut self, g: Gid) -> SyncOutcome {
        if self.v == 0 {
            return SyncOutcome::done();
        }
        self.w += 1;
        match self.sema.acquire(g, false) {
            Acquire::Parked => SyncOutcome::Park(WaitReason::SyncWaitGroupWait),
            Acquire::Acquired => self.check_reuse(),
        }
    }

    /// The parked waiter `g` runs again: finish its semacquire, then check
    /// that nobody re-armed the group before it returned.
    pub fn wait_resume(&mut self, g: Gid) -> SyncOutcome {
        match self.sema.resume(g) {
            Acquire::Parked => SyncOutcome::Park(WaitReason::SyncWaitGroupWait),
            Acquire::Acquired => self.check_reuse(),
        }
    }

    fn check_reuse(&self) -> SyncOutcome {
        if self.v != 0 || self.w != 0 {
            return SyncOutcome::Fail(GoError::WaitGroupReused);
        }
        SyncOutcome::done()
    }

    /// Forget goroutine `g` (it no longer exists).
    pub fn forget(&mut self, g: Gid) {
        self.sema.forget(g);
    }
}
