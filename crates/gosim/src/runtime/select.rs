//! `select` over [`Chan`]s, mirroring `selectgo` in runtime/select.go with
//! the random `pollorder` turned into an explicit scheduling choice.
//!
//! Go shuffles the cases and takes the first ready one, which picks
//! uniformly among the ready cases. Here the VM asks [`poll`] which cases are
//! ready *now*, lets its scheduler choose one (a numbered choice point; the
//! default schedule may take the first), and performs it with [`fire`]. If
//! none is ready it takes `default`, or calls [`park`], which queues a
//! sudog on every non-nil case channel (lock order is irrelevant in a
//! single-threaded VM). Nil cases are ignored. `select {}` parks forever as
//! `select (no cases)`; a select whose cases are all nil parks forever too,
//! but Go prints it as plain `select`.
//!
//! Wake protocol: **delivered**. A counterpart operation on one of the
//! channels wakes the goroutine with a [`ChanWake`] whose `select` names the
//! case that fired and whose `delivery` is its result. The VM must then call
//! [`cancel`] with the same cases, before any other channel operation, to
//! take the goroutine's remaining sudogs off the other channels (selectgo's
//! pass 3).
//!
//! A select with one case and no default is compiled by Go into a plain
//! channel operation (so it parks as `chan receive` / `chan send`, not
//! `select`); a select with one case and a default into a non-blocking one.
//! That lowering is the compiler's (the VM's) job, not this module's.
//!
//! This module does not evaluate case operands (the VM does, once, in source
//! order) and never owns channels: it reaches them through [`ChanTable`].

use serde::Serialize;

use super::chan::{Chan, ChanWake, RecvOutcome, RecvValue, SendOutcome};
use super::{Gid, GoError, WaitReason};

/// Where the VM keeps its channels. `None` for an id means the VM has no such
/// channel; it is treated like a nil channel (ignored).
pub trait ChanTable<C, V> {
    fn chan(&self, id: &C) -> Option<&Chan<V>>;
    fn chan_mut(&mut self, id: &C) -> Option<&mut Chan<V>>;
}

impl<V> ChanTable<usize, V> for Vec<Chan<V>> {
    fn chan(&self, id: &usize) -> Option<&Chan<V>> {
        self.get(*id)
    }
    fn chan_mut(&mut self, id: &usize) -> Option<&mut Chan<V>> {
        self.get_mut(*id)
    }
}

/// One `case` of a select, after its operands were evaluated.
/// `chan: None` is a nil channel.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Case<C, V> {
    Send { chan: Option<C>, value: V },
    Recv { chan: Option<C> },
}

impl<C, V> Case<C, V> {
    pub fn chan(&self) -> Option<&C> {
        match self {
            Case::Send { chan, .. } | Case::Recv { chan } => chan.as_ref(),
        }
    }
}

/// What a select can do right now.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Poll {
    /// These cases (indices, ascending) can proceed; the scheduler picks one
    /// uniformly and the VM calls [`fire`] with it.
    Ready(Vec<usize>),
    /// Nothing is ready and there is a `default`: take it.
    Default,
    /// Nothing is ready and there is no default: call [`park`].
    MustPark,
}

/// The result of a fired case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Fired<V> {
    pub case_index: usize,
    /// For a receive case: the value, or `Closed` (zero value, ok = false).
    pub received: Option<RecvValue<V>>,
    /// A goroutine readied by the operation.
    pub woke: Option<ChanWake<V>>,
}

/// Selectgo's first pass without its side effects: which cases are ready.
pub fn ready_cases<C, V: Clone>(cases: &[Case<C, V>], table: &impl ChanTable<C, V>) -> Vec<usize> {
    let mut ready = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let ok = match case {
            Case::Send { chan: Some(id), .. } => table.chan(id).is_some_and(|c| c.can_send_now()),
            Case::Recv { chan: Some(id) } => table.chan(id).is_some_and(|c| c.can_recv_now()),
            _ => false,
        };
        if ok {
            ready.push(i);
        }
    }
    ready
}

/// What the select should do now (see [`Poll`]).
pub fn poll<C, V: Clone>(
    cases: &[Case<C, V>],
    has_default: bool,
    table: &impl ChanTable<C, V>,
) -> Poll {
    let ready = ready_cases(cases, table);
    if !ready.is_empty() {
        return Poll::Ready(ready);
    }
    if has_default {
        Poll::Default
    } else {
        Poll::MustPark
    }
}

/// Perform the chosen ready case for goroutine `g` (selectgo's `send`,
/// `recv`, `bufsend`, `bufrecv`, `rclose`, `sclose` paths). A send case on a
/// closed channel panics "send on closed channel". `Ok(None)` means the case
/// was not ready after all (or out of range); nothing changed.
pub fn fire<C, V: Clone>(
    g: Gid,
    cases: &[Case<C, V>],
    case_index: usize,
    table: &mut impl ChanTable<C, V>,
) -> Result<Option<Fired<V>>, GoError> {
    let Some(case) = cases.get(case_index) else {
        return Ok(None);
    };
    match case {
        Case::Send {
            chan: Some(id),
            value,
        } => {
            let Some(c) = table.chan_mut(id) else {
                return Ok(None);
            };
            match c.send(g, value.clone(), false) {
                SendOutcome::Sent { woke } => Ok(Some(Fired {
                    case_index,
                    received: None,
                    woke,
                })),
                SendOutcome::Panic(e) => Err(e),
                SendOutcome::WouldBlock | SendOutcome::Parked(_) => Ok(None),
            }
        }
        Case::Recv { chan: Some(id) } => {
            let Some(c) = table.chan_mut(id) else {
                return Ok(None);
            };
            match c.recv(g, false) {
                RecvOutcome::Received { value, woke } => Ok(Some(Fired {
                    case_index,
                    received: Some(value),
                    woke,
                })),
                RecvOutcome::WouldBlock | RecvOutcome::Parked(_) => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// Selectgo's pass 2: queue a sudog for `g` on every non-nil case's channel,
/// in case order, and return the reason to park with. Only `select {}` (no
/// cases at all, Go's `block()`) parks as `select (no cases)`; a select
/// whose cases are all nil still parks as `select`, as real Go prints it.
pub fn park<C, V: Clone>(
    g: Gid,
    cases: &[Case<C, V>],
    table: &mut impl ChanTable<C, V>,
) -> WaitReason {
    for (i, case) in cases.iter().enumerate() {
        match case {
            Case::Send {
                chan: Some(id),
                value,
            } => {
                if let Some(c) = table.chan_mut(id) {
                    c.enqueue_select_send(g, value.clone(), i);
                }
            }
            Case::Recv { chan: Some(id) } => {
                if let Some(c) = table.chan_mut(id) {
                    c.enqueue_select_recv(g, i);
                }
            }
            _ => {}
        }
    }
    if cases.is_empty() {
        WaitReason::SelectNoCases
    } else {
        WaitReason::Select
    }
}

/// Selectgo's pass 3: remove every remaining sudog of `g` from the cases'
/// channels. Idempotent.
pub fn cancel<C, V: Clone>(g: Gid, cases: &[Case<C, V>], table: &mut impl ChanTable<C, V>) {
    for case in cases {
        if let Some(c) = case.chan().and_then(|id| table.chan_mut(id)) {
            c.remove_waiter(g);
        }
    }
}
