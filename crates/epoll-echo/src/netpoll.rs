//! Go's netpoller in miniature: the `pollDesc` with its `rg`/`wg` semaphores, and the epoll
//! wrapper that mirrors `netpollinit`, `netpollopen` and `netpoll` in runtime/netpoll_epoll.go.
//!
//! This module owns the readiness protocol and the epoll instance, and nothing about
//! connections: it never reads or writes a socket, never decides when to close one and keeps
//! no buffers. The event loop in `server.rs` is the scheduler that uses it.

use crate::sys::{self, Epoll};
use crate::trace::{CtlOp, EventSet, PollMode, ReadyFd, TraceEvent, TraceSink};
use std::io;
use std::os::fd::RawFd;

/// One of a `pollDesc`'s two semaphores. In Go, `rg` and `wg` are words holding `pdNil`,
/// `pdReady`, `pdWait` or a pointer to the parked goroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdState {
    /// `pdNil`: no readiness recorded and nobody waiting.
    Nil,
    /// `pdReady`: the fd became ready while nobody was waiting; the next `netpollblock` consumes it.
    Ready,
    /// `pdWait`: a task decided to park and has not committed yet (`gopark` has not returned).
    Wait,
    /// The `*g` case: a task is parked here. The task is the one owning the descriptor, so
    /// unlike Go we need not store which task it is.
    Parked,
}

/// Mirrors Go's `pollDesc` (runtime/netpoll.go), reduced to its two readiness semaphores.
/// Two bytes: an idle connection costs this plus its descriptor, not a goroutine stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollDesc {
    pub rg: PdState,
    pub wg: PdState,
}

impl Default for PollDesc {
    fn default() -> Self {
        Self::new()
    }
}

impl PollDesc {
    pub const fn new() -> PollDesc {
        PollDesc {
            rg: PdState::Nil,
            wg: PdState::Nil,
        }
    }

    fn sema(&mut self, mode: PollMode) -> &mut PdState {
        match mode {
            PollMode::Read => &mut self.rg,
            PollMode::Write => &mut self.wg,
        }
    }

    /// Mirrors `netpollblock`: called after a syscall returned EAGAIN. Returns true if readiness
    /// arrived meanwhile (`pdReady`, consumed here), so the caller retries the syscall at once;
    /// otherwise moves the semaphore to `pdWait` and the caller must park with [`Self::commit`].
    pub fn block(&mut self, mode: PollMode) -> bool {
        let s = self.sema(mode);
        match *s {
            PdState::Ready => {
                *s = PdState::Nil;
                true
            }
            PdState::Nil => {
                *s = PdState::Wait;
                false
            }
            // Go throws "runtime: double wait" here. One task owns each descriptor and runs
            // to its park point before anything else runs, so this cannot happen; staying in
            // the current state keeps the task parked rather than lost.
            PdState::Wait | PdState::Parked => false,
        }
    }

    /// Mirrors `netpollblockcommit`, the commit function `gopark` runs: `pdWait` becomes the
    /// parked task.
    pub fn commit(&mut self, mode: PollMode) {
        let s = self.sema(mode);
        debug_assert_eq!(
            *s,
            PdState::Wait,
            "gopark without a netpollblock that returned false"
        );
        if *s == PdState::Wait {
            *s = PdState::Parked;
        }
    }

    /// Mirrors `netpollunblock(pd, mode, ioready=true)`. Returns true if a parked task must be
    /// put on the run queue.
    ///
    /// Go leaves `pdReady` behind and the woken goroutine swaps it back to `pdNil` when
    /// `netpollblock` returns. Our loop is single-threaded and drains the run queue before it
    /// polls again, so nothing can happen between the two steps: we store `pdNil` directly,
    /// which spares the woken task a wasted EAGAIN syscall, exactly as in Go.
    pub fn unblock(&mut self, mode: PollMode) -> bool {
        let s = self.sema(mode);
        match *s {
            PdState::Parked => {
                *s = PdState::Nil;
                true
            }
            PdState::Nil | PdState::Wait | PdState::Ready => {
                *s = PdState::Ready;
                false
            }
        }
    }
}

/// The interest set Go registers every descriptor with (`netpollopen`).
pub const NETPOLL_EVENTS: u32 =
    (libc::EPOLLIN | libc::EPOLLOUT | libc::EPOLLRDHUP | libc::EPOLLET) as u32;

/// One epoll instance and its event buffer. One per event loop, created once.
pub struct Poller {
    epoll: Epoll,
    events: Vec<libc::epoll_event>,
    loop_id: usize,
    trace: Option<TraceSink>,
}

impl Poller {
    /// Mirrors `netpollinit`: `epoll_create1` runs once per loop, at start-up.
    pub fn netpollinit(
        loop_id: usize,
        max_events: usize,
        trace: Option<TraceSink>,
    ) -> io::Result<Poller> {
        let epoll = Epoll::new()?;
        let poller = Poller {
            events: vec![sys::empty_event(); max_events.max(1)],
            epoll,
            loop_id,
            trace,
        };
        poller.emit(|| TraceEvent::EpollCreate {
            loop_id,
            epfd: poller.epoll.raw_fd(),
        });
        Ok(poller)
    }

    pub fn epfd(&self) -> RawFd {
        self.epoll.raw_fd()
    }

    pub fn tracing(&self) -> bool {
        self.trace.is_some()
    }

    /// Sends an event to the trace sink, building it only if there is one and it wants it.
    pub fn emit(&self, event: impl FnOnce() -> TraceEvent) {
        if let Some(sink) = &self.trace {
            if sink.wants(self.loop_id) {
                sink.record(&event());
            }
        }
    }

    /// Mirrors `netpollopen`: registers `fd` edge-triggered for reads, writes and peer
    /// hang-up, with `token` identifying its task. Runs on listen and on every accept.
    pub fn netpollopen(&self, fd: RawFd, token: u64) -> io::Result<()> {
        self.ctl_add(fd, NETPOLL_EVENTS, token)
    }

    /// Registers a control descriptor (signalfd, eventfd) level-triggered for reads: it stays
    /// ready until handled, so a shutdown request can never be missed.
    pub fn open_control(&self, fd: RawFd, token: u64) -> io::Result<()> {
        self.ctl_add(fd, libc::EPOLLIN as u32, token)
    }

    fn ctl_add(&self, fd: RawFd, events: u32, token: u64) -> io::Result<()> {
        self.epoll.ctl(libc::EPOLL_CTL_ADD, fd, events, token)?;
        self.emit(|| TraceEvent::EpollCtl {
            loop_id: self.loop_id,
            epfd: self.epoll.raw_fd(),
            op: CtlOp::Add,
            fd,
            events: EventSet(events),
        });
        Ok(())
    }

    /// Mirrors `netpoll(delay)`: one `epoll_wait`. Returns how many events are in
    /// [`Self::event`]; `fd_of` maps a token back to its descriptor for the trace.
    pub fn netpoll(&mut self, timeout_ms: i32, fd_of: impl Fn(u64) -> RawFd) -> io::Result<usize> {
        let n = self.epoll.wait(&mut self.events, timeout_ms)?;
        if let Some(sink) = self.trace.as_ref().filter(|s| s.wants(self.loop_id)) {
            let ready = self.events[..n]
                .iter()
                .map(|ev| {
                    let (token, bits) = (ev.u64, ev.events);
                    ReadyFd {
                        fd: fd_of(token),
                        events: EventSet(bits),
                    }
                })
                .collect();
            sink.record(&TraceEvent::EpollWait {
                loop_id: self.loop_id,
                epfd: self.epoll.raw_fd(),
                timeout_ms,
                ready,
            });
        }
        Ok(n)
    }

    /// The `i`th event of the last [`Self::netpoll`]: its token and event bits.
    pub fn event(&self, i: usize) -> (u64, u32) {
        let ev = self.events[i];
        (ev.u64, ev.events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_consumes_ready_and_otherwise_waits() {
        let mut pd = PollDesc::new();
        pd.unblock(PollMode::Read);
        assert_eq!(pd.rg, PdState::Ready);
        assert!(
            pd.block(PollMode::Read),
            "pdReady must be consumed and the syscall retried"
        );
        assert_eq!(pd.rg, PdState::Nil);
        assert!(!pd.block(PollMode::Read));
        assert_eq!(pd.rg, PdState::Wait);
        pd.commit(PollMode::Read);
        assert_eq!(pd.rg, PdState::Parked);
        assert_eq!(pd.wg, PdState::Nil, "rg and wg are independent");
    }

    #[test]
    fn unblock_readies_a_parked_task_once() {
        let mut pd = PollDesc::new();
        assert!(!pd.block(PollMode::Write));
        pd.commit(PollMode::Write);
        assert!(
            pd.unblock(PollMode::Write),
            "the parked task goes on the run queue"
        );
        assert_eq!(pd.wg, PdState::Nil);
        assert!(
            !pd.unblock(PollMode::Write),
            "a second event only records readiness"
        );
        assert_eq!(pd.wg, PdState::Ready);
    }
}
