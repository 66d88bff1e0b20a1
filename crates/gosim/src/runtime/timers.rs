//! The virtual clock and the timer heap, modelled on runtime/time.go
//! (`addtimer`/`stop`/`modify`/`runtimer`) and the fake time of the Go
//! playground and `testing/synctest`: time is an `i64` of nanoseconds since
//! the program started and moves only when the VM calls
//! [`Timers::advance_to`] (which it does when every goroutine is blocked,
//! jumping to [`Timers::next_deadline`]).
//!
//! Timers are ordered by `(when, seq)`, `seq` growing each time a timer is
//! set, so timers due at the same instant fire in the order they were set
//! (real Go's 4-ary heap is ordered by `when` only). A payload `P` says what
//! a firing means; the VM decides (send the time on a channel, ready a
//! sleeper, cancel a context). This module never touches channels or
//! goroutines.
//!
//! # Timer channels: what the VM must do
//!
//! Timers are fired eagerly at `when` under both semantics; the observable
//! differences are the VM's to apply:
//!
//! * **pre-1.23** ([`TimerSemantics::Async`], `asynctimerchan=1`): `t.C` is a
//!   `make(chan Time, 1)`; a firing does a non-blocking send of the firing's
//!   `when` (dropped if the buffer is full). `len`/`cap` report 0/1 or 1/1.
//!   `Stop`/`Reset` return whether the timer was pending and leave a stale
//!   value in the buffer. Unstopped timers stay live until they fire and
//!   tickers forever: [`Timers::live_count`] counts every pending timer.
//! * **1.23+** ([`TimerSemantics::Sync`]): `t.C` keeps a 1-slot buffer
//!   internally but `len` and `cap` report 0. A firing does the same
//!   non-blocking send. `Stop`/`Reset` must then drain the buffer
//!   ([`super::chan::Chan::clear_buffer`], Go's `timerchandrain`) and return
//!   `pending || drained` ([`TimerSemantics::stop_result`]), so no stale
//!   value is ever received. A channel timer is
//!   only kept in Go's heap while a goroutine is blocked on its channel, so
//!   unreferenced timers are collectable: the VM calls [`Timers::block`] /
//!   [`Timers::unblock`] around parking on a timer channel (receive or
//!   select), and [`Timers::live_count`] counts only non-channel timers and
//!   channel timers with a blocked receiver.

use serde::Serialize;

use crate::util::sorted::SortedSet;

/// A timer's handle.
pub type TimerId = u64;

/// Which Go release's timer-channel semantics apply (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TimerSemantics {
    /// Before Go 1.23: buffered timer channels, stale values survive.
    Async,
    /// Go 1.23+: synchronous-looking channels, Stop/Reset drop stale values.
    Sync,
}

impl TimerSemantics {
    /// What `Stop`/`Reset` return, given whether the timer was pending and
    /// whether the VM's drain of its channel removed a value (always false
    /// under `Async`, where the VM must not drain).
    pub fn stop_result(self, pending: bool, drained: bool) -> bool {
        match self {
            TimerSemantics::Async => pending,
            TimerSemantics::Sync => pending || drained,
        }
    }

    /// Whether `Stop`/`Reset` must drain the timer's channel buffer.
    pub fn drains_on_stop(self) -> bool {
        self == TimerSemantics::Sync
    }

    /// `len(t.C)` as Go reports it, given the channel's real buffer length
    /// (always 0 from 1.23).
    pub fn reported_len(self, qcount: usize) -> usize {
        match self {
            TimerSemantics::Async => qcount,
            TimerSemantics::Sync => 0,
        }
    }

    /// `cap(t.C)` as Go reports it (0 from 1.23: the channel looks unbuffered).
    pub fn reported_cap(self) -> usize {
        match self {
            TimerSemantics::Async => 1,
            TimerSemantics::Sync => 0,
        }
    }
}

/// What kind of Go timer this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TimerKind {
    /// `NewTimer`, `After`, `NewTicker`, `Tick`: fires by sending on `C`.
    Chan,
    /// `Sleep`, `AfterFunc`, a context deadline: fires by running code.
    Func,
}

/// Where a timer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TimerStatus {
    /// In the heap, due at `when`.
    Pending,
    /// Stopped before it fired.
    Stopped,
    /// A one-shot timer that fired.
    Fired,
}

/// One timer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Timer<P> {
    pub id: TimerId,
    /// Virtual ns at which it fires (meaningful while pending).
    pub when: i64,
    /// Ticker period in ns; 0 for a one-shot timer.
    pub period: i64,
    /// Set order; ties on `when` fire in increasing `seq`.
    pub seq: u64,
    pub kind: TimerKind,
    pub status: TimerStatus,
    /// Goroutines blocked on this timer's channel (`timer.blocked`).
    pub blocked: u32,
    /// How many times it has fired.
    pub fired: u64,
    pub payload: P,
}

/// A timer that fired.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Fired<P> {
    pub id: TimerId,
    /// The time it was due: the `time.Time` value Go sends (`sendTime`
    /// sends `Now() - (now - when)`).
    pub when: i64,
    pub kind: TimerKind,
    pub payload: P,
}

/// The clock and timers as the UI draws them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TimersSnapshot<P> {
    pub now: i64,
    /// Every timer (pending, stopped or fired), by id.
    pub timers: Vec<Timer<P>>,
    /// [`Timers::live_count`].
    pub live: usize,
}

/// Where timer `id` lives in [`Timers::timers`].
fn index(id: TimerId) -> Option<usize> {
    usize::try_from(id.checked_sub(1)?).ok()
}

fn timer_mut<P>(timers: &mut [Option<Timer<P>>], id: TimerId) -> Option<&mut Timer<P>> {
    timers.get_mut(index(id)?)?.as_mut()
}

/// The clock plus every timer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Timers<P> {
    now: i64,
    semantics: TimerSemantics,
    next_id: TimerId,
    next_seq: u64,
    /// Every timer ever added, at index `id - 1` (ids count up from 1);
    /// `None` once [`Timers::remove`] dropped it.
    timers: Vec<Option<Timer<P>>>,
    /// Pending timers by `(when, seq, id)`.
    heap: SortedSet<(i64, u64, TimerId)>,
}

impl<P: Clone> Timers<P> {
    /// A clock at 0 with no timers.
    pub fn new(semantics: TimerSemantics) -> Self {
        Timers {
            now: 0,
            semantics,
            next_id: 1,
            next_seq: 0,
            timers: Vec::new(),
            heap: SortedSet::new(),
        }
    }

    /// Everything the UI shows about the clock and timers.
    pub fn snapshot(&self) -> TimersSnapshot<P> {
        TimersSnapshot {
            now: self.now,
            timers: self.iter().cloned().collect(),
            live: self.live_count(),
        }
    }

    /// Virtual nanoseconds since the program started.
    pub fn now(&self) -> i64 {
        self.now
    }

    pub fn semantics(&self) -> TimerSemantics {
        self.semantics
    }

    fn take_seq(&mut self) -> u64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    /// Start a timer due at absolute time `when` (`now + d`; a `when` in the
    /// past fires at the next [`Timers::pop_due`]). `period > 0` makes a
    /// ticker.
    pub fn add(&mut self, when: i64, period: i64, kind: TimerKind, payload: P) -> TimerId {
        let id = self.next_id;
        self.next_id += 1;
        let seq = self.take_seq();
        let period = period.max(0);
        self.timers.push(Some(Timer {
            id,
            when,
            period,
            seq,
            kind,
            status: TimerStatus::Pending,
            blocked: 0,
            fired: 0,
            payload,
        }));
        self.heap.insert((when, seq, id));
        id
    }

    pub fn get(&self, id: TimerId) -> Option<&Timer<P>> {
        self.timers.get(index(id)?)?.as_ref()
    }

    /// Every timer, by id (creation order).
    pub fn iter(&self) -> impl Iterator<Item = &Timer<P>> + '_ {
        self.timers.iter().flatten()
    }

    /// Pending timers in firing order.
    pub fn pending(&self) -> impl Iterator<Item = &Timer<P>> + '_ {
        self.heap.iter().filter_map(|&(_, _, id)| self.get(id))
    }

    /// `Stop`: returns whether the timer was pending (see the module docs
    /// for the drain the VM adds under 1.23+ semantics). Unknown ids: false.
    pub fn stop(&mut self, id: TimerId) -> bool {
        let Some(t) = timer_mut(&mut self.timers, id) else {
            return false;
        };
        if t.status != TimerStatus::Pending {
            return false;
        }
        t.status = TimerStatus::Stopped;
        self.heap.remove(&(t.when, t.seq, id));
        true
    }

    /// `Reset` / `modify`: re-arm at absolute `when`, with a new `period`
    /// if given (`Ticker.Reset`). Returns whether it was pending.
    pub fn reset(&mut self, id: TimerId, when: i64, period: Option<i64>) -> bool {
        let seq = self.take_seq();
        let Some(t) = timer_mut(&mut self.timers, id) else {
            return false;
        };
        let was_pending = t.status == TimerStatus::Pending;
        if was_pending {
            self.heap.remove(&(t.when, t.seq, id));
        }
        t.when = when;
        t.seq = seq;
        if let Some(p) = period {
            t.period = p.max(0);
        }
        t.status = TimerStatus::Pending;
        self.heap.insert((when, seq, id));
        was_pending
    }

    /// Drop a timer entirely (the VM found it unreachable).
    pub fn remove(&mut self, id: TimerId) -> Option<Timer<P>> {
        let t = self.timers.get_mut(index(id)?)?.take()?;
        self.heap.remove(&(t.when, t.seq, id));
        Some(t)
    }

    /// A goroutine parks on this timer's channel (`blockTimerChan`).
    pub fn block(&mut self, id: TimerId) {
        if let Some(t) = timer_mut(&mut self.timers, id) {
            t.blocked += 1;
        }
    }

    /// A goroutine stops waiting on this timer's channel (`unblockTimerChan`).
    pub fn unblock(&mut self, id: TimerId) {
        if let Some(t) = timer_mut(&mut self.timers, id) {
            t.blocked = t.blocked.saturating_sub(1);
        }
    }

    /// The earliest pending deadline: where the clock jumps when every
    /// goroutine is blocked.
    pub fn next_deadline(&self) -> Option<i64> {
        self.heap.first().map(|&(when, _, _)| when)
    }

    /// Move the clock forward to `t`. Time never goes back: an earlier `t`
    /// is ignored and `false` returned.
    pub fn advance_to(&mut self, t: i64) -> bool {
        if t < self.now {
            return false;
        }
        self.now = t;
        true
    }

    /// Fire the next due timer (`when <= now`), in `(when, seq)` order. A
    /// ticker is re-armed at its next multiple of `period` after `now`,
    /// skipping missed ticks as `runtimer` does.
    pub fn pop_due(&mut self) -> Option<Fired<P>> {
        let &(when, seq, id) = self.heap.first()?;
        if when > self.now {
            return None;
        }
        self.heap.remove(&(when, seq, id));
        let next_seq = self.next_seq;
        let now = self.now;
        let t = timer_mut(&mut self.timers, id)?;
        t.fired += 1;
        let fired = Fired {
            id,
            when,
            kind: t.kind,
            payload: t.payload.clone(),
        };
        // A ticker's next tick past the end of time would be due at once,
        // again and again: at the end of time it ticks no more.
        if t.period > 0 && when < i64::MAX {
            let behind = now.saturating_sub(when);
            let periods = 1 + behind / t.period;
            t.when = when.saturating_add(t.period.saturating_mul(periods));
            t.seq = next_seq;
            self.next_seq += 1;
            self.heap.insert((t.when, t.seq, id));
        } else {
            t.status = TimerStatus::Fired;
        }
        Some(fired)
    }

    /// Every timer due now, in firing order.
    pub fn pop_all_due(&mut self) -> Vec<Fired<P>> {
        let mut out = Vec::new();
        while let Some(f) = self.pop_due() {
            out.push(f);
        }
        out
    }

    /// Timers Go would keep alive, for the resource-growth plot.
    /// Every timer ever added and not removed (pending, stopped or fired).
    pub fn slot_count(&self) -> usize {
        self.timers.len()
    }

    pub fn live_count(&self) -> usize {
        match self.semantics {
            TimerSemantics::Async => self.heap.len(),
            TimerSemantics::Sync => self.pending().filter(|t| self.holds(t)).count(),
        }
    }

    /// Whether the runtime itself keeps `t` alive: every pending timer
    /// before 1.23; from 1.23 only pending non-channel timers and channel
    /// timers some goroutine is blocked on (the others wait for their
    /// channel to be read, and the GC frees them once nothing refers to
    /// them).
    pub fn holds(&self, t: &Timer<P>) -> bool {
        t.status == TimerStatus::Pending
            && match self.semantics {
                TimerSemantics::Async => true,
                TimerSemantics::Sync => t.kind == TimerKind::Func || t.blocked > 0,
            }
    }
}
