//! The channel instructions: send, receive, close and select on the VM's
//! goroutines (runtime/chan.go's `chansend`, `chanrecv`, `closechan` and
//! runtime/select.go's `selectgo`), delivering results to woken goroutines.
//!
//! Owns the glue between the operand stack and [`crate::runtime::chan`]:
//! the channel's state and its wait queues are the runtime's, the choice
//! among several ready select cases is the scheduler's.

use super::events::EventKind;
use super::fault::Fault;
use super::goroutine::{GStatus, Goroutine, Resume};
use super::heap::HeapObj;
use super::machine::{Flow, OpResult, Vm};
use super::op::SelectDir;
use super::value::{ObjId, Value};
use crate::runtime::chan::{Chan, ChanWake, Delivery, RecvOutcome, RecvValue, SendOutcome};
use crate::runtime::{Gid, WaitReason};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId};

impl Vm {
    pub fn chan_mut(&mut self, id: ObjId) -> Option<&mut Chan<Value>> {
        match self.heap.get_mut(id) {
            Some(HeapObj::Chan(c)) => Some(c),
            _ => None,
        }
    }

    /// Readies a goroutine woken by a channel operation with its result.
    pub fn deliver(&mut self, wake: ChanWake<Value>) {
        self.last_progress = self.steps;
        let gid = wake.g;
        // A select's other sudogs must go.
        if wake.select.is_some() {
            self.cancel_select(gid);
        }
        if let Some(g) = self.g_mut(gid) {
            g.resume = Some(Resume::Chan {
                case: wake.select.map(|s| s.case_index),
                delivery: wake.delivery,
            });
            g.status = GStatus::Runnable;
            g.waiting_on = None;
        }
        self.runq.ready(gid);
    }

    fn cancel_select(&mut self, gid: Gid) {
        let chans = match self.g_mut(gid) {
            Some(g) => std::mem::take(&mut g.select_chans),
            None => return,
        };
        for id in chans {
            if let Some(c) = self.chan_mut(id) {
                c.remove_waiter(gid);
            }
        }
    }

    /// `close(ch)`, from the instruction or a deferred call: mirrors
    /// `closechan`, waking every parked goroutine.
    pub fn close_chan(&mut self, g: Gid, ch: Value, span: Span) -> OpResult {
        let Value::Chan(id) = ch else {
            return Err(Fault::Value(
                self.runtime_err_value("close of nil channel", false),
            ));
        };
        let wakes = match self.chan_mut(id) {
            Some(c) => c.close(),
            None => Ok(Vec::new()),
        };
        self.race_chan(g, id);
        match wakes {
            Ok(ws) => {
                for w in ws {
                    self.deliver(w);
                }
            }
            Err(e) => return Err(Fault::Value(self.runtime_err_value(e.message(), false))),
        }
        self.record(g, span, EventKind::Close { chan: id });
        Ok(Flow::Visible)
    }

    /// A channel operation synchronizes both ways (an over-approximation of
    /// Go's channel rules: it may hide a race, never invent one).
    pub fn race_chan(&mut self, g: Gid, id: ObjId) {
        if let Some(r) = self.race.as_mut() {
            r.chan_op(g, id);
        }
    }

    pub(super) fn op_send(&mut self, g: &mut Goroutine, span: Span) -> OpResult {
        if let Some(Resume::Chan { delivery, .. }) = g.resume.take() {
            if let Some(Value::Chan(id)) = g.stack.len().checked_sub(2).map(|i| g.stack[i].clone())
            {
                self.race_chan(g.id, id);
            }
            g.stack.pop();
            g.stack.pop();
            return match delivery {
                Delivery::SendClosed => Err(Fault::Value(
                    self.runtime_err_value("send on closed channel", false),
                )),
                _ => Ok(Flow::Visible),
            };
        }
        let n = g.stack.len();
        let ch = g.stack[n - 2].clone();
        let Value::Chan(id) = ch else {
            return Ok(Flow::Block(WaitReason::ChanSendNilChan));
        };
        let v = g.stack[n - 1].clone();
        let out = match self.chan_mut(id) {
            Some(c) => c.send(g.id, v.clone(), true),
            None => return Ok(Flow::Block(WaitReason::ChanSendNilChan)),
        };
        match out {
            SendOutcome::Sent { woke } => {
                g.stack.pop();
                g.stack.pop();
                self.race_chan(g.id, id);
                if let Some(w) = woke {
                    self.deliver(w);
                }
                self.record(g.id, span, EventKind::Send { chan: id, value: v });
                self.last_progress = self.steps;
                Ok(Flow::Visible)
            }
            SendOutcome::Parked(r) => self.park(g, Some(id), r, span),
            SendOutcome::Panic(e) => {
                g.stack.pop();
                g.stack.pop();
                Err(Fault::Value(self.runtime_err_value(e.message(), false)))
            }
            SendOutcome::WouldBlock => Ok(Flow::Block(WaitReason::ChanSend)),
        }
    }

    pub(super) fn op_recv(&mut self, g: &mut Goroutine, comma_ok: bool, span: Span) -> OpResult {
        if let Some(Resume::Chan { delivery, .. }) = g.resume.take() {
            let ch = g.pop();
            let id = if let Value::Chan(id) = ch { id } else { 0 };
            self.race_chan(g.id, id);
            let (v, ok) = match delivery {
                Delivery::Received(v) => (v, true),
                _ => (self.chan_zero(id)?, false),
            };
            g.stack.push(v);
            if comma_ok {
                g.stack.push(Value::Bool(ok));
            }
            return Ok(Flow::Visible);
        }
        let ch = g.stack.last().cloned().unwrap_or(Value::Nil);
        let Value::Chan(id) = ch else {
            return Ok(Flow::Block(WaitReason::ChanReceiveNilChan));
        };
        let out = match self.chan_mut(id) {
            Some(c) => c.recv(g.id, true),
            None => return Ok(Flow::Block(WaitReason::ChanReceiveNilChan)),
        };
        match out {
            RecvOutcome::Received { value, woke } => {
                g.stack.pop();
                self.race_chan(g.id, id);
                let (v, ok) = match value {
                    RecvValue::Value(v) => (v, true),
                    RecvValue::Closed => (self.chan_zero(id)?, false),
                };
                // Draining a closed channel's zero values is no progress.
                if ok {
                    self.last_progress = self.steps;
                }
                if let Some(w) = woke {
                    self.deliver(w);
                }
                self.record(
                    g.id,
                    span,
                    EventKind::Recv {
                        chan: id,
                        value: v.clone(),
                        ok,
                    },
                );
                g.stack.push(v);
                if comma_ok {
                    g.stack.push(Value::Bool(ok));
                }
                Ok(Flow::Visible)
            }
            RecvOutcome::Parked(r) => self.park(g, Some(id), r, span),
            RecvOutcome::WouldBlock => Ok(Flow::Block(WaitReason::ChanReceive)),
        }
    }

    /// The zero value of a channel's element type.
    pub fn chan_zero(&mut self, id: ObjId) -> Result<Value, Fault> {
        let name = match self.heap.get(id) {
            Some(HeapObj::Chan(c)) => c.elem_type().to_string(),
            _ => return Ok(Value::Nil),
        };
        if self.types_by_name.is_empty() {
            // Built once per run: a receive from a closed channel must not
            // cost a search of every type.
            for t in (0..self.prog.types.len() as u32).map(TypeId) {
                self.types_by_name
                    .entry(self.prog.types.name(t))
                    .or_insert(t);
            }
        }
        match self.types_by_name.get(&name).copied() {
            Some(t) => self.zero(t),
            None => Ok(Value::Nil),
        }
    }

    pub(super) fn op_select(
        &mut self,
        g: &mut Goroutine,
        cases: &[(SelectDir, TypeId)],
        has_default: bool,
        span: Span,
    ) -> OpResult {
        // Operands: for each case the channel, and the value for sends.
        let nvals: usize = cases
            .iter()
            .map(|(d, _)| if *d == SelectDir::Send { 2 } else { 1 })
            .sum();
        let at = g.stack.len() - nvals;
        let mut ops: Vec<(Option<ObjId>, Option<Value>)> = Vec::new();
        let mut i = at;
        for (d, _) in cases {
            let ch = match &g.stack[i] {
                Value::Chan(id) => Some(*id),
                _ => None,
            };
            i += 1;
            let v = if *d == SelectDir::Send {
                i += 1;
                Some(g.stack[i - 1].clone())
            } else {
                None
            };
            ops.push((ch, v));
        }
        if let Some(Resume::Chan { case, delivery }) = g.resume.take() {
            let idx = case.unwrap_or(0);
            if cases.len() > 1 || has_default {
                self.record(
                    g.id,
                    span,
                    EventKind::Select {
                        case: Some(idx),
                        cases: cases.len(),
                        ready: 0,
                    },
                );
            }
            if let Some((Some(id), _)) = ops.get(idx) {
                self.race_chan(g.id, *id);
            }
            let elem = cases.get(idx).map(|c| c.1).unwrap_or(wk::INVALID);
            return match delivery {
                Delivery::Received(v) => {
                    select_done(g, at, idx, v, true);
                    Ok(Flow::Visible)
                }
                Delivery::ReceivedClosed => {
                    let z = self.zero(elem)?;
                    select_done(g, at, idx, z, false);
                    Ok(Flow::Visible)
                }
                Delivery::Sent => {
                    select_done(g, at, idx, Value::Nil, false);
                    Ok(Flow::Visible)
                }
                Delivery::SendClosed => {
                    g.stack.truncate(at);
                    Err(Fault::Value(
                        self.runtime_err_value("send on closed channel", false),
                    ))
                }
            };
        }
        // Which cases can proceed now?
        let mut ready = Vec::new();
        for (ci, (ch, _)) in ops.iter().enumerate() {
            let Some(id) = ch else { continue };
            let ok = match (cases[ci].0, self.heap.get(*id)) {
                (SelectDir::Send, Some(HeapObj::Chan(c))) => c.can_send_now(),
                (SelectDir::Recv, Some(HeapObj::Chan(c))) => c.can_recv_now(),
                _ => false,
            };
            if ok {
                ready.push(ci);
            }
        }
        if ready.is_empty() {
            if has_default {
                self.record(
                    g.id,
                    span,
                    EventKind::Select {
                        case: None,
                        cases: cases.len(),
                        ready: 0,
                    },
                );
                select_done(g, at, cases.len(), Value::Nil, false);
                // A poll that found nothing: the goroutine is spinning.
                self.charge_poll()?;
                return Ok(Flow::Visible);
            }
            // Go compiles `select {}` to a no-cases park, and a one-case
            // select to the plain channel operation.
            if cases.is_empty() {
                return Ok(Flow::Block(WaitReason::SelectNoCases));
            }
            let single_reason = match (cases.len(), cases[0].0, ops[0].0.is_some()) {
                (1, SelectDir::Send, true) => Some(WaitReason::ChanSend),
                (1, SelectDir::Recv, true) => Some(WaitReason::ChanReceive),
                (1, SelectDir::Send, false) => Some(WaitReason::ChanSendNilChan),
                (1, SelectDir::Recv, false) => Some(WaitReason::ChanReceiveNilChan),
                _ => None,
            };
            if ops.iter().all(|(c, _)| c.is_none()) {
                return Ok(Flow::Block(single_reason.unwrap_or(WaitReason::Select)));
            }
            g.select_chans = ops.iter().filter_map(|(c, _)| *c).collect();
            for (ci, (ch, v)) in ops.iter().enumerate() {
                let Some(id) = ch else { continue };
                if let Some(c) = self.chan_mut(*id) {
                    match cases[ci].0 {
                        SelectDir::Send => {
                            c.enqueue_select_send(g.id, v.clone().unwrap_or(Value::Nil), ci)
                        }
                        SelectDir::Recv => c.enqueue_select_recv(g.id, ci),
                    }
                }
            }
            let reason = single_reason.unwrap_or(WaitReason::Select);
            return self.park(g, None, reason, span);
        }
        let chosen = match self.forced_case.take() {
            Some(c) if ready.contains(&c) => c,
            _ => {
                if ready.len() > 1 {
                    // Go picks uniformly among the ready cases: its pick
                    // goes first, the other options follow in source order.
                    let mut options = ready;
                    let k = self.select_rand.below(options.len() as u64) as usize;
                    let pick = options.remove(k);
                    options.insert(0, pick);
                    return Ok(Flow::SelectChoice(options));
                }
                ready[0]
            }
        };
        if cases.len() > 1 || has_default {
            self.record(
                g.id,
                span,
                EventKind::Select {
                    case: Some(chosen),
                    cases: cases.len(),
                    ready: ready.len(),
                },
            );
        }
        let (ch, v) = ops[chosen].clone();
        let id = ch.unwrap_or(0);
        self.race_chan(g.id, id);
        match cases[chosen].0 {
            SelectDir::Send => {
                let out = match self.chan_mut(id) {
                    Some(c) => c.send(g.id, v.clone().unwrap_or(Value::Nil), false),
                    None => SendOutcome::WouldBlock,
                };
                match out {
                    SendOutcome::Sent { woke } => {
                        if let Some(w) = woke {
                            self.deliver(w);
                        }
                        self.record(
                            g.id,
                            span,
                            EventKind::Send {
                                chan: id,
                                value: v.unwrap_or(Value::Nil),
                            },
                        );
                        select_done(g, at, chosen, Value::Nil, false);
                        Ok(Flow::Visible)
                    }
                    SendOutcome::Panic(e) => {
                        g.stack.truncate(at);
                        Err(Fault::Value(self.runtime_err_value(e.message(), false)))
                    }
                    _ => Err(Fault::Fatal(
                        "gosim: select send was ready but could not proceed".into(),
                    )),
                }
            }
            SelectDir::Recv => {
                let out = match self.chan_mut(id) {
                    Some(c) => c.recv(g.id, false),
                    None => RecvOutcome::WouldBlock,
                };
                match out {
                    RecvOutcome::Received { value, woke } => {
                        if let Some(w) = woke {
                            self.deliver(w);
                        }
                        let (val, ok) = match value {
                            RecvValue::Value(v) => (v, true),
                            RecvValue::Closed => (self.zero(cases[chosen].1)?, false),
                        };
                        self.record(
                            g.id,
                            span,
                            EventKind::Recv {
                                chan: id,
                                value: val.clone(),
                                ok,
                            },
                        );
                        select_done(g, at, chosen, val, ok);
                        Ok(Flow::Visible)
                    }
                    _ => Err(Fault::Fatal(
                        "gosim: select receive was ready but could not proceed".into(),
                    )),
                }
            }
        }
    }
}

/// Replaces a select's operands (from `at`) with its results: the chosen
/// case, the value received (nil for a send) and the receive's ok.
fn select_done(g: &mut Goroutine, at: usize, case: usize, val: Value, ok: bool) {
    g.stack.truncate(at);
    g.stack.push(Value::Int(case as i64));
    g.stack.push(val);
    g.stack.push(Value::Bool(ok));
}
