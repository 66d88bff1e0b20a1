//! The concurrency runtime's data structures: run queue, channels, select,
//! semaphores, the `sync` primitives, timers and `sync.Map`, each modelled on
//! the Go runtime / `sync` source it names and using Go's vocabulary.
//!
//! This module owns *state and transitions only*. It is pure, generic over the
//! value type and does no I/O. It never runs user code and never blocks: every
//! operation returns an outcome that tells the VM what happened (completed,
//! park the calling goroutine with a [`WaitReason`], make these goroutines
//! ready in this order, or fail with Go's exact panic / fatal message). The VM
//! owns goroutines, stacks, values, the clock's advancement policy and every
//! scheduling choice.
//!
//! # The wake protocol
//!
//! A readied goroutine is always reported in the order Go calls `goready`; the
//! VM applies [`sched::RunQueue::ready`] (`runqput(next=true)`) to each one in
//! that order. When a parked goroutine runs again, the VM either
//!
//! * **has its result delivered** (channels, select, `sync.Cond`): the wake
//!   record carries the value / ok flag / "send on closed channel" verdict, and
//!   nothing more must be called on the primitive; or
//! * **resumes the operation** (`Mutex`, `RWMutex`, `WaitGroup`, [`sema::Sema`]):
//!   the VM calls the primitive's `*_resume` method for that goroutine, which
//!   may complete, park it again (a woken Mutex waiter that lost the race), or
//!   fail (`WaitGroup` reuse).
//!
//! Each primitive's docs say which of the two it uses.
//!
//! # Driving it like Go's GOMAXPROCS=1 scheduler
//!
//! tests/runtime_scenarios.rs is a small scripted VM doing exactly this, and
//! its output matches real Go 1.27 for the talk's cases 4, 6 and 7:
//!
//! 1. Start from [`sched::RunQueue::at_main_start`]; `go f()` is
//!    [`sched::RunQueue::ready`] of the new goroutine.
//! 2. Run the current goroutine until it parks, exits or must yield; apply
//!    every [`Wakes`] / [`chan::ChanWake`] as it is returned.
//! 3. Pick the next with [`sched::RunQueue::find_runnable`]; if it was
//!    parked on a resume-protocol primitive, call that primitive's resume
//!    method first (it may park again: pick another).
//! 4. Nothing runnable: advance the clock to
//!    [`timers::Timers::next_deadline`] and ready the payloads of
//!    [`timers::Timers::pop_all_due`] in order (or, for timer channels, do a
//!    non-blocking send of the firing's `when`). No deadline either: that
//!    is Go's "all goroutines are asleep - deadlock!".

pub mod chan;
pub mod cond;
pub mod mutex;
pub mod netpoll;
pub mod rwmutex;
pub mod sched;
pub mod select;
pub mod sema;
pub mod syncmap;
pub mod timers;
pub mod waitgroup;

use serde::{Deserialize, Serialize};

/// A goroutine id, as Go prints it in `goroutine N [...]` headers.
pub type Gid = u32;

/// A runtime object's id: its index in the VM's heap.
pub type ObjId = u32;

/// The invariant checks' "a goroutine waits (or is queued) at most once" is
/// checked only while at most this many wait, so that debug runs of programs
/// with thousands of goroutines stay fast.
const DISTINCT_CHECK_LIMIT: usize = 1024;

/// Whether no goroutine appears twice in `gids`.
fn all_distinct(mut gids: Vec<Gid>) -> bool {
    crate::util::order::sort(&mut gids);
    gids.windows(2).all(|w| w[0] != w[1])
}

/// Why a goroutine is parked; mirrors `waitReason` in runtime/runtime2.go.
///
/// Only the reasons a teaching program can reach are modelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WaitReason {
    /// `waitReasonChanSend`: blocked in a send on a non-nil channel.
    ChanSend,
    /// `waitReasonChanReceive`: blocked in a receive on a non-nil channel.
    ChanReceive,
    /// `waitReasonChanSendNilChan`: a send on a nil channel blocks forever.
    ChanSendNilChan,
    /// `waitReasonChanReceiveNilChan`: a receive on a nil channel blocks forever.
    ChanReceiveNilChan,
    /// `waitReasonSelect`: a select with at least one non-nil case.
    Select,
    /// `waitReasonSelectNoCases`: `select {}` or a select whose cases are all nil.
    SelectNoCases,
    /// `waitReasonSleep`: `time.Sleep`.
    Sleep,
    /// `waitReasonSemacquire`: a plain runtime semaphore (and, before Go 1.24,
    /// `sync.WaitGroup.Wait`).
    Semacquire,
    /// `waitReasonSyncMutexLock`: `sync.Mutex.Lock`, including the writer
    /// mutex `w` inside `sync.RWMutex.Lock`.
    SyncMutexLock,
    /// `waitReasonSyncRWMutexRLock`: a reader waiting for a pending writer.
    SyncRWMutexRLock,
    /// `waitReasonSyncRWMutexLock`: a writer waiting for readers to depart.
    SyncRWMutexLock,
    /// `waitReasonSyncWaitGroupWait` (Go 1.24+; earlier Go prints `semacquire`).
    SyncWaitGroupWait,
    /// `waitReasonSyncCondWait`: `sync.Cond.Wait`.
    SyncCondWait,
    /// `waitReasonIOWait`: blocked in the network poller.
    IoWait,
}

impl WaitReason {
    /// Go's exact words, as go1.27 prints them in goroutine headers
    /// (`goroutine 1 [chan send]:`); mirrors `waitReasonStrings`.
    pub fn as_go_str(self) -> &'static str {
        match self {
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::Sleep => "sleep",
            WaitReason::Semacquire => "semacquire",
            WaitReason::SyncMutexLock => "sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => "sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => "sync.RWMutex.Lock",
            WaitReason::SyncWaitGroupWait => "sync.WaitGroup.Wait",
            WaitReason::SyncCondWait => "sync.Cond.Wait",
            WaitReason::IoWait => "IO wait",
        }
    }

    /// The words a given Go 1.x minor release prints. `WaitGroup.Wait` parked
    /// on a plain `runtime_Semacquire` (`semacquire`) until Go 1.24 added
    /// `runtime_SemacquireWaitGroup`; every other reason is unchanged since 1.21.
    pub fn as_go_str_for(self, go_minor: u32) -> &'static str {
        if self == WaitReason::SyncWaitGroupWait && go_minor < 24 {
            return WaitReason::Semacquire.as_go_str();
        }
        self.as_go_str()
    }
}

/// A run-time failure raised by a primitive, with Go's exact message.
///
/// [`GoError::is_fatal`] tells a `panic` (recoverable, printed `panic: MSG`)
/// from a `fatal` / `throw` (not recoverable, deferred calls do not run,
/// printed `fatal error: MSG`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum GoError {
    /// chansend / selectgo on a closed channel (a `runtime.Error`).
    SendOnClosedChannel,
    /// closechan on a closed channel (a `runtime.Error`).
    CloseOfClosedChannel,
    /// closechan on a nil channel (a `runtime.Error`).
    CloseOfNilChannel,
    /// WaitGroup.Add took the counter below zero (a string panic).
    NegativeWaitGroupCounter,
    /// WaitGroup.Add(+n) from zero while waiters exist (a string panic).
    WaitGroupMisuseAddDuringWait,
    /// A woken WaitGroup waiter saw a non-zero state (a string panic).
    WaitGroupReused,
    /// Mutex.Unlock of an unlocked mutex (fatal).
    UnlockOfUnlockedMutex,
    /// RWMutex.RUnlock without a matching RLock (fatal).
    RUnlockOfUnlockedRWMutex,
    /// RWMutex.Unlock without a matching Lock (fatal).
    UnlockOfUnlockedRWMutex,
}

impl GoError {
    /// The message exactly as Go prints it after `panic: ` or `fatal error: `.
    pub fn message(self) -> &'static str {
        match self {
            GoError::SendOnClosedChannel => "send on closed channel",
            GoError::CloseOfClosedChannel => "close of closed channel",
            GoError::CloseOfNilChannel => "close of nil channel",
            GoError::NegativeWaitGroupCounter => "sync: negative WaitGroup counter",
            GoError::WaitGroupMisuseAddDuringWait => {
                "sync: WaitGroup misuse: Add called concurrently with Wait"
            }
            GoError::WaitGroupReused => {
                "sync: WaitGroup is reused before previous Wait has returned"
            }
            GoError::UnlockOfUnlockedMutex => "sync: unlock of unlocked mutex",
            GoError::RUnlockOfUnlockedRWMutex => "sync: RUnlock of unlocked RWMutex",
            GoError::UnlockOfUnlockedRWMutex => "sync: Unlock of unlocked RWMutex",
        }
    }

    /// True for `fatal`/`throw` (unrecoverable), false for `panic`.
    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            GoError::UnlockOfUnlockedMutex
                | GoError::RUnlockOfUnlockedRWMutex
                | GoError::UnlockOfUnlockedRWMutex
        )
    }

    /// True when Go panics with a `runtime.Error` (the channel `plainError`s),
    /// false for the `sync` package's plain string panics and for fatals.
    /// It matters to `recover()`: `r.(error)` succeeds only for these.
    pub fn is_runtime_error(self) -> bool {
        matches!(
            self,
            GoError::SendOnClosedChannel
                | GoError::CloseOfClosedChannel
                | GoError::CloseOfNilChannel
        )
    }
}

/// Goroutines made runnable by an operation.
///
/// The VM applies `runqput(next=true)` ([`sched::RunQueue::ready`]) to each
/// of `ready` in order, so the last one ends up in `runnext`. When
/// `yield_now` is set the releasing goroutine must then give up the
/// processor at the back of the run queue ([`sched::RunQueue::yield_current`]),
/// mirroring `goyield` after a semaphore hand-off in `semrelease1`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Wakes {
    pub ready: Vec<Gid>,
    pub yield_now: bool,
}

impl Wakes {
    /// No goroutine readied, no yield.
    pub fn none() -> Self {
        Wakes::default()
    }

    fn absorb(&mut self, other: Wakes) {
        self.ready.extend(other.ready);
        self.yield_now |= other.yield_now;
    }
}

/// The outcome of a `sync` primitive operation (Mutex, RWMutex, WaitGroup,
/// Cond, semaphore).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum SyncOutcome {
    /// The operation completed; ready these goroutines (maybe none).
    Done(Wakes),
    /// The calling goroutine must park. When it is readied the VM calls the
    /// primitive's `*_resume` method (or, for `Cond`, simply continues).
    Park(WaitReason),
    /// Go panics or dies with this message in the calling goroutine.
    Fail(GoError),
}

impl SyncOutcome {
    /// `Done` with nobody readied.
    pub fn done() -> Self {
        SyncOutcome::Done(Wakes::none())
    }
}
