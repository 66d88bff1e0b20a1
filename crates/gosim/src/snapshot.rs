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
//! A snapshot scales with what a UI can show, not with the program:
//! every goroutine is counted in [`Snapshot::groups`] (by status, wait
//! reason, line and creation site), but frames and locals are built only
//! for a bounded set ([`SnapshotOptions`]); sync.Maps carry counts, bytes
//! and a few entries rather than every key; objects are capped.
//!
//! Only types live here (the builder is `vm::view`), so this file is the
//! page a UI author reads. It must not import the VM.

pub use crate::runtime::WaitReason;
use crate::runtime::{Gid, ObjId};
use crate::schedule::Point;
use crate::syntax::span::Span;
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// What a snapshot builds in full. Frames, locals and rendered values cost
/// per goroutine, so a host with thousands of goroutines asks only for the
/// ones it shows; the rest are still counted in [`Snapshot::groups`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotOptions {
    /// How many goroutines, by id, get full views (dead ones included),
    /// besides the ones below.
    pub detailed: usize,
    /// Goroutines the host wants in full whatever the limit (those on its
    /// screen). The current goroutine, the goroutines the last step's
    /// events name and the next point's first options are always in full.
    pub focus: Vec<Gid>,
    /// How many runtime objects to describe, by id; objects the last
    /// step's events name or a detailed goroutine waits on always are.
    pub objects: usize,
    /// Build [`Snapshot::wait_for`] (it walks every live goroutine's
    /// variables; a host that does not draw the graph saves that).
    pub wait_for: bool,
}

/// How many entries of each of a sync.Map's `read` and `dirty` a snapshot
/// renders (the rest are counted).
pub const MAP_ENTRIES_SHOWN: usize = 6;

impl Default for SnapshotOptions {
    fn default() -> SnapshotOptions {
        SnapshotOptions {
            detailed: 64,
            focus: Vec::new(),
            objects: 256,
            wait_for: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// The picture of a run after a step.
pub struct Snapshot {
    /// Virtual nanoseconds since the program started.
    pub now_ns: i64,
    /// Instructions executed so far.
    pub instructions: u64,
    /// The goroutine that ran the last step and holds the processor.
    pub current: Option<Gid>,
    /// Goroutines in full, by creation (id): the first
    /// [`SnapshotOptions::detailed`], dead ones included, plus the focus.
    pub goroutines: Vec<GoroutineView>,
    /// Every goroutine, dead ones included, grouped by status, wait
    /// reason, line, creation line and the object waited on; groups in
    /// order of their first goroutine.
    pub groups: Vec<GoroutineGroup>,
    /// Goroutines not dead.
    pub live_goroutines: usize,
    /// Channels and sync objects, by id: the first
    /// [`SnapshotOptions::objects`] plus the ones the step touched.
    pub objects: Vec<ObjectView>,
    /// Runtime objects in all (the UI-relevant ones: channels, locks,
    /// WaitGroups, Conds, sync.Maps), of which `objects` describes some.
    pub object_count: usize,
    /// Pending timers, and the most recent stopped or fired ones.
    pub timers: Vec<TimerView>,
    /// What the program printed to stdout so far.
    pub stdout: String,
    /// What it printed to stderr so far (panics and fatal errors too).
    pub stderr: String,
    /// The decision the next step makes.
    pub point: Point,
    /// How the run ended, once it has.
    pub ending: Option<EndingView>,
    /// What the last step did, in order.
    pub events: Vec<EventView>,
    /// Live goroutines and timers over virtual time.
    pub resources: Vec<ResourceSample>,
    /// Data races found so far in this run.
    pub races: Vec<RaceReport>,
    /// Who waits on what, and who could still wake them: for the described
    /// goroutines, when [`SnapshotOptions::wait_for`] asks.
    pub wait_for: Vec<WaitEdge>,
    /// The network poller and the simulated kernel's sockets (empty for a
    /// program that uses no package net).
    pub net: NetView,
}

pub use crate::runtime::netpoll::{PdSema, PollCall, PollDesc, SocketInfo};

/// Package net's runtime picture: the sockets, each fd's pollDesc, the
/// epoll instance's interest and ready lists, and the latest `netpoll`
/// calls.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NetView {
    /// Sockets with an fd, listeners (with their accept queue) and
    /// connections (with the bytes received and not yet read).
    pub sockets: Vec<SocketInfo>,
    /// Each open fd's pollDesc, with `rg` and `wg`.
    pub pollers: Vec<PollDesc>,
    /// The epoll interest list (fds registered edge-triggered).
    pub interest: Vec<u32>,
    /// The epoll ready list: `(fd, event bits)` not yet taken by `netpoll`.
    pub ready: Vec<(u32, u32)>,
    /// The most recent `netpoll` calls that found events, oldest first.
    pub polls: Vec<PollCall>,
}

impl NetView {
    /// Whether the program has touched the network at all.
    pub fn is_empty(&self) -> bool {
        self.sockets.is_empty() && self.pollers.is_empty() && self.polls.is_empty()
    }
}

/// Goroutines in the same state at the same place, such as "998
/// goroutines waiting [sync.WaitGroup.Wait] at line 14, created at line
/// 12": how a UI shows thousands of goroutines in a few rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoroutineGroup {
    /// Their status (the current goroutine is a group of its own).
    pub status: GoroutineStatus,
    /// Go's wait reason, for waiting goroutines.
    pub wait_reason: Option<String>,
    /// The user-code line they are at.
    pub line: Option<u32>,
    /// The line of the `go` statement that created them (none for main).
    pub created_line: Option<u32>,
    /// The object they are parked on, if one.
    pub waiting_on: Option<ObjId>,
    /// Their ids, ascending.
    pub ids: Vec<Gid>,
}

/// One sample of the resource plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSample {
    /// Virtual time of the sample.
    pub at_ns: i64,
    /// Live goroutines then.
    pub goroutines: u32,
    /// Timers the runtime held then.
    pub timers: u32,
}

/// One edge of the wait-for graph: goroutine `g` is parked on `object`;
/// `wakers` are the live goroutines that can still reach the object (the
/// holder, for a lock). In a deadlock every waker is itself waiting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitEdge {
    /// The waiting goroutine.
    pub g: Gid,
    /// What it waits on (the first channel, for a select).
    pub object: Option<ObjId>,
    /// The variable that names the object, if any.
    pub object_name: Option<String>,
    /// Go's wait reason.
    pub reason: String,
    /// Live goroutines that could still wake it.
    pub wakers: Vec<Gid>,
}

/// A goroutine's scheduling status, as `runtime.g.atomicstatus` groups it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoroutineStatus {
    /// On the processor.
    Running,
    /// In the run queue.
    Runnable,
    /// Parked (see its wait reason).
    Waiting,
    /// Returned.
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
/// A goroutine, as its traceback header and stack would show it.
pub struct GoroutineView {
    /// Its number, as Go prints it.
    pub id: Gid,
    /// Running, runnable, waiting or dead.
    pub status: GoroutineStatus,
    /// Go's words, as in `goroutine 7 [chan send]:`.
    pub wait_reason: Option<String>,
    /// The line of the `go` statement that created it.
    pub created_line: Option<u32>,
    /// The goroutine whose `go` statement started it.
    pub created_by: Option<Gid>,
    /// The user-code line it is at (innermost user frame).
    pub line: Option<u32>,
    /// The source range of that line's statement.
    pub span: Option<Span>,
    /// Innermost first.
    pub frames: Vec<FrameView>,
    /// The object it is parked on, if one.
    pub waiting_on: Option<ObjId>,
}

impl GoroutineView {
    /// Not dead.
    pub fn is_live(&self) -> bool {
        self.status != GoroutineStatus::Dead
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// One frame of a goroutine's stack.
pub struct FrameView {
    /// The function, as Go names it in tracebacks (`main.main.func1`).
    pub func: String,
    /// The line it is at (none in library code).
    pub line: Option<u32>,
    /// A frame in a library package, not the user's code.
    pub library: bool,
    /// Its local variables (user frames only).
    pub locals: Vec<LocalView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// A local variable of a frame.
pub struct LocalView {
    /// The variable's name.
    pub name: String,
    /// Its Go type.
    pub ty: String,
    /// Its value as `%v` prints it.
    pub value: String,
    /// A variable of channel type holding nil: operations on it block
    /// forever, so the UI draws it as a channel of its own.
    pub nil_channel: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// A filled slot of a channel's ring buffer.
pub struct SlotView {
    /// The slot's index in the ring buffer.
    pub index: usize,
    /// The value it holds, as `%v` prints it.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// A goroutine parked on a channel (a `sudog`).
pub struct WaiterView {
    /// The parked goroutine.
    pub g: Gid,
    /// The value a parked sender carries.
    pub value: Option<String>,
    /// Parked in a select (on several channels at once).
    pub in_select: bool,
}

/// A runtime object a program holds, with the variable that names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectView {
    /// The object's id (stable across steps).
    pub id: ObjId,
    /// The variable that holds it, if one is found (`ch`, `s.mu`,
    /// `ctx.Done()`), named with the program's field names.
    pub name: Option<String>,
    /// The library type that keeps it in an unexported field (`sync.Once`
    /// for the mutex inside a Once): the program never names it itself.
    pub owner: Option<String>,
    /// What it is and its state.
    pub kind: ObjectKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
/// The runtime objects the UI draws, with the state Go's runtime keeps for them.
pub enum ObjectKind {
    /// An hchan (runtime/chan.go).
    Channel {
        /// The element type.
        elem_type: String,
        /// `dataqsiz`: the buffer's size.
        cap: u64,
        /// `qcount`: values in the buffer.
        len: usize,
        /// Where the next send writes.
        sendx: usize,
        /// Where the next receive reads.
        recvx: usize,
        /// Occupied slots in ring order, oldest first.
        buffer: Vec<SlotView>,
        /// Goroutines parked receiving.
        recvq: Vec<WaiterView>,
        /// Goroutines parked sending, with their values.
        sendq: Vec<WaiterView>,
        /// `close` was called.
        closed: bool,
        /// A timer's channel (time.After, NewTimer, NewTicker).
        timer: bool,
    },
    /// A sync.Mutex.
    Mutex {
        /// Someone holds it.
        locked: bool,
        /// Who holds it.
        holder: Option<Gid>,
        /// Goroutines queued on its semaphore, in wake order.
        waiters: Vec<Gid>,
        /// In starvation mode (a waiter waited over 1 ms).
        starving: bool,
    },
    /// A sync.RWMutex.
    RWMutex {
        /// The goroutine holding the write lock.
        writer: Option<Gid>,
        /// Goroutines holding read locks.
        readers: Vec<Gid>,
        /// `readerCount` (negative while a writer is pending).
        reader_count: i32,
        /// `readerWait`: readers the pending writer waits for.
        reader_wait: i32,
        /// Readers parked behind a writer.
        queued_readers: Vec<Gid>,
        /// Writers parked.
        queued_writers: Vec<Gid>,
    },
    /// A sync.WaitGroup.
    WaitGroup {
        /// The counter.
        counter: i32,
        /// Goroutines parked in `Wait`.
        waiters: Vec<Gid>,
    },
    /// A sync.Cond's notify list: (goroutine, ticket) per waiter.
    Cond {
        /// The next ticket `Wait` hands out.
        wait_ticket: u32,
        /// The next ticket to be notified.
        notify_ticket: u32,
        /// Parked goroutines with their tickets.
        waiters: Vec<(Gid, u32)>,
    },
    /// A sync.Once held in a variable (Once is plain Go over a Mutex, so it
    /// has no runtime object of its own; its id counts down from
    /// `ObjId::MAX`).
    Once {
        /// `Do` has run (even if its function panicked).
        done: bool,
    },
    /// A sync.Map with its two maps, counted and weighed; only the first
    /// [`MAP_ENTRIES_SHOWN`] entries of each are rendered.
    SyncMap {
        /// The first entries of `read.m`, which readers see without the
        /// lock, in key order.
        read: Vec<MapEntryView>,
        /// `len(read.m)`.
        read_len: usize,
        /// The first entries of `dirty`, the map writers fill, if it is
        /// not nil.
        dirty: Option<Vec<MapEntryView>>,
        /// `len(dirty)`.
        dirty_len: usize,
        /// Loads that missed `read` since it was last promoted.
        misses: usize,
        /// `dirty` holds keys `read` does not.
        amended: bool,
        /// The memory it holds.
        memory: MapMemory,
    },
}

/// One key of a sync.Map and its entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapEntryView {
    /// The key as `%v` prints it, long values elided (`[1000]int{7, 0, …}`).
    pub key: String,
    /// The value, while the entry is live.
    pub value: Option<String>,
    /// Deleted and left out of `dirty` (`expunged`); a deleted entry
    /// otherwise has no value and is not expunged.
    pub expunged: bool,
}

/// The memory a sync.Map holds: estimated bytes of its keys (held for as
/// long as either map refers to them, deleted or not) and live values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapMemory {
    /// Bytes `read.m`'s keys and values hold.
    pub read_bytes: u64,
    /// Bytes `dirty`'s keys and values hold.
    pub dirty_bytes: u64,
    /// Bytes held in all (entries both maps share count once).
    pub held_bytes: u64,
    /// Deleted keys only `dirty` still holds: Go 1.15's `Delete` left them
    /// there (its memory leak); no later release does.
    pub deleted_in_dirty: usize,
    /// The bytes those keys hold.
    pub deleted_in_dirty_bytes: u64,
    /// Mutating operations (Store, Delete, ...) so far.
    pub ops: u64,
    /// (operations so far, bytes held then) over the map's life, bounded.
    pub history: Vec<(u64, u64)>,
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
/// Where a timer is in its life.
pub enum TimerState {
    /// Not fired yet.
    Pending,
    /// `Stop` was called before it fired.
    Stopped,
    /// It fired.
    Fired,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// A timer in the runtime's heap.
pub struct TimerView {
    /// The timer's id.
    pub id: u64,
    /// When it fires, in virtual ns.
    pub when_ns: i64,
    /// A ticker's period (0 for a one-shot timer).
    pub period_ns: i64,
    /// What it does when it fires.
    pub kind: TimerKind,
    /// Pending, stopped or fired.
    pub state: TimerState,
    /// The channel it sends on.
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
    /// main returned, with no goroutine left behind, while memory the
    /// program deleted stayed held: a sync.Map's `dirty` kept deleted keys
    /// (Go 1.15's `Delete`). See [`EndingView::retained`].
    MemoryLeak,
    /// Every goroutine was asleep: `fatal error: all goroutines are asleep`.
    Deadlock,
    /// An unrecovered panic.
    Panic,
    /// Another fatal error (an unlock of an unlocked mutex, say).
    FatalError,
    /// A budget stopped the run (see [`Budget`]).
    BudgetExhausted,
    /// Nothing could run and goroutines were parked in `IO wait` with no
    /// timer pending: real Go blocks forever in the netpoller here (a server
    /// waiting in `Accept`), which is not a deadlock.
    IoWait,
}

impl OutcomeClass {
    /// A short stable name (CSS classes, data attributes, JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeClass::Finished => "finished",
            OutcomeClass::LeakedGoroutines => "leak",
            OutcomeClass::MemoryLeak => "memory-leak",
            OutcomeClass::Deadlock => "deadlock",
            OutcomeClass::Panic => "panic",
            OutcomeClass::FatalError => "fatal",
            OutcomeClass::BudgetExhausted => "budget",
            OutcomeClass::IoWait => "io-wait",
        }
    }
}

/// Which of the simulator's budgets stopped a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Budget {
    /// The step budget: the program does not terminate.
    Steps,
    /// The heap budget.
    Memory,
    /// Too many goroutines.
    Goroutines,
    /// Too much output.
    Output,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// How a run ended.
pub struct EndingView {
    /// How it ended.
    pub class: OutcomeClass,
    /// Set when `class` is `BudgetExhausted`.
    pub budget: Option<Budget>,
    /// The exit status, once main returned or the program crashed.
    pub exit_code: Option<i32>,
    /// Goroutines still blocked or runnable when main returned.
    pub leaked: Vec<LeakView>,
    /// Go's first line of the crash (`panic: ...`, `fatal error: ...`), or
    /// the simulator's sentence for a budget; empty when main returned.
    pub message: String,
    /// For a memory leak: the sync.Maps still holding deleted keys.
    pub retained: Vec<RetainedView>,
}

/// Memory a finished program deleted but still holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetainedView {
    /// The sync.Map.
    pub object: ObjId,
    /// The variable that names it.
    pub name: Option<String>,
    /// Deleted keys its `dirty` still holds.
    pub keys: usize,
    /// The bytes they hold.
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// A goroutine still blocked or runnable when main returned.
pub struct LeakView {
    /// The leaked goroutine.
    pub g: Gid,
    /// The line of the `go` statement that started it.
    pub created_line: Option<u32>,
    /// What it waits for (none if it was runnable): one of Go's fixed
    /// words, borrowed, since a program may leak a hundred thousand.
    pub wait_reason: Option<Cow<'static, str>>,
}

/// One thing a step did, by goroutine `g` at `line`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    /// The goroutine that did it.
    pub g: Gid,
    /// Where, if in the user's code.
    pub line: Option<u32>,
    /// What it did.
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
/// What one step did.
pub enum EventKind {
    /// A `go` statement started goroutine `child`.
    Go {
        /// The new goroutine.
        child: Gid,
    },
    /// A value was sent on `chan`.
    Send {
        /// The channel.
        chan: ObjId,
        /// The value, as `%v` prints it.
        value: String,
    },
    /// `ok` is false for a receive from a closed, empty channel.
    Recv {
        /// The channel.
        chan: ObjId,
        /// The value received, as `%v` prints it.
        value: String,
        /// `false` for the zero value of a closed, empty channel.
        ok: bool,
    },
    /// `close(chan)`.
    Close {
        /// The channel.
        chan: ObjId,
    },
    /// The goroutine parked: on `object` (none for a select, which parks on
    /// several), for `reason` (`reason.as_go_str()` is Go's words).
    Park {
        /// The object, if one.
        object: Option<ObjId>,
        /// Why, as Go's `waitReason`.
        reason: WaitReason,
    },
    /// A sync operation (`op` is the Go method: `Lock`, `Wait`, ...).
    Sync {
        /// The sync object.
        object: ObjId,
        /// The method (`Lock`, `Wait`, ...).
        op: String,
    },
    /// `time.Sleep` for `duration` (Go's Duration text).
    Sleep {
        /// How long, as Go prints a Duration.
        duration: String,
    },
    /// The goroutine returned.
    Exit,
    /// A panic began in the goroutine (deferred calls run next).
    Panic {
        /// What `panic:` prints for it (`runtime error: ...` included).
        value: String,
    },
    /// A deferred call's `recover()` stopped the panic.
    Recovered {
        /// The value recover returned, as `panic:` would have printed it.
        value: String,
    },
    /// The virtual clock reached a timer, which fired; the event's
    /// goroutine is 0 (the runtime, not a goroutine).
    TimerFired {
        /// The channel it sent the time on (After, NewTimer, Ticker).
        chan: Option<ObjId>,
        /// The goroutine whose Sleep it ended.
        sleeper: Option<Gid>,
        /// It started AfterFunc's function in a new goroutine.
        after_func: bool,
    },
    /// A read or accept (or, with `write`, a write or connect) on `fd`
    /// would get EAGAIN: the goroutine parks on the pollDesc's `rg` (`wg`)
    /// with wait reason `IO wait` (runtime `netpollblock`).
    IoWait {
        /// The file descriptor.
        fd: u32,
        /// The write side (`wg`) rather than the read side (`rg`).
        write: bool,
    },
    /// The scheduler, looking for work, called `netpoll`: epoll reported
    /// `events` and `netpollready` readied `readied`, in the order they run.
    /// The event's goroutine is 0 (the runtime).
    Netpoll {
        /// `(fd, epoll event bits)` as `epoll_wait` returned them.
        events: Vec<(u32, u32)>,
        /// The goroutines made runnable.
        readied: Vec<Gid>,
    },
    /// A select went ahead.
    Select {
        /// The case taken (0-based, in source order); none for `default`.
        case: Option<usize>,
        /// How many cases the select has (default not counted).
        cases: usize,
        /// How many were ready when it looked; Go picks one of them at
        /// random. 0 when it had parked and a channel operation woke it.
        ready: usize,
    },
}

impl EventView {
    /// The object the event is about, if one.
    pub fn object(&self) -> Option<ObjId> {
        match &self.kind {
            EventKind::Send { chan, .. } | EventKind::Recv { chan, .. } => Some(*chan),
            EventKind::Close { chan } => Some(*chan),
            EventKind::Park { object, .. } => *object,
            EventKind::Sync { object, .. } => Some(*object),
            EventKind::TimerFired { chan, .. } => *chan,
            EventKind::Go { .. }
            | EventKind::Sleep { .. }
            | EventKind::Exit
            | EventKind::Panic { .. }
            | EventKind::Recovered { .. }
            | EventKind::Select { .. }
            | EventKind::IoWait { .. }
            | EventKind::Netpoll { .. } => None,
        }
    }
}

/// A race Go's detector would report: two accesses, neither ordered before
/// the other, at least one a write.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RaceReport {
    /// What was accessed: a variable name, or "sync.WaitGroup".
    pub what: String,
    /// The goroutine of the earlier access.
    pub first_g: Gid,
    /// Its line.
    pub first_line: u32,
    /// It wrote.
    pub first_write: bool,
    /// The goroutine of the later access.
    pub second_g: Gid,
    /// Its line.
    pub second_line: u32,
    /// It wrote.
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
