//! The echo server: event loops that schedule connection tasks the way Go's runtime schedules
//! goroutines blocked in the netpoller.
//!
//! Each loop owns one epoll instance ([`Poller`]), one listener (its own SO_REUSEPORT socket
//! when there are several loops), a run queue of task tokens, a slab of connections and one
//! scratch buffer shared by all of its tasks. A connection task is a state machine, not a
//! thread or a coroutine: it runs `read`/`write` until EAGAIN, parks on its [`PollDesc`] and
//! returns, keeping no stack and no buffer while parked. The only per-connection memory is the
//! `Conn` record, plus a bounded write remainder while a peer is slow to read.
//!
//! This module must not block anywhere but in `epoll_wait` (the one exception: an accept may
//! wait on the descriptor reserve's lock for the four syscalls another loop needs to shed a
//! connection at the descriptor limit; see `reserve.rs`), must not allocate per message, and
//! must not depend on any async runtime.

use crate::listen::{self, ListenConfig};
use crate::netpoll::{PollDesc, Poller};
use crate::reserve::{FdReserve, Shed};
use crate::sys;
use crate::trace::{
    errno_name, io_event, CloseReason, IoOp, ParkCause, PollMode, TraceEvent, TraceSink,
};
use serde::Serialize;
use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::SocketAddrV4;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// What a connection task does with its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The talk's listing: read up to 1024 bytes once, write them back, close.
    Once,
    /// Echo until the peer closes.
    Echo,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "once" => Some(Mode::Once),
            "echo" => Some(Mode::Echo),
            _ => None,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Once => "once",
            Mode::Echo => "echo",
        })
    }
}

/// The talk's listing reads into a 1024-byte buffer.
pub const ONCE_READ_SIZE: usize = 1024;

/// How the server runs.
#[derive(Clone)]
pub struct ServerConfig {
    /// Listen address; port 0 picks a free port (see [`Server::local_addr`]).
    pub addr: SocketAddrV4,
    pub mode: Mode,
    /// Event-loop threads, each with its own epoll instance and SO_REUSEPORT listener.
    pub threads: usize,
    /// Receives every [`TraceEvent`] when set.
    pub trace: Option<TraceSink>,
    /// Block SIGINT/SIGTERM and read them from a signalfd in loop 0's epoll set. Only the
    /// binary sets this: it changes the calling thread's signal mask (in
    /// [`BoundServer::bind`], before any socket or thread exists).
    pub handle_signals: bool,
    /// Join the port even if another process already serves it (SO_REUSEPORT shared on
    /// purpose). Without it, binding refuses such a port; see `listen.rs`.
    pub reuse_port_shared: bool,
    /// Size of each loop's shared scratch buffer; also the most a slow reader can make the
    /// server hold for it.
    pub read_buf_size: usize,
    /// Read until EAGAIN before parking, exactly as Go does. Off by default: a short read
    /// already proves the receive queue was drained (see `run_conn`), which saves one read
    /// syscall per message.
    pub strict_eagain: bool,
}

impl ServerConfig {
    pub fn new(addr: SocketAddrV4, mode: Mode) -> ServerConfig {
        ServerConfig {
            addr,
            mode,
            threads: 1,
            trace: None,
            handle_signals: false,
            reuse_port_shared: false,
            read_buf_size: 16 * 1024,
            strict_eagain: false,
        }
    }
}

/// Counters one event loop publishes. Only its own thread writes them (plain load+store, no
/// read-modify-write), anyone may read them.
#[derive(Default, Debug)]
pub struct LoopStats {
    accepted: AtomicU64,
    closed: AtomicU64,
    active: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    netpoll_wakeups: AtomicU64,
    parks: AtomicU64,
    write_parks: AtomicU64,
    resets: AtomicU64,
    shed: AtomicU64,
    pending_bytes: AtomicU64,
    pending_high_water: AtomicU64,
}

fn bump(c: &AtomicU64, n: u64) {
    c.store(c.load(Ordering::Relaxed).wrapping_add(n), Ordering::Relaxed);
}

fn drop_by(c: &AtomicU64, n: u64) {
    c.store(
        c.load(Ordering::Relaxed).saturating_sub(n),
        Ordering::Relaxed,
    );
}

impl LoopStats {
    pub fn snapshot(&self) -> Stats {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Stats {
            accepted: g(&self.accepted),
            closed: g(&self.closed),
            active: g(&self.active),
            bytes_in: g(&self.bytes_in),
            bytes_out: g(&self.bytes_out),
            netpoll_wakeups: g(&self.netpoll_wakeups),
            parks: g(&self.parks),
            write_parks: g(&self.write_parks),
            resets: g(&self.resets),
            shed: g(&self.shed),
            pending_bytes: g(&self.pending_bytes),
            pending_high_water: g(&self.pending_high_water),
        }
    }
}

/// A snapshot of the counters, per loop or summed over loops.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub accepted: u64,
    pub closed: u64,
    /// Connections open now.
    pub active: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// `epoll_wait` returns.
    pub netpoll_wakeups: u64,
    /// Times a task parked on `rg` or `wg`.
    pub parks: u64,
    /// Times a task parked on `wg` with a remainder: it stopped reading a peer that does not read.
    pub write_parks: u64,
    pub resets: u64,
    /// Connections accepted and closed at once because the process was out of descriptors.
    pub shed: u64,
    /// Bytes held in write remainders now.
    pub pending_bytes: u64,
    /// The most bytes held in write remainders by any one loop at once.
    pub pending_high_water: u64,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.accepted += o.accepted;
        self.closed += o.closed;
        self.active += o.active;
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        self.netpoll_wakeups += o.netpoll_wakeups;
        self.parks += o.parks;
        self.write_parks += o.write_parks;
        self.resets += o.resets;
        self.shed += o.shed;
        self.pending_bytes += o.pending_bytes;
        self.pending_high_water = self.pending_high_water.max(o.pending_high_water);
    }
}

/// What the server reports when it stops.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// What stopped it: a signal name or "shutdown requested".
    pub cause: String,
    pub loops: usize,
    /// Connections still open at shutdown, which the loops closed.
    pub closed_at_shutdown: u64,
    pub stats: Stats,
    /// Trace events the viewers (`--trace-ws`, `--trace-file`) did not get, summed over
    /// viewers; None when there were none. Filled in by whoever ran the viewers.
    pub trace_drops: Option<u64>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.stats;
        write!(
            f,
            "epoll-echo summary: stopped by {}; loops={} accepted={} closed={} closed_at_shutdown={} \
             bytes_in={} bytes_out={} resets={} shed={} netpoll_wakeups={} parks={} write_parks={} \
             pending_high_water={}",
            self.cause,
            self.loops,
            s.accepted,
            s.closed,
            self.closed_at_shutdown,
            s.bytes_in,
            s.bytes_out,
            s.resets,
            s.shed,
            s.netpoll_wakeups,
            s.parks,
            s.write_parks,
            s.pending_high_water
        )?;
        if let Some(d) = self.trace_drops {
            write!(f, " trace_drops={d}")?;
        }
        Ok(())
    }
}

/// Asks every loop of a server to stop, from any thread.
#[derive(Clone)]
pub struct ShutdownHandle {
    efd: Arc<OwnedFd>,
}

impl ShutdownHandle {
    pub fn shutdown(&self) -> io::Result<()> {
        sys::eventfd_signal(self.efd.as_raw_fd())
    }
}

/// A server whose listeners are bound but whose loops have not started: lets the binary
/// announce the address before the first trace line.
pub struct BoundServer {
    cfg: ServerConfig,
    local_addr: SocketAddrV4,
    listeners: Vec<OwnedFd>,
    signalfd: Option<OwnedFd>,
    fds: Arc<FdReserve>,
}

impl BoundServer {
    /// Blocks the signals (when `handle_signals`), then binds one listener per loop
    /// (SO_REUSEPORT when there are several, refusing a port another process serves) and
    /// opens the EMFILE spare.
    ///
    /// The signals are blocked first, before any socket exists and before the caller can
    /// announce readiness: a SIGTERM that arrives right after "listening on" then waits in
    /// the signalfd instead of killing the process by its default action. Threads inherit
    /// the mask, so every thread started afterwards (the loops, the trace viewer's) has
    /// them blocked too; the caller must not have started threads of its own before this.
    pub fn bind(cfg: ServerConfig) -> io::Result<BoundServer> {
        let signalfd = if cfg.handle_signals {
            Some(sys::block_signals_to_signalfd(&[
                libc::SIGINT,
                libc::SIGTERM,
            ])?)
        } else {
            None
        };
        let listeners = listen::bind_listeners(ListenConfig {
            addr: cfg.addr,
            count: cfg.threads.max(1),
            backlog: LISTEN_BACKLOG,
            share_port: cfg.reuse_port_shared,
        })?;
        let local_addr = sys::local_addr(listeners[0].as_raw_fd())?;
        let fds = Arc::new(FdReserve::new()?);
        Ok(BoundServer {
            cfg,
            local_addr,
            listeners,
            signalfd,
            fds,
        })
    }

    pub fn local_addr(&self) -> SocketAddrV4 {
        self.local_addr
    }

    /// The server's descriptor reserve: anything that allocates descriptors while the server
    /// runs (the trace viewer's accepts) must go through it; see `reserve.rs`.
    pub fn fd_reserve(&self) -> Arc<FdReserve> {
        self.fds.clone()
    }

    /// Adds a trace sink, next to any already configured.
    pub fn add_trace(&mut self, sink: TraceSink) {
        self.cfg.trace = Some(match self.cfg.trace.take() {
            Some(existing) => crate::trace::tee(existing, sink, self.cfg.threads),
            None => sink,
        });
    }

    /// Starts one thread per loop.
    pub fn start(self) -> io::Result<Server> {
        let BoundServer {
            cfg,
            local_addr,
            listeners,
            mut signalfd,
            fds,
        } = self;
        let efd = Arc::new(sys::eventfd()?);
        let cfg = Arc::new(cfg);
        let mut handles = Vec::with_capacity(listeners.len());
        let mut all_stats = Vec::with_capacity(listeners.len());
        let mut loops = Vec::with_capacity(listeners.len());
        for (id, listener) in listeners.into_iter().enumerate() {
            let stats = Arc::new(LoopStats::default());
            all_stats.push(stats.clone());
            let lp = EventLoop::new(
                id,
                cfg.clone(),
                listener,
                signalfd.take(),
                efd.clone(),
                fds.clone(),
                stats,
            )?;
            loops.push(LoopInfo {
                loop_id: id,
                epfd: lp.poller.epfd(),
                listener_fd: lp.listener.fd.as_raw_fd(),
            });
            let h = std::thread::Builder::new()
                .name(format!("epoll-loop-{id}"))
                .spawn(move || lp.run())?;
            handles.push(h);
        }
        Ok(Server {
            cfg,
            local_addr,
            threads: handles,
            stats: StatsHandle { loops: all_stats },
            loops,
            shutdown: ShutdownHandle { efd },
        })
    }
}

/// The descriptors one event loop was started with, for viewers that join later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LoopInfo {
    pub loop_id: usize,
    pub epfd: RawFd,
    pub listener_fd: RawFd,
}

/// Reads every loop's counters, from any thread.
#[derive(Clone)]
pub struct StatsHandle {
    loops: Vec<Arc<LoopStats>>,
}

impl StatsHandle {
    /// One snapshot per loop, in loop order.
    pub fn per_loop(&self) -> Vec<Stats> {
        self.loops.iter().map(|s| s.snapshot()).collect()
    }

    /// Counters summed over all loops.
    pub fn total(&self) -> Stats {
        let mut total = Stats::default();
        for s in &self.loops {
            total.add(&s.snapshot());
        }
        total
    }
}

/// A running server: its loop threads and a way to stop them.
pub struct Server {
    cfg: Arc<ServerConfig>,
    local_addr: SocketAddrV4,
    threads: Vec<JoinHandle<io::Result<LoopReport>>>,
    stats: StatsHandle,
    loops: Vec<LoopInfo>,
    shutdown: ShutdownHandle,
}

impl Server {
    /// Binds the listeners and starts the loops. Errors (address in use, bad config) come back
    /// here, before any thread runs.
    pub fn start(cfg: ServerConfig) -> io::Result<Server> {
        BoundServer::bind(cfg)?.start()
    }

    pub fn local_addr(&self) -> SocketAddrV4 {
        self.local_addr
    }

    /// Counters summed over all loops, read while the server runs.
    pub fn stats(&self) -> Stats {
        self.stats.total()
    }

    /// A handle that reads the counters from another thread (the trace viewer's).
    pub fn stats_handle(&self) -> StatsHandle {
        self.stats.clone()
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &ServerConfig {
        &self.cfg
    }

    /// Each loop's epoll and listener descriptors.
    pub fn loops(&self) -> &[LoopInfo] {
        &self.loops
    }

    pub fn shutdown_handle(&self) -> ShutdownHandle {
        self.shutdown.clone()
    }

    /// Waits for every loop to stop (after a signal or a [`ShutdownHandle::shutdown`]).
    pub fn wait(self) -> io::Result<Summary> {
        let mut summary = Summary {
            cause: String::from("shutdown requested"),
            loops: 0,
            closed_at_shutdown: 0,
            stats: Stats::default(),
            trace_drops: None,
        };
        let mut first_err = None;
        for h in self.threads {
            match h.join() {
                Ok(Ok(r)) => {
                    summary.loops += 1;
                    summary.closed_at_shutdown += r.closed_at_shutdown;
                    summary.stats.add(&r.stats);
                    if let Some(sig) = r.signal {
                        summary.cause = sig.to_string();
                    }
                }
                Ok(Err(e)) => {
                    first_err.get_or_insert(e);
                }
                Err(_) => {
                    first_err.get_or_insert(io::Error::other("an event loop panicked"));
                }
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(summary),
        }
    }

    /// Requests shutdown and waits for it.
    pub fn shutdown(self) -> io::Result<Summary> {
        self.shutdown.shutdown()?;
        self.wait()
    }
}

const LISTEN_BACKLOG: i32 = 4096;
/// Events one `epoll_wait` returns at most (Go uses 128).
const MAX_EVENTS: usize = 256;
/// Reads a task may do before it goes to the back of the run queue, so one busy connection
/// cannot starve the others (Go's preemption does this job).
const READS_PER_TURN: u32 = 16;
/// Accepts the listener task does per turn, for the same reason.
const ACCEPTS_PER_TURN: u32 = 64;

const TOKEN_LISTENER: u64 = 0;
const TOKEN_SIGNAL: u64 = 1;
const TOKEN_SHUTDOWN: u64 = 2;
const FIRST_CONN_TOKEN: u64 = 3;

/// The peer hung up (EPOLLRDHUP/EPOLLHUP/EPOLLERR was seen): a short read is not proof that
/// the socket is drained, because the FIN may already be queued behind the data.
const FLAG_PEER_HUP: u8 = 1;
/// Close once the write remainder is flushed (`--mode once` after its single read).
const FLAG_DONE: u8 = 2;

/// A bytes remainder of a partial write, kept only while the peer is slow to read. At most
/// one read's worth.
struct Pending {
    buf: Box<[u8]>,
    off: usize,
}

/// A connection task: the state of `handleConn(conn)` while it is parked. 24 bytes.
struct Conn {
    fd: OwnedFd,
    /// Mirrors `pollDesc.fdseq`: events carrying an older generation are stale.
    gen: u32,
    pd: PollDesc,
    flags: u8,
    pending: Option<Box<Pending>>,
}

/// Connections indexed by slot; a token is `(gen << 32) | (slot + FIRST_CONN_TOKEN)`.
#[derive(Default)]
struct Slab {
    slots: Vec<Option<Conn>>,
    free: Vec<u32>,
    next_gen: u32,
}

impl Slab {
    fn insert(&mut self, fd: OwnedFd) -> (usize, u64) {
        self.next_gen = self.next_gen.wrapping_add(1);
        let gen = self.next_gen;
        let conn = Conn {
            fd,
            gen,
            pd: PollDesc::new(),
            flags: 0,
            pending: None,
        };
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = Some(conn);
                s as usize
            }
            None => {
                self.slots.push(Some(conn));
                self.slots.len() - 1
            }
        };
        (slot, token_of(slot, gen))
    }

    fn remove(&mut self, slot: usize) -> Option<Conn> {
        let c = self.slots.get_mut(slot)?.take()?;
        self.free.push(slot as u32);
        Some(c)
    }

    /// The live connection a token names, if its generation still matches.
    fn get_mut(&mut self, token: u64) -> Option<(usize, &mut Conn)> {
        let (slot, gen) = split_token(token)?;
        match self.slots.get_mut(slot) {
            Some(Some(c)) if c.gen == gen => Some((slot, c)),
            _ => None,
        }
    }

    fn fd_of(&self, token: u64) -> Option<RawFd> {
        let (slot, gen) = split_token(token)?;
        match self.slots.get(slot) {
            Some(Some(c)) if c.gen == gen => Some(c.fd.as_raw_fd()),
            _ => None,
        }
    }
}

fn token_of(slot: usize, gen: u32) -> u64 {
    ((gen as u64) << 32) | (slot as u64 + FIRST_CONN_TOKEN)
}

fn split_token(token: u64) -> Option<(usize, u32)> {
    let low = token & 0xffff_ffff;
    if low < FIRST_CONN_TOKEN {
        return None;
    }
    Some(((low - FIRST_CONN_TOKEN) as usize, (token >> 32) as u32))
}

fn close_reason(e: &io::Error) -> CloseReason {
    match e.raw_os_error() {
        Some(libc::ECONNRESET) | Some(libc::EPIPE) => CloseReason::Reset,
        _ => CloseReason::Error,
    }
}

/// What a loop reports when it stops.
struct LoopReport {
    stats: Stats,
    closed_at_shutdown: u64,
    signal: Option<&'static str>,
}

/// The accept task's state: the listener and its `pollDesc`.
struct ListenTask {
    fd: OwnedFd,
    pd: PollDesc,
}

/// One event loop: an M running Go's scheduler loop against its own netpoller.
struct EventLoop {
    id: usize,
    cfg: Arc<ServerConfig>,
    poller: Poller,
    listener: ListenTask,
    conns: Slab,
    /// Mirrors a P's `runq`: tokens of runnable tasks.
    runq: VecDeque<u64>,
    /// Shared by every task of this loop: tasks hold no buffer while parked.
    scratch: Box<[u8]>,
    /// Every accept goes through it, and so does shedding when out of descriptors (EMFILE):
    /// one spare descriptor per server, under a lock that makes shedding correct for any
    /// number of loops (see `reserve.rs`).
    fds: Arc<FdReserve>,
    signalfd: Option<OwnedFd>,
    shutdown_efd: Arc<OwnedFd>,
    stats: Arc<LoopStats>,
    stopping: bool,
    signal: Option<&'static str>,
}

impl EventLoop {
    fn new(
        id: usize,
        cfg: Arc<ServerConfig>,
        listener: OwnedFd,
        signalfd: Option<OwnedFd>,
        shutdown_efd: Arc<OwnedFd>,
        fds: Arc<FdReserve>,
        stats: Arc<LoopStats>,
    ) -> io::Result<EventLoop> {
        let poller = Poller::netpollinit(id, MAX_EVENTS, cfg.trace.clone())?;
        let scratch = vec![0u8; cfg.read_buf_size.max(ONCE_READ_SIZE)].into_boxed_slice();
        Ok(EventLoop {
            id,
            poller,
            listener: ListenTask {
                fd: listener,
                pd: PollDesc::new(),
            },
            conns: Slab::default(),
            runq: VecDeque::new(),
            scratch,
            fds,
            signalfd,
            shutdown_efd,
            stats,
            stopping: false,
            signal: None,
            cfg,
        })
    }

    /// Mirrors the scheduler loop (`schedule` → `findRunnable`): run what is runnable, and
    /// when nothing is, block in `netpoll` and ready the tasks it reports.
    fn run(mut self) -> io::Result<LoopReport> {
        self.poller
            .netpollopen(self.listener.fd.as_raw_fd(), TOKEN_LISTENER)?;
        if let Some(sfd) = &self.signalfd {
            self.poller.open_control(sfd.as_raw_fd(), TOKEN_SIGNAL)?;
        }
        self.poller
            .open_control(self.shutdown_efd.as_raw_fd(), TOKEN_SHUTDOWN)?;
        // The accept goroutine starts runnable: it calls accept first and parks on EAGAIN.
        self.runq.push_back(TOKEN_LISTENER);
        loop {
            // Run only what was runnable when this round began; tasks that yield go to the
            // back and run after the next poll, so the poller is never starved.
            for _ in 0..self.runq.len() {
                let Some(token) = self.runq.pop_front() else {
                    break;
                };
                self.run_task(token);
            }
            if self.stopping {
                break;
            }
            let timeout = if self.runq.is_empty() { -1 } else { 0 };
            let (conns, listener, sfd, efd) = (
                &self.conns,
                self.listener.fd.as_raw_fd(),
                self.signalfd.as_ref().map(|f| f.as_raw_fd()),
                self.shutdown_efd.as_raw_fd(),
            );
            let n = self.poller.netpoll(timeout, |t| match t {
                TOKEN_LISTENER => listener,
                TOKEN_SIGNAL => sfd.unwrap_or(-1),
                TOKEN_SHUTDOWN => efd,
                _ => conns.fd_of(t).unwrap_or(-1),
            })?;
            bump(&self.stats.netpoll_wakeups, 1);
            for i in 0..n {
                let (token, events) = self.poller.event(i);
                self.netpollready(token, events);
            }
            if self.stopping {
                break;
            }
        }
        Ok(self.close_all())
    }

    /// Mirrors `netpollready`: turns one epoll event into `netpollunblock` calls on the
    /// descriptor's `rg`/`wg`, putting parked tasks on the run queue.
    fn netpollready(&mut self, token: u64, events: u32) {
        let ev_read = (libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR) as u32;
        let ev_write = (libc::EPOLLOUT | libc::EPOLLHUP | libc::EPOLLERR) as u32;
        let ev_hup = (libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR) as u32;
        match token {
            TOKEN_LISTENER => {
                if events & ev_read != 0 && self.listener.pd.unblock(PollMode::Read) {
                    self.ready(token, self.listener.fd.as_raw_fd(), PollMode::Read);
                }
            }
            TOKEN_SIGNAL => self.handle_signal(),
            TOKEN_SHUTDOWN => self.stop(None),
            _ => {
                let Some((_, conn)) = self.conns.get_mut(token) else {
                    return; // stale: the connection closed after this event was queued
                };
                if events & ev_hup != 0 {
                    conn.flags |= FLAG_PEER_HUP;
                }
                let fd = conn.fd.as_raw_fd();
                let woke_read = events & ev_read != 0 && conn.pd.unblock(PollMode::Read);
                let woke_write = events & ev_write != 0 && conn.pd.unblock(PollMode::Write);
                // A task parks on one semaphore at a time, so at most one of these is true.
                if woke_read {
                    self.ready(token, fd, PollMode::Read);
                } else if woke_write {
                    self.ready(token, fd, PollMode::Write);
                }
            }
        }
    }

    /// `goready`: the task goes on the run queue.
    fn ready(&mut self, token: u64, fd: RawFd, mode: PollMode) {
        self.runq.push_back(token);
        let loop_id = self.id;
        self.poller.emit(|| TraceEvent::Ready { loop_id, fd, mode });
    }

    fn handle_signal(&mut self) {
        let Some(sfd) = &self.signalfd else { return };
        match sys::read_signal(sfd.as_raw_fd()) {
            Ok(Some(sig)) => {
                let name = sys::signal_name(sig);
                // Tell the other loops; the eventfd stays readable for all of them.
                let _ = sys::eventfd_signal(self.shutdown_efd.as_raw_fd());
                self.stop(Some(name));
            }
            Ok(None) => {}
            Err(_) => self.stop(Some("signalfd error")),
        }
    }

    fn stop(&mut self, signal: Option<&'static str>) {
        if self.stopping {
            return;
        }
        self.stopping = true;
        self.signal = signal;
        let (loop_id, cause) = (self.id, signal.unwrap_or("shutdown requested").to_string());
        self.poller.emit(|| TraceEvent::Shutdown { loop_id, cause });
    }

    fn run_task(&mut self, token: u64) {
        if token == TOKEN_LISTENER {
            self.run_accept();
        } else {
            self.run_conn(token);
        }
    }

    /// The accept goroutine: `for { c, err := ln.Accept(); go handleConn(c) }`. Like Go's
    /// `poll.FD.Accept`, it calls accept4 first and parks on the listener's `rg` only on EAGAIN.
    fn run_accept(&mut self) {
        let lfd = self.listener.fd.as_raw_fd();
        for _ in 0..ACCEPTS_PER_TURN {
            match self.fds.accept(lfd) {
                Ok((fd, peer)) => self.spawn_conn(fd, peer),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if self.listener.pd.block(PollMode::Read) {
                        continue;
                    }
                    self.park_listener();
                    return;
                }
                Err(e) if matches!(e.raw_os_error(), Some(libc::EMFILE) | Some(libc::ENFILE)) => {
                    match self.fds.shed_one(lfd) {
                        Shed::Shed => {
                            bump(&self.stats.shed, 1);
                            let (loop_id, errno) = (self.id, errno_name(&e));
                            self.poller.emit(|| TraceEvent::AcceptShed {
                                loop_id,
                                listener: lfd,
                                errno,
                            });
                            continue;
                        }
                        // That connection died in the queue; the next one may not have.
                        Shed::Failed => continue,
                        Shed::NothingPending | Shed::NoSpare => {}
                    }
                    // The queue is empty (Linux reports EMFILE before it looks at it), or the
                    // spare was taken by an allocation outside the reserve: park until the next
                    // connection arrives instead of spinning on the error.
                    if self.listener.pd.block(PollMode::Read) {
                        continue;
                    }
                    self.park_listener();
                    return;
                }
                // The connection died in the backlog, or the kernel refused it: it is that
                // connection's problem, not the listener's (Go retries these too).
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::ECONNABORTED)
                            | Some(libc::EPROTO)
                            | Some(libc::EPERM)
                            | Some(libc::ENOBUFS)
                            | Some(libc::ENOMEM)
                    ) => {}
                Err(_) => {
                    // Unknown listener error: wait for the next readiness edge rather than spin.
                    if self.listener.pd.block(PollMode::Read) {
                        continue;
                    }
                    self.park_listener();
                    return;
                }
            }
        }
        // Budget used up with more connections pending: yield to the connection tasks.
        self.runq.push_back(TOKEN_LISTENER);
    }

    /// `gopark` for the accept task; the caller has moved `rg` to `pdWait` with `block`.
    fn park_listener(&mut self) {
        self.listener.pd.commit(PollMode::Read);
        bump(&self.stats.parks, 1);
        let (loop_id, fd) = (self.id, self.listener.fd.as_raw_fd());
        self.poller.emit(|| TraceEvent::Park {
            loop_id,
            fd,
            mode: PollMode::Read,
            cause: ParkCause::Eagain,
        });
    }

    /// `go handleConn(c)`: register the connection (`netpollopen`) and make its task runnable.
    fn spawn_conn(&mut self, fd: OwnedFd, peer: SocketAddrV4) {
        let raw = fd.as_raw_fd();
        // Go sets TCP_NODELAY on every TCP connection; failure only costs latency.
        let _ = sys::set_nodelay(raw);
        let loop_id = self.id;
        let lfd = self.listener.fd.as_raw_fd();
        self.poller.emit(|| TraceEvent::Accept {
            loop_id,
            listener: lfd,
            fd: raw,
            peer: peer.to_string(),
        });
        let (slot, token) = self.conns.insert(fd);
        if self.poller.netpollopen(raw, token).is_err() {
            self.conns.remove(slot);
            return;
        }
        bump(&self.stats.accepted, 1);
        bump(&self.stats.active, 1);
        self.runq.push_back(token);
    }

    /// The connection goroutine. In echo mode: `for { n, err := c.Read(buf); c.Write(buf[:n]) }`;
    /// in once mode the talk's listing: one read of up to 1024 bytes, one write, close.
    ///
    /// Every read and write is tried first; the task parks (`netpollblock`) only when the
    /// kernel has said there is nothing more to do right now. While
    /// a write remainder is pending the task does not read: a peer that does not read stops
    /// being read, so the server holds at most one read's worth for it.
    ///
    /// The one place we deliberately differ from Go: unless `strict_eagain` is set, a read that
    /// returns less than asked is taken as proof the receive queue was drained, and the task
    /// parks without the extra read that would return EAGAIN (tokio and netty do the same;
    /// epoll(7) Q9 is the basis). That is
    /// safe with edge-triggered epoll, because data arriving after our read raises a new edge,
    /// unless a FIN was already queued behind the data: `FLAG_PEER_HUP`, set from
    /// EPOLLRDHUP/EPOLLHUP/EPOLLERR in `netpollready`, rules that case out. It saves one of
    /// three syscalls per echoed message.
    fn run_conn(&mut self, token: u64) {
        let mut budget = READS_PER_TURN;
        let once = self.cfg.mode == Mode::Once;
        loop {
            let Some((slot, conn)) = self.conns.get_mut(token) else {
                return;
            };
            let fd = conn.fd.as_raw_fd();
            if let Some(p) = conn.pending.as_mut() {
                let r = sys::write(fd, &p.buf[p.off..]);
                let (loop_id, len) = (self.id, p.buf.len() - p.off);
                self.poller
                    .emit(|| io_event(loop_id, fd, IoOp::Write, len, &r));
                match r {
                    // A socket never accepts zero bytes of a non-empty write; if one did,
                    // retrying would spin, so treat it as a dead connection.
                    Ok(0) => {
                        self.close(slot, CloseReason::Error);
                        return;
                    }
                    Ok(n) => {
                        p.off += n;
                        bump(&self.stats.bytes_out, n as u64);
                        drop_by(&self.stats.pending_bytes, n as u64);
                        if p.off >= p.buf.len() {
                            conn.pending = None;
                        }
                        continue;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        if conn.pd.block(PollMode::Write) {
                            continue;
                        }
                        bump(&self.stats.write_parks, 1);
                        self.park(token, PollMode::Write, ParkCause::Eagain);
                        return;
                    }
                    Err(e) => {
                        self.close(slot, close_reason(&e));
                        return;
                    }
                }
            }
            if conn.flags & FLAG_DONE != 0 {
                self.close(slot, CloseReason::OnceDone);
                return;
            }
            if budget == 0 {
                self.runq.push_back(token);
                return;
            }
            budget -= 1;
            let want = if once {
                ONCE_READ_SIZE
            } else {
                self.scratch.len()
            };
            let r = sys::read(fd, &mut self.scratch[..want]);
            let loop_id = self.id;
            self.poller
                .emit(|| io_event(loop_id, fd, IoOp::Read, want, &r));
            match r {
                Ok(0) => {
                    self.close(slot, CloseReason::Eof);
                    return;
                }
                Ok(n) => {
                    bump(&self.stats.bytes_in, n as u64);
                    if once {
                        conn.flags |= FLAG_DONE;
                    }
                    let w = sys::write(fd, &self.scratch[..n]);
                    self.poller
                        .emit(|| io_event(loop_id, fd, IoOp::Write, n, &w));
                    let written = match w {
                        Ok(m) => m,
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => 0,
                        Err(e) => {
                            self.close(slot, close_reason(&e));
                            return;
                        }
                    };
                    bump(&self.stats.bytes_out, written as u64);
                    if written < n {
                        let rest = &self.scratch[written..n];
                        conn.pending = Some(Box::new(Pending {
                            buf: rest.into(),
                            off: 0,
                        }));
                        bump(&self.stats.pending_bytes, rest.len() as u64);
                        let now = self.stats.pending_bytes.load(Ordering::Relaxed);
                        if now > self.stats.pending_high_water.load(Ordering::Relaxed) {
                            self.stats.pending_high_water.store(now, Ordering::Relaxed);
                        }
                        continue;
                    }
                    if !self.cfg.strict_eagain
                        && !once
                        && n < want
                        && conn.flags & FLAG_PEER_HUP == 0
                    {
                        if conn.pd.block(PollMode::Read) {
                            continue;
                        }
                        self.park(token, PollMode::Read, ParkCause::ShortRead);
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if conn.pd.block(PollMode::Read) {
                        continue;
                    }
                    self.park(token, PollMode::Read, ParkCause::Eagain);
                    return;
                }
                Err(e) => {
                    self.close(slot, close_reason(&e));
                    return;
                }
            }
        }
    }

    /// `gopark` with `netpollblockcommit`: the task's state is its `Conn`; nothing else is kept.
    fn park(&mut self, token: u64, mode: PollMode, cause: ParkCause) {
        let Some((_, conn)) = self.conns.get_mut(token) else {
            return;
        };
        conn.pd.commit(mode);
        let fd = conn.fd.as_raw_fd();
        bump(&self.stats.parks, 1);
        let loop_id = self.id;
        self.poller.emit(|| TraceEvent::Park {
            loop_id,
            fd,
            mode,
            cause,
        });
    }

    /// Closes a connection. `close(2)` also removes it from the epoll set (Go issues an
    /// explicit EPOLL_CTL_DEL in `netpollclose`; with no duplicated descriptors the kernel
    /// does the same for us, one syscall cheaper).
    fn close(&mut self, slot: usize, reason: CloseReason) {
        let Some(conn) = self.conns.remove(slot) else {
            return;
        };
        if let Some(p) = &conn.pending {
            drop_by(&self.stats.pending_bytes, (p.buf.len() - p.off) as u64);
        }
        let fd = conn.fd.as_raw_fd();
        drop(conn);
        bump(&self.stats.closed, 1);
        drop_by(&self.stats.active, 1);
        if reason == CloseReason::Reset {
            bump(&self.stats.resets, 1);
        }
        let loop_id = self.id;
        self.poller.emit(|| TraceEvent::Close {
            loop_id,
            fd,
            reason,
        });
    }

    /// Closes every connection still open, then the listener and the epoll instance (when
    /// `self` drops), and reports.
    fn close_all(mut self) -> LoopReport {
        let mut closed_at_shutdown = 0;
        for slot in 0..self.conns.slots.len() {
            if self.conns.slots[slot].is_some() {
                self.close(slot, CloseReason::Shutdown);
                closed_at_shutdown += 1;
            }
        }
        LoopReport {
            stats: self.stats.snapshot(),
            closed_at_shutdown,
            signal: self.signal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idle_connection_costs_a_few_dozen_bytes() {
        // The whole per-connection state while parked: no stack, no buffer. If this grows,
        // the idle-memory comparison against Go's ~4.6 KB per goroutine gets worse.
        assert!(
            std::mem::size_of::<Option<Conn>>() <= 24,
            "Conn grew to {} bytes",
            std::mem::size_of::<Option<Conn>>()
        );
        assert_eq!(std::mem::size_of::<PollDesc>(), 2);
    }

    #[test]
    fn tokens_carry_slot_and_generation() {
        let t = token_of(7, 42);
        assert_eq!(split_token(t), Some((7, 42)));
        assert_eq!(split_token(TOKEN_LISTENER), None);
        assert_eq!(split_token(TOKEN_SHUTDOWN), None);
        let mut slab = Slab::default();
        let fd = sys::eventfd().expect("eventfd");
        let (slot, token) = slab.insert(fd);
        assert!(slab.get_mut(token).is_some());
        slab.remove(slot);
        assert!(
            slab.get_mut(token).is_none(),
            "a closed slot's token is stale"
        );
        let (slot2, token2) = slab.insert(sys::eventfd().expect("eventfd"));
        assert_eq!(slot2, slot, "slots are reused");
        assert_ne!(
            token2, token,
            "but the generation differs, so stale events are ignored"
        );
        assert!(slab.get_mut(token).is_none());
    }
}
