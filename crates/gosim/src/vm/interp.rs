//! The interpreter: what each instruction does ([`Vm::step_op`]), with the
//! arithmetic of Go's numeric kinds. The hottest instructions (loads,
//! stores, jumps, integer arithmetic) are inlined into `Vm::exec`'s loop
//! instead.
//!
//! Owns the meaning of every [`Op`]. It delegates calls to `call.rs`,
//! panics to `panic.rs`, channel operations to `chanops.rs`, slices to
//! `slice.rs` and conversions to `convert.rs`; it decides nothing about
//! scheduling.

use super::convert;
use super::events::EventKind;
use super::fault::{index_fault, Fault};
use super::goroutine::{Deferred, Goroutine};
use super::heap::{cost, cow_mut, HeapError, HeapObj};
use super::machine::{discard, pop_int, Flow, OpResult, Vm, BYTES_PER_STEP};
use super::op::{ArithOp, CmpOp, NumKind, Op};
use super::slice::{self, Appended};
use super::value::{values_equal_counted, FuncVal, Pointer, Root, SliceRef, Value};
use crate::format::utf8;
use crate::runtime::chan::Chan;
use crate::syntax::span::Span;
use crate::types::{well_known as wk, MethodTarget};
use std::rc::Rc;

impl Vm {
    /// Executes one instruction (other than the fast paths in `exec`).
    pub(super) fn step_op(
        &mut self,
        g: &mut Goroutine,
        op: &Op,
        base: usize,
        span: Span,
    ) -> OpResult {
        match op {
            Op::Zero(t) => {
                let z = self.zero(*t)?;
                g.stack.push(z);
            }
            Op::Pop => {
                g.stack.pop();
            }
            Op::Dup => {
                let v = g.stack.last().cloned().unwrap_or(Value::Nil);
                g.stack.push(v);
            }
            Op::Dup2 => {
                let n = g.stack.len();
                if n >= 2 {
                    let a = g.stack[n - 2].clone();
                    let b = g.stack[n - 1].clone();
                    g.stack.push(a);
                    g.stack.push(b);
                }
            }
            Op::Swap => {
                let n = g.stack.len();
                if n >= 2 {
                    g.stack.swap(n - 1, n - 2);
                }
            }
            Op::Pick(k) => {
                let n = g.stack.len();
                let v = g
                    .stack
                    .get(n.wrapping_sub(1 + *k as usize))
                    .cloned()
                    .unwrap_or(Value::Nil);
                g.stack.push(v);
            }
            Op::LoadBoxed(s) => {
                let p = &g.locals[base + *s as usize];
                let v = self.load_ptr(p)?;
                g.stack.push(v);
            }
            Op::StoreBoxed(s) => {
                let v = g.pop();
                let p = g.locals[base + *s as usize].clone();
                self.store_ptr(&p, v)?;
            }
            Op::BoxInto(s) => {
                let v = g.pop();
                let cell = self.alloc_cell(v)?;
                g.locals[base + *s as usize] = cell;
            }
            Op::LoadGlobal(i) => {
                let v = self.globals.get(*i as usize).cloned().unwrap_or(Value::Nil);
                if self.is_cell_global(*i) {
                    let v = self.load_ptr(&v)?;
                    g.stack.push(v);
                } else {
                    g.stack.push(v);
                }
            }
            Op::StoreGlobal(i) => {
                let v = g.pop();
                if self.is_cell_global(*i) {
                    let p = self.globals[*i as usize].clone();
                    self.store_ptr(&p, v)?;
                } else if let Some(slot) = self.globals.get_mut(*i as usize) {
                    *slot = v;
                }
            }
            Op::AddrGlobal(i) => {
                self.heap.charge(cost::BOX)?;
                if self.is_cell_global(*i) {
                    g.stack.push(self.globals[*i as usize].clone());
                } else {
                    g.stack.push(Value::Ptr(Rc::new(Pointer {
                        root: Root::Global(*i),
                        path: Vec::new(),
                    })))
                }
            }
            Op::NewCell => {
                let v = g.pop();
                let c = self.alloc_cell(v)?;
                g.stack.push(c);
            }
            Op::Deref => {
                let p = g.pop();
                let v = self.load_ptr(&p)?;
                g.stack.push(v);
            }
            Op::StorePtr => {
                let v = g.pop();
                let p = g.pop();
                self.store_ptr(&p, v)?;
            }
            Op::PtrField(i) => {
                let p = g.pop();
                match &p {
                    Value::Ptr(p) => {
                        self.heap
                            .charge(cost::BOX + 4 * (p.path.len() as u64 + 1))?;
                        let mut np = (**p).clone();
                        np.path.push(*i);
                        let np = self.heap.canonical(&np).unwrap_or(np);
                        g.stack.push(Value::Ptr(Rc::new(np)));
                    }
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::PtrIndex(n) => {
                let i = g.pop().as_int();
                let p = g.pop();
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                match &p {
                    Value::Ptr(p) => {
                        self.heap
                            .charge(cost::BOX + 4 * (p.path.len() as u64 + 1))?;
                        let mut np = (**p).clone();
                        np.path.push(i as u32);
                        let np = self.heap.canonical(&np).unwrap_or(np);
                        g.stack.push(Value::Ptr(Rc::new(np)));
                    }
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::SliceElemPtr => {
                let i = g.pop().as_int();
                let s = g.pop();
                let (arr, off, len) = match s {
                    Value::Slice(r) => (r.arr, r.off, r.len),
                    _ => (0, 0, 0),
                };
                if i < 0 || i >= len as i64 {
                    return Err(index_fault(i, len as i64));
                }
                self.heap.charge(cost::BOX)?;
                let p = Pointer {
                    root: Root::Elem(arr, off + i as u32),
                    path: Vec::new(),
                };
                let p = self.heap.canonical(&p).unwrap_or(p);
                g.stack.push(Value::Ptr(Rc::new(p)));
            }
            Op::SliceElemCheck => {
                let n = g.stack.len();
                let i = g.stack.get(n.wrapping_sub(1)).map_or(0, Value::as_int);
                let len = match g.stack.get(n.wrapping_sub(2)) {
                    Some(Value::Slice(r)) => r.len,
                    _ => 0,
                };
                if i < 0 || i >= len as i64 {
                    return Err(index_fault(i, len as i64));
                }
            }
            Op::StoreSliceElem => {
                // Popped and overwritten values are dropped with `discard`:
                // the out-of-line drop of a scalar dominated a sieve.
                let v = g.pop();
                let i = pop_int(&mut g.stack);
                let s = g.pop();
                let r = match s {
                    Value::Slice(r) => r,
                    other => {
                        discard(other);
                        return Err(HeapError::NilDeref.into());
                    }
                };
                let slot = self
                    .heap
                    .array_mut(r.arr)
                    .and_then(|a| a.get_mut(r.off as usize + i as usize))
                    .ok_or(HeapError::NilDeref)?;
                discard(std::mem::replace(slot, v));
            }
            Op::Field(i) => {
                let v = g.pop();
                match &v {
                    Value::Seq(items) => g
                        .stack
                        .push(items.get(*i as usize).cloned().unwrap_or(Value::Nil)),
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::IndexArray(n) => {
                let i = g.pop().as_int();
                let v = g.pop();
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                match &v {
                    Value::Seq(items) => g
                        .stack
                        .push(items.get(i as usize).cloned().unwrap_or(Value::Nil)),
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::IndexSlice => {
                let i = pop_int(&mut g.stack);
                let s = g.pop();
                let r = match s {
                    Value::Slice(r) => r,
                    other => {
                        discard(other);
                        SliceRef {
                            arr: 0,
                            off: 0,
                            len: 0,
                            cap: 0,
                        }
                    }
                };
                if i < 0 || i >= r.len as i64 {
                    return Err(index_fault(i, r.len as i64));
                }
                let v = self
                    .heap
                    .array(r.arr)
                    .get((r.off as i64 + i) as usize)
                    .cloned()
                    .unwrap_or(Value::Nil);
                g.stack.push(v);
            }
            Op::IndexString => {
                let i = g.pop().as_int();
                let s = g.pop();
                let b = s.as_bytes();
                if i < 0 || i >= b.len() as i64 {
                    return Err(index_fault(i, b.len() as i64));
                }
                g.stack.push(Value::Int(b[i as usize] as i64));
            }
            Op::IndexMap { elem, comma_ok } => {
                let k = g.pop();
                let m = g.pop();
                let key = self.map_key(&k)?;
                let found = match m {
                    Value::Map(id) => match self.heap.get(id) {
                        Some(HeapObj::Map(mm)) => mm.get(&key).map(|(_, v)| v.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                convert::check_hashable(&self.prog.types, &k)?;
                let ok = found.is_some();
                let v = match found {
                    Some(v) => v,
                    None => self.zero(*elem)?,
                };
                g.stack.push(v);
                if *comma_ok {
                    g.stack.push(Value::Bool(ok));
                }
            }
            Op::MapSet => {
                let v = g.pop();
                let k = g.pop();
                let m = g.pop();
                convert::check_hashable(&self.prog.types, &k)?;
                match m {
                    Value::Map(id) => {
                        let key = self.map_key(&k)?;
                        let is_new = match self.heap.get(id) {
                            Some(HeapObj::Map(mm)) => !mm.contains_key(&key),
                            _ => false,
                        };
                        if is_new {
                            self.heap
                                .charge(cost::MAP_ENTRY + key.extra_bytes() as u64)?;
                        }
                        if let Some(HeapObj::Map(mm)) = self.heap.get_mut(id) {
                            mm.insert(key, (k, v));
                        }
                    }
                    _ => {
                        return Err(Fault::Value(Value::Iface(Rc::new((
                            self.runtime_error_type.unwrap_or(wk::STRING),
                            Value::str("assignment to entry in nil map"),
                        )))))
                    }
                }
            }
            Op::MapDelete => {
                let k = g.pop();
                let m = g.pop();
                if let Value::Map(id) = m {
                    let key = self.map_key(&k)?;
                    if let Some(HeapObj::Map(mm)) = self.heap.get_mut(id) {
                        mm.remove(&key);
                    }
                }
            }
            Op::SliceOp {
                has_lo,
                has_hi,
                has_max,
                kind,
            } => {
                // Operands: x, then lo, hi and max as far as present.
                let max = has_max.then(|| g.pop().as_int());
                let hi = has_hi.then(|| g.pop().as_int());
                let lo = if *has_lo { g.pop().as_int() } else { 0 };
                let x = g.pop();
                let bounds = slice::Bounds { lo, hi, max };
                let v = slice::slice(&mut self.heap, &self.globals, x, bounds, *kind)?;
                g.stack.push(v);
            }
            Op::Len => {
                let v = g.pop();
                let n = match &v {
                    Value::Str(s) => s.len() as i64,
                    Value::Slice(r) => r.len as i64,
                    Value::Seq(items) => items.len() as i64,
                    Value::Map(id) => match self.heap.get(*id) {
                        Some(HeapObj::Map(m)) => m.len() as i64,
                        _ => 0,
                    },
                    // Go 1.23+ timer channels are synchronous: len and cap 0.
                    Value::Chan(id) if self.sync_timer_chan(*id) => 0,
                    Value::Chan(id) => match self.heap.get(*id) {
                        Some(HeapObj::Chan(c)) => c.qcount() as i64,
                        _ => 0,
                    },
                    _ => 0,
                };
                g.stack.push(Value::Int(n));
            }
            Op::Cap => {
                let v = g.pop();
                let n = match &v {
                    Value::Slice(r) => r.cap as i64,
                    Value::Seq(items) => items.len() as i64,
                    Value::Chan(id) if self.sync_timer_chan(*id) => 0,
                    Value::Chan(id) => match self.heap.get(*id) {
                        Some(HeapObj::Chan(c)) => c.dataqsiz() as i64,
                        _ => 0,
                    },
                    _ => 0,
                };
                g.stack.push(Value::Int(n));
            }
            Op::MakeSeq(n) => {
                self.heap.charge(cost::seq(*n as usize))?;
                let at = g.stack.len().saturating_sub(*n as usize);
                let items: Vec<Value> = g.stack.drain(at..).collect();
                g.stack.push(Value::Seq(Rc::new(items)));
            }
            Op::MakeSliceOf(n) => {
                let at = g.stack.len().saturating_sub(*n as usize);
                let items: Vec<Value> = g.stack.drain(at..).collect();
                let v = slice::from_vec(&mut self.heap, items)?;
                g.stack.push(v);
            }
            Op::MakeSlice { elem, has_cap } => {
                let cap = if *has_cap {
                    Some(g.pop().as_int())
                } else {
                    None
                };
                let len = g.pop().as_int();
                if len < 0 || len > u32::MAX as i64 / 2 {
                    return Err(Fault::Runtime("makeslice: len out of range".into()));
                }
                let cap = cap.unwrap_or(len);
                if cap < len || cap > u32::MAX as i64 / 2 {
                    return Err(Fault::Runtime("makeslice: cap out of range".into()));
                }
                let z = self.zero(*elem)?;
                let arr = self.heap.alloc_array(cap as usize, z)?;
                g.stack.push(Value::Slice(SliceRef {
                    arr,
                    off: 0,
                    len: len as u32,
                    cap: cap as u32,
                }));
            }
            Op::MakeMap => {
                let id = self.heap.alloc(HeapObj::Map(Default::default()))?;
                g.stack.push(Value::Map(id));
            }
            Op::MakeChan { elem, has_cap } => {
                let cap = if *has_cap { g.pop().as_int() } else { 0 };
                // makechan's check: the buffer's bytes must fit under the
                // largest allocation (2^48 on linux/amd64, less the hchan).
                // The buffer itself is filled lazily, so only what is sent
                // is charged.
                let bytes = (cap as u64).checked_mul(self.prog.types.size_of(*elem));
                if cap < 0 || bytes.is_none_or(|b| b > (1 << 48) - 96) {
                    return Err(Fault::Value(Value::Iface(Rc::new((
                        self.runtime_error_type.unwrap_or(wk::STRING),
                        Value::str("makechan: size out of range"),
                    )))));
                }
                let name = self.prog.types.name(*elem);
                let id = self
                    .heap
                    .alloc(HeapObj::Chan(Box::new(Chan::new(&name, cap as u64))))?;
                g.stack.push(Value::Chan(id));
            }
            Op::Append {
                n,
                spread,
                string_src,
                elem_size,
            } => {
                let extra = match (*spread, *string_src) {
                    (true, true) => Appended::StringBytes(g.pop()),
                    (true, false) => Appended::Slice(g.pop()),
                    (false, _) => {
                        let at = g.stack.len() - *n as usize;
                        Appended::Elems(g.stack.drain(at..).collect())
                    }
                };
                let base = g.pop();
                let v = slice::append(&mut self.heap, base, extra, *elem_size)?;
                g.stack.push(v);
            }
            Op::AppendStack {
                n,
                elem_size,
                k,
                slot,
                step,
            } => {
                let at = g.stack.len() - *n as usize;
                let extra: Vec<Value> = g.stack.drain(at..).collect();
                let base_v = g.pop();
                let buf = &mut g.locals[base + *slot as usize];
                let v =
                    slice::append_stack(&mut self.heap, base_v, extra, *elem_size, *k, buf, *step)?;
                g.stack.push(v);
            }
            Op::MoveToHeap { slot, elem_size } => {
                let v = g.pop();
                let buf = &g.locals[base + *slot as usize];
                let v = slice::move_to_heap(&mut self.heap, v, buf, *elem_size)?;
                g.stack.push(v);
            }
            Op::Copy => {
                let src = g.pop();
                let dst = g.pop();
                let n = slice::copy(&mut self.heap, dst, src);
                self.charge_work(n as u64 * cost::SLOT);
                g.stack.push(Value::Int(n));
            }
            Op::SetField(i) => {
                let v = g.pop();
                let mut s = g.pop();
                if let Value::Seq(items) = &mut s {
                    if let Some(slot) = cow_mut(items, &mut self.heap.mem)?.get_mut(*i as usize) {
                        *slot = v;
                    }
                    g.stack.push(s);
                }
            }
            Op::SetIndex(n) => {
                let v = g.pop();
                let i = g.pop().as_int();
                let mut s = g.pop();
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                if let Value::Seq(items) = &mut s {
                    if let Some(slot) = cow_mut(items, &mut self.heap.mem)?.get_mut(i as usize) {
                        *slot = v;
                    }
                    g.stack.push(s);
                }
            }
            Op::Arith(aop, nk) => {
                let b = g.pop();
                let a = g.pop();
                if *nk == NumKind::Str {
                    let n = a.as_bytes().len() + b.as_bytes().len();
                    self.heap.charge(cost::string(n))?;
                }
                g.stack.push(arith(*aop, *nk, a, b)?);
            }
            Op::Cmp(cop, nk) => {
                let b = g.pop();
                let a = g.pop();
                // A pointer made before its array was sliced still names
                // the array's old home: compare both in today's form.
                let canon = |heap: &super::heap::Heap, v: Value| match &v {
                    Value::Ptr(p) => heap.canonical(p).map_or(v, |c| Value::Ptr(Rc::new(c))),
                    _ => v,
                };
                let (a, b) = match (&a, &b) {
                    (Value::Ptr(_), Value::Ptr(_)) => (canon(&self.heap, a), canon(&self.heap, b)),
                    _ => (a, b),
                };
                let r = match nk {
                    NumKind::Int(k) => {
                        let (x, y) = (a.as_int(), b.as_int());
                        cop.holds(if k.signed() {
                            x.cmp(&y)
                        } else {
                            (x as u64).cmp(&(y as u64))
                        })
                    }
                    NumKind::Float64 | NumKind::Float32 => {
                        let (x, y) = (a.as_float(), b.as_float());
                        match cop {
                            CmpOp::Eq => x == y,
                            CmpOp::Ne => x != y,
                            CmpOp::Lt => x < y,
                            CmpOp::Le => x <= y,
                            CmpOp::Gt => x > y,
                            CmpOp::Ge => x >= y,
                        }
                    }
                    NumKind::Str => {
                        let (x, y) = (a.as_bytes(), b.as_bytes());
                        self.charge_work(x.len().min(y.len()) as u64);
                        cop.holds(x.cmp(y))
                    }
                    NumKind::Any => {
                        convert::check_comparable(&self.prog.types, &a, &b)?;
                        // Shared storage can make a small value stand for a
                        // huge one: the walk may use what is left of the
                        // step budget, and no more.
                        let left = self.op_steps_left();
                        let limit = left.saturating_mul(BYTES_PER_STEP) / cost::SLOT + 1;
                        let Some((eq, visited)) = values_equal_counted(&a, &b, limit) else {
                            self.steps = self.cfg.max_steps;
                            return Err(Fault::Budget(super::fault::Ending::StepBudget));
                        };
                        self.charge_work(visited * cost::SLOT);
                        match cop {
                            CmpOp::Eq => eq,
                            _ => !eq,
                        }
                    }
                };
                g.stack.push(Value::Bool(r));
            }
            Op::Neg(nk) => {
                let a = g.pop();
                g.stack.push(match nk {
                    NumKind::Int(k) => Value::Int(k.wrap(a.as_int().wrapping_neg())),
                    NumKind::Float32 => Value::Float(-(a.as_float() as f32) as f64),
                    _ => Value::Float(-a.as_float()),
                });
            }
            Op::Not => {
                let a = g.pop();
                g.stack.push(Value::Bool(!a.as_bool()));
            }
            Op::BitNot(k) => {
                let a = g.pop();
                g.stack.push(Value::Int(k.wrap(!a.as_int())));
            }
            Op::Convert(c) => {
                let a = g.pop();
                g.stack.push(convert::convert(&mut self.heap, *c, a)?);
            }
            Op::CopyLocks(t) => {
                let v = g.pop();
                let v = self.copy_locks(v, *t, 0)?;
                g.stack.push(v);
            }
            Op::Jump(_)
            | Op::JumpIfFalse(_)
            | Op::JumpIfTrue(_)
            | Op::Load(_)
            | Op::Store(_)
            | Op::Push(_)
            | Op::Stmt => {
                unreachable!("handled by the fast path in exec")
            }
            Op::Call { fid, argc } => {
                self.push_frame(g, *fid, *argc, &[], span, false)?;
                g.advance_caller();
                return Ok(Flow::Reload);
            }
            Op::CallValue { argc } => {
                g.advance_pc();
                match self.enter_call(g, *argc, span, false)? {
                    None => return Ok(Flow::Reload),
                    Some(packed) => {
                        let nid = packed & 0xFF_FFFF;
                        let n = packed >> 24;
                        g.rewind_pc();
                        // The callee is a native: pc stays on this op until it
                        // completes. Re-push the function value for a retry.
                        let r = self.call_native(g, nid, n, span);
                        return self.after_native(g, r, Some((nid, n)));
                    }
                }
            }
            Op::CallNative { nid, argc } => {
                let r = self.call_native(g, *nid, *argc, span);
                return self.after_native(g, r, None);
            }
            Op::CallIface { method, argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let recv = g.stack[at].clone();
                let (target, inner) = self.dispatch(&recv, *method)?;
                g.stack[at] = inner;
                match target {
                    MethodTarget::Func(fid) => {
                        self.push_frame(g, fid, *argc + 1, &[], span, false)?;
                        g.advance_caller();
                        return Ok(Flow::Reload);
                    }
                    MethodTarget::Native(nid) => {
                        let r = self.call_native(g, nid, *argc + 1, span);
                        if let Ok(Flow::Block(_)) = r {
                            // Retried later: the dispatch must see the interface again.
                            g.stack[at] = recv;
                        }
                        return self.after_native(g, r, None);
                    }
                }
            }
            Op::MakeClosure { fid, ncap } => {
                self.heap.charge(cost::BOX + cost::seq(*ncap as usize))?;
                let at = g.stack.len() - *ncap as usize;
                let caps: Vec<Value> = g.stack.drain(at..).collect();
                g.stack.push(Value::Func(Rc::new(FuncVal::Closure {
                    fid: *fid,
                    captures: Rc::from(caps),
                })));
            }
            Op::PushFunc(fid) => g.stack.push(Value::Func(Rc::new(FuncVal::Closure {
                fid: *fid,
                captures: Rc::from(Vec::new()),
            }))),
            Op::PushNative(nid) => g.stack.push(Value::Func(Rc::new(FuncVal::Native {
                nid: *nid,
                recv: None,
            }))),
            Op::BindMethod(fid) => {
                self.heap.charge(cost::BOX)?;
                let recv = g.pop();
                g.stack
                    .push(Value::Func(Rc::new(FuncVal::Bound { fid: *fid, recv })));
            }
            Op::BindNative(nid) => {
                self.heap.charge(cost::BOX)?;
                let recv = g.pop();
                g.stack.push(Value::Func(Rc::new(FuncVal::Native {
                    nid: *nid,
                    recv: Some(recv),
                })));
            }
            Op::BindIface(mid) => {
                self.heap.charge(cost::BOX)?;
                let recv = g.pop();
                let (target, inner) = self.dispatch(&recv, *mid)?;
                g.stack.push(Value::Func(Rc::new(match target {
                    MethodTarget::Func(fid) => FuncVal::Bound { fid, recv: inner },
                    MethodTarget::Native(nid) => FuncVal::Native {
                        nid,
                        recv: Some(inner),
                    },
                })));
            }
            Op::Return => {
                g.advance_pc();
                self.do_return(g)?;
                if g.frames.is_empty() {
                    return Ok(Flow::Exited);
                }
                return Ok(Flow::Reload);
            }
            Op::Go { argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let args: Vec<Value> = g.stack.drain(at + 1..).collect();
                let f = g.pop();
                if f.is_nil() {
                    return Err(Fault::Fatal("go of nil func value".into()));
                }
                let gid = self.spawn(f, args, Some(g.id), span)?;
                if let Some(r) = self.race.as_mut() {
                    r.spawn(g.id, gid);
                }
                self.record(g.id, span, EventKind::Go { child: gid });
                return Ok(Flow::Visible);
            }
            Op::Defer { argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let args: Vec<Value> = g.stack.drain(at + 1..).collect();
                let f = g.pop();
                if let Some(fr) = g.frames.last_mut() {
                    fr.defers.push(Deferred {
                        func: f,
                        args,
                        span,
                    });
                }
            }
            Op::FrameIndex => {
                let i = g.frames.len() as i64 - 1;
                g.stack.push(Value::Int(i));
            }
            Op::DeferAt { argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let args: Vec<Value> = g.stack.drain(at + 1..).collect();
                let f = g.pop();
                let frame = g.pop().as_int() as usize;
                if let Some(fr) = g.frames.get_mut(frame) {
                    fr.defers.push(Deferred {
                        func: f,
                        args,
                        span,
                    });
                }
            }
            Op::RangePanic => {
                // runtime/panic.go's range errors, by abi.RF_* state.
                let msg = match g.pop().as_int() {
                    1 => "range function continued iteration after loop body panic",
                    2 => "range function continued iteration after function for loop body returned false",
                    3 => "range function continued iteration after whole loop exit",
                    _ => "range function recovered a loop body panic and did not resume panicking",
                };
                g.advance_pc();
                return Err(Fault::Runtime(msg.to_string()));
            }
            Op::Panic => {
                let v = g.pop();
                g.advance_pc();
                return Err(Fault::Value(self.panic_arg(v)));
            }
            Op::Recover => {
                let v = self.recover(g);
                g.stack.push(v);
            }
            Op::Send => return self.op_send(g, span),
            Op::Recv { comma_ok } => return self.op_recv(g, *comma_ok, span),
            Op::Close => {
                let ch = g.pop();
                return self.close_chan(g.id, ch, span);
            }
            Op::Select { cases, has_default } => {
                return self.op_select(g, cases, *has_default, span)
            }
            Op::MakeIface(t) => {
                self.heap.charge(cost::BOX)?;
                let v = g.pop();
                g.stack.push(Value::Iface(Rc::new((*t, v))));
            }
            Op::TypeAssert { ty, from, comma_ok } => {
                let v = g.pop();
                let ok = convert::type_matches(&self.prog, &v, *ty);
                let is_iface_target = self.prog.types.is_interface(*ty);
                if ok {
                    let out = if is_iface_target {
                        v
                    } else {
                        match &v {
                            Value::Iface(iv) => iv.1.clone(),
                            _ => v,
                        }
                    };
                    g.stack.push(out);
                    if *comma_ok {
                        g.stack.push(Value::Bool(true));
                    }
                } else if *comma_ok {
                    let z = if is_iface_target {
                        Value::Nil
                    } else {
                        self.zero(*ty)?
                    };
                    g.stack.push(z);
                    g.stack.push(Value::Bool(false));
                } else {
                    let msg = convert::assertion_failure(&self.prog, &v, *ty, *from);
                    return Err(Fault::Value(self.assertion_err_value(&msg)?));
                }
            }
            Op::TypeIs(t) => {
                let v = g.pop();
                let ok = convert::type_matches(&self.prog, &v, *t);
                g.stack.push(Value::Bool(ok));
            }
            Op::IfaceValue => {
                let v = g.pop();
                g.stack.push(match &v {
                    Value::Iface(iv) => iv.1.clone(),
                    _ => v,
                });
            }
            Op::StrNextRune => {
                let i = g.pop().as_int().max(0) as usize;
                let s = g.pop();
                let b = s.as_bytes();
                let (r, w) = utf8::decode_rune(&b[i.min(b.len())..]);
                g.stack.push(Value::Int((i + w) as i64));
                g.stack.push(Value::Int(r as i64));
            }
            Op::MapKeys => {
                let m = g.pop();
                let keys: Vec<Value> = match m {
                    Value::Map(id) => match self.heap.get(id) {
                        Some(HeapObj::Map(mm)) => mm.values().map(|(k, _)| k.clone()).collect(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let v = slice::from_vec(&mut self.heap, keys)?;
                g.stack.push(v);
            }
            Op::MissingReturn => {
                return Err(Fault::Fatal(
                    "gosim: reached the end of a function without a return".into(),
                ))
            }
        }
        Ok(Flow::Next)
    }
}

fn arith(op: ArithOp, nk: NumKind, a: Value, b: Value) -> Result<Value, Fault> {
    Ok(match nk {
        NumKind::Int(k) => {
            let (x, y) = (a.as_int(), b.as_int());
            let r = match op {
                ArithOp::Add => x.wrapping_add(y),
                ArithOp::Sub => x.wrapping_sub(y),
                ArithOp::Mul => x.wrapping_mul(y),
                ArithOp::Div | ArithOp::Rem => {
                    if y == 0 {
                        return Err(Fault::Runtime("integer divide by zero".into()));
                    }
                    if k.signed() {
                        if op == ArithOp::Div {
                            x.wrapping_div(y)
                        } else {
                            x.wrapping_rem(y)
                        }
                    } else {
                        let (ux, uy) = (x as u64, y as u64);
                        (if op == ArithOp::Div { ux / uy } else { ux % uy }) as i64
                    }
                }
                ArithOp::And => x & y,
                ArithOp::Or => x | y,
                ArithOp::Xor => x ^ y,
                ArithOp::AndNot => x & !y,
                ArithOp::Shl | ArithOp::Shr => {
                    // The count is unsigned unless it is a negative signed value.
                    if y < 0 {
                        return Err(Fault::Runtime("negative shift amount".into()));
                    }
                    if op == ArithOp::Shl {
                        if y >= 64 {
                            0
                        } else {
                            x.wrapping_shl(y as u32)
                        }
                    } else if k.signed() {
                        if y >= 64 {
                            if x < 0 {
                                -1
                            } else {
                                0
                            }
                        } else {
                            x >> y
                        }
                    } else if y >= 64 {
                        0
                    } else {
                        ((x as u64) >> y) as i64
                    }
                }
            };
            Value::Int(k.wrap(r))
        }
        NumKind::Float64 | NumKind::Float32 => {
            let (x, y) = (a.as_float(), b.as_float());
            let r = match op {
                ArithOp::Add => x + y,
                ArithOp::Sub => x - y,
                ArithOp::Mul => x * y,
                _ => x / y,
            };
            Value::Float(if nk == NumKind::Float32 {
                r as f32 as f64
            } else {
                r
            })
        }
        NumKind::Str => Value::Str(concat_bytes(a.as_bytes(), b.as_bytes())),
        NumKind::Any => match op {
            ArithOp::And => Value::Bool(a.as_bool() && b.as_bool()),
            _ => Value::Bool(a.as_bool() || b.as_bool()),
        },
    })
}

/// `x + y` in one allocation and two copies: a string doubling in a loop
/// copies the whole string each time, so this is the step's whole cost.
fn concat_bytes(x: &[u8], y: &[u8]) -> Rc<[u8]> {
    let mut out: Rc<[u8]> = std::iter::repeat_n(0, x.len() + y.len()).collect();
    if let Some(buf) = Rc::get_mut(&mut out) {
        let (head, tail) = buf.split_at_mut(x.len());
        head.copy_from_slice(x);
        tail.copy_from_slice(y);
    }
    out
}
