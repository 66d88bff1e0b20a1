//! The runtime half of package `net`: the natives the prelude's
//! internal/poll layer calls (`runtime_pollOpen`, `pollReset`, `pollWait`,
//! `pollUnblock`, `pollClose`, `pollSetDeadline`) and the simulated
//! kernel's readiness callback (`netpollNotify`). The pollDescs and the
//! epoll lists are [`crate::runtime::netpoll`]'s; the socket buffers are
//! Go, in the prelude. Calling `netpoll` when the scheduler looks for work
//! is `vm/sched.rs`'s.

use super::{misrouted, NativeCall};
use crate::runtime::netpoll::{Block, Mode, SocketInfo};
use crate::runtime::timers::TimerKind;
use crate::runtime::WaitReason;
use crate::vm::events::EventKind;
use crate::vm::goroutine::{Goroutine, Resume};
use crate::vm::heap::cost;
use crate::vm::machine::{Flow, OpResult, TimerAction, Vm};
use crate::vm::natives::Native;
use crate::vm::value::Value;

/// Go's `mode` argument: `'r'`, `'w'`, or `'r'+'w'` for both.
fn modes(m: i64) -> &'static [Mode] {
    match m {
        114 => &[Mode::Read],
        119 => &[Mode::Write],
        _ => &[Mode::Read, Mode::Write],
    }
}

impl Vm {
    /// The netpoll natives.
    pub(super) fn netpoll_native(&mut self, g: &mut Goroutine, call: &NativeCall) -> OpResult {
        let fd = call.int(0) as u32;
        match call.native {
            Native::PollOpen => {
                self.netpoll.open(fd, call.int(1) as u32);
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::PollClose => {
                self.netpoll.close(fd);
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::NetpollNotify => {
                self.netpoll.notify(fd, call.int(1) as u32);
                g.finish(call.argc, vec![]);
                Ok(Flow::Visible)
            }
            Native::SockTrace => {
                // (fd, state, port, peerPort, queued, backlog); state 0: gone,
                // 1 listening, 2 open, 3 peer closed, 4 reset.
                let state = call.int(1);
                let info = (state != 0).then(|| SocketInfo {
                    fd,
                    listening: state == 1,
                    port: call.int(2) as u32,
                    peer_port: call.int(3) as u32,
                    queued: call.int(4) as u32,
                    backlog: call.int(5) as u32,
                    peer_closed: state == 3,
                    reset: state == 4,
                });
                self.netpoll.trace_socket(fd, info);
                g.finish(call.argc, vec![]);
                Ok(Flow::Next)
            }
            Native::PollUnblock => {
                for w in self.netpoll.evict(fd) {
                    self.ready(w, Resume::Io);
                }
                g.finish(call.argc, vec![]);
                Ok(Flow::Visible)
            }
            Native::PollReset => {
                let mode = modes(call.int(1))[0];
                let e = self.netpoll.reset(fd, mode);
                g.finish(call.argc, vec![Value::Int(e as i64)]);
                Ok(Flow::Next)
            }
            Native::PollWait => {
                let mode = modes(call.int(1))[0];
                if call.resumed == Some(Resume::Io) {
                    // netpollblock returned: pdReady means go and retry the
                    // syscall; otherwise netpollcheckerr says why not.
                    let ready = self.netpoll.woken(fd, mode);
                    let e = if ready {
                        0
                    } else {
                        self.netpoll.check_err(fd, mode) as i64
                    };
                    if ready || e != 0 {
                        g.finish(call.argc, vec![Value::Int(e)]);
                        return Ok(Flow::Visible);
                    }
                }
                match self.netpoll.block(fd, mode, g.id) {
                    Block::Ready => {
                        g.finish(call.argc, vec![Value::Int(0)]);
                        Ok(Flow::Visible)
                    }
                    Block::Err(e) => {
                        g.finish(call.argc, vec![Value::Int(e as i64)]);
                        Ok(Flow::Visible)
                    }
                    Block::Park => {
                        self.record(
                            g.id,
                            call.span,
                            EventKind::IoWait {
                                fd,
                                write: mode == Mode::Write,
                            },
                        );
                        self.park(g, None, WaitReason::IoWait, call.span)
                    }
                }
            }
            Native::PollSetDeadline => {
                // (fd, until, has, mode): `until` is relative to now.
                let d = if call.arg(2).as_bool() {
                    call.now.saturating_add(call.int(1)).max(1)
                } else {
                    0
                };
                for &mode in modes(call.int(3)) {
                    if let Some(w) = self.netpoll.set_deadline(fd, mode, d, call.now) {
                        self.ready(w, Resume::Io);
                    }
                    if d > call.now {
                        self.heap.charge(cost::TIMER)?;
                        self.timers.add(
                            d,
                            0,
                            TimerKind::Func,
                            TimerAction::PollDeadline {
                                fd,
                                write: mode == Mode::Write,
                                at: d,
                            },
                        );
                    }
                }
                g.finish(call.argc, vec![]);
                Ok(Flow::Visible)
            }
            _ => Err(misrouted()),
        }
    }

    /// `findRunnable`'s non-blocking `netpoll(0)`: readies the goroutines
    /// whose fds the kernel reported since the last call, in Go's order.
    /// Returns whether any was readied.
    pub fn netpoll(&mut self) -> bool {
        let now = self.now();
        let gs = self.netpoll.netpoll(now);
        if let Some(c) = self
            .netpoll
            .calls
            .last()
            .filter(|c| c.at == now && c.readied == gs)
        {
            let events = c.events.clone();
            if !events.is_empty() {
                self.record(
                    0,
                    crate::syntax::span::Span::default(),
                    EventKind::Netpoll {
                        events,
                        readied: gs.clone(),
                    },
                );
            }
        }
        for &gid in &gs {
            self.ready_tail(gid, Resume::Io);
        }
        !gs.is_empty()
    }
}
