//! The event log: one entry per visible operation (who did what to which
//! object, where), so a UI can narrate a step in a sentence and animate it.
//!
//! Owns only the event vocabulary; the machine appends events as it runs.

use super::value::{ObjId, Value};
use crate::runtime::{Gid, WaitReason};
use crate::syntax::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub g: Gid,
    pub span: Span,
    pub kind: EventKind,
}

impl Event {
    pub fn new(g: Gid, span: Span, kind: EventKind) -> Event {
        Event { g, span, kind }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    Go {
        child: Gid,
    },
    Send {
        chan: ObjId,
        value: Value,
    },
    Recv {
        chan: ObjId,
        value: Value,
        ok: bool,
    },
    Close {
        chan: ObjId,
    },
    /// The goroutine parked on an object (None: several, as in select).
    Park {
        obj: Option<ObjId>,
        reason: WaitReason,
    },
    /// A library call on a sync object (Lock, Unlock, Add, Wait, ...).
    Sync {
        obj: ObjId,
        op: &'static str,
    },
    Sleep {
        until: i64,
    },
    Exit,
    /// A panic began; `text` is what `panic:` prints for its value.
    Panic {
        text: String,
    },
    /// `recover()` stopped the panic whose value prints as `text`.
    Recovered {
        text: String,
    },
    /// A timer fired (recorded with goroutine 0, the runtime).
    TimerFired {
        chan: Option<ObjId>,
        sleeper: Option<Gid>,
        after_func: bool,
    },
    /// A read (or write) on `fd` would block: the goroutine parks on the
    /// pollDesc's `rg` (`wg`).
    IoWait {
        fd: u32,
        write: bool,
    },
    /// The scheduler's `netpoll` took `events` (fd, epoll bits) from the
    /// ready list and readied these goroutines (recorded with goroutine 0).
    Netpoll {
        events: Vec<(u32, u32)>,
        readied: Vec<Gid>,
    },
    /// A select went ahead with `case` (None: default) of `cases`, having
    /// found `ready` ready (0 when woken after parking).
    Select {
        case: Option<usize>,
        cases: usize,
        ready: usize,
    },
}
