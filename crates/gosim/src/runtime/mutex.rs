//! `sync.Mutex`, mirroring `Lock`/`lockSlow`/`Unlock`/`unlockSlow`/`TryLock`
//! in internal/sync/mutex.go (sync/mutex.go before Go 1.24): the
//! `mutexLocked`/`mutexWoken`/`mutexStarving` bits, the waiter count, the
//! semaphore, normal mode (a woken waiter competes with arriving goroutines
//! and, losing, re-queues at the *front*) and starvation mode (a waiter that
//! waited more than 1 ms of virtual time makes Unlock hand the mutex straight
//! to the queue's head).
//!
//! Spinning is not modelled: with GOMAXPROCS=1 `runtime_canSpin` is always
//! false. The mutex also records the holder's gid for display, which Go does
//! not track (a Go mutex may be unlocked by another goroutine, and so may
//! this one). It owns no goroutine state besides `lockSlow`'s locals of the
//! goroutines currently inside `Lock`.
//!
//! Wake protocol: **resume**. `Lock` may return `Park(sync.Mutex.Lock)`; when
//! the goroutine is readied the VM calls [`Mutex::lock_resume`], which either
//! completes or parks it again. `Unlock` returns who to ready and whether the
//! unlocker must yield (starvation-mode hand-off).

use serde::Serialize;

use super::sema::{Acquire, Sema};
use super::{Gid, GoError, SyncOutcome, WaitReason, Wakes};

/// `starvationThresholdNs`: a waiter that waited longer than this switches
/// the mutex to starvation mode.
pub const STARVATION_THRESHOLD_NS: i64 = 1_000_000;

/// The state word, unpacked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct MutexState {
    /// `mutexLocked`.
    pub locked: bool,
    /// `mutexWoken`: a waiter has been woken (or is awake) and will compete,
    /// so Unlock need not wake another.
    pub woken: bool,
    /// `mutexStarving`.
    pub starving: bool,
    /// `state >> mutexWaiterShift`: goroutines counted as waiting.
    pub waiters: u32,
}

/// `lockSlow`'s local variables for a goroutine inside `Lock`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
struct LockSlow {
    /// `waitStartTime` (virtual ns), set the first time it queues.
    wait_start: Option<i64>,
    starving: bool,
    awoke: bool,
}

/// A mutex as the UI draws it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MutexSnapshot {
    /// The goroutine that locked it (Go does not track this).
    pub holder: Option<Gid>,
    pub state: MutexState,
    /// Parked waiters in wake order.
    pub waiters: Vec<Gid>,
    /// Waiters readied by Unlock that have not run yet.
    pub woken: Vec<Gid>,
}

/// `sync.Mutex`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Mutex {
    state: MutexState,
    sema: Sema,
    /// Who holds it, for display only.
    holder: Option<Gid>,
    /// `lockSlow` locals of goroutines parked in `Lock`.
    slow: Vec<(Gid, LockSlow)>,
}

impl Mutex {
    pub fn new() -> Self {
        Mutex::default()
    }

    /// What copying the struct gives: the state word (locked or not), no
    /// parked waiters (they wait on the original).
    pub fn copied(&self) -> Mutex {
        Mutex {
            state: self.state,
            sema: self.sema.copied(),
            holder: self.holder,
            slow: Vec::new(),
        }
    }

    pub fn state(&self) -> MutexState {
        self.state
    }

    /// The goroutine that locked it (display only).
    pub fn holder(&self) -> Option<Gid> {
        self.holder
    }

    /// Whether it is held (or being handed off in starvation mode).
    pub fn is_locked(&self) -> bool {
        self.state.locked || self.state.starving
    }

    /// Parked waiters in the order the semaphore will wake them.
    pub fn waiters(&self) -> impl Iterator<Item = Gid> + '_ {
        self.sema.waiters()
    }

    /// Waiters readied by Unlock that have not run yet.
    pub fn woken(&self) -> impl Iterator<Item = Gid> + '_ {
        self.sema.woken()
    }

    /// The underlying semaphore (for snapshots).
    pub fn sema(&self) -> &Sema {
        &self.sema
    }

    /// Everything the UI shows about this mutex.
    pub fn snapshot(&self) -> MutexSnapshot {
        MutexSnapshot {
            holder: self.holder,
            state: self.state,
            waiters: self.sema.waiters().collect(),
            woken: self.sema.woken().collect(),
        }
    }

    /// `Lock` for goroutine `g` at virtual time `now`: the fast path when
    /// the state is zero, else `lockSlow`.
    pub fn lock(&mut self, g: Gid, now: i64) -> SyncOutcome {
        if self.state == MutexState::default() {
            self.state.locked = true;
            self.holder = Some(g);
            return SyncOutcome::done();
        }
        self.lock_slow(g, LockSlow::default(), now)
    }

    /// The parked goroutine `g` runs again: continue `lockSlow` after its
    /// `runtime_SemacquireMutex` (or stay parked if it lost the count to a
    /// barging goroutine and was re-queued by the semaphore).
    pub fn lock_resume(&mut self, g: Gid, now: i64) -> SyncOutcome {
        let Some(i) = self.slow.iter().position(|(x, _)| *x == g) else {
            // Not inside Lock: treat as a fresh call rather than crash.
            return self.lock(g, now);
        };
        match self.sema.resume(g) {
            Acquire::Parked => SyncOutcome::Park(WaitReason::SyncMutexLock),
            Acquire::Acquired => {
                let (_, locals) = self.slow.swap_remove(i);
                self.after_semacquire(g, locals, now)
            }
        }
    }

    /// The loop of `lockSlow`, from its top.
    fn lock_slow(&mut self, g: Gid, mut locals: LockSlow, now: i64) -> SyncOutcome {
        loop {
            let old = self.state;
            let mut new = old;
            // Don't try to acquire a starving mutex; arrivals must queue.
            if !old.starving {
                new.locked = true;
            }
            if old.locked || old.starving {
                new.waiters += 1;
            }
            // Switch to starvation mode, but only while it is locked:
            // Unlock expects a starving mutex to have waiters.
            if locals.starving && old.locked {
                new.starving = true;
            }
            if locals.awoke {
                new.woken = false;
            }
            self.state = new;
            if !old.locked && !old.starving {
                self.holder = Some(g);
                return SyncOutcome::done();
            }
            // Waited before: queue at the front (LIFO).
            let lifo = locals.wait_start.is_some();
            if locals.wait_start.is_none() {
                locals.wait_start = Some(now);
            }
            match self.sema.acquire(g, lifo) {
                Acquire::Parked => {
                    self.slow.push((g, locals));
                    return SyncOutcome::Park(WaitReason::SyncMutexLock);
                }
                Acquire::Acquired => match self.finish_wait(g, &mut locals, now) {
                    Some(done) => return done,
                    None => continue,
                },
            }
        }
    }

    fn after_semacquire(&mut self, g: Gid, mut locals: LockSlow, now: i64) -> SyncOutcome {
        match self.finish_wait(g, &mut locals, now) {
            Some(done) => done,
            None => self.lock_slow(g, locals, now),
        }
    }

    /// The part of `lockSlow` right after the semaphore was acquired.
    /// `Some` when the mutex was handed over (starvation mode), `None` to
    /// loop and compete again.
    fn finish_wait(&mut self, g: Gid, locals: &mut LockSlow, now: i64) -> Option<SyncOutcome> {
        let start = locals.wait_start.unwrap_or(now);
        locals.starving = locals.starving || now.saturating_sub(start) > STARVATION_THRESHOLD_NS;
        let old = self.state;
        if old.starving {
            // Ownership was handed to us; fix up the state word.
            self.state.locked = true;
            self.state.waiters = old.waiters.saturating_sub(1);
            if !locals.starving || old.waiters == 1 {
                // Exit starvation mode.
                self.state.starving = false;
            }
            self.holder = Some(g);
            return Some(SyncOutcome::done());
        }
        locals.awoke = true;
        None
    }

    /// `TryLock`: succeeds only if neither locked nor starving.
    pub fn try_lock(&mut self, g: Gid) -> bool {
        if self.state.locked || self.state.starving {
            return false;
        }
        self.state.locked = true;
        self.holder = Some(g);
        true
    }

    /// `Unlock` / `unlockSlow`. Unlocking an unlocked mutex is the fatal
    /// error "sync: unlock of unlocked mutex". In normal mode at most one
    /// waiter is woken (and only if nobody is awake already); in starvation
    /// mode the head waiter is handed the mutex and the unlocker yields.
    pub fn unlock(&mut self) -> SyncOutcome {
        if !self.state.locked {
            return SyncOutcome::Fail(GoError::UnlockOfUnlockedMutex);
        }
        self.state.locked = false;
        self.holder = None;
        if !self.state.starving {
            let s = self.state;
            if s.waiters == 0 || s.locked || s.woken || s.starving {
                return SyncOutcome::done();
            }
            // Grab the right to wake someone.
            self.state.waiters -= 1;
            self.state.woken = true;
            let r = self.sema.release(false);
            return SyncOutcome::Done(Wakes {
                ready: r.woken.into_iter().collect(),
                yield_now: r.yield_now,
            });
        }
        let r = self.sema.release(true);
        SyncOutcome::Done(Wakes {
            ready: r.woken.into_iter().collect(),
            yield_now: r.yield_now,
        })
    }

    /// Forget goroutine `g` (it no longer exists).
    pub fn forget(&mut self, g: Gid) {
        self.sema.forget(g);
        self.slow.retain(|(x, _)| *x != g);
    }
}
