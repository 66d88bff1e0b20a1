//! The descriptor reserve: how a server out of descriptors (EMFILE) still drains its accept
//! queues, correctly for any number of event loops.
//!
//! It owns one spare descriptor per server and the lock that every descriptor allocation of
//! the server goes through. It must not hold that lock across anything that can block (only
//! non-blocking `accept4`, `open` and `close` run under it), and it never decides what a
//! connection is for: callers get an accepted descriptor or a verdict.
//!
//! # Why a lock, and why this one
//!
//! The trick is old (libev, nginx, Go's tests of it): keep a spare descriptor; when `accept4`
//! fails with EMFILE, close the spare, accept one pending connection into the freed slot, close
//! that connection at once (the client sees a close, not a hang), and reopen the spare. With
//! one thread it works. With several loops it does not, because the loops share one descriptor
//! table: between "close the spare" and "accept", another loop's `accept4` can take the freed
//! slot. Then our accept fails again, reopening the spare fails too, and the loop that gave up
//! its spare parks on an edge-triggered listener with connections still queued. Nothing ever
//! wakes it for them: in 6 of 8 runs with 8 loops, 35 to 759 connections hung.
//!
//! What guarantees progress is that the freed slot cannot be taken by anyone else. So every
//! descriptor the server allocates (each loop's `accept4`, the trace viewer's accepts, the spare
//! itself) is allocated while holding this lock *shared*, and shedding holds it *exclusive*.
//! Inside the exclusive section exactly one slot is free and nothing of ours can allocate, so:
//! if a connection is pending, `accept4` gets it (it cannot fail with EMFILE), and reopening the
//! spare gets the same slot back (it cannot fail either). Each EMFILE on a loop whose queue is
//! not empty therefore sheds one connection from *that loop's own* queue, whatever the other
//! loops do, and the spare is never lost. The loop keeps accepting until `accept4` says EAGAIN,
//! so its queue drains completely and edge-triggered parking is safe again.
//!
//! Alternatives considered: one spare per loop (the bug above); re-arming a starved loop's
//! listener when another loop frees a descriptor (a loop can still lose its spare and wait
//! forever if descriptors are held by long-lived connections and none is freed); a level-
//! triggered listener (spins at the limit). The price of this design is one uncontended
//! reader-lock acquisition per accepted connection, next to a syscall that costs far more; the
//! per-message path takes no lock.
//!
//! The guarantee covers descriptors the server allocates. A process embedding the server that
//! opens descriptors of its own on other threads can still take the slot; then the loop parks
//! as before and [`FdReserve::shed_one`] tries to reopen the spare on the next EMFILE.

use crate::sys;
use std::io;
use std::net::SocketAddrV4;
use std::os::fd::{OwnedFd, RawFd};
use std::sync::{PoisonError, RwLock};

/// What [`FdReserve::shed_one`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shed {
    /// A pending connection was accepted and closed at once.
    Shed,
    /// The accept queue was empty (Linux reports EMFILE before it looks at the queue).
    NothingPending,
    /// No spare descriptor could be had: something outside the reserve took the slot.
    NoSpare,
    /// `accept4` failed for another reason (for example the connection died in the queue).
    Failed,
}

/// The spare descriptor and the lock around every descriptor allocation of one server.
pub struct FdReserve {
    spare: RwLock<Option<OwnedFd>>,
}

impl FdReserve {
    /// Opens the spare. Fails if the process is already out of descriptors: a server started
    /// without its spare could not shed connections.
    pub fn new() -> io::Result<FdReserve> {
        let spare = sys::open_reserve().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot open the spare descriptor kept for EMFILE: {e}"),
            )
        })?;
        Ok(FdReserve {
            spare: RwLock::new(Some(spare)),
        })
    }

    /// `accept4` on a non-blocking listener, as an allocation that cannot race a shed.
    pub fn accept(&self, listener: RawFd) -> io::Result<(OwnedFd, SocketAddrV4)> {
        self.allocate(|| sys::accept(listener))
    }

    /// Runs `f`, which allocates descriptors without blocking, under the shared lock.
    pub fn allocate<T>(&self, f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        // A poisoned lock only means another thread panicked while holding it; the spare is
        // still a plain Option, valid either way.
        let _shared = self.spare.read().unwrap_or_else(PoisonError::into_inner);
        f()
    }

    /// Out of descriptors: under the exclusive lock, close the spare, accept one pending
    /// connection into its slot, close that connection, reopen the spare. See the module doc
    /// for why this always makes progress.
    pub fn shed_one(&self, listener: RawFd) -> Shed {
        let mut spare = self.spare.write().unwrap_or_else(PoisonError::into_inner);
        if spare.is_none() {
            // Lost to an allocation outside the reserve; a slot may have freed since.
            *spare = sys::open_reserve().ok();
            if spare.is_none() {
                return Shed::NoSpare;
            }
        }
        drop(spare.take());
        let verdict = match sys::accept(listener) {
            Ok((conn, _)) => {
                drop(conn);
                Shed::Shed
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Shed::NothingPending,
            Err(_) => Shed::Failed,
        };
        *spare = sys::open_reserve().ok();
        verdict
    }

    /// Whether the spare is held (it always is unless something outside took its slot).
    pub fn holds_spare(&self) -> bool {
        self.spare
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }
}
