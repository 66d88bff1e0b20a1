//! The virtual clock: firing due timers (a sleeper wakes, a timer channel
//! gets its tick, `time.AfterFunc` starts a goroutine), advancing time, the
//! virtual cost of a busy poll, and sampling live goroutines and timers for
//! the UI's plot. Mirrors the parts of runtime/time.go the VM drives.
//!
//! Owns when time moves and what fires. The timer heap is
//! [`crate::runtime::timers`]'s; when the scheduler lets time advance is
//! `sched.rs`'s.

use super::events::EventKind;
use super::fault::Fault;
use super::goroutine::Resume;
use super::machine::{TimerAction, Vm};
use super::value::Value;
use crate::runtime::chan::SendOutcome;
use crate::syntax::span::Span;
use std::rc::Rc;

/// 2009-11-10 23:00:00 UTC, the Go playground's epoch, in Unix ns.
pub const EPOCH_UNIX_NS: i64 = 1_257_894_000_000_000_000;

impl Vm {
    /// The `time.Time` a timer channel receives: wall clock from the epoch
    /// plus a monotonic reading.
    pub(super) fn time_value(&self, when: i64) -> Value {
        // A timer set for the longest Duration fires at the end of time:
        // the readings saturate there, as Go's `when` does.
        Value::Seq(Rc::new(vec![
            Value::Int(EPOCH_UNIX_NS.saturating_add(when)),
            Value::Int(when.saturating_add(1)),
        ]))
    }

    /// Fires every timer due now, in order.
    pub fn fire_due_timers(&mut self) -> Result<(), Fault> {
        while let Some(f) = self.timers.pop_due() {
            let (chan, sleeper, after_func) = match &f.payload {
                TimerAction::Wake(gid) => (None, Some(*gid), false),
                TimerAction::SendTime(ch) => (Some(*ch), None, false),
                TimerAction::Spawn(_) => (None, None, true),
                TimerAction::PollDeadline { .. } => (None, None, false),
            };
            self.record(
                0,
                Span::default(),
                EventKind::TimerFired {
                    chan,
                    sleeper,
                    after_func,
                },
            );
            match f.payload {
                TimerAction::Wake(gid) => self.ready(gid, Resume::Slept),
                TimerAction::SendTime(ch) => {
                    let v = self.time_value(f.when);
                    let Some(c) = self.chan_mut(ch) else { continue };
                    // Timer channels never block the runtime: drop the tick
                    // if the buffer is full (Go's sendTime is non-blocking).
                    if let SendOutcome::Sent { woke: Some(w) } = c.send(0, v, false) {
                        self.deliver(w);
                    }
                }
                TimerAction::Spawn(fv) => {
                    self.spawn(fv, Vec::new(), None, Span::default())?;
                }
                TimerAction::PollDeadline { fd, write, at } => {
                    let mode = if write {
                        crate::runtime::netpoll::Mode::Write
                    } else {
                        crate::runtime::netpoll::Mode::Read
                    };
                    if let Some(w) = self.netpoll.deadline(fd, mode, at) {
                        self.ready(w, Resume::Io);
                    }
                }
            }
        }
        Ok(())
    }

    /// Charges virtual time for a busy poll and fires timers that fell due.
    pub fn charge_poll(&mut self) -> Result<(), Fault> {
        let t = self.now().saturating_add(self.cfg.poll_cost_ns);
        self.advance_clock(t)
    }

    /// Moves the clock to `t`, firing every timer due on the way in order.
    pub fn advance_clock(&mut self, t: i64) -> Result<(), Fault> {
        // Fire timers in order as the clock passes them.
        while let Some(next) = self.timers.next_deadline() {
            if next > t {
                break;
            }
            self.timers.advance_to(next.max(self.now()));
            self.fire_due_timers()?;
        }
        if t > self.now() {
            self.timers.advance_to(t);
        }
        self.sample_resources();
        Ok(())
    }

    /// Samples live goroutines and timers at the current time (for the
    /// UI's plot), at most once per `sample_interval` unless the goroutine
    /// count changed.
    pub fn sample_resources(&mut self) {
        // At most one sample per virtual millisecond, plus goroutine changes.
        let live_g = self.live_goroutines;
        if let Some(last) = self.resource_samples.last() {
            if self.now() - last.0 < self.sample_interval && last.1 == live_g {
                return;
            }
        }
        // Keep the series bounded: halve its resolution when it grows.
        if self.resource_samples.len() >= 4096 {
            let mut i = 0;
            self.resource_samples.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.sample_interval *= 2;
        }
        let live_t = self.timers.live_count() as u32;
        let now = self.now();
        match self.resource_samples.last_mut() {
            Some(last) if last.0 == now => {
                last.1 = live_g;
                last.2 = live_t;
            }
            _ => self.resource_samples.push((now, live_g, live_t)),
        }
    }
}
