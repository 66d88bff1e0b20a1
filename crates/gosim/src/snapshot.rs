//! The snapshot API: a serializable picture of the VM after any step.
//!
//! This is the contract with the UI: goroutines with their wait reasons in
//! Go's words and their stacks with locals; channels as hchans; locks,
//! WaitGroups, Conds, sync.Maps and timers as the runtime holds them; the
//! virtual clock, the output so far, the events of the last step, the
//! choice point that comes next and how the run ended. Values are
//! pre-rendered as Go's `%v` text; everything a UI branches on (statuses,
//! ending classes, timer kinds, event kinds) is an enum, with the words Go
//! or the UI shows kept in one table per enum.
//!
//! Only types live here (the builder is `vm::view`), so this file is the
//! page a UI author reads. It must not import the VM.

pub use crate::runtime::WaitReason;
use crate::runtime::{Gid, ObjId};
use crate::schedule::Point;
use crate::syntax::span::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Virtual nanoseconds since the program started.
    pub now_ns: i64,
    /// Instructions executed so far.
    pub instructions: u64,
    pub current: Option<Gid>,
    pub goroutines: Vec<GoroutineView>,
    pub objects: Vec<ObjectView>,
    pub timers: Vec<TimerView>,
    pub stdout: String,
    pub stderr: String,
    pub point: Point,
    pub ending: Option<EndingView>,
    /// What the last step did, in order.
    pub events: Vec<EventView>,
    /// Live goroutines and timers over virtual time.
    pub resources: Vec<ResourceSample>,
    /// Data races found so far in this run.
    pub races: Vec<RaceReport>,
    /// Who waits on what, and who could still wake them.
    pub wait_for: Vec<WaitEdge>,
}

/// One sample of the resource plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSample {
    pub at_ns: i64,
    pub goroutines: u32,
    pub timers: u32,
}

/// One edge of the wait-for graph: goroutine `g` is parked on `object`;
/// `wakers` are the live goroutines that can still reach the object (the
/// holder, for a lock). In a deadlock every waker is itself waiting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitEdge {
    pub g: Gid,
    pub object: Option<ObjId>,
    pub object_name: Option<String>,
    pub reason: String,
    pub wakers: Vec<Gid>,
}

/// A goroutine's scheduling status, as `runtime.g.atomicstatus` groups it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoroutineStatus {
    Running,
    Runnable,
    Waiting,
    Dead,
}

impl GoroutineStatus {
    /// The word for it, as in Go's goroutine headers and the UI's data
    /// attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            GoroutineStatus::Running => "running",
            GoroutineStatus::Runnable => "runnable",
            GoroutineStatus::Waiting => "waiting",
            GoroutineStatus::Dead => "dead",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoroutineView {
    pub id: Gid,
    pub status: GoroutineStatus,
    /// Go's words, as in `goroutine 7 [chan send]:`.
    pub wait_reason: Option<String>,
    /// The line of the `go` statement that created it.
    pub created_line: Option<u32>,
    pub created_by: Option<Gid>,
    /// The user-code line it is at (innermost user frame).
    pub line: Option<u32>,
    pub span: Option<Span>,
    /// Innermost first.
    pub frames: Vec<FrameView>,
    /// The object it is parked on, if one.
    pub waiting_on: Option<ObjId>,
}

impl GoroutineView {
    pub fn is_live(&self) -> bool {
        self.status != GoroutineStatus::Dead
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameView {
    pub func: String,
    pub line: Option<u32>,
    pub library: bool,
    pub locals: Vec<LocalView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalView {
    pub name: String,
    pub ty: String,
    pub value: String,
    /// A variable of channel type holding nil: operations on it block
    /// forever, so the UI draws it as a channel of its own.
    pub nil_channel: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    pub index: usize,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaiterView {
    pub g: Gid,
    /// The value a parked sender carries.
    pub value: Option<String>,
    /// Parked in a select (on several channels at once).
    pub in_select: bool,
}

/// A runtime object a program holds, with the variable that names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectView {
    pub id: ObjId,
    pub name: Option<String>,
    pub kind: ObjectKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum ObjectKind {
    /// An hchan (runtime/chan.go).
    Channel {
        elem_type: String,
        cap: usize,
        len: usize,
        sendx: usize,
        recvx: usize,
        /// Occupied slots in ring order, oldest first.
        buffer: Vec<SlotView>,
        recvq: Vec<WaiterView>,
        sendq: Vec<WaiterView>,
        closed: bool,
        /// A timer's channel (time.After, NewTimer, NewTicker).
        timer: bool,
    },
    Mutex {
        locked: bool,
        holder: Option<Gid>,
        waiters: Vec<Gid>,
        starving: bool,
    },
    RWMutex {
        writer: Option<Gid>,
        readers: Vec<Gid>,
        reader_count: i32,
        reader_wait: i32,
        queued_readers: Vec<Gid>,
        queued_writers: Vec<Gid>,
    },
    WaitGroup {
        counter: i32,
        waiters: Vec<Gid>,
    },
    /// A sync.Cond's notify list: (goroutine, ticket) per waiter.
    Cond {
        wait_ticket: u32,
        notify_ticket: u32,
        waiters: Vec<(Gid, u32)>,
    },
    /// A sync.Once held in a variable (Once is plain Go over a Mutex, so it
    /// has no runtime object of its own; its id counts down from
    /// `ObjId::MAX`).
    Once {
        done: bool,
    },
    SyncMap {
        read: Vec<(String, String)>,
        dirty: Option<Vec<(String, String)>>,
        misses: usize,
        amended: bool,
    },
}

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerKind {
    /// Sends the time on a channel (After, NewTimer, Ticker).
    Chan,
    /// Runs something: wakes a Sleep, or calls AfterFunc's function.
    Func,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerState {
    Pending,
    Stopped,
    Fired,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimerView {
    pub id: u64,
    pub when_ns: i64,
    pub period_ns: i64,
    pub kind: TimerKind,
    pub state: TimerState,
    pub channel: Option<ObjId>,
    /// The goroutine a Sleep timer wakes.
    pub sleeper: Option<Gid>,
    /// Whether the runtime keeps it alive (see `Timers::holds`): under
    /// Go 1.23+ semantics a pending channel timer nobody waits on is not.
    pub held: bool,
}

/// How a run ended: the classes both a single run and explore use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeClass {
    /// main returned and nothing was left behind.
    Finished,
    /// main returned while other goroutines were still blocked or runnable.
    LeakedGoroutines,
    Deadlock,
    Panic,
    FatalError,
    /// A budget stopped the run (see [`Budget`]).
    BudgetExhausted,
}

impl OutcomeClass {
    /// A short stable name (CSS classes, data attributes, JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeClass::Finished => "finished",
            OutcomeClass::LeakedGoroutines => "leak",
            OutcomeClass::Deadlock => "deadlock",
            OutcomeClass::Panic => "panic",
            OutcomeClass::FatalError => "fatal",
            OutcomeClass::BudgetExhausted => "budget",
        }
    }
}

/// Which of the simulator's budgets stopped a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Budget {
    Steps,
    Memory,
    Goroutines,
    Output,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndingView {
    pub class: OutcomeClass,
    /// Set when `class` is `BudgetExhausted`.
    pub budget: Option<Budget>,
    pub exit_code: Option<i32>,
    /// Goroutines still blocked or runnable when main returned.
    pub leaked: Vec<LeakView>,
    /// Go's first line of the crash (`panic: ...`, `fatal error: ...`), or
    /// the simulator's sentence for a budget; empty when main returned.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeakView {
    pub g: Gid,
    pub created_line: Option<u32>,
    pub wait_reason: Option<String>,
}

/// One thing a step did, by goroutine `g` at `line`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub g: Gid,
    pub line: Option<u32>,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventKind {
    /// A `go` statement started goroutine `child`.
    Go {
        child: Gid,
    },
    Send {
        chan: ObjId,
        value: String,
    },
    /// `ok` is false for a receive from a closed, empty channel.
    Recv {
        chan: ObjId,
        value: String,
        ok: bool,
    },
    Close {
        chan: ObjId,
    },
    /// The goroutine parked: on `object` (none for a select, which parks on
    /// several), for `reason` (`reason.as_go_str()` is Go's words).
    Park {
        object: Option<ObjId>,
        reason: WaitReason,
    },
    /// A sync operation (`op` is the Go method: `Lock`, `Wait`, ...).
    Sync {
        object: ObjId,
        op: String,
    },
    /// `time.Sleep` for `duration` (Go's Duration text).
    Sleep {
        duration: String,
    },
    Exit,
}

impl EventView {
    /// The object the event is about, if one.
    pub fn object(&self) -> Option<ObjId> {
        match &self.kind {
            EventKind::Send { chan, .. } | EventKind::Recv { chan, .. } => Some(*chan),
            EventKind::Close { chan } => Some(*chan),
            EventKind::Park { object, .. } => *object,
            EventKind::Sync { object, .. } => Some(*object),
            EventKind::Go { .. } | EventKind::Sleep { .. } | EventKind::Exit => None,
        }
    }
}

/// A race Go's detector would report: two accesses, neither ordered before
/// the other, at least one a write.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RaceReport {
    /// What was accessed: a variable name, or "sync.WaitGroup".
    pub what: String,
    pub first_g: Gid,
    pub first_line: u32,
    pub first_write: bool,
    pub second_g: Gid,
    pub second_line: u32,
    pub second_write: bool,
}

impl std::fmt::Display for RaceReport {
    /// The report as `go run -race` prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "==================\nWARNING: DATA RACE on {}\n{} by goroutine {}:\n  ./prog.go:{}\n\nPrevious {} by goroutine {}:\n  ./prog.go:{}\n==================\n",
            self.what,
            if self.second_write { "Write" } else { "Read" },
            self.second_g,
            self.second_line,
            if self.first_write { "write" } else { "read" },
            self.first_g,
            self.first_line
        )
    }
}
