//! The structured trace of what the event loop asks of the kernel: every `epoll_ctl`, every
//! `epoll_wait` return with its ready descriptors, and the scheduling steps around them
//! (accept, park, ready, close).
//!
//! `TraceEvent` is a plain value: it renders as one text line through `Display` (what
//! `--trace` prints) and serializes with serde (one JSON object with a `"type"`, what
//! `--trace-ws` and `--trace-file` send; the rest of that schema is in `wire.rs`).
//! This module owns only the event types, their renderings and the sink interface; it never
//! writes anywhere itself. Delivery goes through a [`Trace`] implementation the embedder
//! supplies.

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// Receives trace events from the event loops. Any `Fn(&TraceEvent) + Send + Sync` is one.
///
/// The loop asks [`Trace::wants`] before it builds an event, so a sink that has nowhere to
/// put events (no viewer, or every viewer's queue full) costs the loop one call and no
/// allocation. It is called on the loop's own thread and must never block.
pub trait Trace: Send + Sync {
    /// Whether loop `loop_id` should build its next event. A sink that says no may count
    /// the event as dropped.
    fn wants(&self, loop_id: usize) -> bool {
        let _ = loop_id;
        true
    }
    /// One event, in the order its loop produced it.
    fn record(&self, event: &TraceEvent);
}

impl<F: Fn(&TraceEvent) + Send + Sync> Trace for F {
    fn record(&self, event: &TraceEvent) {
        self(event)
    }
}

/// Where trace events go. The loop builds an event only when a sink is installed and wants it.
pub type TraceSink = Arc<dyn Trace>;

/// Sends each event to both sinks, each only if it wanted it (for example `--trace` and
/// `--trace-ws` at once). `loops` is the number of event loops that will call it.
pub fn tee(a: TraceSink, b: TraceSink, loops: usize) -> TraceSink {
    /// Which of the two sinks wanted the event a loop is building: each loop runs `wants`
    /// then `record` on its own thread, so a slot per loop is never shared.
    struct Tee {
        a: TraceSink,
        b: TraceSink,
        wanted: Box<[AtomicU8]>,
    }
    impl Tee {
        fn slot(&self, loop_id: usize) -> &AtomicU8 {
            &self.wanted[loop_id % self.wanted.len()]
        }
    }
    impl Trace for Tee {
        fn wants(&self, loop_id: usize) -> bool {
            // Both are asked, so that each can count what it misses.
            let (a, b) = (self.a.wants(loop_id), self.b.wants(loop_id));
            self.slot(loop_id)
                .store(a as u8 | (b as u8) << 1, Ordering::Relaxed);
            a || b
        }
        fn record(&self, event: &TraceEvent) {
            let wanted = self.slot(event.loop_id()).load(Ordering::Relaxed);
            if wanted & 1 != 0 {
                self.a.record(event);
            }
            if wanted & 2 != 0 {
                self.b.record(event);
            }
        }
    }
    Arc::new(Tee {
        a,
        b,
        wanted: (0..loops.max(1)).map(|_| AtomicU8::new(0)).collect(),
    })
}

/// A set of epoll event bits (`EPOLLIN`, `EPOLLOUT`, ...). Renders as `EPOLLIN|EPOLLOUT` and
/// serializes as a list of those names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSet(pub u32);

const EVENT_NAMES: [(u32, &str); 7] = [
    (libc::EPOLLIN as u32, "EPOLLIN"),
    (libc::EPOLLOUT as u32, "EPOLLOUT"),
    (libc::EPOLLRDHUP as u32, "EPOLLRDHUP"),
    (libc::EPOLLPRI as u32, "EPOLLPRI"),
    (libc::EPOLLERR as u32, "EPOLLERR"),
    (libc::EPOLLHUP as u32, "EPOLLHUP"),
    (libc::EPOLLET as u32, "EPOLLET"),
];

impl EventSet {
    /// The names of the bits that are set, in a fixed order.
    pub fn names(self) -> Vec<&'static str> {
        EVENT_NAMES
            .iter()
            .filter(|(bit, _)| self.0 & bit != 0)
            .map(|&(_, name)| name)
            .collect()
    }
}

impl fmt::Display for EventSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.names();
        if names.is_empty() {
            return write!(f, "0");
        }
        write!(f, "{}", names.join("|"))
    }
}

impl Serialize for EventSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = self.names();
        let mut seq = s.serialize_seq(Some(names.len()))?;
        for n in names {
            seq.serialize_element(n)?;
        }
        seq.end()
    }
}

/// Which `epoll_ctl` operation ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CtlOp {
    #[serde(rename = "EPOLL_CTL_ADD")]
    Add,
    #[serde(rename = "EPOLL_CTL_MOD")]
    Mod,
    #[serde(rename = "EPOLL_CTL_DEL")]
    Del,
}

impl fmt::Display for CtlOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CtlOp::Add => "EPOLL_CTL_ADD",
            CtlOp::Mod => "EPOLL_CTL_MOD",
            CtlOp::Del => "EPOLL_CTL_DEL",
        })
    }
}

/// Which half of a `pollDesc` a task parks on: `rg` (read) or `wg` (write).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PollMode {
    Read,
    Write,
}

impl fmt::Display for PollMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PollMode::Read => "rg",
            PollMode::Write => "wg",
        })
    }
}

/// What told a task to park.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkCause {
    /// The syscall returned EAGAIN, as in Go.
    Eagain,
    /// A read returned less than asked with no FIN pending: the queue is drained.
    ShortRead,
}

impl fmt::Display for ParkCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParkCause::Eagain => "EAGAIN",
            ParkCause::ShortRead => "short read",
        })
    }
}

/// Which data syscall a task made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IoOp {
    Read,
    Write,
}

impl fmt::Display for IoOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IoOp::Read => "read",
            IoOp::Write => "write",
        })
    }
}

/// Why a connection was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// The peer closed its write side (read returned 0) and everything was echoed.
    Eof,
    /// `--mode once`: one read was echoed back.
    OnceDone,
    /// The peer reset the connection (ECONNRESET, EPIPE or EPOLLERR).
    Reset,
    /// Another socket error.
    Error,
    /// The server is shutting down.
    Shutdown,
    /// Accepted while out of descriptors, and closed at once to drain the backlog.
    Shed,
}

impl fmt::Display for CloseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CloseReason::Eof => "eof",
            CloseReason::OnceDone => "once-done",
            CloseReason::Reset => "reset",
            CloseReason::Error => "error",
            CloseReason::Shutdown => "shutdown",
            CloseReason::Shed => "shed",
        })
    }
}

/// One descriptor in an `epoll_wait` result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadyFd {
    pub fd: i32,
    pub events: EventSet,
}

/// One step of an event loop, as the kernel and the Go runtime would name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TraceEvent {
    /// `epoll_create1` ran once for this loop (Go: `netpollinit`).
    EpollCreate { loop_id: usize, epfd: i32 },
    /// `epoll_ctl` ran (Go: `netpollopen` on listen and accept).
    EpollCtl {
        loop_id: usize,
        epfd: i32,
        op: CtlOp,
        fd: i32,
        events: EventSet,
    },
    /// `epoll_wait` returned (Go: `netpoll`).
    EpollWait {
        loop_id: usize,
        epfd: i32,
        timeout_ms: i32,
        ready: Vec<ReadyFd>,
    },
    /// `accept4` returned a connection; a task was created for it (Go: `go handleConn(conn)`).
    Accept {
        loop_id: usize,
        listener: i32,
        fd: i32,
        peer: String,
    },
    /// Out of descriptors: the reserve fd was closed, one connection accepted and closed at once.
    AcceptShed {
        loop_id: usize,
        listener: i32,
        errno: String,
    },
    /// A task's `read` or `write` returned: `ret` bytes, or -1 with `errno` (Go: the syscall in
    /// `poll.FD.Read`/`Write`, tried before any parking).
    Io {
        loop_id: usize,
        fd: i32,
        op: IoOp,
        /// Bytes asked for.
        len: usize,
        ret: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        errno: Option<String>,
    },
    /// A task parked on `rg` or `wg` (Go: `netpollblock` → `gopark`).
    Park {
        loop_id: usize,
        fd: i32,
        mode: PollMode,
        cause: ParkCause,
    },
    /// A parked task was made runnable by readiness (Go: `netpollready` → `netpollunblock`).
    Ready {
        loop_id: usize,
        fd: i32,
        mode: PollMode,
    },
    /// A connection was closed, which also removes it from the epoll set.
    Close {
        loop_id: usize,
        fd: i32,
        reason: CloseReason,
    },
    /// A signal or a shutdown request arrived; the loop closes everything and stops.
    Shutdown { loop_id: usize, cause: String },
}

impl TraceEvent {
    /// The event loop that produced the event.
    pub fn loop_id(&self) -> usize {
        match self {
            TraceEvent::EpollCreate { loop_id, .. }
            | TraceEvent::EpollCtl { loop_id, .. }
            | TraceEvent::EpollWait { loop_id, .. }
            | TraceEvent::Accept { loop_id, .. }
            | TraceEvent::AcceptShed { loop_id, .. }
            | TraceEvent::Io { loop_id, .. }
            | TraceEvent::Park { loop_id, .. }
            | TraceEvent::Ready { loop_id, .. }
            | TraceEvent::Close { loop_id, .. }
            | TraceEvent::Shutdown { loop_id, .. } => *loop_id,
        }
    }

    /// Events that change which descriptors exist (a few per connection lifetime), as
    /// opposed to the per-message ones (`epoll_wait`, `io`, `park`, `ready`). A capped
    /// recording keeps all of these, so a replay always knows the set of open descriptors.
    pub fn is_structural(&self) -> bool {
        !matches!(
            self,
            TraceEvent::EpollWait { .. }
                | TraceEvent::Io { .. }
                | TraceEvent::Park { .. }
                | TraceEvent::Ready { .. }
        )
    }
}

impl fmt::Display for TraceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceEvent::EpollCreate { loop_id, epfd } => {
                write!(f, "[loop {loop_id}] epoll_create1(EPOLL_CLOEXEC) = {epfd}")
            }
            TraceEvent::EpollCtl {
                loop_id,
                epfd,
                op,
                fd,
                events,
            } => {
                write!(
                    f,
                    "[loop {loop_id}] epoll_ctl({epfd}, {op}, fd={fd}, {events}) = 0"
                )
            }
            TraceEvent::EpollWait {
                loop_id,
                epfd,
                timeout_ms,
                ready,
            } => {
                write!(
                    f,
                    "[loop {loop_id}] epoll_wait({epfd}, timeout={timeout_ms}) = {} [",
                    ready.len()
                )?;
                for (i, r) in ready.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "fd={} {}", r.fd, r.events)?;
                }
                f.write_str("]")
            }
            TraceEvent::Accept {
                loop_id,
                listener,
                fd,
                peer,
            } => {
                write!(f, "[loop {loop_id}] accept4({listener}) = {fd} from {peer}")
            }
            TraceEvent::AcceptShed {
                loop_id,
                listener,
                errno,
            } => {
                write!(f, "[loop {loop_id}] accept4({listener}) = {errno}: closed reserve fd, accepted and closed one, reopened reserve")
            }
            TraceEvent::Io {
                loop_id,
                fd,
                op,
                len,
                ret,
                errno,
            } => {
                write!(f, "[loop {loop_id}] {op}({fd}, {len}) = {ret}")?;
                if let Some(e) = errno {
                    write!(f, " {e}")?;
                }
                Ok(())
            }
            TraceEvent::Park {
                loop_id,
                fd,
                mode,
                cause,
            } => {
                write!(f, "[loop {loop_id}] gopark fd={fd} on {mode} ({cause})")
            }
            TraceEvent::Ready { loop_id, fd, mode } => {
                write!(f, "[loop {loop_id}] netpollready fd={fd} {mode} -> runq")
            }
            TraceEvent::Close {
                loop_id,
                fd,
                reason,
            } => {
                write!(f, "[loop {loop_id}] close({fd}) ({reason})")
            }
            TraceEvent::Shutdown { loop_id, cause } => {
                write!(f, "[loop {loop_id}] shutdown: {cause}")
            }
        }
    }
}

/// The symbolic name of an errno the loop meets, for traces and summaries.
pub fn errno_name(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::EAGAIN) => "EAGAIN".into(),
        Some(libc::EINTR) => "EINTR".into(),
        Some(libc::ECONNRESET) => "ECONNRESET".into(),
        Some(libc::EPIPE) => "EPIPE".into(),
        Some(libc::EMFILE) => "EMFILE".into(),
        Some(libc::ENFILE) => "ENFILE".into(),
        Some(libc::ETIMEDOUT) => "ETIMEDOUT".into(),
        Some(n) => format!("errno {n}"),
        None => e.to_string(),
    }
}

/// The trace event for one `read`/`write` result.
pub fn io_event(
    loop_id: usize,
    fd: i32,
    op: IoOp,
    len: usize,
    r: &std::io::Result<usize>,
) -> TraceEvent {
    match r {
        Ok(n) => TraceEvent::Io {
            loop_id,
            fd,
            op,
            len,
            ret: *n as i64,
            errno: None,
        },
        Err(e) => TraceEvent::Io {
            loop_id,
            fd,
            op,
            len,
            ret: -1,
            errno: Some(errno_name(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_events_render_like_strace() {
        let ok = io_event(0, 8, IoOp::Read, 16384, &Ok(5));
        assert_eq!(ok.to_string(), "[loop 0] read(8, 16384) = 5");
        let again = io_event(
            1,
            8,
            IoOp::Write,
            64,
            &Err(std::io::Error::from_raw_os_error(libc::EAGAIN)),
        );
        assert_eq!(again.to_string(), "[loop 1] write(8, 64) = -1 EAGAIN");
    }

    #[test]
    fn a_tee_records_to_each_sink_only_what_it_wanted() {
        use std::sync::atomic::AtomicUsize;
        struct Picky {
            wants_loop: usize,
            asked: AtomicUsize,
            got: AtomicUsize,
        }
        impl Trace for Picky {
            fn wants(&self, loop_id: usize) -> bool {
                self.asked.fetch_add(1, Ordering::Relaxed);
                loop_id == self.wants_loop
            }
            fn record(&self, _: &TraceEvent) {
                self.got.fetch_add(1, Ordering::Relaxed);
            }
        }
        let picky = |wants_loop| {
            Arc::new(Picky {
                wants_loop,
                asked: AtomicUsize::new(0),
                got: AtomicUsize::new(0),
            })
        };
        let (a, b) = (picky(0), picky(1));
        let t = tee(a.clone(), b.clone(), 2);
        for loop_id in [0, 1, 1] {
            if t.wants(loop_id) {
                t.record(&TraceEvent::Shutdown {
                    loop_id,
                    cause: "test".into(),
                });
            }
        }
        let counts = |p: &Picky| {
            (
                p.asked.load(Ordering::Relaxed),
                p.got.load(Ordering::Relaxed),
            )
        };
        assert_eq!(counts(&a), (3, 1), "both sinks are asked every time");
        assert_eq!(counts(&b), (3, 2), "each records only what it wanted");
    }

    #[test]
    fn event_set_renders_names_in_fixed_order() {
        let set =
            EventSet((libc::EPOLLET | libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLOUT) as u32);
        assert_eq!(set.to_string(), "EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET");
        assert_eq!(EventSet(0).to_string(), "0");
    }

    #[test]
    fn epoll_wait_renders_ready_fds() {
        let ev = TraceEvent::EpollWait {
            loop_id: 0,
            epfd: 3,
            timeout_ms: -1,
            ready: vec![
                ReadyFd {
                    fd: 5,
                    events: EventSet(libc::EPOLLIN as u32),
                },
                ReadyFd {
                    fd: 7,
                    events: EventSet((libc::EPOLLIN | libc::EPOLLRDHUP) as u32),
                },
            ],
        };
        assert_eq!(
            ev.to_string(),
            "[loop 0] epoll_wait(3, timeout=-1) = 2 [fd=5 EPOLLIN, fd=7 EPOLLIN|EPOLLRDHUP]"
        );
    }
}
