//! The network poller: each fd's `pollDesc` (runtime/netpoll.go) and one
//! edge-triggered epoll instance (runtime/netpoll_epoll.go), with the
//! interest list and the ready list the kernel keeps.
//!
//! Owns readiness only: which fds are registered, which became ready since
//! the last `netpoll`, and who is parked on each `rg`/`wg`. It never holds
//! payload bytes (the simulated kernel's socket buffers live in the Go
//! prelude's `net` package) and never readies a goroutine itself: every
//! operation returns the goroutines the VM must make runnable, in the order
//! Go would. Deadlines are instants on the VM's virtual clock; their timers
//! are the VM's.

use super::Gid;
use serde::{Deserialize, Serialize};

/// `EPOLLIN`: readable (data, a pending connection, or the peer's FIN).
pub const EPOLLIN: u32 = 0x1;
/// `EPOLLOUT`: writable (room in the send buffer).
pub const EPOLLOUT: u32 = 0x4;
/// `EPOLLERR`: an error is pending on the socket (a reset).
pub const EPOLLERR: u32 = 0x8;
/// `EPOLLHUP`: both directions are shut.
pub const EPOLLHUP: u32 = 0x10;
/// `EPOLLRDHUP`: the peer shut its write side.
pub const EPOLLRDHUP: u32 = 0x2000;

/// A semaphore of `pollDesc` (`rg` or `wg`): `pdNil`, `pdReady`, `pdWait`,
/// or the goroutine parked on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PdSema {
    /// `pdNil`: nobody waits and no notification is pending.
    Nil,
    /// `pdReady`: an I/O notification is pending; the next wait consumes it.
    Ready,
    /// `pdWait`: a goroutine is preparing to park (between `netpollblock`
    /// and its commit).
    Wait,
    /// A goroutine is parked here (the G pointer Go stores in the word).
    Parked(Gid),
}

/// Which side of a `pollDesc`: Go's `mode` argument, `'r'` or `'w'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// `'r'`: reads and accepts wait on `rg`.
    Read,
    /// `'w'`: writes and connects wait on `wg`.
    Write,
}

/// What `netpollcheckerr` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PollErr {
    /// `pollNoError`.
    None = 0,
    /// `pollErrClosing`: the fd is being closed.
    Closing = 1,
    /// `pollErrTimeout`: the deadline passed.
    Timeout = 2,
}

/// One fd's `pollDesc` (runtime/netpoll.go).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PollDesc {
    /// The file descriptor, as the kernel numbered it.
    pub fd: u32,
    /// The read semaphore.
    pub rg: PdSema,
    /// The write semaphore.
    pub wg: PdSema,
    /// `closing`: set by `poll_runtime_pollUnblock` before the fd closes.
    pub closing: bool,
    /// The read deadline: 0 none, -1 passed, otherwise a virtual instant.
    pub rd: i64,
    /// The write deadline, as `rd`.
    pub wd: i64,
}

/// What `netpollblock` decided for the calling goroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// A notification was pending (`pdReady`): go on without parking.
    Ready,
    /// Park with wait reason `IO wait`; the semaphore now names the goroutine.
    Park,
    /// Do not park: the fd is closing or its deadline passed.
    Err(PollErr),
}

/// One call of `netpoll`: the events `epoll_wait` returned and the
/// goroutines `netpollready` readied, in that order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PollCall {
    /// The virtual instant of the call.
    pub at: i64,
    /// `(fd, events)` as `epoll_wait` returned them.
    pub events: Vec<(u32, u32)>,
    /// The goroutines made runnable, in the order `netpoll` listed them.
    pub readied: Vec<Gid>,
}

/// The pollDescs and the one epoll instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Netpoll {
    /// Open pollDescs, in the order they were opened.
    pub pds: Vec<PollDesc>,
    /// The epoll interest list: fds registered with `EPOLL_CTL_ADD`.
    pub interest: Vec<u32>,
    /// The ready list (`rdllist`): fds with events since the last
    /// `epoll_wait`, each once, events or-ed together (edge-triggered).
    pub ready: Vec<(u32, u32)>,
    /// The most recent `netpoll` calls that found events (at most
    /// [`POLL_HISTORY`]), oldest first.
    pub calls: Vec<PollCall>,
    /// The simulated kernel's sockets with an fd, as the prelude reports
    /// them (`runtime_sockTrace`), by fd.
    pub sockets: Vec<SocketInfo>,
}

/// What the kernel holds for one socket: its ports on 127.0.0.1, the bytes
/// received and not yet read, and for a listener its accept queue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SocketInfo {
    /// The file descriptor.
    pub fd: u32,
    /// A listening socket (else a connection).
    pub listening: bool,
    /// The local port.
    pub port: u32,
    /// The peer's port (0 for a listener).
    pub peer_port: u32,
    /// Bytes in the receive queue: sent by the peer, not yet read.
    pub queued: u32,
    /// Connections waiting in the accept queue (listeners only).
    pub backlog: u32,
    /// The peer sent its FIN (a read drains the queue, then sees EOF).
    pub peer_closed: bool,
    /// The connection was reset.
    pub reset: bool,
}

/// How many `netpoll` calls [`Netpoll::calls`] keeps.
pub const POLL_HISTORY: usize = 16;

impl Netpoll {
    fn pd_mut(&mut self, fd: u32) -> Option<&mut PollDesc> {
        self.pds.iter_mut().find(|p| p.fd == fd)
    }

    /// The pollDesc of `fd`, if it is open.
    pub fn pd(&self, fd: u32) -> Option<&PollDesc> {
        self.pds.iter().find(|p| p.fd == fd)
    }

    /// Whether any goroutine is parked on a pollDesc (`netpollAnyWaiters`).
    pub fn any_waiters(&self) -> bool {
        self.pds
            .iter()
            .any(|p| matches!(p.rg, PdSema::Parked(_)) || matches!(p.wg, PdSema::Parked(_)))
    }

    /// `poll_runtime_pollOpen` plus `netpollopen`: a fresh pollDesc for
    /// `fd`, registered edge-triggered; `events` is what the socket is
    /// already ready for (the kernel queues it on registration).
    pub fn open(&mut self, fd: u32, events: u32) {
        self.close(fd);
        self.pds.push(PollDesc {
            fd,
            rg: PdSema::Nil,
            wg: PdSema::Nil,
            closing: false,
            rd: 0,
            wd: 0,
        });
        self.interest.push(fd);
        self.notify(fd, events);
    }

    /// Records what the kernel holds for a socket; `None` forgets `fd`.
    pub fn trace_socket(&mut self, fd: u32, info: Option<SocketInfo>) {
        match (self.sockets.iter().position(|x| x.fd == fd), info) {
            (Some(i), Some(x)) => self.sockets[i] = x,
            (None, Some(x)) => self.sockets.push(x),
            (Some(i), None) => {
                self.sockets.remove(i);
            }
            (None, None) => {}
        }
    }

    /// `poll_runtime_pollClose` plus `netpollclose` (`EPOLL_CTL_DEL`).
    pub fn close(&mut self, fd: u32) {
        self.pds.retain(|p| p.fd != fd);
        self.interest.retain(|&f| f != fd);
        self.ready.retain(|&(f, _)| f != fd);
    }

    /// The kernel's `ep_poll_callback`: `fd` became ready for `events`. A
    /// registered fd goes on the ready list once; later events merge.
    pub fn notify(&mut self, fd: u32, events: u32) {
        if events == 0 || !self.interest.contains(&fd) {
            return;
        }
        match self.ready.iter_mut().find(|(f, _)| *f == fd) {
            Some((_, ev)) => *ev |= events,
            None => self.ready.push((fd, events)),
        }
    }

    /// `netpollcheckerr`.
    pub fn check_err(&self, fd: u32, mode: Mode) -> PollErr {
        let Some(pd) = self.pd(fd) else {
            return PollErr::Closing;
        };
        if pd.closing {
            return PollErr::Closing;
        }
        let d = match mode {
            Mode::Read => pd.rd,
            Mode::Write => pd.wd,
        };
        if d < 0 {
            return PollErr::Timeout;
        }
        PollErr::None
    }

    /// `poll_runtime_pollReset`: before an I/O attempt, forget a stale
    /// notification.
    pub fn reset(&mut self, fd: u32, mode: Mode) -> PollErr {
        let e = self.check_err(fd, mode);
        if e != PollErr::None {
            return e;
        }
        if let Some(pd) = self.pd_mut(fd) {
            *sema(pd, mode) = PdSema::Nil;
        }
        PollErr::None
    }

    /// `netpollblock` and its commit (`netpollblockcommit`) for goroutine
    /// `g`, after `poll_runtime_pollWait`'s `netpollcheckerr`.
    pub fn block(&mut self, fd: u32, mode: Mode, g: Gid) -> Block {
        let e = self.check_err(fd, mode);
        if e != PollErr::None {
            return Block::Err(e);
        }
        let Some(pd) = self.pd_mut(fd) else {
            return Block::Err(PollErr::Closing);
        };
        let s = sema(pd, mode);
        match *s {
            PdSema::Ready => {
                *s = PdSema::Nil;
                Block::Ready
            }
            // pdWait then the commit: no error appeared in between, since
            // nothing runs between them here.
            _ => {
                *s = PdSema::Parked(g);
                Block::Park
            }
        }
    }

    /// What a goroutine woken from [`Netpoll::block`] sees: `netpollblock`
    /// returns whether its semaphore said `pdReady`, and resets it.
    pub fn woken(&mut self, fd: u32, mode: Mode) -> bool {
        let Some(pd) = self.pd_mut(fd) else {
            return false;
        };
        let s = sema(pd, mode);
        let ready = *s == PdSema::Ready;
        *s = PdSema::Nil;
        ready
    }

    /// `netpollunblock`: with `ioready`, leave `pdReady` behind; returns the
    /// goroutine that was parked, if any.
    pub fn unblock(&mut self, fd: u32, mode: Mode, ioready: bool) -> Option<Gid> {
        let pd = self.pd_mut(fd)?;
        let s = sema(pd, mode);
        match *s {
            PdSema::Ready => None,
            PdSema::Nil if !ioready => None,
            old => {
                *s = if ioready { PdSema::Ready } else { PdSema::Nil };
                match old {
                    PdSema::Parked(g) => Some(g),
                    _ => None,
                }
            }
        }
    }

    /// `poll_runtime_pollUnblock`: the fd is closing; wake both sides.
    pub fn evict(&mut self, fd: u32) -> Vec<Gid> {
        if let Some(pd) = self.pd_mut(fd) {
            pd.closing = true;
        }
        let r = self.unblock(fd, Mode::Read, false);
        let w = self.unblock(fd, Mode::Write, false);
        r.into_iter().chain(w).collect()
    }

    /// `poll_runtime_pollSetDeadline` for one side: `d` is 0 (none), or an
    /// instant; one not after `now` has passed already (`-1`), which wakes
    /// a waiter as the expired timer would.
    pub fn set_deadline(&mut self, fd: u32, mode: Mode, d: i64, now: i64) -> Option<Gid> {
        let pd = self.pd_mut(fd)?;
        let d = if d != 0 && d <= now { -1 } else { d };
        match mode {
            Mode::Read => pd.rd = d,
            Mode::Write => pd.wd = d,
        }
        if d < 0 {
            return self.unblock(fd, mode, false);
        }
        None
    }

    /// `netpolldeadlineimpl`: the deadline `d` of `fd`'s `mode` side fired.
    /// A deadline since moved or cleared (the timer was stale) does nothing.
    pub fn deadline(&mut self, fd: u32, mode: Mode, d: i64) -> Option<Gid> {
        let pd = self.pd_mut(fd)?;
        let cur = match mode {
            Mode::Read => &mut pd.rd,
            Mode::Write => &mut pd.wd,
        };
        if *cur != d {
            return None;
        }
        *cur = -1;
        self.unblock(fd, mode, false)
    }

    /// `netpoll(0)`: takes the ready list as `epoll_wait` would and calls
    /// `netpollready` for each event. The goroutines come back in the order
    /// `findRunnable` runs them: Go pushes them on a gList (a stack), so the
    /// last readied runs first and the rest follow it.
    pub fn netpoll(&mut self, now: i64) -> Vec<Gid> {
        if self.ready.is_empty() {
            return Vec::new();
        }
        let events = std::mem::take(&mut self.ready);
        let mut pushed = Vec::new();
        for &(fd, ev) in &events {
            let r = ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR) != 0;
            let w = ev & (EPOLLOUT | EPOLLHUP | EPOLLERR) != 0;
            if r {
                pushed.extend(self.unblock(fd, Mode::Read, true));
            }
            if w {
                pushed.extend(self.unblock(fd, Mode::Write, true));
            }
        }
        pushed.reverse();
        if self.calls.len() == POLL_HISTORY {
            self.calls.remove(0);
        }
        self.calls.push(PollCall {
            at: now,
            events,
            readied: pushed.clone(),
        });
        pushed
    }
}

fn sema(pd: &mut PollDesc, mode: Mode) -> &mut PdSema {
    match mode {
        Mode::Read => &mut pd.rg,
        Mode::Write => &mut pd.wg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(fd: u32) -> Netpoll {
        let mut n = Netpoll::default();
        n.open(fd, 0);
        n
    }

    #[test]
    fn a_pending_notification_is_consumed_without_parking() {
        let mut n = np(5);
        n.notify(5, EPOLLIN);
        assert_eq!(n.netpoll(0), Vec::<Gid>::new());
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Ready));
        assert_eq!(n.block(5, Mode::Read, 7), Block::Ready);
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Nil));
    }

    #[test]
    fn a_parked_reader_is_readied_by_netpoll_and_sees_pd_ready() {
        let mut n = np(5);
        assert_eq!(n.block(5, Mode::Read, 7), Block::Park);
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Parked(7)));
        assert!(n.any_waiters());
        n.notify(5, EPOLLIN);
        assert_eq!(n.netpoll(3), vec![7]);
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Ready));
        assert!(n.woken(5, Mode::Read));
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Nil));
        assert_eq!(n.calls.last().map(|c| c.readied.clone()), Some(vec![7]));
    }

    #[test]
    fn edge_triggered_events_merge_on_the_ready_list() {
        let mut n = np(5);
        n.notify(5, EPOLLIN);
        n.notify(5, EPOLLOUT);
        assert_eq!(n.ready, vec![(5, EPOLLIN | EPOLLOUT)]);
        n.notify(9, EPOLLIN);
        assert_eq!(
            n.ready.len(),
            1,
            "an fd not in the interest list is ignored"
        );
    }

    #[test]
    fn netpoll_runs_the_last_readied_first_as_a_glist_does() {
        let mut n = np(5);
        n.open(6, 0);
        n.block(5, Mode::Read, 7);
        n.block(6, Mode::Read, 8);
        n.notify(5, EPOLLIN);
        n.notify(6, EPOLLIN);
        assert_eq!(n.netpoll(0), vec![8, 7]);
    }

    #[test]
    fn closing_wakes_both_sides_and_fails_later_waits() {
        let mut n = np(5);
        n.block(5, Mode::Read, 7);
        n.block(5, Mode::Write, 8);
        assert_eq!(n.evict(5), vec![7, 8]);
        assert!(!n.woken(5, Mode::Read), "woken by close, not by I/O");
        assert_eq!(n.block(5, Mode::Read, 7), Block::Err(PollErr::Closing));
        assert_eq!(n.reset(5, Mode::Write), PollErr::Closing);
    }

    #[test]
    fn a_deadline_fires_only_if_it_is_still_the_current_one() {
        let mut n = np(5);
        assert_eq!(n.set_deadline(5, Mode::Read, 100, 0), None);
        n.block(5, Mode::Read, 7);
        assert_eq!(n.deadline(5, Mode::Read, 50), None, "stale timer");
        assert_eq!(n.deadline(5, Mode::Read, 100), Some(7));
        assert_eq!(n.check_err(5, Mode::Read), PollErr::Timeout);
        assert_eq!(n.check_err(5, Mode::Write), PollErr::None);
        assert_eq!(n.set_deadline(5, Mode::Read, 0, 0), None);
        assert_eq!(n.check_err(5, Mode::Read), PollErr::None);
    }

    #[test]
    fn a_deadline_in_the_past_wakes_the_waiter_at_once() {
        let mut n = np(5);
        n.block(5, Mode::Read, 7);
        assert_eq!(n.set_deadline(5, Mode::Read, 10, 10), Some(7));
        assert_eq!(n.block(5, Mode::Read, 7), Block::Err(PollErr::Timeout));
    }

    #[test]
    fn unblock_without_io_leaves_nil_and_does_not_overwrite_ready() {
        let mut n = np(5);
        assert_eq!(n.unblock(5, Mode::Read, false), None);
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Nil));
        n.unblock(5, Mode::Read, true);
        assert_eq!(n.unblock(5, Mode::Read, false), None);
        assert_eq!(n.pd(5).map(|p| p.rg), Some(PdSema::Ready));
    }
}
