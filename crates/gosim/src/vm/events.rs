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
}
