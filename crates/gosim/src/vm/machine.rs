//! The machine: [`Vm`], which holds all of a run's state, its
//! configuration, and [`Vm::exec`], the loop that runs one goroutine until
//! something the scheduler must see (a visible operation completed, it
//! blocked, exited, reached a select with a choice, or the program ended).
//!
//! The rest of the machine lives in rooms named like Go's runtime files:
//! `goroutine` (the `g`), `interp` (one instruction), `call` (calls and
//! returns), `panic` (panic, defer, recover and tracebacks), `chanops`
//! (channel instructions and select), `time` (the virtual clock), and the
//! leaves that do not import the machine: `fault` (how an instruction stops
//! short), `slice` and `convert` (functions over the heap), `race` (the
//! race detector). Choosing which goroutine runs next lives in `sched`;
//! library calls in `library`. No threads, no async, no I/O.

use super::events::{Event, EventKind};
use super::fault::Fault;
use super::goroutine::{Frame, GStatus, Goroutine, Resume};
use super::heap::{cost, Heap, HeapObj};
use super::op::{ArithOp, FuncCode, NumKind, Op, Program};
use super::race::{self, Loc, RaceDetector, RaceReport};
use super::value::{FuncVal, MapKey, ObjId, Pointer, Root, Value};
use crate::config::GoVersion;
use crate::runtime::sched::RunQueue;
use crate::runtime::timers::{TimerSemantics, Timers};
use crate::runtime::{Gid, WaitReason};
use crate::syntax::span::Span;
use crate::types::{well_known as wk, TypeId, TypeKind, UntypedKind};
use crate::util::fasthash::HashMap;
use std::rc::Rc;

/// The run's ending is named here by its users (`lib.rs`, `explore`,
/// `snapshot`); it lives in `fault.rs` because budgets end runs as faults.
pub use super::fault::Ending;

/// What a fired timer does.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum TimerAction {
    /// Send the current time on a timer channel.
    SendTime(ObjId),
    /// Wake a sleeping goroutine.
    Wake(Gid),
    /// Start a goroutine running `f` (time.AfterFunc).
    Spawn(Value),
    /// A pollDesc's deadline `at` for one side of `fd` (`netpolldeadlineimpl`).
    PollDeadline { fd: u32, write: bool, at: i64 },
}

/// The limits and modes of a run.
#[derive(Clone, Debug)]
pub struct VmConfig {
    pub go_version: GoVersion,
    pub max_steps: u64,
    /// The memory budget in bytes (see `heap::Memory`).
    pub max_memory: u64,
    pub max_goroutines: u32,
    /// Bytes the program may write to stdout, and separately to stderr.
    pub max_output: usize,
    /// Virtual time a select charges when it takes `default` (a busy poll).
    pub poll_cost_ns: i64,
    /// sysmon's preemption quantum (`forcePreemptNS`).
    pub preempt_ns: i64,
    /// Stop at every statement of user code (line stepping).
    pub stop_at_statements: bool,
    /// Track happens-before and report data races.
    pub detect_races: bool,
    /// `RunConfig::bounded_ops`.
    pub bounded_ops: bool,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig {
            go_version: GoVersion::CURRENT,
            max_steps: crate::config::DEFAULT_MAX_STEPS,
            max_memory: DEFAULT_MAX_MEMORY,
            max_goroutines: 250_000,
            max_output: 1 << 20,
            poll_cost_ns: 100_000,
            preempt_ns: 10_000_000,
            stop_at_statements: false,
            detect_races: true,
            bounded_ops: false,
        }
    }
}

/// The default memory budget: 512 MiB of the simulator's own structures.
pub use crate::config::DEFAULT_MAX_MEMORY;

/// Bytes one step may allocate, copy, compare, search or format; an
/// instruction that does more costs one step more per this many bytes
/// ("charge work, not instructions"), so the step budget bounds time.
pub const BYTES_PER_STEP: u64 = 64;

/// Why `exec` returned.
#[derive(Clone, Debug, PartialEq)]
pub enum Exec {
    /// A visible operation completed; the goroutine can go on.
    Yield,
    /// Reached a statement boundary in line-step mode.
    Statement,
    /// Reached the host's pause (`Vm::step_until`): the goroutine goes on
    /// from here at `Vm::resume_step`, as if it had not stopped.
    Paused,
    Blocked,
    Exited,
    /// At a select with several ready cases: the scheduler must choose.
    SelectChoice(Vec<usize>),
    /// The program ended.
    Ended,
    /// A synchronous call's boundary frame finished.
    SyncDone,
}

/// What an instruction asks for next, or the fault it raised.
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

/// All of a run's state: goroutines, heap, globals, the run queue, timers,
/// output, and the logs the UI and the explorer read. Cloning it is how a
/// session steps back and the explorer branches.
#[derive(Clone)]
pub struct Vm {
    pub prog: Rc<Program>,
    pub cfg: VmConfig,
    /// Shared with the session's checkpoints until written (`g_mut`,
    /// a goroutine taken out to run): a copy of a VM with 100,000 parked
    /// goroutines copies pointers, not their stacks.
    pub gs: Vec<Rc<Goroutine>>,
    /// gid -> index in `gs`.
    pub gindex: HashMap<Gid, usize>,
    pub heap: Heap,
    /// The collection under way, if any (`vm::gc`).
    pub(super) gc: Option<Box<super::gc::Cycle>>,
    pub globals: Vec<Value>,
    /// Which globals are arrays: their slot holds a pointer to the heap
    /// cell that holds the array (`LoadGlobal` and friends go through it).
    pub cell_globals: Vec<bool>,
    pub runq: RunQueue,
    pub timers: Timers<TimerAction>,
    /// The pollDescs and the epoll instance behind package `net`.
    pub netpoll: crate::runtime::netpoll::Netpoll,
    pub current: Option<Gid>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Bytes the program itself wrote to stderr (`print`, `println`).
    pub stderr_written: usize,
    pub ending: Option<Ending>,
    /// Instructions executed.
    pub steps: u64,
    pub next_gid: Gid,
    /// Selected case forced by the scheduler for the pending select.
    pub forced_case: Option<usize>,
    /// Go's `cheaprand` behind select's `pollorder`: which ready case Go's
    /// own schedule takes (the first option of a select choice point).
    /// Seeded the same for every run, so runs stay reproducible.
    pub select_rand: crate::util::splitmix::SplitMix,
    pub zero_cache: HashMap<TypeId, Value>,
    /// Types by their printed name (for a channel's element type), built
    /// on first use.
    pub types_by_name: HashMap<String, TypeId>,
    /// time.Time, if time is linked.
    pub time_type: TypeId,
    /// The fmt prelude's `panicked` type (a method call's panic), if fmt
    /// is linked.
    pub panicked_type: Option<TypeId>,
    /// `fmt.State`, the parameter type a `Format` method takes.
    pub fmt_state_type: Option<TypeId>,
    /// Method name ids of Format, GoString, Error and String, with their
    /// bits in `format::methods`.
    pub fmt_mids: [(u8, Option<u32>); 4],
    /// The values a fmt call may call methods of, by
    /// `FmtValue::Methods::id` (filled while its operands are converted).
    pub fmt_receivers: Vec<Value>,
    /// The type of runtime error values.
    pub runtime_error_type: Option<TypeId>,
    /// `*runtime.TypeAssertionError`, when the program imports runtime (it
    /// can name the type, so a failed assertion must panic with it).
    pub assertion_error_type: Option<TypeId>,
    pub string_type: TypeId,
    /// Goroutines still alive when main returned.
    pub leaked: Vec<Gid>,
    /// Live goroutines and timers sampled at each clock change: (ns, goroutines, timers).
    pub resource_samples: Vec<(i64, u32, u32)>,
    /// Set when the last instruction was a statement boundary.
    pub at_statement: bool,
    /// The instruction count at which a step stops for its host
    /// (`step_until`); `u64::MAX` when no host asked.
    pub pause_at: u64,
    /// The goroutine whose step was cut off at `pause_at`, to go on with.
    pub paused: Option<Gid>,
    /// Native-side events for the event log (who did what).
    pub events: Vec<Event>,
    /// Where the last step's events end in `events`: what follows (a timer
    /// fired while the scheduler looked for work) belongs to the next step.
    pub events_step_end: usize,
    /// A goroutine at a select with several ready cases.
    pub pending_select: Option<(Gid, Vec<usize>)>,
    /// The running goroutine asked to yield (Gosched, semaphore hand-off).
    pub yield_requested: bool,
    /// Timer channels and their timers.
    pub timer_chans: HashMap<ObjId, u64>,
    /// Where each Mutex, RWMutex and WaitGroup lives (the field its handle
    /// was made in): a handle met anywhere else belongs to a copy.
    pub handle_home: HashMap<ObjId, Pointer>,
    /// Minimum virtual time between resource samples.
    pub sample_interval: i64,
    /// Frame depths of synchronous calls in progress.
    pub sync_depth: Vec<usize>,
    /// A panic that stopped at a synchronous call's boundary.
    pub sync_panic: Option<String>,
    /// Synchronous calls nested past `MAX_SYNC_CALLS`: a stack overflow.
    pub sync_overflow: bool,
    /// Render values without calling their methods (snapshots).
    pub fmt_plain: bool,
    /// The current choice point, until the next step.
    pub cached_point: Option<super::sched::PendingPoint>,
    /// The stand-in left in a running goroutine's slot, kept between steps
    /// so that a step allocates none.
    pub(super) spare_slot: Option<Rc<Goroutine>>,
    /// Scheduler work: options considered at every point.
    pub sched_work: u64,
    /// Goroutines not yet dead.
    pub live_goroutines: u32,
    pub race: Option<Box<RaceDetector>>,
    /// Set when main returned: (instructions, stdout length, stderr length)
    /// at that moment, while the other goroutines run on to find leaks.
    pub after_main: Option<(u64, usize, usize)>,
    /// main ended by `runtime.Goexit`: the program runs on without it.
    pub main_goexited: bool,
    /// `Types::holds_handles`, remembered per type (`copy_locks`).
    pub handle_types: HashMap<TypeId, bool>,
    /// The names main's variables gave runtime objects when main returned
    /// (object, name, owner): a snapshot after the end still names them.
    /// For the UI only; not part of the state explore compares.
    pub main_names: Vec<(ObjId, String, Option<String>)>,
    /// Instructions executed when some goroutine last made synchronization
    /// progress (blocked, woke, started, exited, moved a value through a
    /// channel, took or released a lock). A run that spends its budget far
    /// from this point is a busy loop.
    pub last_progress: u64,
    /// The step of the last instruction that wrote a variable, called a
    /// function, allocated or printed ([`Op::makes_progress`]): a loop that
    /// does none of these only spins.
    pub last_write: u64,
    /// When set (by the explorer), the memory locations each step touches.
    pub touch_log: Option<Vec<(Loc, bool)>>,
}

/// main's goroutine id, as Go numbers it.
pub const MAIN_GID: Gid = 1;

/// Stands for the runtime's own goroutine that waits in the run queue when
/// main starts (go1.23+); picking it does nothing observable.
pub const RUNTIME_PHANTOM_GID: Gid = u32::MAX - 1;

/// Go numbers the first user goroutine after the runtime's own (7 in
/// go1.27 with GOMAXPROCS=1); gosim starts there to read like Go.
pub const FIRST_USER_GID: Gid = 7;

/// The seed of [`Vm::select_rand`].
const SELECT_SEED: u64 = 0x5e1e_c7ed;

impl Vm {
    pub fn new(prog: Rc<Program>, cfg: VmConfig) -> Vm {
        let semantics = if cfg.go_version.sync_timers() {
            TimerSemantics::Sync
        } else {
            TimerSemantics::Async
        };
        let globals = prog.globals.iter().map(|_| Value::Nil).collect();
        let mut vm = Vm {
            heap: Heap::new(cfg.max_memory),
            cfg,
            gs: Vec::new(),
            gindex: HashMap::default(),
            globals,
            cell_globals: Vec::new(),
            runq: RunQueue::new(),
            timers: Timers::new(semantics),
            netpoll: Default::default(),
            current: None,
            stdout: Vec::new(),
            stderr: Vec::new(),
            stderr_written: 0,
            ending: None,
            steps: 0,
            next_gid: FIRST_USER_GID,
            forced_case: None,
            select_rand: crate::util::splitmix::SplitMix(SELECT_SEED),
            zero_cache: HashMap::default(),
            types_by_name: HashMap::default(),
            panicked_type: None,
            fmt_state_type: None,
            fmt_mids: [(0, None); 4],
            fmt_receivers: Vec::new(),
            time_type: wk::INVALID,
            runtime_error_type: None,
            assertion_error_type: None,
            string_type: wk::STRING,
            leaked: Vec::new(),
            resource_samples: Vec::new(),
            at_statement: false,
            pause_at: u64::MAX,
            paused: None,
            events: Vec::new(),
            events_step_end: 0,
            pending_select: None,
            yield_requested: false,
            timer_chans: HashMap::default(),
            handle_home: HashMap::default(),
            gc: None,
            sample_interval: 10_000_000,
            sync_depth: Vec::new(),
            sync_panic: None,
            sync_overflow: false,
            fmt_plain: false,
            cached_point: None,
            spare_slot: None,
            sched_work: 0,
            live_goroutines: 1,
            race: None,
            after_main: None,
            main_goexited: false,
            handle_types: HashMap::default(),
            main_names: Vec::new(),
            last_progress: 0,
            last_write: 0,
            touch_log: None,
            prog,
        };
        vm.panicked_type = vm.find_named("fmt.panicked");
        vm.fmt_state_type = vm.find_named("fmt.State");
        {
            use crate::format::methods as m;
            let mid = |name: &str| {
                vm.prog
                    .method_names
                    .iter()
                    .position(|n| n == name)
                    .map(|i| i as u32)
            };
            vm.fmt_mids = [
                (m::FORMAT, mid("Format")),
                (m::GO_STRING, mid("GoString")),
                (m::ERROR, mid("Error")),
                (m::STRING, mid("String")),
            ];
        }
        vm.runtime_error_type = vm.find_named("runtime.Error");
        vm.assertion_error_type = vm.find_named("runtime.TypeAssertionError").and_then(|e| {
            (0..vm.prog.types.len() as u32)
                .map(TypeId)
                .find(|&t| matches!(vm.prog.types.kind(t), TypeKind::Pointer(p) if *p == e))
        });
        vm.time_type = vm.find_named("time.Time").unwrap_or(wk::INVALID);
        if vm.cfg.detect_races {
            vm.race = Some(Box::default());
        }
        // Globals start at their zero values; an array or struct in a heap
        // cell of its own, so that slicing an array in it aliases it
        // (`Heap::promote_to_array`, `HeapObj::View`) and no pointer into a
        // global has a path.
        vm.cell_globals = vm
            .prog
            .globals
            .iter()
            .map(|g| {
                matches!(
                    vm.prog.types.ukind(g.ty),
                    TypeKind::Array(..) | TypeKind::Struct(..)
                )
            })
            .collect();
        if vm.cfg.bounded_ops {
            let limit = vm.cfg.max_memory / crate::config::OP_SHARE;
            vm.heap.mem.limit_each_op(limit);
        }
        for i in 0..vm.globals.len() {
            // Each package variable is one operation.
            vm.heap.mem.take_unbilled();
            let t = vm.prog.globals[i].ty;
            let z = vm.zero(t).and_then(|z| match vm.cell_globals[i] {
                true => vm.alloc_cell(z),
                false => Ok(z),
            });
            match z {
                Ok(z) => vm.globals[i] = z,
                Err(_) => {
                    // A package variable larger than the memory budget.
                    vm.end(Ending::HeapBudget);
                    break;
                }
            }
        }
        let mut main = Goroutine::new(MAIN_GID);
        let entry = vm.prog.entry;
        let nlocals = vm.prog.funcs[entry as usize].nlocals;
        main.locals = vec![Value::Nil; nlocals as usize];
        main.frames
            .push(Frame::new(entry, 0, 0, Span::default(), true));
        vm.gindex.insert(MAIN_GID, 0);
        main.status = GStatus::Running;
        vm.gs.push(Rc::new(main));
        // main is running, with the run queue as real Go has it then.
        let phantoms =
            usize::from(vm.cfg.go_version.sync_timers()) + usize::from(vm.prog.imports_os);
        vm.runq = RunQueue::at_main_start(&[RUNTIME_PHANTOM_GID; 2][..phantoms]);
        vm.current = Some(MAIN_GID);
        vm
    }

    fn find_named(&self, name: &str) -> Option<TypeId> {
        (0..self.prog.types.len() as u32)
            .map(TypeId)
            .find(|&t| self.prog.types.is_named(t) && self.prog.types.name(t) == name)
    }

    pub fn g(&self, gid: Gid) -> Option<&Goroutine> {
        self.gindex.get(&gid).map(|&i| &*self.gs[i])
    }

    pub fn g_mut(&mut self, gid: Gid) -> Option<&mut Goroutine> {
        match self.gindex.get(&gid) {
            Some(&i) => Some(Rc::make_mut(&mut self.gs[i])),
            None => None,
        }
    }

    pub fn now(&self) -> i64 {
        self.timers.now()
    }

    /// The zero value of a type (cached; composite zeros share storage).
    /// Built bottom-up from an explicit stack, since named types can nest
    /// as deep as a program likes; each array and struct built is charged.
    pub fn zero(&mut self, t: TypeId) -> Result<Value, Fault> {
        if let Some(v) = self.zero_cache.get(&t) {
            return Ok(v.clone());
        }
        // (type, its parts are cached): a type is built once its parts are.
        let mut pending = vec![(t, false)];
        // Types whose parts are being built. The checker rejects types that
        // contain themselves; should one get through, the inner occurrence
        // is nil rather than an endless stack.
        let mut building: crate::util::fasthash::HashSet<TypeId> = Default::default();
        while let Some((t, ready)) = pending.pop() {
            if self.zero_cache.contains_key(&t) || (!ready && building.contains(&t)) {
                continue;
            }
            if ready {
                building.remove(&t);
            }
            let kind = self.prog.types.ukind(t).clone();
            let v = match kind {
                TypeKind::Bool | TypeKind::Untyped(UntypedKind::Bool) => Value::Bool(false),
                TypeKind::Int(_) | TypeKind::Untyped(UntypedKind::Int | UntypedKind::Rune) => {
                    Value::Int(0)
                }
                TypeKind::Float64 | TypeKind::Float32 | TypeKind::Untyped(UntypedKind::Float) => {
                    Value::Float(0.0)
                }
                TypeKind::String | TypeKind::Untyped(UntypedKind::String) => {
                    Value::Str(Rc::from(&b""[..]))
                }
                TypeKind::Struct(fields) => {
                    if !ready {
                        building.insert(t);
                        pending.push((t, true));
                        for f in fields.iter().rev() {
                            if !self.zero_cache.contains_key(&f.ty) {
                                pending.push((f.ty, false));
                            }
                        }
                        continue;
                    }
                    self.heap.charge(cost::seq(fields.len()))?;
                    let vs: Vec<Value> = fields
                        .iter()
                        .map(|f| self.zero_cache.get(&f.ty).cloned().unwrap_or(Value::Nil))
                        .collect();
                    Value::Seq(Rc::new(vs))
                }
                TypeKind::Array(n, e) => {
                    if !ready {
                        building.insert(t);
                        pending.push((t, true));
                        if !self.zero_cache.contains_key(&e) {
                            pending.push((e, false));
                        }
                        continue;
                    }
                    let n = usize::try_from(n).unwrap_or(usize::MAX);
                    self.heap.charge(cost::seq(n))?;
                    let z = self.zero_cache.get(&e).cloned().unwrap_or(Value::Nil);
                    Value::Seq(Rc::new(vec![z; n]))
                }
                _ => Value::Nil,
            };
            self.zero_cache.insert(t, v);
        }
        Ok(self.zero_cache.get(&t).cloned().unwrap_or(Value::Nil))
    }

    pub fn write_out(&mut self, bytes: &[u8]) -> Result<(), Fault> {
        if self.stdout.len() + bytes.len() > self.cfg.max_output {
            let room = self.cfg.max_output.saturating_sub(self.stdout.len());
            self.stdout
                .extend_from_slice(&bytes[..room.min(bytes.len())]);
            return Err(Fault::Budget(Ending::OutputBudget));
        }
        self.stdout.extend_from_slice(bytes);
        self.charge_work(bytes.len() as u64);
        Ok(())
    }

    /// The program's own writes to stderr (`print`, `println`), under the
    /// same cap as stdout; the runtime's crash reports are not capped.
    pub fn write_err(&mut self, bytes: &[u8]) -> Result<(), Fault> {
        let room = self.cfg.max_output.saturating_sub(self.stderr_written);
        let n = bytes.len().min(room);
        self.stderr.extend_from_slice(&bytes[..n]);
        self.stderr_written += n;
        if n < bytes.len() {
            return Err(Fault::Budget(Ending::OutputBudget));
        }
        Ok(())
    }

    /// The steps one instruction may still spend on work: what is left of
    /// the budget, and under `bounded_ops` no more than its share.
    pub fn op_steps_left(&self) -> u64 {
        let left = self.cfg.max_steps.saturating_sub(self.steps);
        match self.cfg.bounded_ops {
            true => left.min(self.cfg.max_steps / crate::config::OP_SHARE),
            false => left,
        }
    }

    /// Charges `bytes` of work (copied, compared, searched, formatted) to
    /// the step budget, in proportion.
    pub fn charge_work(&mut self, bytes: u64) {
        self.steps = self.steps.saturating_add(bytes / BYTES_PER_STEP);
    }

    /// The map key of `k`: building it and comparing it along a lookup is
    /// work in proportion to its size.
    pub fn map_key(&mut self, k: &Value) -> Result<MapKey, Fault> {
        // A key no larger than the memory left (it may be stored) and the
        // work left (it is encoded byte by byte).
        let work_left = self.op_steps_left().saturating_mul(BYTES_PER_STEP);
        let room = self.heap.mem.room();
        let key = MapKey::of_limited(
            k,
            usize::try_from(room.min(work_left)).unwrap_or(usize::MAX),
        )
        .ok_or(Fault::Budget(if work_left < room {
            Ending::StepBudget
        } else {
            Ending::HeapBudget
        }))?;
        let size = match &key {
            MapKey::Str(s) => s.len(),
            other => other.extra_bytes(),
        };
        // Encoding it costs its size; the comparisons of a lookup stop at
        // the first differing byte, so they are counted with it.
        self.charge_work(size as u64);
        Ok(key)
    }

    /// Whether global `i` lives in a heap cell (see `cell_globals`).
    pub fn is_cell_global(&self, i: u32) -> bool {
        self.cell_globals.get(i as usize).copied().unwrap_or(false)
    }

    pub fn alloc_cell(&mut self, v: Value) -> Result<Value, Fault> {
        self.heap.charge(cost::BOX)?;
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
        self.heap
            .charge(cost::GOROUTINE + args.len() as u64 * cost::SLOT)?;
        let gid = self.next_gid;
        self.next_gid += 1;
        let mut g = Goroutine::new(gid);
        g.created_at = Some(at);
        g.created_by = parent;
        match &f {
            Value::Func(fv) => match &**fv {
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
        self.gs.push(Rc::new(g));
        self.live_goroutines += 1;
        self.last_progress = self.steps;
        self.runq.ready(gid);
        Ok(gid)
    }

    /// Readies parked goroutine `gid` (mirrors `goready`): it takes
    /// `runnext`, and `resume` says how its blocking operation ended.
    pub fn ready(&mut self, gid: Gid, resume: Resume) {
        if self.mark_runnable(gid, resume) {
            self.runq.ready(gid);
        }
    }

    /// [`Vm::ready`] at the tail of the local run queue (`injectglist`):
    /// how the goroutines `netpoll` found are queued.
    pub fn ready_tail(&mut self, gid: Gid, resume: Resume) {
        if self.mark_runnable(gid, resume) {
            self.runq.put_tail(gid);
        }
    }

    /// The goroutine-side half of readying `gid`; false when it has exited
    /// meanwhile (then it is not queued).
    fn mark_runnable(&mut self, gid: Gid, resume: Resume) -> bool {
        self.last_progress = self.steps;
        if let Some(g) = self.g_mut(gid) {
            if g.status == GStatus::Dead {
                return false;
            }
            g.resume = Some(resume);
            g.status = GStatus::Runnable;
            g.waiting_on = None;
        }
        true
    }

    /// Parks the running goroutine `g` on `obj` (None when it waits on
    /// several, as a select does), mirroring `gopark`: the wait-for graph
    /// learns the object, the event log the park, and the loop blocks `g`
    /// with `reason`.
    pub(super) fn park(
        &mut self,
        g: &mut Goroutine,
        obj: Option<ObjId>,
        reason: WaitReason,
        span: Span,
    ) -> OpResult {
        if obj.is_some() {
            g.waiting_on = obj;
        }
        self.record(g.id, span, EventKind::Park { obj, reason });
        Ok(Flow::Block(reason))
    }

    /// Appends to the event log: goroutine `g` did `kind` at `span`.
    pub(super) fn record(&mut self, g: Gid, span: Span, kind: EventKind) {
        self.events.push(Event::new(g, span, kind));
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
                // A synchronous call (a String method) cannot be left
                // midway: it finishes inside the step.
                if self.steps >= self.pause_at && self.sync_depth.is_empty() {
                    if let Some(f) = g.frames.last_mut() {
                        f.pc = pc as u32;
                    }
                    return Exec::Paused;
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
                        self.last_write = self.steps;
                        let v = g.stack.pop().unwrap_or(Value::Nil);
                        discard(std::mem::replace(&mut g.locals[base + *s as usize], v));
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
                        if pop_bool(&mut g.stack) == Some(false) {
                            pc = *t as usize;
                        } else {
                            pc += 1;
                        }
                        continue;
                    }
                    Op::JumpIfTrue(t) => {
                        if pop_bool(&mut g.stack) == Some(true) {
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
                        let b = pop_int(&mut g.stack);
                        let a = pop_int(&mut g.stack);
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
                        let b = pop_int(&mut g.stack);
                        let a = pop_int(&mut g.stack);
                        let ord = if k.signed() {
                            a.cmp(&b)
                        } else {
                            (a as u64).cmp(&(b as u64))
                        };
                        g.stack.push(Value::Bool(cop.holds(ord)));
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
                if op.makes_progress() {
                    self.last_write = self.steps;
                }
                let r = self.step_op(g, op, base, span);
                // What the instruction allocated is work in proportion.
                let made = self.heap.mem.take_unbilled();
                if made > 0 {
                    if made >= BYTES_PER_STEP {
                        self.charge_work(made);
                    }
                    // Only an instruction that allocated can reach the heap
                    // goal, and each one pays for a slice of a collection
                    // under way.
                    if r.is_ok() && (self.gc.is_some() || self.heap.mem.wants_collection()) {
                        self.maybe_collect(g, made);
                    }
                }
                if self.ending.is_some() && self.after_main.is_none() {
                    // The run ended inside a synchronous call this
                    // instruction made (a fatal error in a String method).
                    return Exec::Ended;
                }
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

    /// Records the memory access an instruction is about to make: in the
    /// explorer's touch log, and, for user code, in the race detector.
    fn race_access(&mut self, g: &Goroutine, op: &Op, base: usize, span: Span, func: &FuncCode) {
        let Some(access) = race::mem_access(g, op, base, func, &self.prog.globals) else {
            return;
        };
        if let Some(log) = self.touch_log.as_mut() {
            log.push((access.loc.clone(), access.write));
        }
        if func.library {
            return;
        }
        if let Some(r) = self.race.as_mut().filter(|r| r.stopped.is_none()) {
            if let Some(name) = access.name {
                r.names.entry(access.loc.clone()).or_insert(name);
            }
            r.access(g.id, access.loc, access.write, span);
        }
    }

    /// Ends the run (the first ending wins), unless main already returned:
    /// then whatever happens is not the program's, and the run ends as
    /// main's return.
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

    /// After a step budget ran out: says so if no goroutine made
    /// synchronization progress during the last half of the run (a busy
    /// loop or livelock rather than slow work).
    pub fn busy_loop_note(&self) -> String {
        let idle = self.steps.saturating_sub(self.last_progress);
        let unwritten = self.steps.saturating_sub(self.last_write);
        if self.ending != Some(Ending::StepBudget) || idle <= self.steps / 2 {
            String::new()
        } else if unwritten > self.steps / 2 {
            format!(" (a busy loop: in the last {unwritten} steps no goroutine blocked, woke, wrote a variable or called a function)")
        } else {
            // Writing without synchronizing: real work (a sieve, a deep
            // recursion) as likely as a loop that never ends.
            format!(" (computing: no goroutine blocked or woke in the last {idle} steps)")
        }
    }

    /// The races found so far, with lines.
    pub fn race_reports(&self) -> Vec<RaceReport> {
        match self.race.as_ref() {
            Some(r) => r.reports(&self.prog.source),
            None => Vec::new(),
        }
    }

    /// A panic value of the runtime's error type carrying `msg`. (Whether
    /// Go prefixes "runtime error: " is already decided by the caller.)
    /// Whether `id` is a timer's or ticker's channel under Go 1.23+
    /// timers, which `len` and `cap` report as 0 (synchronous channels).
    pub fn sync_timer_chan(&self, id: ObjId) -> bool {
        self.cfg.go_version.sync_timers() && self.timer_chans.contains_key(&id)
    }

    /// What `panic(v)` panics with: since Go 1.21 a nil interface becomes a
    /// run-time error (Go's `*runtime.PanicNilError`), so `recover` never
    /// returns nil for a panic.
    pub fn panic_arg(&self, v: Value) -> Value {
        if v.is_nil() {
            return self.runtime_err_value("runtime error: panic called with nil argument", false);
        }
        v
    }

    /// What a failed type assertion panics with: a `*runtime.TypeAssertionError`
    /// (the prelude's, holding the message) if the program can name it.
    pub fn assertion_err_value(&mut self, msg: &str) -> Result<Value, Fault> {
        match self.assertion_error_type {
            Some(t) => {
                let p = self.alloc_cell(Value::Seq(Rc::new(vec![Value::str(msg)])))?;
                Ok(Value::Iface(Rc::new((t, p))))
            }
            None => Ok(self.runtime_err_value(msg, true)),
        }
    }

    pub fn runtime_err_value(&self, msg: &str, _runtime_prefix: bool) -> Value {
        let text = msg.to_string();
        Value::Iface(Rc::new((
            self.runtime_error_type.unwrap_or(self.string_type),
            Value::str(&text),
        )))
    }
}

/// Drops `v`, skipping the call into `Value`'s drop when it owns nothing:
/// the hot loop overwrites and pops scalars far more than anything else,
/// and the out-of-line drop was 38 % of the time of a sieve
/// (bench/results/peers.md, "Levers").
#[inline(always)]
pub(super) fn discard(v: Value) {
    if matches!(
        v,
        Value::Nil
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Slice(_)
            | Value::Map(_)
            | Value::Chan(_)
            | Value::Handle(_)
    ) {
        std::mem::forget(v);
    } else {
        drop(v);
    }
}

/// Pops an integer operand (0 for an empty stack, as before), without drop
/// code when it is one.
#[inline(always)]
pub(super) fn pop_int(stack: &mut Vec<Value>) -> i64 {
    match stack.pop() {
        Some(v) => {
            if let Value::Int(x) = v {
                std::mem::forget(v);
                x
            } else {
                v.as_int()
            }
        }
        None => 0,
    }
}

/// Pops a condition, without drop code when it is a bool.
#[inline(always)]
fn pop_bool(stack: &mut Vec<Value>) -> Option<bool> {
    match stack.pop() {
        Some(v) => {
            if let Value::Bool(x) = v {
                std::mem::forget(v);
                Some(x)
            } else {
                None
            }
        }
        None => None,
    }
}
