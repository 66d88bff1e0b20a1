//! Package `time`'s natives on the virtual clock: `Now`, `Sleep`, the
//! `String` and `Format` methods, and timers and tickers. The timer heap
//! is [`crate::runtime::timers`]'s; firing is `vm/time.rs`'s.

use super::{misrouted, NativeCall};
use crate::format;
use crate::runtime::chan::Chan;
use crate::runtime::timers::{TimerKind, TimerSemantics, TimerStatus};
use crate::runtime::WaitReason;
use crate::vm::events::EventKind;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::{cost, HeapObj};
use crate::vm::machine::{Flow, OpResult, TimerAction, Vm};
use crate::vm::natives::Native;
use crate::vm::race::Loc;
use crate::vm::value::Value;
use std::rc::Rc;

impl Vm {
    /// The clock: `time.Now`, `time.Sleep`, and formatting durations and times.
    pub(super) fn clock(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::TimeNow => {
                // Reading the clock depends on whatever advanced it.
                if let Some(l) = self.touch_log.as_mut() {
                    l.push((Loc::Clock, false));
                }
                let t = self.time_value(call.now);
                g.finish(call.argc, vec![t]);
                Ok(Flow::Next)
            }
            Native::TimeSleep => {
                if call.resumed == Some(Resume::Slept) {
                    g.finish(call.argc, vec![]);
                    return Ok(Flow::Visible);
                }
                let d = call.arg(0).as_int();
                if d <= 0 {
                    g.finish(call.argc, vec![]);
                    return Ok(Flow::Visible);
                }
                let when = call.now.saturating_add(d);
                self.heap.charge(cost::TIMER)?;
                self.timers
                    .add(when, 0, TimerKind::Func, TimerAction::Wake(g.id));
                self.record(g.id, call.span, EventKind::Sleep { until: when });
                Ok(Flow::Block(WaitReason::Sleep))
            }
            Native::DurationString => {
                let s = format::format_duration(call.arg(0).as_int());
                g.finish(call.argc, vec![Value::str(&s)]);
                Ok(Flow::Next)
            }
            Native::TimeString | Native::TimeFormat => {
                let (wall, mono) = match &call.arg(0) {
                    Value::Seq(f) => (
                        f.first().map(|v| v.as_int()).unwrap_or(0),
                        f.get(1).map(|v| v.as_int()).unwrap_or(0),
                    ),
                    _ => (0, 0),
                };
                let s = if call.native == Native::TimeString {
                    format::format_time(wall, if mono != 0 { Some(mono - 1) } else { None })
                } else {
                    format::format_time_layout(
                        wall,
                        &String::from_utf8_lossy(call.arg(1).as_bytes()),
                    )
                };
                g.finish(call.argc, vec![Value::str(&s)]);
                Ok(Flow::Next)
            }
            _ => Err(misrouted()),
        }
    }

    /// Timers and tickers: `time.NewTimer`, `AfterFunc`, `NewTicker`, `Stop`, `Reset`.
    pub(super) fn timers(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        match call.native {
            Native::NewTimer | Native::NewTicker => {
                let d = call.arg(0).as_int();
                if call.native == Native::NewTicker && d <= 0 {
                    g.finish(call.argc, vec![]);
                    return Err(self.panic_string("non-positive interval for NewTicker"));
                }
                let name = self.prog.types.name(self.time_type);
                let ch = self
                    .heap
                    .alloc(HeapObj::Chan(Box::new(Chan::new(&name, 1))))?;
                let period = if call.native == Native::NewTicker {
                    d
                } else {
                    0
                };
                self.heap.charge(cost::TIMER)?;
                let tid = self.timers.add(
                    call.now.saturating_add(d.max(0)),
                    period,
                    TimerKind::Chan,
                    TimerAction::SendTime(ch),
                );
                self.timer_chans.insert(ch, tid);
                let cell = self.alloc_cell(Value::Seq(Rc::new(vec![
                    Value::Chan(ch),
                    Value::Int(tid as i64),
                ])))?;
                g.finish(call.argc, vec![cell]);
                self.sample_resources();
                Ok(Flow::Next)
            }
            Native::AfterFunc => {
                let d = call.arg(0).as_int();
                let f = call.arg(1);
                self.heap.charge(cost::TIMER)?;
                let tid = self.timers.add(
                    call.now.saturating_add(d.max(0)),
                    0,
                    TimerKind::Func,
                    TimerAction::Spawn(f),
                );
                let cell = self.alloc_cell(Value::Seq(Rc::new(vec![
                    Value::Nil,
                    Value::Int(tid as i64),
                ])))?;
                g.finish(call.argc, vec![cell]);
                Ok(Flow::Next)
            }
            Native::TimerStop | Native::TimerReset | Native::TickerStop | Native::TickerReset => {
                let t = self.load_ptr(&call.arg(0))?;
                let (ch, tid) = match &t {
                    Value::Seq(f) => (
                        match f.first() {
                            Some(Value::Chan(c)) => Some(*c),
                            _ => None,
                        },
                        f.get(1).map(|v| v.as_int() as u64).unwrap_or(0),
                    ),
                    _ => (None, 0),
                };
                let pending = self
                    .timers
                    .get(tid)
                    .is_some_and(|t| t.status == TimerStatus::Pending);
                let sync = self.timers.semantics() == TimerSemantics::Sync;
                let mut drained = false;
                if sync {
                    if let Some(c) = ch.and_then(|c| self.chan_mut(c)) {
                        drained = c.clear_buffer() > 0;
                    }
                }
                let result = match call.native {
                    Native::TimerStop | Native::TickerStop => {
                        self.timers.stop(tid);
                        TimerSemantics::stop_result(self.timers.semantics(), pending, drained)
                    }
                    Native::TimerReset => {
                        let d = call.arg(1).as_int();
                        self.timers
                            .reset(tid, call.now.saturating_add(d.max(0)), None);
                        TimerSemantics::stop_result(self.timers.semantics(), pending, drained)
                    }
                    _ => {
                        let d = call.arg(1).as_int();
                        if d <= 0 {
                            g.finish(call.argc, vec![]);
                            return Err(self.panic_string("non-positive interval for Ticker.Reset"));
                        }
                        self.timers.reset(tid, call.now.saturating_add(d), Some(d));
                        false
                    }
                };
                let results = if matches!(call.native, Native::TimerStop | Native::TimerReset) {
                    vec![Value::Bool(result)]
                } else {
                    vec![]
                };
                g.finish(call.argc, results);
                self.sample_resources();
                Ok(Flow::Visible)
            }
            _ => Err(misrouted()),
        }
    }
}
