//! Panics, deferred calls and crashes (runtime/panic.go and
//! runtime/traceback.go): turning a fault into a panic or an ending,
//! unwinding frames through their deferred calls, `recover`, the text a
//! panic value prints, and the `panic:` / `fatal error:` reports with
//! their goroutine tracebacks.
//!
//! Owns what happens between a fault and either recovery or the end of the
//! program. It does not decide what faults (the instructions and natives
//! do) or how frames are pushed (`call.rs`).

use super::events::EventKind;
use super::fault::{Ending, Fault};
use super::goroutine::{Deferred, GStatus, Goroutine, PanicState};
use super::machine::{Exec, Flow, Vm};
use super::value::Value;
use crate::format;
use crate::syntax::span::{LineIndex, Span};
use crate::types::TypeKind;
use crate::vm::op::Program;
use std::rc::Rc;

impl Vm {
    /// Turns a fault into a panic, a fatal error or an ending. Returns
    /// `Some` when execution of this goroutine must stop.
    pub fn fault(&mut self, g: &mut Goroutine, f: Fault) -> Option<Exec> {
        match f {
            Fault::Runtime(msg) => {
                let text = format!("runtime error: {}", msg);
                let value = match self.runtime_error_type {
                    Some(t) => Value::Iface(Rc::new((t, Value::str(&text)))),
                    None => Value::Iface(Rc::new((self.string_type, Value::str(&text)))),
                };
                self.start_panic(g, value, text, true)
            }
            Fault::Value(v) => {
                // An error or Stringer prints its method's text.
                let text = match &v {
                    Value::Iface(iv) => self.fmt_method(iv.0),
                    _ => None,
                };
                let text = match text.and_then(|mid| self.method_text(g, &v, mid)) {
                    Some(Ok(t)) => String::from_utf8_lossy(&t).into_owned(),
                    _ => self.panic_text(&v),
                };
                self.start_panic(g, v, text, false)
            }
            Fault::Fatal(msg) => {
                if msg == super::call::STACK_OVERFLOW {
                    self.stderr.extend_from_slice(
                        b"runtime: goroutine stack exceeds 1000000000-byte limit\n",
                    );
                }
                self.stderr
                    .extend_from_slice(format!("fatal error: {}\n", msg).as_bytes());
                self.crash_dump(Some(g));
                self.end(Ending::Fatal { deadlock: false });
                Some(Exec::Ended)
            }
            Fault::Budget(e) => {
                self.end(e);
                Some(Exec::Ended)
            }
            Fault::Exit(code) => {
                self.end(Ending::Exit(code));
                Some(Exec::Ended)
            }
            Fault::Goexit => {
                g.panics.push(PanicState {
                    value: Value::Nil,
                    recovered: false,
                    text: String::new(),
                    is_runtime_error: false,
                    goexit: true,
                });
                if let Some(f) = g.frames.last_mut() {
                    f.unwinding = true;
                }
                self.continue_unwind(g)
            }
        }
    }

    /// The goroutine's unwinding reached its first frame. A Goexit (with no
    /// panic raised during it still unrecovered) ends the goroutine as a
    /// return would, except that main ending so does not end the program;
    /// a panic crashes it.
    fn unwound(&mut self, g: &mut Goroutine) -> Option<Exec> {
        if g.panics.last().is_some_and(|p| p.goexit) {
            g.panics.clear();
            if g.id == super::machine::MAIN_GID {
                self.main_goexited = true;
            }
            return Some(Exec::Exited);
        }
        self.crash_panic(g);
        Some(Exec::Ended)
    }

    /// Begins unwinding `g` with a panic.
    fn start_panic(
        &mut self,
        g: &mut Goroutine,
        value: Value,
        text: String,
        is_runtime_error: bool,
    ) -> Option<Exec> {
        let span = self.frame_span(g);
        self.record(g.id, span, EventKind::Panic { text: text.clone() });
        g.panics.push(PanicState {
            value,
            recovered: false,
            text,
            is_runtime_error,
            goexit: false,
        });
        if let Some(f) = g.frames.last_mut() {
            f.unwinding = true;
        }
        self.continue_unwind(g)
    }

    /// Runs the next deferred call of the unwinding frame, or pops it; ends
    /// the program when no frame is left.
    fn continue_unwind(&mut self, g: &mut Goroutine) -> Option<Exec> {
        loop {
            let Some(frame) = g.frames.last_mut() else {
                return self.unwound(g);
            };
            frame.unwinding = true;
            if let Some(d) = frame.defers.pop() {
                match self.call_deferred(g, d) {
                    // A deferred Go function now runs; its return continues
                    // the unwinding.
                    Ok(true) => return None,
                    // A deferred native already ran: next defer.
                    Ok(false) => continue,
                    // A fault while running a deferred call: a new panic.
                    Err(f) => return self.fault(g, f),
                }
            }
            // No more defers: pop the frame and continue in the caller.
            let frame = g.frames.pop().expect("checked above");
            g.locals.truncate(frame.base as usize);
            g.stack.truncate(frame.stack_base as usize);
            if frame.sync_boundary {
                // The panic stops at the native that made the call.
                let p = g.panics.pop();
                g.panics.clear();
                self.sync_panic = Some(p.map(|p| p.text).unwrap_or_default());
                return None;
            }
            if frame.is_defer {
                // A panic escaped a deferred call: the caller keeps unwinding
                // (and the older panic is superseded).
                if let Some(parent) = g.frames.last_mut() {
                    parent.unwinding = true;
                    parent.returning = false;
                }
            }
            if g.frames.is_empty() {
                return self.unwound(g);
            }
        }
    }

    /// Starts a deferred call. Returns true when a Go frame was pushed (it
    /// will run), false when a native ran to completion already.
    pub(super) fn call_deferred(&mut self, g: &mut Goroutine, d: Deferred) -> Result<bool, Fault> {
        let argc = d.args.len() as u32;
        let height = g.stack.len();
        g.stack.push(d.func);
        g.stack.extend(d.args);
        match self.enter_call(g, argc, d.span, true)? {
            None => {
                if let Some(f) = g.frames.last_mut() {
                    f.is_defer = true;
                }
                Ok(true)
            }
            Some(packed) => {
                let nid = packed & 0xFF_FFFF;
                let n = packed >> 24;
                let r = self.call_native(g, nid, n, d.span);
                // A deferred native's results are discarded.
                g.stack.truncate(height);
                match r? {
                    Flow::Block(_) => Err(Fault::Fatal("gosim: a deferred call that blocks (such as defer wg.Wait()) is not supported".into())),
                    _ => Ok(false),
                }
            }
        }
    }

    /// A deferred call returned normally: its caller continues returning,
    /// or, if a panic is unwinding, either stops (recovered) or goes on.
    pub(super) fn deferred_call_finished(&mut self, g: &mut Goroutine) -> Result<(), Fault> {
        let Some(parent) = g.frames.last_mut() else {
            return Ok(());
        };
        if parent.unwinding {
            if g.panics.last().is_some_and(|p| p.recovered) {
                // Only the recovered panic ends: one it interrupted (a panic
                // in a deferred call, recovered by that call's own defer)
                // goes on unwinding its frame.
                g.panics.pop();
                if g.panics.last().is_some_and(|p| p.goexit) {
                    // A panic raised during Goexit was recovered: the
                    // Goexit goes on.
                    self.continue_unwind(g);
                    return Ok(());
                }
                parent.unwinding = false;
                parent.returning = true;
                return self.do_return(g);
            }
            // An ending the unwinding reaches is recorded in `self.ending`.
            self.continue_unwind(g);
            return Ok(());
        }
        if parent.returning {
            return self.do_return(g);
        }
        Ok(())
    }

    /// `recover()`: the panic value when called directly by a deferred call
    /// during a panic, else nil.
    pub(super) fn recover(&mut self, g: &mut Goroutine) -> Value {
        let n = g.frames.len();
        if n < 2 {
            return Value::Nil;
        }
        let me = &g.frames[n - 1];
        let parent = &g.frames[n - 2];
        if !me.is_defer || !parent.unwinding {
            return Value::Nil;
        }
        let value = match g.panics.last_mut() {
            Some(p) if !p.recovered && !p.goexit => {
                p.recovered = true;
                (p.value.clone(), p.text.clone())
            }
            _ => return Value::Nil,
        };
        let span = self.frame_span(g);
        self.record(g.id, span, EventKind::Recovered { text: value.1 });
        value.0
    }

    /// The statement `g`'s innermost frame is at.
    fn frame_span(&self, g: &Goroutine) -> Span {
        g.frames
            .last()
            .and_then(|f| {
                let code = &self.prog.funcs[f.fid as usize];
                code.spans.get(f.pc as usize).copied()
            })
            .unwrap_or_default()
    }

    /// The text `panic: ...` prints for a value (printpanicval).
    pub fn panic_text(&self, v: &Value) -> String {
        match v {
            Value::Nil => "panic called with nil argument (use runtime.PanicNilError)".into(),
            Value::Iface(iv) => {
                let (t, inner) = (&iv.0, &iv.1);
                let tname = self.prog.types.name(*t);
                match (self.prog.types.ukind(*t), inner) {
                    (TypeKind::String, Value::Str(s)) => {
                        let s = String::from_utf8_lossy(s).to_string();
                        // A named string type prints as main.T("...") with the text
                        // unescaped, as Go's printpanicval does; runtime
                        // errors and plain strings print bare.
                        if self.prog.types.is_named(*t) && tname != "runtime.Error" {
                            format!("{}(\"{}\")", tname, s)
                        } else {
                            s
                        }
                    }
                    (TypeKind::Int(k), Value::Int(i)) => {
                        let s = if k.signed() {
                            i.to_string()
                        } else {
                            (*i as u64).to_string()
                        };
                        if self.prog.types.is_named(*t) {
                            format!("{}({})", tname, s)
                        } else {
                            s
                        }
                    }
                    (TypeKind::Float64 | TypeKind::Float32, Value::Float(f)) => {
                        // Go 1.21's runtime printed floats as print() does
                        // (+1.500000e+000); the toolchains after it print
                        // the shortest decimal, like %v.
                        let bits = if matches!(self.prog.types.ukind(*t), TypeKind::Float32) {
                            32
                        } else {
                            64
                        };
                        let s = if self.cfg.go_version.print_float_exponent() {
                            format::format_print_float(*f)
                        } else {
                            format::format_float(*f, b'g', -1, bits)
                        };
                        if self.prog.types.is_named(*t) {
                            format!("{}({})", tname, s)
                        } else {
                            s
                        }
                    }
                    (TypeKind::Bool, Value::Bool(b)) => b.to_string(),
                    // (Errors and Stringers print their method's text: see
                    // `fault`.)
                    _ => format!("({}) {}", tname, "0xc000012120"),
                }
            }
            _ => "panic".into(),
        }
    }

    fn crash_panic(&mut self, g: &Goroutine) {
        let mut out = String::new();
        // Since Go 1.25 a panic whose value is the very interface value of
        // the panic before it (`panic(r)` after `r := recover()`) is not
        // printed again: the earlier one says it was repanicked. Go
        // compares the two interface words; gosim compares the shared box.
        let fold = self.cfg.go_version.repanic_folded();
        let repanicked = |i: usize| {
            fold && g
                .panics
                .get(i + 1)
                .is_some_and(|next| same_box(&g.panics[i].value, &next.value))
        };
        for (i, p) in g.panics.iter().enumerate() {
            if p.goexit || (i > 0 && repanicked(i - 1)) {
                continue;
            }
            if !out.is_empty() {
                out.push('\t');
            }
            out.push_str("panic: ");
            out.push_str(&p.text);
            if p.recovered && repanicked(i) {
                out.push_str(" [recovered, repanicked]");
            } else if p.recovered {
                out.push_str(" [recovered]");
            }
            out.push('\n');
        }
        self.stderr.extend_from_slice(out.as_bytes());
        // Header lines follow a blank line.
        self.stderr.extend_from_slice(b"\n");
        let header = format!("goroutine {} [running]:\n", g.id);
        self.stderr.extend_from_slice(header.as_bytes());
        self.stack_trace(g);
        self.stderr.extend_from_slice(b"exit status 2\n");
        self.end(Ending::Panic { gid: g.id });
    }

    /// Appends simplified stack frames of `g` to stderr.
    pub fn stack_trace(&mut self, g: &Goroutine) {
        let index = LineIndex::new(&self.prog.source);
        let mut text = String::new();
        trace_text(&self.prog, &index, g, &mut text);
        self.stderr.extend_from_slice(text.as_bytes());
    }

    /// Prints every goroutine's header (Go's traceback after a fatal error).
    ///
    /// Go prints every goroutine; with 100,000 of them that is 10 MB. The
    /// dump stops at the output budget (after the goroutine that crosses
    /// it, so what is printed is Go's text byte for byte) and says how many
    /// goroutines it left out.
    pub fn crash_dump(&mut self, running: Option<&Goroutine>) {
        self.stderr.extend_from_slice(b"\n");
        let minor = u32::from(self.cfg.go_version.minor());
        let index = LineIndex::new(&self.prog.source);
        let cap = self.cfg.max_output;
        let mut text = String::new();
        if let Some(g) = running {
            text.push_str(&format!("goroutine {} [running]:\n", g.id));
            trace_text(&self.prog, &index, g, &mut text);
        }
        let mut left_out = 0usize;
        for g in self.gs.iter().filter(|g| {
            g.status != GStatus::Dead && Some(g.id) != running.map(|r| r.id) && !g.frames.is_empty()
        }) {
            if self.stderr.len() + text.len() >= cap {
                left_out += 1;
                continue;
            }
            let reason = match &g.status {
                GStatus::Waiting(r) => r.as_go_str_for(minor),
                _ => "runnable",
            };
            text.push_str(&format!("goroutine {} [{}]:\n", g.id, reason));
            trace_text(&self.prog, &index, g, &mut text);
        }
        if left_out > 0 {
            text.push_str(&format!(
                "...{left_out} more goroutines not shown (gosim's output budget)\n\n"
            ));
        }
        self.stderr.extend_from_slice(text.as_bytes());
        self.stderr.extend_from_slice(b"exit status 2\n");
    }
}

/// Appends simplified stack frames of `g`, and the blank line after them,
/// to `text`.
fn trace_text(prog: &Program, index: &LineIndex, g: &Goroutine, text: &mut String) {
    // Go prints the 50 innermost and 50 outermost frames of a deep stack
    // and says how many it left out between them.
    const INNER: usize = 50;
    const OUTER: usize = 50;
    let n = g.frames.len();
    let elided = n.saturating_sub(INNER + OUTER);
    for (k, f) in g.frames.iter().rev().enumerate() {
        if elided > 0 && k >= INNER && k < INNER + elided {
            if k == INNER {
                text.push_str(&format!("...{} frames elided...\n", elided));
            }
            continue;
        }
        let code = &prog.funcs[f.fid as usize];
        if code.name == "runtime.main" {
            continue;
        }
        let span = code.spans.get(f.pc as usize).copied().unwrap_or(code.span);
        if code.library {
            text.push_str(&format!("{}(...)\n\t{}\n", code.name, "<gosim library>"));
        } else {
            text.push_str(&format!(
                "{}(...)\n\t./prog.go:{}\n",
                code.name,
                index.line(span.lo)
            ));
        }
    }
    if let Some(at) = g.created_at {
        text.push_str(&format!(
            "created by goroutine {}\n\t./prog.go:{}\n",
            g.created_by.unwrap_or(1),
            index.line(at.lo)
        ));
    }
    text.push('\n');
}

/// Whether two panic values are one interface value, as Go's runtime
/// tells a repanic from a new panic: the same box, or equal booleans or
/// integers below 256, which Go boxes in shared static storage.
fn same_box(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Iface(x), Value::Iface(y)) => {
            Rc::ptr_eq(x, y)
                || x.0 == y.0
                    && match (&x.1, &y.1) {
                        (Value::Int(i), Value::Int(j)) => i == j && (0..256).contains(i),
                        (Value::Bool(p), Value::Bool(q)) => p == q,
                        _ => false,
                    }
        }
        _ => false,
    }
}
