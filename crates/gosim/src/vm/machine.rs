//! The machine: goroutines, frames and the instruction loop.
//!
//! Owns executing bytecode for one goroutine until it reaches a scheduling
//! point (a synchronization operation completed), blocks, exits, or ends the
//! program; calls, returns, `defer`, `panic` and `recover`. Choosing which
//! goroutine runs next lives in `sched.rs`; library calls in `library.rs`.
//! All state is in [`Vm`]: no threads, no async, no I/O.

use super::heap::{Heap, HeapError, HeapObj};
use super::op::{ArithOp, CmpOp, Conv, NumKind, Op, Program, RecvAdjust, SelectDir, SliceKind};
use super::race::{Loc, RaceReport};
use super::value::{values_equal, FuncVal, MapKey, ObjId, Pointer, Root, SliceRef, Value};
use crate::fasthash::HashMap;
use crate::format::utf8;
use crate::runtime::chan::{Chan, Delivery, RecvOutcome, RecvValue, SendOutcome};
use crate::runtime::sched::RunQueue;
use crate::runtime::timers::{TimerSemantics, Timers};
use crate::runtime::{Gid, WaitReason};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId, TypeKind};
use crate::GoVersion;
use std::rc::Rc;

/// What a fired timer does.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum TimerAction {
    /// Send the current time on a timer channel.
    SendTime(ObjId),
    /// Wake a sleeping goroutine.
    Wake(Gid),
    /// Start a goroutine running `f` (time.AfterFunc).
    Spawn(Value),
}

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
}

#[derive(Clone, Debug, Hash)]
pub struct Deferred {
    pub func: Value,
    pub args: Vec<Value>,
    pub span: Span,
}

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

#[derive(Clone, Debug)]
pub struct PanicState {
    pub value: Value,
    pub recovered: bool,
    /// The text printed for a crash, computed when the panic starts.
    pub text: String,
    pub is_runtime_error: bool,
}

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
        }
    }
}

/// How the program ended.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Ending {
    /// main returned (0) or os.Exit(code).
    Exit(i32),
    /// An unrecovered panic in goroutine `gid`.
    Panic { gid: Gid },
    /// A fatal error (`fatal error: ...`), including deadlock.
    Fatal { deadlock: bool },
    /// The step budget ran out.
    StepBudget,
    /// The heap budget ran out.
    HeapBudget,
    /// Too many goroutines.
    GoroutineBudget,
    /// Too much output.
    OutputBudget,
}

#[derive(Clone, Debug)]
pub struct VmConfig {
    pub go_version: GoVersion,
    pub max_steps: u64,
    pub max_heap_cells: u64,
    pub max_goroutines: u32,
    pub max_output: usize,
    /// Virtual time a select charges when it takes `default` (a busy poll).
    pub poll_cost_ns: i64,
    /// sysmon's preemption quantum (`forcePreemptNS`).
    pub preempt_ns: i64,
    /// Stop at every statement of user code (line stepping).
    pub stop_at_statements: bool,
    /// Track happens-before and report data races.
    pub detect_races: bool,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig {
            go_version: GoVersion::Go123,
            max_steps: 10_000_000,
            max_heap_cells: 20_000_000,
            max_goroutines: 100_000,
            max_output: 1 << 20,
            poll_cost_ns: 100_000,
            preempt_ns: 10_000_000,
            stop_at_statements: false,
            detect_races: true,
        }
    }
}

/// Why `exec` returned.
#[derive(Clone, Debug, PartialEq)]
pub enum Exec {
    /// A visible operation completed; the goroutine can go on.
    Yield,
    /// Reached a statement boundary in line-step mode.
    Statement,
    Blocked,
    Exited,
    /// At a select with several ready cases: the scheduler must choose.
    SelectChoice(Vec<usize>),
    /// The program ended.
    Ended,
    /// A synchronous call's boundary frame finished.
    SyncDone,
}

/// A Go panic raised inside an instruction.
pub enum Fault {
    /// A runtime error (`runtime error: ...`).
    Runtime(String),
    /// A plain panic value.
    Value(Value),
    /// `fatal error: ...` (not recoverable).
    Fatal(String),
    /// A budget ran out.
    Budget(Ending),
    /// The program exits now.
    Exit(i32),
}

impl From<HeapError> for Fault {
    fn from(e: HeapError) -> Fault {
        match e {
            HeapError::NilDeref => {
                Fault::Runtime("invalid memory address or nil pointer dereference".into())
            }
            HeapError::Index(i, n) => index_fault(i, n),
            HeapError::OutOfMemory => Fault::Budget(Ending::HeapBudget),
        }
    }
}

pub type OpResult = Result<Flow, Fault>;

/// What an instruction asks the loop to do next.
pub enum Flow {
    Next,
    /// The instruction did not complete: park the goroutine.
    Block(WaitReason),
    /// A visible operation completed.
    Visible,
    /// Frames changed (call/return): reload the frame.
    Reload,
    SelectChoice(Vec<usize>),
    /// The goroutine finished.
    Exited,
}

#[derive(Clone)]
pub struct Vm {
    pub prog: Rc<Program>,
    pub cfg: VmConfig,
    pub gs: Vec<Goroutine>,
    /// gid -> index in `gs`.
    pub gindex: HashMap<Gid, usize>,
    pub heap: Heap,
    pub globals: Vec<Value>,
    pub runq: RunQueue,
    pub timers: Timers<TimerAction>,
    pub current: Option<Gid>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub ending: Option<Ending>,
    /// Instructions executed.
    pub steps: u64,
    pub next_gid: Gid,
    /// Selected case forced by the scheduler for the pending select.
    pub forced_case: Option<usize>,
    pub zero_cache: HashMap<TypeId, Value>,
    /// time.Time, if time is linked.
    pub time_type: TypeId,
    /// The fmt prelude's `prepped` type, if fmt is linked.
    pub prepped_type: Option<TypeId>,
    /// The fmt prelude's `failed` type: an operand whose method panicked.
    pub failed_type: Option<TypeId>,
    /// The type of runtime error values.
    pub runtime_error_type: Option<TypeId>,
    pub string_type: TypeId,
    /// Goroutines still alive when main returned.
    pub leaked: Vec<Gid>,
    /// Live goroutines and timers sampled at each clock change: (ns, goroutines, timers).
    pub resource_samples: Vec<(i64, u32, u32)>,
    /// Set when the last instruction was a statement boundary.
    pub at_statement: bool,
    /// Native-side events for the event log (who did what).
    pub events: Vec<super::events::Event>,
    /// A goroutine at a select with several ready cases.
    pub pending_select: Option<(Gid, Vec<usize>)>,
    /// The running goroutine asked to yield (Gosched, semaphore hand-off).
    pub yield_requested: bool,
    /// Timer channels and their timers.
    pub timer_chans: HashMap<ObjId, u64>,
    /// Minimum virtual time between resource samples.
    pub sample_interval: i64,
    /// Frame depths of synchronous calls in progress.
    pub sync_depth: Vec<usize>,
    /// A panic that stopped at a synchronous call's boundary.
    pub sync_panic: Option<String>,
    /// Render values without calling their methods (snapshots).
    pub fmt_plain: bool,
    /// The current choice point, until the next step.
    pub cached_point: Option<super::sched::Point>,
    /// Scheduler work: options considered at every point.
    pub sched_work: u64,
    /// Goroutines not yet dead.
    pub live_goroutines: u32,
    pub race: Option<Box<super::race::RaceDetector>>,
    /// Set when main returned: (instructions, stdout length, stderr length)
    /// at that moment, while the other goroutines run on to find leaks.
    pub after_main: Option<(u64, usize, usize)>,
    /// Instructions executed when some goroutine last made synchronization
    /// progress (blocked, woke, started, exited, moved a value through a
    /// channel, took or released a lock). A run that spends its budget far
    /// from this point is a busy loop.
    pub last_progress: u64,
    /// When set (by the explorer), the memory locations each step touches.
    pub touch_log: Option<Vec<(Loc, bool)>>,
}

pub const MAIN_GID: Gid = 1;
/// Stands for the runtime's own goroutine that waits in the run queue when
/// main starts (go1.23+); picking it does nothing observable.
pub const RUNTIME_PHANTOM_GID: Gid = u32::MAX - 1;
/// Go numbers the first user goroutine after the runtime's own (7 in
/// go1.27 with GOMAXPROCS=1); gosim starts there to read like Go.
pub const FIRST_USER_GID: Gid = 7;
/// 2009-11-10 23:00:00 UTC, the Go playground's epoch, in Unix ns.
pub const EPOCH_UNIX_NS: i64 = 1_257_894_000_000_000_000;

impl Vm {
    pub fn new(prog: Rc<Program>, cfg: VmConfig) -> Vm {
        let semantics = if cfg.go_version >= GoVersion::Go123 {
            TimerSemantics::Sync
        } else {
            TimerSemantics::Async
        };
        let globals = prog.globals.iter().map(|_| Value::Nil).collect();
        let mut vm = Vm {
            heap: Heap::new(cfg.max_heap_cells),
            cfg,
            gs: Vec::new(),
            gindex: HashMap::default(),
            globals,
            runq: RunQueue::new(),
            timers: Timers::new(semantics),
            current: None,
            stdout: Vec::new(),
            stderr: Vec::new(),
            ending: None,
            steps: 0,
            next_gid: FIRST_USER_GID,
            forced_case: None,
            zero_cache: HashMap::default(),
            prepped_type: None,
            failed_type: None,
            time_type: wk::INVALID,
            runtime_error_type: None,
            string_type: wk::STRING,
            leaked: Vec::new(),
            resource_samples: Vec::new(),
            at_statement: false,
            events: Vec::new(),
            pending_select: None,
            yield_requested: false,
            timer_chans: HashMap::default(),
            sample_interval: 10_000_000,
            sync_depth: Vec::new(),
            sync_panic: None,
            fmt_plain: false,
            cached_point: None,
            sched_work: 0,
            live_goroutines: 1,
            race: None,
            after_main: None,
            last_progress: 0,
            touch_log: None,
            prog,
        };
        vm.prepped_type = vm.find_named("fmt.prepped");
        vm.failed_type = vm.find_named("fmt.failed");
        vm.runtime_error_type = vm.find_named("runtime.Error");
        vm.time_type = vm.find_named("time.Time").unwrap_or(wk::INVALID);
        if vm.cfg.detect_races {
            vm.race = Some(Box::default());
        }
        // Globals start at their zero values.
        for i in 0..vm.globals.len() {
            let t = vm.prog.globals[i].ty;
            vm.globals[i] = vm.zero(t);
        }
        let mut main = Goroutine::new(MAIN_GID);
        let entry = vm.prog.entry;
        let nlocals = vm.prog.funcs[entry as usize].nlocals;
        main.locals = vec![Value::Nil; nlocals as usize];
        main.frames.push(Frame {
            fid: entry,
            pc: 0,
            base: 0,
            stack_base: 0,
            defers: Vec::new(),
            returning: false,
            unwinding: false,
            is_defer: false,
            discard: true,
            call_span: Span::default(),
            sync_boundary: false,
        });
        vm.gindex.insert(MAIN_GID, 0);
        main.status = GStatus::Running;
        vm.gs.push(main);
        // main is running, with the run queue as real Go has it then.
        let phantom = if vm.cfg.go_version >= GoVersion::Go123 {
            Some(RUNTIME_PHANTOM_GID)
        } else {
            None
        };
        vm.runq = RunQueue::at_main_start(phantom);
        vm.current = Some(MAIN_GID);
        vm
    }

    fn find_named(&self, name: &str) -> Option<TypeId> {
        (0..self.prog.types.len() as u32)
            .map(TypeId)
            .find(|&t| self.prog.types.is_named(t) && self.prog.types.name(t) == name)
    }

    pub fn g(&self, gid: Gid) -> Option<&Goroutine> {
        self.gindex.get(&gid).map(|&i| &self.gs[i])
    }

    pub fn g_mut(&mut self, gid: Gid) -> Option<&mut Goroutine> {
        match self.gindex.get(&gid) {
            Some(&i) => Some(&mut self.gs[i]),
            None => None,
        }
    }

    pub fn now(&self) -> i64 {
        self.timers.now()
    }

    /// The zero value of a type (cached; composite zeros share storage).
    pub fn zero(&mut self, t: TypeId) -> Value {
        if let Some(v) = self.zero_cache.get(&t) {
            return v.clone();
        }
        let v = self.make_zero(t, 0);
        self.zero_cache.insert(t, v.clone());
        v
    }

    fn make_zero(&mut self, t: TypeId, depth: u32) -> Value {
        if depth > 32 {
            return Value::Nil;
        }
        let kind = self.prog.types.ukind(t).clone();
        match kind {
            TypeKind::Bool | TypeKind::Untyped(crate::types::UntypedKind::Bool) => {
                Value::Bool(false)
            }
            TypeKind::Int(_)
            | TypeKind::Untyped(crate::types::UntypedKind::Int | crate::types::UntypedKind::Rune) => {
                Value::Int(0)
            }
            TypeKind::Float64
            | TypeKind::Float32
            | TypeKind::Untyped(crate::types::UntypedKind::Float) => Value::Float(0.0),
            TypeKind::String | TypeKind::Untyped(crate::types::UntypedKind::String) => {
                Value::Str(Rc::from(&b""[..]))
            }
            TypeKind::Struct(fields) => {
                let vs: Vec<Value> = fields
                    .iter()
                    .map(|f| self.make_zero(f.ty, depth + 1))
                    .collect();
                Value::Seq(Rc::new(vs))
            }
            TypeKind::Array(n, e) => {
                let z = self.make_zero(e, depth + 1);
                // Huge arrays are charged against the heap budget.
                if n > 1 << 20 && self.heap.charge(n).is_err() {
                    return Value::Seq(Rc::new(Vec::new()));
                }
                Value::Seq(Rc::new(vec![z; n.min(1 << 26) as usize]))
            }
            _ => Value::Nil,
        }
    }

    pub fn write_out(&mut self, bytes: &[u8]) -> Result<(), Fault> {
        if self.stdout.len() + bytes.len() > self.cfg.max_output {
            let room = self.cfg.max_output.saturating_sub(self.stdout.len());
            self.stdout
                .extend_from_slice(&bytes[..room.min(bytes.len())]);
            return Err(Fault::Budget(Ending::OutputBudget));
        }
        self.stdout.extend_from_slice(bytes);
        Ok(())
    }

    pub fn alloc_cell(&mut self, v: Value) -> Result<Value, Fault> {
        let id = self.heap.alloc(HeapObj::Cell(v))?;
        Ok(Value::Ptr(Rc::new(Pointer {
            root: Root::Cell(id),
            path: Vec::new(),
        })))
    }

    pub fn load_ptr(&self, p: &Value) -> Result<Value, Fault> {
        match p {
            Value::Ptr(p) => Ok(self.heap.load(p, &self.globals)?),
            _ => Err(Fault::Runtime(
                "invalid memory address or nil pointer dereference".into(),
            )),
        }
    }

    pub fn store_ptr(&mut self, p: &Value, v: Value) -> Result<(), Fault> {
        match p {
            Value::Ptr(p) => {
                let p = p.clone();
                Ok(self.heap.store(&p, &mut self.globals, v)?)
            }
            _ => Err(Fault::Runtime(
                "invalid memory address or nil pointer dereference".into(),
            )),
        }
    }

    /// Creates a goroutine that will call `f(args)`; it takes runnext.
    pub fn spawn(
        &mut self,
        f: Value,
        args: Vec<Value>,
        parent: Option<Gid>,
        at: Span,
    ) -> Result<Gid, Fault> {
        if self.live_goroutines >= self.cfg.max_goroutines {
            return Err(Fault::Budget(Ending::GoroutineBudget));
        }
        let gid = self.next_gid;
        self.next_gid += 1;
        let mut g = Goroutine::new(gid);
        g.created_at = Some(at);
        g.created_by = parent;
        match f {
            Value::Func(fv) => match &*fv {
                FuncVal::Native { nid, recv } => {
                    g.native_start = Some((*nid, recv.clone(), args));
                }
                _ => {
                    g.stack.push(Value::Func(fv.clone()));
                    g.stack.extend(args);
                    let argc = g.stack.len() as u32 - 1;
                    self.enter_call(&mut g, argc, Span::default(), true)?;
                }
            },
            _ => {
                return Err(Fault::Runtime(
                    "invalid memory address or nil pointer dereference".into(),
                ))
            }
        }
        self.gindex.insert(gid, self.gs.len());
        self.gs.push(g);
        self.live_goroutines += 1;
        self.last_progress = self.steps;
        self.runq.ready(gid);
        Ok(gid)
    }

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
        let fv = match f {
            Value::Func(fv) => fv,
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
        if g.frames.len() >= 10_000 {
            return Err(Fault::Fatal("stack overflow".into()));
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
        g.frames.push(Frame {
            fid,
            pc: 0,
            base,
            stack_base: g.stack.len() as u32,
            defers: Vec::new(),
            returning: false,
            unwinding: false,
            is_defer: false,
            discard,
            call_span: span,
            sync_boundary: false,
        });
        Ok(())
    }

    /// Runs the current goroutine until something the scheduler must see.
    pub fn exec(&mut self, g: &mut Goroutine) -> Exec {
        if let Some((nid, recv, args)) = g.native_start.take() {
            // A goroutine started directly on a native (`go wg.Done()`).
            let mut all = Vec::new();
            if let Some(r) = recv {
                all.push(r);
            }
            all.extend(args);
            let argc = all.len() as u32;
            g.stack.extend(all);
            match self.call_native(g, nid, argc, Span::default()) {
                Ok(Flow::Block(r)) => {
                    g.native_start = None;
                    // Re-running a native start after a block is not modelled;
                    // block forever with its reason.
                    g.status = GStatus::Waiting(r);
                    return Exec::Blocked;
                }
                Ok(_) => {
                    g.stack.clear();
                    return Exec::Exited;
                }
                Err(f) => {
                    return match self.fault(g, f) {
                        Some(e) => e,
                        None => Exec::Exited,
                    }
                }
            }
        }
        let prog = self.prog.clone();
        'frames: loop {
            if let Some(&d) = self.sync_depth.last() {
                if g.frames.len() <= d {
                    return Exec::SyncDone;
                }
            }
            let Some(frame) = g.frames.last() else {
                return Exec::Exited;
            };
            let fid = frame.fid as usize;
            let base = frame.base as usize;
            let func = &prog.funcs[fid];
            let code = &func.code;
            let mut pc = frame.pc as usize;
            loop {
                if self.steps >= self.cfg.max_steps {
                    if let Some(f) = g.frames.last_mut() {
                        f.pc = pc as u32;
                    }
                    self.end(Ending::StepBudget);
                    return Exec::Ended;
                }
                self.steps += 1;
                let Some(op) = code.get(pc) else {
                    if let Some(f) = g.frames.last_mut() {
                        f.pc = pc as u32;
                    }
                    match self.do_return(g) {
                        Ok(_) => continue 'frames,
                        Err(f) => match self.fault(g, f) {
                            Some(e) => return e,
                            None => continue 'frames,
                        },
                    }
                };
                // Fast paths for the hottest instructions.
                match op {
                    Op::Load(s) => {
                        let v = g.locals[base + *s as usize].clone();
                        g.stack.push(v);
                        pc += 1;
                        continue;
                    }
                    Op::Store(s) => {
                        let v = g.stack.pop().unwrap_or(Value::Nil);
                        g.locals[base + *s as usize] = v;
                        pc += 1;
                        continue;
                    }
                    Op::Push(v) => {
                        g.stack.push(v.clone());
                        pc += 1;
                        continue;
                    }
                    Op::Jump(t) => {
                        pc = *t as usize;
                        continue;
                    }
                    Op::JumpIfFalse(t) => {
                        if matches!(g.stack.pop(), Some(Value::Bool(false))) {
                            pc = *t as usize;
                        } else {
                            pc += 1;
                        }
                        continue;
                    }
                    Op::JumpIfTrue(t) => {
                        if matches!(g.stack.pop(), Some(Value::Bool(true))) {
                            pc = *t as usize;
                        } else {
                            pc += 1;
                        }
                        continue;
                    }
                    Op::Arith(aop, NumKind::Int(k))
                        if !matches!(
                            aop,
                            ArithOp::Div | ArithOp::Rem | ArithOp::Shl | ArithOp::Shr
                        ) =>
                    {
                        let b = g.stack.pop().map(|v| v.as_int()).unwrap_or(0);
                        let a = g.stack.pop().map(|v| v.as_int()).unwrap_or(0);
                        let r = match aop {
                            ArithOp::Add => a.wrapping_add(b),
                            ArithOp::Sub => a.wrapping_sub(b),
                            ArithOp::Mul => a.wrapping_mul(b),
                            ArithOp::And => a & b,
                            ArithOp::Or => a | b,
                            ArithOp::Xor => a ^ b,
                            _ => a & !b,
                        };
                        g.stack.push(Value::Int(k.wrap(r)));
                        pc += 1;
                        continue;
                    }
                    Op::Cmp(cop, NumKind::Int(k)) => {
                        let b = g.stack.pop().map(|v| v.as_int()).unwrap_or(0);
                        let a = g.stack.pop().map(|v| v.as_int()).unwrap_or(0);
                        let ord = if k.signed() {
                            a.cmp(&b)
                        } else {
                            (a as u64).cmp(&(b as u64))
                        };
                        g.stack.push(Value::Bool(cmp_result(*cop, ord)));
                        pc += 1;
                        continue;
                    }
                    Op::Stmt => {
                        pc += 1;
                        if self.cfg.stop_at_statements && !func.library {
                            if let Some(f) = g.frames.last_mut() {
                                f.pc = pc as u32;
                            }
                            self.at_statement = true;
                            return Exec::Statement;
                        }
                        continue;
                    }
                    _ => {}
                }
                let span = func.spans.get(pc).copied().unwrap_or_default();
                if let Some(f) = g.frames.last_mut() {
                    f.pc = pc as u32;
                }
                if (self.race.is_some() && !func.library) || self.touch_log.is_some() {
                    self.race_access(g, op, base, span, func);
                }
                let r = self.step_op(g, op, base, span);
                match r {
                    Ok(Flow::Next) => {
                        pc += 1;
                    }
                    Ok(Flow::Visible) => {
                        if let Some(f) = g.frames.last_mut() {
                            f.pc = pc as u32 + 1;
                        }
                        return Exec::Yield;
                    }
                    Ok(Flow::Reload) => continue 'frames,
                    Ok(Flow::Block(reason)) => {
                        g.status = GStatus::Waiting(reason);
                        return Exec::Blocked;
                    }
                    Ok(Flow::SelectChoice(opts)) => return Exec::SelectChoice(opts),
                    Ok(Flow::Exited) => return Exec::Exited,
                    Err(f) => match self.fault(g, f) {
                        Some(e) => return e,
                        None => continue 'frames,
                    },
                }
            }
        }
    }

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
        }
    }

    pub fn end(&mut self, e: Ending) {
        if self.after_main.is_some() {
            // Whatever happens after main returned is not the program's.
            self.finish_after_main();
            return;
        }
        if self.ending.is_none() {
            self.ending = Some(e);
        }
    }

    /// Begins unwinding `g` with a panic.
    fn start_panic(
        &mut self,
        g: &mut Goroutine,
        value: Value,
        text: String,
        is_runtime_error: bool,
    ) -> Option<Exec> {
        g.panics.push(PanicState {
            value,
            recovered: false,
            text,
            is_runtime_error,
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
                self.crash_panic(g);
                return Some(Exec::Ended);
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
                self.crash_panic(g);
                return Some(Exec::Ended);
            }
        }
    }

    /// Starts a deferred call. Returns true when a Go frame was pushed (it
    /// will run), false when a native ran to completion already.
    fn call_deferred(&mut self, g: &mut Goroutine, d: Deferred) -> Result<bool, Fault> {
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

    /// A deferred call returned normally: its caller continues returning,
    /// or, if a panic is unwinding, either stops (recovered) or goes on.
    fn deferred_call_finished(&mut self, g: &mut Goroutine) -> Result<(), Fault> {
        let Some(parent) = g.frames.last_mut() else {
            return Ok(());
        };
        if parent.unwinding {
            if g.panics.last().is_some_and(|p| p.recovered) {
                g.panics.clear();
                parent.unwinding = false;
                parent.returning = true;
                return self.do_return(g);
            }
            match self.continue_unwind(g) {
                Some(_) => return Ok(()),
                None => return Ok(()),
            }
        }
        if parent.returning {
            return self.do_return(g);
        }
        Ok(())
    }

    /// `recover()`: the panic value when called directly by a deferred call
    /// during a panic, else nil.
    fn recover(&mut self, g: &mut Goroutine) -> Value {
        let n = g.frames.len();
        if n < 2 {
            return Value::Nil;
        }
        let me = &g.frames[n - 1];
        let parent = &g.frames[n - 2];
        if !me.is_defer || !parent.unwinding {
            return Value::Nil;
        }
        match g.panics.last_mut() {
            Some(p) if !p.recovered => {
                p.recovered = true;
                p.value.clone()
            }
            _ => Value::Nil,
        }
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
                        let s = if self.cfg.go_version == crate::GoVersion::Go121 {
                            crate::format::format_print_float(*f)
                        } else {
                            crate::format::format_float(*f, b'g', -1, bits)
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
        for (i, p) in g.panics.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str("panic: ");
            out.push_str(&p.text);
            if p.recovered {
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
        let prog = self.prog.clone();
        let index = crate::syntax::span::LineIndex::new(&prog.source);
        let mut text = String::new();
        for f in g.frames.iter().rev() {
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
        self.stderr.extend_from_slice(text.as_bytes());
        self.stderr.extend_from_slice(b"\n");
    }

    /// Prints every goroutine's header (Go's traceback after a fatal error).
    pub fn crash_dump(&mut self, running: Option<&Goroutine>) {
        self.stderr.extend_from_slice(b"\n");
        let minor = match self.cfg.go_version {
            GoVersion::Go121 => 21,
            GoVersion::Go122 => 22,
            GoVersion::Go123 => 27,
        };
        if let Some(g) = running {
            let h = format!("goroutine {} [running]:\n", g.id);
            self.stderr.extend_from_slice(h.as_bytes());
            let g = g.clone();
            self.stack_trace(&g);
        }
        let others: Vec<Goroutine> = self
            .gs
            .iter()
            .filter(|g| {
                g.status != GStatus::Dead
                    && Some(g.id) != running.map(|r| r.id)
                    && !g.frames.is_empty()
            })
            .cloned()
            .collect();
        for g in others {
            let reason = match &g.status {
                GStatus::Waiting(r) => r.as_go_str_for(minor).to_string(),
                _ => "runnable".into(),
            };
            let h = format!("goroutine {} [{}]:\n", g.id, reason);
            self.stderr.extend_from_slice(h.as_bytes());
            self.stack_trace(&g);
        }
        self.stderr.extend_from_slice(b"exit status 2\n");
    }

    // ---- channels ----

    pub fn chan_mut(&mut self, id: ObjId) -> Option<&mut Chan<Value>> {
        match self.heap.get_mut(id) {
            Some(HeapObj::Chan(c)) => Some(c),
            _ => None,
        }
    }

    /// Readies a goroutine woken by a channel operation with its result.
    pub fn deliver(&mut self, wake: crate::runtime::chan::ChanWake<Value>) {
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

    pub fn ready(&mut self, gid: Gid, resume: Resume) {
        self.last_progress = self.steps;
        if let Some(g) = self.g_mut(gid) {
            if g.status == GStatus::Dead {
                return;
            }
            g.resume = Some(resume);
            g.status = GStatus::Runnable;
            g.waiting_on = None;
        }
        self.runq.ready(gid);
    }

    fn time_value(&self, when: i64) -> Value {
        Value::Seq(Rc::new(vec![
            Value::Int(EPOCH_UNIX_NS + when),
            Value::Int(when + 1),
        ]))
    }

    /// Fires every timer due now, in order.
    pub fn fire_due_timers(&mut self) -> Result<(), Fault> {
        while let Some(f) = self.timers.pop_due() {
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
            }
        }
        Ok(())
    }

    // ---- the instruction set ----

    fn pop(g: &mut Goroutine) -> Value {
        g.stack.pop().unwrap_or(Value::Nil)
    }

    fn step_op(&mut self, g: &mut Goroutine, op: &Op, base: usize, span: Span) -> OpResult {
        match op {
            Op::Zero(t) => {
                let z = self.zero(*t);
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
                let v = Self::pop(g);
                let p = g.locals[base + *s as usize].clone();
                self.store_ptr(&p, v)?;
            }
            Op::BoxInto(s) => {
                let v = Self::pop(g);
                let cell = self.alloc_cell(v)?;
                g.locals[base + *s as usize] = cell;
            }
            Op::LoadGlobal(i) => g
                .stack
                .push(self.globals.get(*i as usize).cloned().unwrap_or(Value::Nil)),
            Op::StoreGlobal(i) => {
                let v = Self::pop(g);
                if let Some(slot) = self.globals.get_mut(*i as usize) {
                    *slot = v;
                }
            }
            Op::AddrGlobal(i) => g.stack.push(Value::Ptr(Rc::new(Pointer {
                root: Root::Global(*i),
                path: Vec::new(),
            }))),
            Op::NewCell => {
                let v = Self::pop(g);
                let c = self.alloc_cell(v)?;
                g.stack.push(c);
            }
            Op::Deref => {
                let p = Self::pop(g);
                let v = self.load_ptr(&p)?;
                g.stack.push(v);
            }
            Op::StorePtr => {
                let v = Self::pop(g);
                let p = Self::pop(g);
                self.store_ptr(&p, v)?;
            }
            Op::PtrField(i) => {
                let p = Self::pop(g);
                match p {
                    Value::Ptr(p) => {
                        let mut np = (*p).clone();
                        np.path.push(*i);
                        g.stack.push(Value::Ptr(Rc::new(np)));
                    }
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::PtrIndex(n) => {
                let i = Self::pop(g).as_int();
                let p = Self::pop(g);
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                match p {
                    Value::Ptr(p) => {
                        let mut np = (*p).clone();
                        np.path.push(i as u32);
                        g.stack.push(Value::Ptr(Rc::new(np)));
                    }
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::SliceElemPtr => {
                let i = Self::pop(g).as_int();
                let s = Self::pop(g);
                let (arr, off, len) = match s {
                    Value::Slice(r) => (r.arr, r.off, r.len),
                    _ => (0, 0, 0),
                };
                if i < 0 || i >= len as i64 {
                    return Err(index_fault(i, len as i64));
                }
                g.stack.push(Value::Ptr(Rc::new(Pointer {
                    root: Root::Elem(arr, off + i as u32),
                    path: Vec::new(),
                })));
            }
            Op::Field(i) => {
                let v = Self::pop(g);
                match v {
                    Value::Seq(items) => g
                        .stack
                        .push(items.get(*i as usize).cloned().unwrap_or(Value::Nil)),
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::IndexArray(n) => {
                let i = Self::pop(g).as_int();
                let v = Self::pop(g);
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                match v {
                    Value::Seq(items) => g
                        .stack
                        .push(items.get(i as usize).cloned().unwrap_or(Value::Nil)),
                    _ => return Err(HeapError::NilDeref.into()),
                }
            }
            Op::IndexSlice => {
                let i = Self::pop(g).as_int();
                let s = Self::pop(g);
                let r = match s {
                    Value::Slice(r) => r,
                    _ => SliceRef {
                        arr: 0,
                        off: 0,
                        len: 0,
                        cap: 0,
                    },
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
                let i = Self::pop(g).as_int();
                let s = Self::pop(g);
                let b = s.as_bytes();
                if i < 0 || i >= b.len() as i64 {
                    return Err(index_fault(i, b.len() as i64));
                }
                g.stack.push(Value::Int(b[i as usize] as i64));
            }
            Op::IndexMap { elem, comma_ok } => {
                let k = Self::pop(g);
                let m = Self::pop(g);
                let found = match m {
                    Value::Map(id) => match self.heap.get(id) {
                        Some(HeapObj::Map(mm)) => mm.get(&MapKey::of(&k)).map(|(_, v)| v.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                self.check_hashable(&k)?;
                let ok = found.is_some();
                let v = match found {
                    Some(v) => v,
                    None => self.zero(*elem),
                };
                g.stack.push(v);
                if *comma_ok {
                    g.stack.push(Value::Bool(ok));
                }
            }
            Op::MapSet => {
                let v = Self::pop(g);
                let k = Self::pop(g);
                let m = Self::pop(g);
                self.check_hashable(&k)?;
                match m {
                    Value::Map(id) => {
                        let key = MapKey::of(&k);
                        let is_new = match self.heap.get(id) {
                            Some(HeapObj::Map(mm)) => !mm.contains_key(&key),
                            _ => false,
                        };
                        if is_new {
                            self.heap.charge(2)?;
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
                let k = Self::pop(g);
                let m = Self::pop(g);
                if let Value::Map(id) = m {
                    if let Some(HeapObj::Map(mm)) = self.heap.get_mut(id) {
                        mm.remove(&MapKey::of(&k));
                    }
                }
            }
            Op::SliceOp {
                has_lo,
                has_hi,
                has_max,
                kind,
            } => self.slice_op(g, *has_lo, *has_hi, *has_max, *kind)?,
            Op::Len => {
                let v = Self::pop(g);
                let n = match &v {
                    Value::Str(s) => s.len() as i64,
                    Value::Slice(r) => r.len as i64,
                    Value::Seq(items) => items.len() as i64,
                    Value::Map(id) => match self.heap.get(*id) {
                        Some(HeapObj::Map(m)) => m.len() as i64,
                        _ => 0,
                    },
                    Value::Chan(id) => match self.heap.get(*id) {
                        Some(HeapObj::Chan(c)) => c.qcount() as i64,
                        _ => 0,
                    },
                    _ => 0,
                };
                g.stack.push(Value::Int(n));
            }
            Op::Cap => {
                let v = Self::pop(g);
                let n = match &v {
                    Value::Slice(r) => r.cap as i64,
                    Value::Seq(items) => items.len() as i64,
                    Value::Chan(id) => match self.heap.get(*id) {
                        Some(HeapObj::Chan(c)) => c.dataqsiz() as i64,
                        _ => 0,
                    },
                    _ => 0,
                };
                g.stack.push(Value::Int(n));
            }
            Op::MakeSeq(n) => {
                let at = g.stack.len().saturating_sub(*n as usize);
                let items: Vec<Value> = g.stack.drain(at..).collect();
                g.stack.push(Value::Seq(Rc::new(items)));
            }
            Op::MakeSliceOf(n) => {
                let at = g.stack.len().saturating_sub(*n as usize);
                let items: Vec<Value> = g.stack.drain(at..).collect();
                let len = items.len() as u32;
                let arr = self.heap.alloc(HeapObj::Array(items))?;
                g.stack.push(Value::Slice(SliceRef {
                    arr,
                    off: 0,
                    len,
                    cap: len,
                }));
            }
            Op::MakeSlice { elem, has_cap } => {
                let cap = if *has_cap {
                    Some(Self::pop(g).as_int())
                } else {
                    None
                };
                let len = Self::pop(g).as_int();
                if len < 0 || len > u32::MAX as i64 / 2 {
                    return Err(Fault::Runtime("makeslice: len out of range".into()));
                }
                let cap = cap.unwrap_or(len);
                if cap < len || cap > u32::MAX as i64 / 2 {
                    return Err(Fault::Runtime("makeslice: cap out of range".into()));
                }
                self.heap.charge(cap as u64)?;
                let z = self.zero(*elem);
                let items = vec![z; cap as usize];
                let arr = self.heap.alloc(HeapObj::Array(items))?;
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
                let cap = if *has_cap { Self::pop(g).as_int() } else { 0 };
                if !(0..=1 << 30).contains(&cap) {
                    return Err(Fault::Value(Value::Iface(Rc::new((
                        self.runtime_error_type.unwrap_or(wk::STRING),
                        Value::str("makechan: size out of range"),
                    )))));
                }
                let name = self.prog.types.name(*elem);
                let id = self
                    .heap
                    .alloc(HeapObj::Chan(Box::new(Chan::new(&name, cap as usize))))?;
                g.stack.push(Value::Chan(id));
            }
            Op::Append {
                n,
                spread,
                string_src,
                elem_size,
            } => self.append(g, *n, *spread, *string_src, *elem_size)?,
            Op::Copy => {
                let src = Self::pop(g);
                let dst = Self::pop(g);
                let items: Vec<Value> = match &src {
                    Value::Str(s) => s.iter().map(|b| Value::Int(*b as i64)).collect(),
                    Value::Slice(r) => {
                        self.heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize].to_vec()
                    }
                    _ => Vec::new(),
                };
                let mut n = 0;
                if let Value::Slice(d) = dst {
                    n = (d.len as usize).min(items.len());
                    if let Some(arr) = self.heap.array_mut(d.arr) {
                        for (i, v) in items.into_iter().take(n).enumerate() {
                            arr[d.off as usize + i] = v;
                        }
                    }
                }
                g.stack.push(Value::Int(n as i64));
            }
            Op::SetField(i) => {
                let v = Self::pop(g);
                let s = Self::pop(g);
                if let Value::Seq(mut items) = s {
                    if let Some(slot) = Rc::make_mut(&mut items).get_mut(*i as usize) {
                        *slot = v;
                    }
                    g.stack.push(Value::Seq(items));
                }
            }
            Op::SetIndex(n) => {
                let v = Self::pop(g);
                let i = Self::pop(g).as_int();
                let s = Self::pop(g);
                if i < 0 || i >= *n as i64 {
                    return Err(index_fault(i, *n as i64));
                }
                if let Value::Seq(mut items) = s {
                    if let Some(slot) = Rc::make_mut(&mut items).get_mut(i as usize) {
                        *slot = v;
                    }
                    g.stack.push(Value::Seq(items));
                }
            }
            Op::Arith(aop, nk) => {
                let b = Self::pop(g);
                let a = Self::pop(g);
                g.stack.push(arith(*aop, *nk, a, b)?);
            }
            Op::Cmp(cop, nk) => {
                let b = Self::pop(g);
                let a = Self::pop(g);
                let r = match nk {
                    NumKind::Int(k) => {
                        let (x, y) = (a.as_int(), b.as_int());
                        cmp_result(
                            *cop,
                            if k.signed() {
                                x.cmp(&y)
                            } else {
                                (x as u64).cmp(&(y as u64))
                            },
                        )
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
                    NumKind::Str => cmp_result(*cop, a.as_bytes().cmp(b.as_bytes())),
                    NumKind::Any => {
                        self.check_comparable(&a, &b)?;
                        let eq = values_equal(&a, &b);
                        match cop {
                            CmpOp::Eq => eq,
                            _ => !eq,
                        }
                    }
                };
                g.stack.push(Value::Bool(r));
            }
            Op::Neg(nk) => {
                let a = Self::pop(g);
                g.stack.push(match nk {
                    NumKind::Int(k) => Value::Int(k.wrap(a.as_int().wrapping_neg())),
                    NumKind::Float32 => Value::Float(-(a.as_float() as f32) as f64),
                    _ => Value::Float(-a.as_float()),
                });
            }
            Op::Not => {
                let a = Self::pop(g);
                g.stack.push(Value::Bool(!a.as_bool()));
            }
            Op::BitNot(k) => {
                let a = Self::pop(g);
                g.stack.push(Value::Int(k.wrap(!a.as_int())));
            }
            Op::Convert(c) => {
                let a = Self::pop(g);
                g.stack.push(self.convert(*c, a)?);
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
                self.advance_caller(g);
                return Ok(Flow::Reload);
            }
            Op::CallValue { argc } => {
                self.advance_pc(g);
                match self.enter_call(g, *argc, span, false)? {
                    None => return Ok(Flow::Reload),
                    Some(packed) => {
                        let nid = packed & 0xFF_FFFF;
                        let n = packed >> 24;
                        self.rewind_pc(g);
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
                    crate::types::MethodTarget::Func(fid) => {
                        self.push_frame(g, fid, *argc + 1, &[], span, false)?;
                        self.advance_caller(g);
                        return Ok(Flow::Reload);
                    }
                    crate::types::MethodTarget::Native(nid) => {
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
                let recv = Self::pop(g);
                g.stack
                    .push(Value::Func(Rc::new(FuncVal::Bound { fid: *fid, recv })));
            }
            Op::BindNative(nid) => {
                let recv = Self::pop(g);
                g.stack.push(Value::Func(Rc::new(FuncVal::Native {
                    nid: *nid,
                    recv: Some(recv),
                })));
            }
            Op::BindIface(mid) => {
                let recv = Self::pop(g);
                let (target, inner) = self.dispatch(&recv, *mid)?;
                g.stack.push(Value::Func(Rc::new(match target {
                    crate::types::MethodTarget::Func(fid) => FuncVal::Bound { fid, recv: inner },
                    crate::types::MethodTarget::Native(nid) => FuncVal::Native {
                        nid,
                        recv: Some(inner),
                    },
                })));
            }
            Op::Return => {
                self.advance_pc(g);
                self.do_return(g)?;
                if g.frames.is_empty() {
                    return Ok(Flow::Exited);
                }
                return Ok(Flow::Reload);
            }
            Op::Go { argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let args: Vec<Value> = g.stack.drain(at + 1..).collect();
                let f = Self::pop(g);
                if f.is_nil() {
                    return Err(Fault::Fatal("go of nil func value".into()));
                }
                let gid = self.spawn(f, args, Some(g.id), span)?;
                if let Some(r) = self.race.as_mut() {
                    r.spawn(g.id, gid);
                }
                self.events.push(super::events::Event::new(
                    g.id,
                    span,
                    super::events::EventKind::Go { child: gid },
                ));
                return Ok(Flow::Visible);
            }
            Op::Defer { argc } => {
                let at = g.stack.len() - *argc as usize - 1;
                let args: Vec<Value> = g.stack.drain(at + 1..).collect();
                let f = Self::pop(g);
                if let Some(fr) = g.frames.last_mut() {
                    fr.defers.push(Deferred {
                        func: f,
                        args,
                        span,
                    });
                }
            }
            Op::Panic => {
                let v = Self::pop(g);
                self.advance_pc(g);
                return Err(Fault::Value(v));
            }
            Op::Recover => {
                let v = self.recover(g);
                g.stack.push(v);
            }
            Op::Send => return self.op_send(g, span),
            Op::Recv { comma_ok } => return self.op_recv(g, *comma_ok, span),
            Op::Close => {
                let ch = Self::pop(g);
                return self.close_chan(g.id, ch, span);
            }
            Op::Select { cases, has_default } => {
                return self.op_select(g, cases, *has_default, span)
            }
            Op::MakeIface(t) => {
                let v = Self::pop(g);
                g.stack.push(Value::Iface(Rc::new((*t, v))));
            }
            Op::TypeAssert { ty, from, comma_ok } => {
                let v = Self::pop(g);
                let ok = self.type_matches(&v, *ty);
                let is_iface_target = self.prog.types.is_interface(*ty);
                if ok {
                    let out = if is_iface_target {
                        v
                    } else {
                        match v {
                            Value::Iface(iv) => iv.1.clone(),
                            other => other,
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
                        self.zero(*ty)
                    };
                    g.stack.push(z);
                    g.stack.push(Value::Bool(false));
                } else {
                    let types = &self.prog.types;
                    let src = types.name(*from);
                    let msg = match &v {
                        Value::Iface(iv) => {
                            if is_iface_target {
                                let missing = self.missing_method_rt(iv.0, *ty).unwrap_or_default();
                                format!(
                                    "interface conversion: {} is not {}: missing method {}",
                                    types.name(iv.0),
                                    types.name(*ty),
                                    missing
                                )
                            } else {
                                format!(
                                    "interface conversion: {} is {}, not {}",
                                    src,
                                    types.name(iv.0),
                                    types.name(*ty)
                                )
                            }
                        }
                        _ => {
                            if is_iface_target {
                                format!(
                                    "interface conversion: interface is nil, not {}",
                                    types.name(*ty)
                                )
                            } else {
                                format!(
                                    "interface conversion: {} is nil, not {}",
                                    src,
                                    types.name(*ty)
                                )
                            }
                        }
                    };
                    return Err(Fault::Value(self.runtime_err_value(&msg, true)));
                }
            }
            Op::TypeIs(t) => {
                let v = Self::pop(g);
                let ok = self.type_matches(&v, *t);
                g.stack.push(Value::Bool(ok));
            }
            Op::IfaceValue => {
                let v = Self::pop(g);
                g.stack.push(match v {
                    Value::Iface(iv) => iv.1.clone(),
                    other => other,
                });
            }
            Op::FmtPrep => {}
            Op::StrNextRune => {
                let i = Self::pop(g).as_int().max(0) as usize;
                let s = Self::pop(g);
                let b = s.as_bytes();
                let (r, w) = utf8::decode_rune(&b[i.min(b.len())..]);
                g.stack.push(Value::Int((i + w) as i64));
                g.stack.push(Value::Int(r as i64));
            }
            Op::MapKeys => {
                let m = Self::pop(g);
                let keys: Vec<Value> = match m {
                    Value::Map(id) => match self.heap.get(id) {
                        Some(HeapObj::Map(mm)) => mm.values().map(|(k, _)| k.clone()).collect(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let len = keys.len() as u32;
                let arr = self.heap.alloc(HeapObj::Array(keys))?;
                g.stack.push(Value::Slice(SliceRef {
                    arr,
                    off: 0,
                    len,
                    cap: len,
                }));
            }
            Op::MissingReturn => {
                return Err(Fault::Fatal(
                    "gosim: reached the end of a function without a return".into(),
                ))
            }
        }
        Ok(Flow::Next)
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
                Exec::Yield | Exec::Statement => continue,
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
        self.events.push(super::events::Event::new(
            g,
            span,
            super::events::EventKind::Close { chan: id },
        ));
        Ok(Flow::Visible)
    }

    /// A channel operation synchronizes both ways (an over-approximation of
    /// Go's channel rules: it may hide a race, never invent one).
    pub fn race_chan(&mut self, g: Gid, id: ObjId) {
        if let Some(r) = self.race.as_mut() {
            r.chan_op(g, id);
        }
    }

    /// Records the memory access an instruction of user code is about to make.
    fn race_access(
        &mut self,
        g: &Goroutine,
        op: &Op,
        base: usize,
        span: Span,
        func: &super::op::FuncCode,
    ) {
        let Some((loc, write, name)) = self.mem_access_of(g, op, base, func) else {
            return;
        };
        if let Some(log) = self.touch_log.as_mut() {
            log.push((loc.clone(), write));
        }
        if func.library {
            return;
        }
        if let Some(r) = self.race.as_mut() {
            if let Some(name) = name {
                r.names.entry(loc.clone()).or_insert(name);
            }
            r.access(g.id, loc, write, span);
        }
    }

    /// The memory location an instruction is about to read or write.
    fn mem_access_of(
        &self,
        g: &Goroutine,
        op: &Op,
        base: usize,
        func: &super::op::FuncCode,
    ) -> Option<(Loc, bool, Option<String>)> {
        let n = g.stack.len();
        let top = |k: usize| n.checked_sub(k + 1).and_then(|i| g.stack.get(i));
        let loc_of = |v: &Value| match v {
            Value::Ptr(p) => Some(Loc::of_pointer(p)),
            _ => None,
        };
        let (loc, write, name) = match op {
            Op::LoadBoxed(s) | Op::StoreBoxed(s) => {
                let l = g.locals.get(base + *s as usize).and_then(loc_of)?;
                let name = func
                    .locals
                    .iter()
                    .find(|x| x.slot == *s)
                    .map(|x| x.name.clone());
                (l, matches!(op, Op::StoreBoxed(_)), name)
            }
            Op::LoadGlobal(i) | Op::StoreGlobal(i) => {
                let name = self
                    .prog
                    .globals
                    .get(*i as usize)
                    .map(|x| x.name.trim_start_matches("main.").to_string());
                (
                    Loc::Global {
                        index: *i,
                        path: Vec::new(),
                    },
                    matches!(op, Op::StoreGlobal(_)),
                    name,
                )
            }
            Op::Deref => match top(0).and_then(loc_of) {
                Some(l) => (l, false, None),
                None => return None,
            },
            Op::StorePtr => match top(1).and_then(loc_of) {
                Some(l) => (l, true, None),
                None => return None,
            },
            Op::IndexSlice => match (top(1), top(0)) {
                (Some(Value::Slice(r)), Some(i)) => (
                    Loc::Elem {
                        arr: r.arr,
                        index: r.off.wrapping_add(i.as_int() as u32),
                        path: Vec::new(),
                    },
                    false,
                    None,
                ),
                _ => return None,
            },
            Op::IndexMap { .. } => match top(1) {
                Some(Value::Map(id)) => (Loc::Map(*id), false, None),
                _ => return None,
            },
            Op::MapSet => match top(2) {
                Some(Value::Map(id)) => (Loc::Map(*id), true, None),
                _ => return None,
            },
            Op::MapDelete => match top(1) {
                Some(Value::Map(id)) => (Loc::Map(*id), true, None),
                _ => return None,
            },
            _ => return None,
        };
        Some((loc, write, name))
    }

    /// After a step budget ran out: says so if no goroutine made
    /// synchronization progress during the last half of the run (a busy
    /// loop or livelock rather than slow work).
    pub fn busy_loop_note(&self) -> String {
        let idle = self.steps.saturating_sub(self.last_progress);
        if self.ending == Some(Ending::StepBudget) && idle > self.steps / 2 {
            format!(" (a busy loop: no goroutine blocked, woke, or moved a value through a channel or lock in the last {} steps)", idle)
        } else {
            String::new()
        }
    }

    /// The races found so far, with lines.
    pub fn race_reports(&self) -> Vec<RaceReport> {
        match self.race.as_ref() {
            Some(r) => r.reports(&self.prog.source),
            None => Vec::new(),
        }
    }

    /// Sets the current frame's pc past the executing instruction (before
    /// pushing a callee frame).
    fn advance_caller(&mut self, g: &mut Goroutine) {
        let n = g.frames.len();
        if n >= 2 {
            g.frames[n - 2].pc += 1;
        }
    }

    fn advance_pc(&mut self, g: &mut Goroutine) {
        if let Some(f) = g.frames.last_mut() {
            f.pc += 1;
        }
    }

    fn rewind_pc(&mut self, g: &mut Goroutine) {
        if let Some(f) = g.frames.last_mut() {
            f.pc -= 1;
        }
    }

    /// Finishes a native call: a blocked native leaves the pc on the call
    /// (its operands still on the stack) so it is retried when woken.
    fn after_native(
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
                self.advance_caller(g);
                Ok(Flow::Reload)
            }
            Ok(Flow::Visible) => {
                self.advance_pc(g);
                Ok(Flow::Reload).and(Ok(Flow::Visible))
            }
            Ok(Flow::Next) => {
                self.advance_pc(g);
                Ok(Flow::Reload)
            }
            Err(Fault::Value(v)) => {
                self.advance_pc(g);
                Err(Fault::Value(v))
            }
            Err(Fault::Runtime(m)) => {
                self.advance_pc(g);
                Err(Fault::Runtime(m))
            }
            other => other,
        }
    }

    /// A panic value of the runtime's error type carrying `msg`. (Whether
    /// Go prefixes "runtime error: " is already decided by the caller.)
    pub fn runtime_err_value(&self, msg: &str, _runtime_prefix: bool) -> Value {
        let text = msg.to_string();
        Value::Iface(Rc::new((
            self.runtime_error_type.unwrap_or(self.string_type),
            Value::str(&text),
        )))
    }

    pub(super) fn dispatch(
        &self,
        recv: &Value,
        method: u32,
    ) -> Result<(crate::types::MethodTarget, Value), Fault> {
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
                    cur = match (w, cur) {
                        (super::op::PATH_LOAD, c) => self.load_ptr(&c)?,
                        (super::op::PATH_IFACE, c) => return self.dispatch(&c, method),
                        (i, Value::Ptr(p)) => {
                            let mut q = (*p).clone();
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

    /// Whether an interface value's dynamic type is `t` (or implements
    /// interface `t`).
    pub fn type_matches(&self, v: &Value, t: TypeId) -> bool {
        let Value::Iface(iv) = v else { return false };
        if iv.0 == t {
            return true;
        }
        if self.prog.types.is_interface(t) {
            return self.missing_method_rt(iv.0, t).is_none();
        }
        false
    }

    fn missing_method_rt(&self, dyn_t: TypeId, iface: TypeId) -> Option<String> {
        for m in self.prog.types.interface_methods(iface) {
            let id = self.prog.method_names.iter().position(|n| *n == m.name);
            let has = id.is_some_and(|id| {
                let e = self.prog.methods.entries.get(&(dyn_t, id as u32));
                e.is_some_and(|e| e.sig == m.sig)
            });
            if !has {
                return Some(m.name.clone());
            }
        }
        None
    }

    fn check_hashable(&self, k: &Value) -> Result<(), Fault> {
        if let Value::Iface(iv) = k {
            if matches!(iv.1, Value::Slice(_) | Value::Map(_) | Value::Func(_)) {
                return Err(Fault::Runtime(format!(
                    "hash of unhashable type {}",
                    self.prog.types.name(iv.0)
                )));
            }
        }
        Ok(())
    }

    /// Comparing two interfaces holding the same uncomparable dynamic type
    /// panics; comparing with nil or a different type is just false.
    fn check_comparable(&self, a: &Value, b: &Value) -> Result<(), Fault> {
        if let (Value::Iface(x), Value::Iface(y)) = (a, b) {
            if x.0 == y.0 && !self.prog.types.comparable(x.0) {
                return Err(Fault::Runtime(format!(
                    "comparing uncomparable type {}",
                    self.prog.types.name(x.0)
                )));
            }
        }
        Ok(())
    }

    fn convert(&mut self, c: Conv, a: Value) -> Result<Value, Fault> {
        Ok(match c {
            Conv::IntToInt(k) => Value::Int(k.wrap(a.as_int())),
            Conv::IntToFloat {
                from_unsigned,
                to32,
            } => {
                let f = if from_unsigned {
                    a.as_int() as u64 as f64
                } else {
                    a.as_int() as f64
                };
                Value::Float(if to32 { f as f32 as f64 } else { f })
            }
            Conv::FloatToInt(k) => {
                let f = a.as_float();
                let v = if k.signed() {
                    f as i64
                } else {
                    f as u64 as i64
                };
                Value::Int(k.wrap(v))
            }
            Conv::FloatToFloat32 => Value::Float(a.as_float() as f32 as f64),
            Conv::IntToString => {
                let i = a.as_int();
                let ch = u32::try_from(i)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                Value::str(&ch.to_string())
            }
            Conv::StringToBytes => {
                let items: Vec<Value> =
                    a.as_bytes().iter().map(|b| Value::Int(*b as i64)).collect();
                let len = items.len() as u32;
                let arr = self.heap.alloc(HeapObj::Array(items))?;
                Value::Slice(SliceRef {
                    arr,
                    off: 0,
                    len,
                    cap: len,
                })
            }
            Conv::BytesToString => match a {
                Value::Slice(r) => {
                    let bytes: Vec<u8> = self.heap.array(r.arr)
                        [r.off as usize..(r.off + r.len) as usize]
                        .iter()
                        .map(|v| v.as_int() as u8)
                        .collect();
                    Value::bytes(&bytes)
                }
                _ => Value::str(""),
            },
            Conv::StringToRunes => {
                let s = a.as_bytes().to_vec();
                let mut items = Vec::new();
                let mut i = 0;
                while i < s.len() {
                    let (r, w) = utf8::decode_rune(&s[i..]);
                    items.push(Value::Int(r as i64));
                    i += w.max(1);
                }
                let len = items.len() as u32;
                let arr = self.heap.alloc(HeapObj::Array(items))?;
                Value::Slice(SliceRef {
                    arr,
                    off: 0,
                    len,
                    cap: len,
                })
            }
            Conv::RunesToString => match a {
                Value::Slice(r) => {
                    let s: String = self.heap.array(r.arr)
                        [r.off as usize..(r.off + r.len) as usize]
                        .iter()
                        .map(|v| {
                            u32::try_from(v.as_int())
                                .ok()
                                .and_then(char::from_u32)
                                .unwrap_or('\u{FFFD}')
                        })
                        .collect();
                    Value::str(&s)
                }
                _ => Value::str(""),
            },
        })
    }

    fn slice_op(
        &mut self,
        g: &mut Goroutine,
        has_lo: bool,
        has_hi: bool,
        has_max: bool,
        kind: SliceKind,
    ) -> Result<(), Fault> {
        let max = if has_max {
            Some(Self::pop(g).as_int())
        } else {
            None
        };
        let hi = if has_hi {
            Some(Self::pop(g).as_int())
        } else {
            None
        };
        let lo = if has_lo { Self::pop(g).as_int() } else { 0 };
        let x = Self::pop(g);
        match kind {
            SliceKind::String => {
                let b = x.as_bytes();
                let hi = hi.unwrap_or(b.len() as i64);
                if hi < 0 || hi > b.len() as i64 {
                    return Err(Fault::Runtime(format!(
                        "slice bounds out of range [:{}] with length {}",
                        hi,
                        b.len()
                    )));
                }
                if lo < 0 || lo > hi {
                    return Err(Fault::Runtime(format!(
                        "slice bounds out of range [{}:{}]",
                        lo, hi
                    )));
                }
                g.stack.push(Value::bytes(&b[lo as usize..hi as usize]));
            }
            SliceKind::Slice => {
                let r = match x {
                    Value::Slice(r) => r,
                    _ => SliceRef {
                        arr: u32::MAX,
                        off: 0,
                        len: 0,
                        cap: 0,
                    },
                };
                let cap = r.cap as i64;
                let hi_v = hi.unwrap_or(r.len as i64);
                let max_v = max.unwrap_or(cap);
                if max_v < 0 || max_v > cap {
                    return Err(Fault::Runtime(format!(
                        "slice bounds out of range [::{}] with capacity {}",
                        max_v, cap
                    )));
                }
                if hi_v < 0 || hi_v > max_v {
                    return Err(Fault::Runtime(if has_max {
                        format!("slice bounds out of range [:{}:{}]", hi_v, max_v)
                    } else {
                        format!(
                            "slice bounds out of range [:{}] with capacity {}",
                            hi_v, cap
                        )
                    }));
                }
                if lo < 0 || lo > hi_v {
                    return Err(Fault::Runtime(format!(
                        "slice bounds out of range [{}:{}]",
                        lo, hi_v
                    )));
                }
                if r.arr == u32::MAX {
                    g.stack.push(Value::Nil);
                } else {
                    g.stack.push(Value::Slice(SliceRef {
                        arr: r.arr,
                        off: r.off + lo as u32,
                        len: (hi_v - lo) as u32,
                        cap: (max_v - lo) as u32,
                    }));
                }
            }
            SliceKind::ArrayPtr(n) => {
                // Slicing an array: its elements move into a backing array
                // that the slice and the variable then share.
                let arr_id = self.array_backing(&x, n)?;
                let cap = n as i64;
                let hi_v = hi.unwrap_or(cap);
                let max_v = max.unwrap_or(cap);
                if max_v < 0 || max_v > cap || hi_v < 0 || hi_v > max_v || lo < 0 || lo > hi_v {
                    return Err(Fault::Runtime(format!(
                        "slice bounds out of range [{}:{}] with capacity {}",
                        lo, hi_v, cap
                    )));
                }
                g.stack.push(Value::Slice(SliceRef {
                    arr: arr_id,
                    off: lo as u32,
                    len: (hi_v - lo) as u32,
                    cap: (max_v - lo) as u32,
                }));
            }
        }
        Ok(())
    }

    /// A backing array for slicing the array a pointer designates. gosim
    /// stores arrays by value, so the slice gets a copy: writes through the
    /// slice are not seen by the array (a documented limitation).
    fn array_backing(&mut self, p: &Value, n: u32) -> Result<ObjId, Fault> {
        let v = self.load_ptr(p)?;
        let items = match v {
            Value::Seq(items) => items.to_vec(),
            _ => vec![Value::Nil; n as usize],
        };
        Ok(self.heap.alloc(HeapObj::Array(items))?)
    }

    fn append(
        &mut self,
        g: &mut Goroutine,
        n: u32,
        spread: bool,
        string_src: bool,
        elem_size: u32,
    ) -> Result<(), Fault> {
        let extra: Vec<Value> = if spread {
            let src = Self::pop(g);
            match src {
                Value::Str(s) if string_src => s.iter().map(|b| Value::Int(*b as i64)).collect(),
                Value::Slice(r) => {
                    self.heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize].to_vec()
                }
                _ => Vec::new(),
            }
        } else {
            let at = g.stack.len() - n as usize;
            g.stack.drain(at..).collect()
        };
        let base = Self::pop(g);
        let r = match base {
            Value::Slice(r) => Some(r),
            _ => None,
        };
        if extra.is_empty() {
            g.stack.push(match r {
                Some(r) => Value::Slice(r),
                None => Value::Nil,
            });
            return Ok(());
        }
        let (old_len, old_cap) = r.map(|r| (r.len, r.cap)).unwrap_or((0, 0));
        let new_len = old_len as u64 + extra.len() as u64;
        if let Some(r) = r {
            if new_len <= old_cap as u64 {
                if let Some(arr) = self.heap.array_mut(r.arr) {
                    for (i, v) in extra.into_iter().enumerate() {
                        arr[(r.off + r.len) as usize + i] = v;
                    }
                }
                g.stack.push(Value::Slice(SliceRef {
                    arr: r.arr,
                    off: r.off,
                    len: new_len as u32,
                    cap: r.cap,
                }));
                return Ok(());
            }
        }
        let new_cap = grow_cap(old_cap as u64, new_len, elem_size as u64);
        if new_cap > u32::MAX as u64 / 2 {
            return Err(Fault::Runtime("growslice: len out of range".into()));
        }
        self.heap.charge(new_cap)?;
        let mut items: Vec<Value> = match r {
            Some(r) => self.heap.array(r.arr)[r.off as usize..(r.off + r.len) as usize].to_vec(),
            None => Vec::new(),
        };
        items.extend(extra);
        let fill = items
            .last()
            .cloned()
            .map(|_| Value::Nil)
            .unwrap_or(Value::Nil);
        // Unused capacity holds zero values of the element kind.
        let zero = match items.first() {
            Some(Value::Int(_)) => Value::Int(0),
            Some(Value::Float(_)) => Value::Float(0.0),
            Some(Value::Bool(_)) => Value::Bool(false),
            Some(Value::Str(_)) => Value::str(""),
            _ => fill,
        };
        items.resize(new_cap as usize, zero);
        let arr = self.heap.alloc(HeapObj::Array(items))?;
        g.stack.push(Value::Slice(SliceRef {
            arr,
            off: 0,
            len: new_len as u32,
            cap: new_cap as u32,
        }));
        Ok(())
    }

    // ---- channel instructions ----

    fn op_send(&mut self, g: &mut Goroutine, span: Span) -> OpResult {
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
                self.events.push(super::events::Event::new(
                    g.id,
                    span,
                    super::events::EventKind::Send { chan: id, value: v },
                ));
                self.last_progress = self.steps;
                Ok(Flow::Visible)
            }
            SendOutcome::Parked(r) => {
                g.waiting_on = Some(id);
                self.events.push(super::events::Event::new(
                    g.id,
                    span,
                    super::events::EventKind::Park {
                        obj: Some(id),
                        reason: r,
                    },
                ));
                Ok(Flow::Block(r))
            }
            SendOutcome::Panic(e) => {
                g.stack.pop();
                g.stack.pop();
                Err(Fault::Value(self.runtime_err_value(e.message(), false)))
            }
            SendOutcome::WouldBlock => Ok(Flow::Block(WaitReason::ChanSend)),
        }
    }

    fn op_recv(&mut self, g: &mut Goroutine, comma_ok: bool, span: Span) -> OpResult {
        let elem_zero = |vm: &mut Vm, id: ObjId| -> Value {
            // The zero value of the element: derived from the channel's
            // element type name via a cached lookup.
            vm.chan_zero(id)
        };
        if let Some(Resume::Chan { delivery, .. }) = g.resume.take() {
            let ch = Self::pop(g);
            let id = if let Value::Chan(id) = ch { id } else { 0 };
            self.race_chan(g.id, id);
            let (v, ok) = match delivery {
                Delivery::Received(v) => (v, true),
                _ => (elem_zero(self, id), false),
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
                    RecvValue::Closed => (elem_zero(self, id), false),
                };
                // Draining a closed channel's zero values is no progress.
                if ok {
                    self.last_progress = self.steps;
                }
                if let Some(w) = woke {
                    self.deliver(w);
                }
                self.events.push(super::events::Event::new(
                    g.id,
                    span,
                    super::events::EventKind::Recv {
                        chan: id,
                        value: v.clone(),
                        ok,
                    },
                ));
                g.stack.push(v);
                if comma_ok {
                    g.stack.push(Value::Bool(ok));
                }
                Ok(Flow::Visible)
            }
            RecvOutcome::Parked(r) => {
                g.waiting_on = Some(id);
                self.events.push(super::events::Event::new(
                    g.id,
                    span,
                    super::events::EventKind::Park {
                        obj: Some(id),
                        reason: r,
                    },
                ));
                Ok(Flow::Block(r))
            }
            RecvOutcome::WouldBlock => Ok(Flow::Block(WaitReason::ChanReceive)),
        }
    }

    /// The zero value of a channel's element type.
    pub fn chan_zero(&mut self, id: ObjId) -> Value {
        let name = match self.heap.get(id) {
            Some(HeapObj::Chan(c)) => c.elem_type().to_string(),
            _ => return Value::Nil,
        };
        let t = (0..self.prog.types.len() as u32)
            .map(TypeId)
            .find(|&t| self.prog.types.name(t) == name);
        match t {
            Some(t) => self.zero(t),
            None => Value::Nil,
        }
    }

    fn op_select(
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
        let finish = |vm: &mut Vm, g: &mut Goroutine, idx: usize, val: Value, ok: bool| {
            g.stack.truncate(at);
            g.stack.push(Value::Int(idx as i64));
            g.stack.push(val);
            g.stack.push(Value::Bool(ok));
            let _ = vm;
        };
        if let Some(Resume::Chan { case, delivery }) = g.resume.take() {
            let idx = case.unwrap_or(0);
            if let Some((Some(id), _)) = ops.get(idx) {
                self.race_chan(g.id, *id);
            }
            let elem = cases.get(idx).map(|c| c.1).unwrap_or(wk::INVALID);
            return match delivery {
                Delivery::Received(v) => {
                    finish(self, g, idx, v, true);
                    Ok(Flow::Visible)
                }
                Delivery::ReceivedClosed => {
                    let z = self.zero(elem);
                    finish(self, g, idx, z, false);
                    Ok(Flow::Visible)
                }
                Delivery::Sent => {
                    finish(self, g, idx, Value::Nil, false);
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
                finish(self, g, cases.len(), Value::Nil, false);
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
            self.events.push(super::events::Event::new(
                g.id,
                span,
                super::events::EventKind::Park { obj: None, reason },
            ));
            return Ok(Flow::Block(reason));
        }
        let chosen = match self.forced_case.take() {
            Some(c) if ready.contains(&c) => c,
            _ => {
                if ready.len() > 1 {
                    return Ok(Flow::SelectChoice(ready));
                }
                ready[0]
            }
        };
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
                        self.events.push(super::events::Event::new(
                            g.id,
                            span,
                            super::events::EventKind::Send {
                                chan: id,
                                value: v.unwrap_or(Value::Nil),
                            },
                        ));
                        finish(self, g, chosen, Value::Nil, false);
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
                            RecvValue::Closed => (self.zero(cases[chosen].1), false),
                        };
                        self.events.push(super::events::Event::new(
                            g.id,
                            span,
                            super::events::EventKind::Recv {
                                chan: id,
                                value: val.clone(),
                                ok,
                            },
                        ));
                        finish(self, g, chosen, val, ok);
                        Ok(Flow::Visible)
                    }
                    _ => Err(Fault::Fatal(
                        "gosim: select receive was ready but could not proceed".into(),
                    )),
                }
            }
        }
    }

    /// Charges virtual time for a busy poll and fires timers that fell due.
    pub fn charge_poll(&mut self) -> Result<(), Fault> {
        let t = self.now() + self.cfg.poll_cost_ns;
        self.advance_clock(t)
    }

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

/// Go's "index out of range [i] with length n" run-time error.
fn index_fault(i: i64, len: i64) -> Fault {
    Fault::Runtime(format!("index out of range [{}] with length {}", i, len))
}

pub fn cmp_result(op: CmpOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::Ne => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::Le => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::Ge => ord != Less,
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
        NumKind::Str => {
            let mut v = a.as_bytes().to_vec();
            v.extend_from_slice(b.as_bytes());
            Value::bytes(&v)
        }
        NumKind::Any => match op {
            ArithOp::And => Value::Bool(a.as_bool() && b.as_bool()),
            _ => Value::Bool(a.as_bool() || b.as_bool()),
        },
    })
}

/// Go's growslice capacity rule, with the malloc size-class rounding that
/// decides the capacities programs print.
pub fn grow_cap(old_cap: u64, needed: u64, elem_size: u64) -> u64 {
    let mut newcap = old_cap;
    let doublecap = newcap + newcap;
    if needed > doublecap {
        newcap = needed;
    } else {
        const THRESHOLD: u64 = 256;
        if old_cap < THRESHOLD {
            newcap = doublecap;
        } else {
            while newcap < needed {
                newcap += (newcap + 3 * THRESHOLD) >> 2;
            }
        }
    }
    if elem_size == 0 {
        return newcap;
    }
    let bytes = newcap.saturating_mul(elem_size);
    let rounded = round_up_size(bytes);
    (rounded / elem_size).max(needed)
}

/// runtime/sizeclasses.go's small size classes (bytes).
const SIZE_CLASSES: [u64; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

fn round_up_size(bytes: u64) -> u64 {
    if bytes <= 32768 {
        for &c in SIZE_CLASSES.iter() {
            if c >= bytes {
                return c;
            }
        }
    }
    // Large objects round up to whole pages.
    bytes.div_ceil(8192) * 8192
}
