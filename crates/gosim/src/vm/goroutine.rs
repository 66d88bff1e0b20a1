//! A goroutine's state (the `g` of runtime/runtime2.go): its status, call
//! frames with their deferred calls, the operand stack and locals, the
//! panics in flight, and what it waits on.
//!
//! Owns the goroutine as data and the operand-stack and pc helpers every
//! instruction uses. It does not run code, touch the heap or decide when a
//! goroutine runs: the machine and the scheduler do.

use crate::runtime::chan::Delivery;
use crate::runtime::{Gid, WaitReason};
use crate::syntax::span::Span;
use crate::vm::value::{ObjId, Value};

/// Mirrors `_Grunnable`, `_Grunning`, `_Gwaiting` (with its wait reason)
/// and `_Gdead` in runtime/runtime2.go.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum GStatus {
    Runnable,
    Running,
    Waiting(WaitReason),
    Dead,
}

/// What a parked goroutine's blocking operation should do when it runs
/// again.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Resume {
    /// A channel operation (or select case) completed on its behalf.
    Chan {
        case: Option<usize>,
        delivery: Delivery<Value>,
    },
    /// Its timer fired.
    Slept,
    /// A sync primitive readied it: call the primitive's resume.
    Sync,
    /// A notify list woke it.
    Notified,
    /// The netpoller (or a close or deadline) woke it from `IO wait`.
    Io,
}

/// A deferred call (`_defer`): the function value and its arguments, both
/// evaluated at the `defer` statement.
#[derive(Clone, Debug, Hash)]
pub struct Deferred {
    pub func: Value,
    pub args: Vec<Value>,
    pub span: Span,
}

/// One call frame: the function, its pc, where its locals and operands
/// start, and its deferred calls.
#[derive(Clone, Debug)]
pub struct Frame {
    pub fid: u32,
    pub pc: u32,
    /// Index of slot 0 in the goroutine's `locals`.
    pub base: u32,
    /// Operand stack height at entry (for unwinding).
    pub stack_base: u32,
    pub defers: Vec<Deferred>,
    /// The frame is running its deferred calls before returning.
    pub returning: bool,
    /// A panic is unwinding through this frame.
    pub unwinding: bool,
    /// This frame is a deferred call: its results are discarded and its
    /// caller continues returning or unwinding when it ends.
    pub is_defer: bool,
    /// Results are discarded (goroutine entry, deferred calls).
    pub discard: bool,
    pub call_span: Span,
    /// The outermost frame of a synchronous call made by a native (fmt
    /// calling a String method): when it returns or a panic reaches it,
    /// control goes back to the native.
    pub sync_boundary: bool,
}

impl Frame {
    /// A frame entering function `fid` at pc 0, its locals from `base` and
    /// its operands from `stack_base`.
    pub fn new(fid: u32, base: u32, stack_base: u32, call_span: Span, discard: bool) -> Frame {
        Frame {
            fid,
            pc: 0,
            base,
            stack_base,
            defers: Vec::new(),
            returning: false,
            unwinding: false,
            is_defer: false,
            discard,
            call_span,
            sync_boundary: false,
        }
    }
}

/// A panic in flight (`_panic`).
#[derive(Clone, Debug)]
pub struct PanicState {
    pub value: Value,
    pub recovered: bool,
    /// The text printed for a crash, computed when the panic starts.
    pub text: String,
    pub is_runtime_error: bool,
    /// Not a panic but `runtime.Goexit` unwinding: `recover` does not see
    /// it, and reaching the goroutine's first frame ends the goroutine.
    pub goexit: bool,
}

/// A goroutine (`g`).
#[derive(Clone, Debug)]
pub struct Goroutine {
    pub id: Gid,
    pub status: GStatus,
    pub frames: Vec<Frame>,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    /// The `go` statement that created it (none for main).
    pub created_at: Option<Span>,
    pub created_by: Option<Gid>,
    pub resume: Option<Resume>,
    pub panics: Vec<PanicState>,
    /// A native call a `go` statement started directly.
    pub native_start: Option<(u32, Option<Value>, Vec<Value>)>,
    /// Virtual time when it was last scheduled (sysmon preemption).
    pub run_since: i64,
    /// What it is parked on, for the wait-for graph.
    pub waiting_on: Option<ObjId>,
    /// The channels a parked select is queued on.
    pub select_chans: Vec<ObjId>,
    /// The most stack (frames and locals, in bytes) charged to the memory
    /// budget so far: a stack is charged as it grows past its high-water
    /// mark, like a Go stack that is copied to a bigger one.
    pub stack_charged: u64,
}

impl Goroutine {
    pub fn new(id: Gid) -> Goroutine {
        Goroutine {
            id,
            status: GStatus::Runnable,
            frames: Vec::new(),
            stack: Vec::new(),
            locals: Vec::new(),
            created_at: None,
            created_by: None,
            resume: None,
            panics: Vec::new(),
            native_start: None,
            run_since: 0,
            waiting_on: None,
            select_chans: Vec::new(),
            stack_charged: 0,
        }
    }

    /// Pops the top operand. The compiler balances the stack, so an empty
    /// one only happens on a compiler bug: it reads as nil rather than
    /// crashing the tab.
    pub fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::Nil)
    }

    /// The top `argc` operands: a native call's arguments.
    pub fn args(&self, argc: u32) -> &[Value] {
        let n = self.stack.len();
        &self.stack[n - argc as usize..]
    }

    /// Replaces the top `argc` operands (a native call's arguments) with
    /// its results.
    pub fn finish(&mut self, argc: u32, results: Vec<Value>) {
        let n = self.stack.len();
        self.stack.truncate(n - argc as usize);
        self.stack.extend(results);
    }

    /// Moves the current frame's pc past the executing instruction.
    pub fn advance_pc(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.pc += 1;
        }
    }

    /// Puts the current frame's pc back on the executing instruction (a
    /// native that blocks is retried when the goroutine runs again).
    pub fn rewind_pc(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.pc -= 1;
        }
    }

    /// Moves the caller's pc past the call, once a callee frame is pushed.
    pub fn advance_caller(&mut self) {
        let n = self.frames.len();
        if n >= 2 {
            self.frames[n - 2].pc += 1;
        }
    }
}
