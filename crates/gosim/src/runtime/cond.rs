//! `sync.Cond`'s wait queue, the runtime `notifyList` (runtime/sema.go:
//! `notifyListAdd`, `notifyListWait`, `notifyListNotifyOne`,
//! `notifyListNotifyAll`), and `sync.Once`'s state (sync/once.go).
//!
//! The notify list hands out tickets (`wait`) and remembers how many were
//! notified (`notify`); a waiter whose ticket was already notified between
//! `notifyListAdd` and `notifyListWait` does not park. Waiters are woken in
//! FIFO order. The VM performs `Cond.Wait` as Go's `sync/cond.go` does:
//! `t := add()`, `L.Unlock()`, `wait(g, t)`, then `L.Lock()` after waking.
//! This module does not touch `L`.
//!
//! Wake protocol for the notify list: **delivered** — a woken waiter has been
//! notified; the VM just continues with `L.Lock()`.

use std::collections::VecDeque;

use serde::Serialize;

use super::mutex::Mutex;
use super::{Gid, SyncOutcome, WaitReason, Wakes};

/// A notify list as the UI draws it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct NotifyListSnapshot {
    /// The next ticket `notifyListAdd` hands out.
    pub wait: u32,
    /// The next ticket to notify.
    pub notify: u32,
    /// Parked waiters with their tickets, in wake order.
    pub waiters: Vec<(Gid, u32)>,
}

/// `notifyList`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct NotifyList {
    /// `wait`: the ticket the next `notifyListAdd` hands out.
    wait: u32,
    /// `notify`: the ticket of the next waiter to notify.
    notify: u32,
    /// Parked waiters with their tickets, in the order they parked.
    waiters: VecDeque<(Gid, u32)>,
}

/// `less(a, b)` from sema.go: ticket order with wrap-around.
fn less(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

impl NotifyList {
    pub fn new() -> Self {
        NotifyList::default()
    }

    /// `wait`: the next ticket.
    pub fn wait_ticket(&self) -> u32 {
        self.wait
    }

    /// `notify`: the next ticket to notify.
    pub fn notify_ticket(&self) -> u32 {
        self.notify
    }

    /// Parked waiters with their tickets, in wake order.
    pub fn waiters(&self) -> impl Iterator<Item = (Gid, u32)> + '_ {
        self.waiters.iter().copied()
    }

    /// Everything the UI shows about this notify list.
    pub fn snapshot(&self) -> NotifyListSnapshot {
        NotifyListSnapshot {
            wait: self.wait,
            notify: self.notify,
            waiters: self.waiters.iter().copied().collect(),
        }
    }

    /// `notifyListAdd`: take a ticket (before `L.Unlock()`).
    pub fn add(&mut self) -> u32 {
        let t = self.wait;
        self.wait = self.wait.wrapping_add(1);
        t
    }

    /// `notifyListWait(t)`: return at once if ticket `t` was already
    /// notified, else park with `sync.Cond.Wait`.
    pub fn wait(&mut self, g: Gid, ticket: u32) -> SyncOutcome {
        if less(ticket, self.notify) {
            return SyncOutcome::done();
        }
        self.waiters.push_back((g, ticket));
        SyncOutcome::Park(WaitReason::SyncCondWait)
    }

    /// `notifyListNotifyOne` (`Signal`): notify the next ticket; wake its
    /// holder if it is already parked (else its later `wait` returns at once).
    pub fn notify_one(&mut self) -> Wakes {
        if self.wait == self.notify {
            return Wakes::none();
        }
        let t = self.notify;
        self.notify = self.notify.wrapping_add(1);
        let found = self.waiters.iter().position(|&(_, ticket)| ticket == t);
        match found.and_then(|i| self.waiters.remove(i)) {
            Some((g, _)) => Wakes {
                ready: vec![g],
                yield_now: false,
            },
            None => Wakes::none(),
        }
    }

    /// `notifyListNotifyAll` (`Broadcast`): notify every ticket handed out so
    /// far and wake all parked waiters in the order they parked. A
    /// goroutine that takes a ticket later is not affected.
    pub fn notify_all(&mut self) -> Wakes {
        if self.wait == self.notify {
            return Wakes::none();
        }
        self.notify = self.wait;
        Wakes {
            ready: self.waiters.drain(..).map(|(g, _)| g).collect(),
            yield_now: false,
        }
    }

    /// Forget goroutine `g` (it no longer exists).
    pub fn forget(&mut self, g: Gid) {
        self.waiters.retain(|&(x, _)| x != g);
    }
}

/// `sync.Once`: `done` plus the mutex that serialises the first `Do`.
///
/// The VM runs `Do(f)` like `Once.Do`/`doSlow`:
/// 1. if `done`, return;
/// 2. `m.lock(g, now)` (may park; resume with [`Mutex::lock_resume`]);
/// 3. if still not `done`, call `f` with a deferred action that sets
///    `done = true` — so `done` is set even when `f` panics, and a later
///    `Do` never runs its function;
/// 4. a deferred `m.unlock()` (runs after the step 3 defer, also on panic).
///
/// A `Do` called from inside `f` on the same Once deadlocks on `m`, as in Go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Once {
    pub done: bool,
    pub m: Mutex,
}

impl Once {
    pub fn new() -> Self {
        Once::default()
    }

    /// Whether `Do` has completed (or its function panicked).
    pub fn is_done(&self) -> bool {
        self.done
    }
}
