//! Calls and returns: entering a function value (closure, bound method or
//! native), pushing and popping frames, returning through deferred calls,
//! interface method dispatch, and synchronous calls from natives into Go
//! code (fmt calling `String` and `Error` methods).
//!
//! Owns the frame discipline. Running deferred calls on a panic and
//! `recover` are `panic.rs`'s; what a native does is `library`'s.

use super::fault::Fault;
use super::goroutine::{Frame, Goroutine};
use super::heap::{cost, HeapError};
use super::machine::{Exec, Flow, OpResult, Vm};
use super::op::{RecvAdjust, PATH_IFACE, PATH_LOAD};
use super::value::{FuncVal, Value};
use crate::syntax::span::Span;
use crate::types::MethodTarget;
use std::rc::Rc;

/// The most stack a goroutine may use, in gosim's own bytes (`cost::FRAME`
/// per frame and `cost::SLOT` per local slot, charged to the memory budget
/// as the stack grows): the smaller of a quarter of the run's memory budget
/// and Go's 1 GB limit. Like Go, the limit is bytes, not frames: a frame
/// with many locals counts for more. Go's frames are smaller than gosim's,
/// so Go goes deeper (about 20 million frames of a one-argument function,
/// against about 880,000 here with the default 512 MiB budget), but
/// ordinary deep recursion fits, and a runaway one ends with Go's fatal
/// error within the default step budget, long before it could exhaust the
/// host's memory.
pub fn max_stack_bytes(max_memory: u64) -> u64 {
    (max_memory / 4).min(GO_MAX_STACK)
}

/// Go's `maxstacksize` on 64-bit systems, which its fatal error names.
pub const GO_MAX_STACK: u64 = 1_000_000_000;

/// The fatal error of a goroutine whose stack passed [`max_stack_bytes`].
pub const STACK_OVERFLOW: &str = "stack overflow";

/// Synchronous calls (a `String` or `Error` method that fmt calls) that may
/// be in progress inside each other. Each costs the host's own stack, which
/// is small in wasm32, so the bound is small; only a method that formats
/// itself again and again reaches it, which in Go overflows the stack too.
pub const MAX_SYNC_CALLS: usize = 32;

impl Vm {
    /// Pushes a frame calling the function value below `argc` arguments on
    /// `g`'s stack. `discard` drops its results (goroutine entry, defers).
    pub fn enter_call(
        &mut self,
        g: &mut Goroutine,
        argc: u32,
        span: Span,
        discard: bool,
    ) -> Result<Option<u32>, Fault> {
        let at = g.stack.len() - argc as usize - 1;
        let f = std::mem::replace(&mut g.stack[at], Value::Nil);
        let fv = match &f {
            Value::Func(fv) => fv.clone(),
            _ => {
                g.stack.truncate(at);
                return Err(Fault::Runtime(
                    "invalid memory address or nil pointer dereference".into(),
                ));
            }
        };
        g.stack.remove(at);
        match &*fv {
            FuncVal::Closure { fid, captures } => {
                self.push_frame(g, *fid, argc, captures, span, discard)?;
                Ok(None)
            }
            FuncVal::Bound { fid, recv } => {
                let pos = g.stack.len() - argc as usize;
                g.stack.insert(pos, recv.clone());
                self.push_frame(g, *fid, argc + 1, &[], span, discard)?;
                Ok(None)
            }
            FuncVal::Native { nid, recv } => {
                let mut n = argc;
                if let Some(r) = recv {
                    let pos = g.stack.len() - argc as usize;
                    g.stack.insert(pos, r.clone());
                    n += 1;
                }
                Ok(Some(*nid | (n << 24)))
            }
        }
    }

    /// Pushes a frame for compiled function `fid`, taking `argc` arguments
    /// from the stack.
    pub fn push_frame(
        &mut self,
        g: &mut Goroutine,
        fid: u32,
        argc: u32,
        captures: &[Value],
        span: Span,
        discard: bool,
    ) -> Result<(), Fault> {
        let prog = self.prog.clone();
        let code = &prog.funcs[fid as usize];
        let grown = (g.frames.len() as u64 + 1) * cost::FRAME
            + (g.locals.len() + code.nlocals as usize) as u64 * cost::SLOT;
        if grown > max_stack_bytes(self.cfg.max_memory) {
            return Err(Fault::Fatal(STACK_OVERFLOW.into()));
        }
        let base = g.locals.len() as u32;
        let args_at = g.stack.len() - argc as usize;
        g.locals.extend(g.stack.drain(args_at..));
        g.locals
            .resize(base as usize + code.nlocals.max(argc) as usize, Value::Nil);
        for (i, &slot) in code.capture_slots.iter().enumerate() {
            if let Some(c) = captures.get(i) {
                g.locals[(base + slot) as usize] = c.clone();
            }
        }
        for &slot in &code.boxed_params {
            let v = std::mem::replace(&mut g.locals[(base + slot) as usize], Value::Nil);
            let cell = self.alloc_cell(v)?;
            g.locals[(base + slot) as usize] = cell;
        }
        let stack_base = g.stack.len() as u32;
        g.frames
            .push(Frame::new(fid, base, stack_base, span, discard));
        let stack = g.frames.len() as u64 * cost::FRAME + g.locals.len() as u64 * cost::SLOT;
        if stack > g.stack_charged {
            // Past the high-water mark: charge the growth, with room to
            // spare so a loop of calls is not charged call by call.
            let grown = stack + stack / 4;
            self.heap.mem.charge_stack(grown - g.stack_charged)?;
            g.stack_charged = grown;
        }
        Ok(())
    }

    /// `Return`: run deferred calls (one at a time), then pop the frame and
    /// hand results to the caller.
    pub fn do_return(&mut self, g: &mut Goroutine) -> Result<(), Fault> {
        loop {
            let Some(frame) = g.frames.last_mut() else {
                return Ok(());
            };
            frame.returning = true;
            if let Some(d) = frame.defers.pop() {
                if self.call_deferred(g, d)? {
                    return Ok(());
                }
                continue;
            }
            break;
        }
        let frame = g.frames.pop().expect("checked in the loop");
        let prog = self.prog.clone();
        let code = &prog.funcs[frame.fid as usize];
        let base = frame.base as usize;
        if g.id == super::machine::MAIN_GID && code.name == "main.main" {
            self.remember_main_names(g, frame.fid, frame.base);
        }
        let mut results = Vec::with_capacity(code.result_slots.len());
        for (i, &slot) in code.result_slots.iter().enumerate() {
            let v = std::mem::replace(&mut g.locals[base + slot as usize], Value::Nil);
            if code.boxed_results.get(i).copied().unwrap_or(false) {
                results.push(self.load_ptr(&v)?);
            } else {
                results.push(v);
            }
        }
        g.locals.truncate(base);
        g.stack.truncate(frame.stack_base as usize);
        if !frame.discard {
            g.stack.extend(results);
        }
        if frame.is_defer {
            self.deferred_call_finished(g)?;
        }
        Ok(())
    }

    /// Calls a function value to completion from inside a native, on the
    /// same goroutine (fmt calling String and Error methods). Scheduling
    /// points inside are ignored; blocking is an error.
    pub fn call_sync(
        &mut self,
        g: &mut Goroutine,
        func: Value,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, String> {
        if self.sync_depth.len() >= MAX_SYNC_CALLS {
            // The caller (fmt) ends the run with Go's stack overflow.
            self.sync_overflow = true;
            return Err(STACK_OVERFLOW.into());
        }
        let depth = g.frames.len();
        let height = g.stack.len();
        let argc = args.len() as u32;
        g.stack.push(func);
        g.stack.extend(args);
        match self.enter_call(g, argc, Span::default(), false) {
            Err(_) => {
                g.stack.truncate(height);
                return Err("invalid memory address or nil pointer dereference".into());
            }
            Ok(Some(packed)) => {
                let r = self.call_native(g, packed & 0xFF_FFFF, packed >> 24, Span::default());
                let out: Vec<Value> = g.stack.drain(height.min(g.stack.len())..).collect();
                return match r {
                    Ok(Flow::Block(_)) => Err("a String or Error method blocked".into()),
                    Ok(_) => Ok(out),
                    Err(Fault::Runtime(m)) => Err(format!("runtime error: {}", m)),
                    Err(Fault::Value(v)) => Err(self.panic_text(&v)),
                    Err(_) => Err("fatal error".into()),
                };
            }
            Ok(None) => {}
        }
        if let Some(f) = g.frames.last_mut() {
            f.sync_boundary = true;
        }
        self.sync_depth.push(depth);
        let result = loop {
            match self.exec(g) {
                Exec::SyncDone => {
                    break match self.sync_panic.take() {
                        Some(text) => Err(text),
                        None => Ok(g.stack.drain(height.min(g.stack.len())..).collect()),
                    };
                }
                Exec::Yield | Exec::Statement | Exec::Paused => continue,
                Exec::SelectChoice(_) => {
                    break Err("a String or Error method used select".into());
                }
                Exec::Blocked => break Err("a String or Error method blocked".into()),
                Exec::Exited | Exec::Ended => {
                    break Err("the program ended inside a String or Error method".into())
                }
            }
        };
        self.sync_depth.pop();
        if result.is_err() {
            g.frames.truncate(depth);
            g.stack.truncate(height);
        }
        if let Some(f) = g.frames.last() {
            let base = f.base as usize + self.prog.funcs[f.fid as usize].nlocals as usize;
            if g.locals.len() > base {
                g.locals.truncate(base);
            }
        }
        result
    }

    pub(super) fn dispatch(
        &self,
        recv: &Value,
        method: u32,
    ) -> Result<(MethodTarget, Value), Fault> {
        let Value::Iface(iv) = recv else {
            return Err(HeapError::NilDeref.into());
        };
        let Some(entry) = self.prog.methods.entries.get(&(iv.0, method)) else {
            return Err(Fault::Fatal(format!(
                "gosim: no method {} on {}",
                self.prog
                    .method_names
                    .get(method as usize)
                    .cloned()
                    .unwrap_or_default(),
                self.prog.types.name(iv.0)
            )));
        };
        let inner = match entry.recv {
            RecvAdjust::Deref => self.load_ptr(&iv.1)?,
            RecvAdjust::Path(p) => {
                let mut cur = iv.1.clone();
                for &w in &self.prog.paths[p as usize] {
                    cur = match (w, &cur) {
                        (PATH_LOAD, c) => self.load_ptr(c)?,
                        (PATH_IFACE, c) => return self.dispatch(c, method),
                        (i, Value::Ptr(p)) => {
                            let mut q = (**p).clone();
                            q.path.push(i);
                            Value::Ptr(Rc::new(q))
                        }
                        (i, Value::Seq(fs)) => fs[i as usize].clone(),
                        _ => return Err(HeapError::NilDeref.into()),
                    };
                }
                cur
            }
            RecvAdjust::None => iv.1.clone(),
        };
        Ok((entry.target, inner))
    }

    /// Finishes a native call: a blocked native leaves the pc on the call
    /// (its operands still on the stack) so it is retried when woken.
    pub(super) fn after_native(
        &mut self,
        g: &mut Goroutine,
        r: OpResult,
        value_call: Option<(u32, u32)>,
    ) -> OpResult {
        match r {
            Ok(Flow::Block(reason)) => {
                if let Some((nid, n)) = value_call {
                    // Put the native function value back under its operands so
                    // CallValue can be re-executed.
                    let at = g.stack.len() - n as usize;
                    g.stack.insert(
                        at,
                        Value::Func(Rc::new(FuncVal::Native { nid, recv: None })),
                    );
                }
                Ok(Flow::Block(reason))
            }
            Ok(Flow::Reload) => {
                // The native pushed a frame (it calls Go code).
                g.advance_caller();
                Ok(Flow::Reload)
            }
            Ok(Flow::Visible) => {
                g.advance_pc();
                Ok(Flow::Visible)
            }
            Ok(Flow::Next) => {
                g.advance_pc();
                Ok(Flow::Reload)
            }
            Err(Fault::Value(v)) => {
                g.advance_pc();
                Err(Fault::Value(v))
            }
            Err(Fault::Runtime(m)) => {
                g.advance_pc();
                Err(Fault::Runtime(m))
            }
            other => other,
        }
    }
}
