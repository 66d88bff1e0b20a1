//! Trace viewers: streams the event loops' trace as JSON over WebSockets (`--trace-ws`) and
//! into a file (`--trace-file`), without ever slowing the loops down.
//!
//! The shape, from the loops outwards:
//!
//! - [`TraceHub::sink`] is the loops' [`Trace`]. Before a loop builds an event it reads one
//!   atomic state: no viewer (build nothing), some viewer has room (build it, stamp it, offer
//!   it to a bounded channel with `try_send`), or every viewer is full (build nothing, count it
//!   as dropped in that loop's own counter). A full channel is a drop too. The loop never
//!   waits, never serializes and never touches a socket.
//! - One hub thread drains the channel, serializes each event once and offers it to every
//!   viewer's own bounded queue; a full queue drops the event for that viewer and counts it.
//!   When every queue is full it switches the loops to "count only", and back when one drains.
//! - One thread per WebSocket viewer (blocking `tungstenite`), and one for the file, drain
//!   their queue, send `hello` first, and every report interval a `drops` and a `stats`
//!   message. A viewer that stops reading blocks only its own thread; one that vanishes ends
//!   it.
//!
//! There is no async runtime here either: the echo path's readiness still comes only from the
//! loops' `epoll_wait`; these are plain threads beside it, started after the signals are
//! blocked (see `BoundServer::bind`). The WebSocket listens on loopback only, and its accepts
//! go through the server's [`FdReserve`] like every other descriptor allocation.
//! The message schema lives in `wire.rs`.

use crate::reserve::{FdReserve, Shed};
use crate::server::{Server, StatsHandle, Summary};
use crate::sys;
use crate::trace::{Trace, TraceEvent, TraceSink};
use crate::wire::{self, Drops, Hello};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::net::{SocketAddrV4, TcpStream};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tungstenite::{Message, Utf8Bytes, WebSocket};

/// Bounds and timings of the viewer machinery.
#[derive(Clone, Copy, Debug)]
pub struct HubConfig {
    /// Event loops that will send events (sizes the per-loop drop counters).
    pub loops: usize,
    /// Messages that may wait for one viewer; beyond it, events are dropped for that viewer.
    pub viewer_queue: usize,
    /// Events that may wait between the loops and the hub thread.
    pub channel: usize,
    /// How often each viewer gets a `drops` and a `stats` message.
    pub report_interval: Duration,
    /// WebSocket viewers at once; more are turned away.
    pub max_viewers: usize,
}

impl HubConfig {
    pub fn new(loops: usize) -> HubConfig {
        HubConfig {
            loops,
            viewer_queue: 4096,
            channel: 16384,
            report_interval: Duration::from_secs(1),
            max_viewers: 8,
        }
    }
}

/// The loops' view of the viewers.
const STATE_OFF: u8 = 0;
const STATE_ON: u8 = 1;
const STATE_FULL: u8 = 2;

/// How often the hub thread re-checks viewers when no events arrive.
const HUB_TICK: Duration = Duration::from_millis(50);
/// How long a client may take to complete the WebSocket handshake, or to finish a frame.
const VIEWER_READ_BOUND: Duration = Duration::from_secs(5);
/// How long `finish` waits for viewers to take the last messages before cutting them off.
const FINISH_GRACE: Duration = Duration::from_millis(500);
/// The kernel's send buffer for a viewer. Left to autotuning it grows to megabytes for a
/// viewer that does not read, and filling it keeps the hub busy serializing for a second
/// before the viewer counts as full; 64 KiB is a few hundred messages, plenty for one that
/// keeps up.
const VIEWER_SNDBUF: usize = 64 * 1024;

/// One event, stamped by the loop that produced it.
struct Stamped {
    t_us: u64,
    event: TraceEvent,
}

/// A counter on its own cache line, so that loops counting drops do not share lines.
#[repr(align(64))]
#[derive(Default)]
struct Padded(AtomicU64);

/// What the loops, the hub thread and the viewer threads share.
struct Shared {
    state: AtomicU8,
    /// Per loop: events not handed to the hub while viewers existed (all full, or the
    /// channel full). The hub charges them to every viewer present.
    suppressed: Box<[Padded]>,
    epoch: Instant,
    /// Viewers waiting to be picked up by the hub thread.
    joining: Mutex<Vec<Arc<Viewer>>>,
    stop: AtomicBool,
    /// Drops of viewers that have left.
    retired_drops: AtomicU64,
    /// The hub thread's own view of the total drops of viewers present.
    live_drops: AtomicU64,
    ws_viewers: AtomicUsize,
    /// Set by [`TraceHub::open`]; viewers are served only after it.
    info: OnceLock<Info>,
    /// Live viewer threads, for `finish` to wait on.
    live_threads: Mutex<usize>,
    threads_done: Condvar,
}

struct Info {
    hello: Hello,
    stats: StatsHandle,
}

impl Shared {
    fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64
    }

    fn count_suppressed(&self, loop_id: usize) {
        let n = self.suppressed.len();
        self.suppressed[loop_id % n]
            .0
            .fetch_add(1, Ordering::Relaxed);
    }

    fn suppressed_total(&self) -> u64 {
        self.suppressed
            .iter()
            .map(|c| c.0.load(Ordering::Relaxed))
            .sum()
    }

    fn thread_started(&self) {
        *lock(&self.live_threads) += 1;
    }

    fn thread_ended(&self) {
        let mut n = lock(&self.live_threads);
        *n = n.saturating_sub(1);
        self.threads_done.notify_all();
    }
}

/// A poisoned lock only means another thread panicked holding it; the data is plain.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The loops' sink. Cheap when nobody watches or everybody is full; never blocks.
struct HubSink {
    shared: Arc<Shared>,
    tx: SyncSender<Stamped>,
}

impl Trace for HubSink {
    fn wants(&self, loop_id: usize) -> bool {
        match self.shared.state.load(Ordering::Relaxed) {
            STATE_ON => true,
            STATE_OFF => false,
            _ => {
                self.shared.count_suppressed(loop_id);
                false
            }
        }
    }

    /// Called only after `wants` said yes; the state may have changed since.
    fn record(&self, event: &TraceEvent) {
        match self.shared.state.load(Ordering::Relaxed) {
            STATE_ON => {}
            STATE_OFF => return,
            _ => return self.shared.count_suppressed(event.loop_id()),
        }
        let msg = Stamped {
            t_us: self.shared.now_us(),
            event: event.clone(),
        };
        if let Err(TrySendError::Full(m)) = self.tx.try_send(msg) {
            self.shared.count_suppressed(m.event.loop_id());
        }
    }
}

/// Where a viewer's messages go.
enum Target {
    Ws,
    /// A file, keeping at most this many per-message events (structural ones always).
    File {
        max_events: Option<u64>,
    },
}

/// One viewer: its bounded queue and counters, shared by the hub and its sender thread.
struct Viewer {
    target: Target,
    queue: Mutex<VecDeque<Utf8Bytes>>,
    ready: Condvar,
    bound: usize,
    dropped: AtomicU64,
    /// Per-message events accepted so far (for a capped file).
    kept: AtomicU64,
    /// Per-message events left out after a file's cap.
    capped: AtomicU64,
    /// The sender thread has ended: the hub forgets the viewer.
    gone: AtomicBool,
    /// `finish` ran: send what is queued, then the summary, then close.
    finishing: AtomicBool,
    /// The first message; the hub queues it when it adopts the viewer, before any event, so
    /// a viewer that has its `hello` misses no later event for want of being registered.
    hello: Mutex<Option<Utf8Bytes>>,
    /// The hub has taken the viewer in (set under the queue lock, before `ready` is notified).
    adopted: AtomicBool,
    last: Mutex<Option<Utf8Bytes>>,
    /// For `finish` to unblock a sender stuck writing to a viewer that does not read.
    socket: Option<TcpStream>,
}

impl Viewer {
    fn new(target: Target, bound: usize, socket: Option<TcpStream>) -> Viewer {
        Viewer {
            target,
            queue: Mutex::new(VecDeque::new()),
            ready: Condvar::new(),
            bound,
            dropped: AtomicU64::new(0),
            kept: AtomicU64::new(0),
            capped: AtomicU64::new(0),
            gone: AtomicBool::new(false),
            finishing: AtomicBool::new(false),
            hello: Mutex::new(None),
            adopted: AtomicBool::new(false),
            last: Mutex::new(None),
            socket,
        }
    }

    /// Whether this viewer takes a per-message (non-structural) event at all.
    fn admits(&self, structural: bool) -> bool {
        match self.target {
            Target::File {
                max_events: Some(max),
            } if !structural => {
                if self.kept.load(Ordering::Relaxed) >= max {
                    self.capped.fetch_add(1, Ordering::Relaxed);
                    return false;
                }
                self.kept.fetch_add(1, Ordering::Relaxed);
                true
            }
            _ => true,
        }
    }

    /// Queues a message unless the queue is full (then counts a drop). Returns whether it
    /// was queued.
    fn offer(&self, msg: &Utf8Bytes) -> bool {
        let mut q = lock(&self.queue);
        if q.len() >= self.bound {
            drop(q);
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return false;
        }
        let was_empty = q.is_empty();
        q.push_back(msg.clone());
        drop(q);
        // The sender waits only on an empty queue.
        if was_empty {
            self.ready.notify_one();
        }
        true
    }

    fn has_room(&self) -> bool {
        lock(&self.queue).len() < self.bound
    }

    fn drops_message(&self, t_us: u64, last_reported: &mut u64) -> Utf8Bytes {
        let total = self.dropped.load(Ordering::Relaxed);
        let capped_total = match self.target {
            Target::File {
                max_events: Some(_),
            } => Some(self.capped.load(Ordering::Relaxed)),
            _ => None,
        };
        let m = wire::drops(
            t_us,
            Drops {
                dropped: total.saturating_sub(*last_reported),
                dropped_total: total,
                capped_total,
            },
        );
        *last_reported = total;
        m.into()
    }

    /// Tells the sender to send what is queued and stop. The flag is set under the queue lock
    /// the sender waits with, so the wake-up cannot fall between its check and its wait.
    fn finish(&self) {
        let q = lock(&self.queue);
        self.finishing.store(true, Ordering::Relaxed);
        drop(q);
        self.ready.notify_all();
    }

    /// Waits until there is something to send or `deadline` passes; takes everything queued.
    fn take_batch(&self, deadline: Instant, batch: &mut VecDeque<Utf8Bytes>) {
        let mut q = lock(&self.queue);
        while q.is_empty() && !self.finishing.load(Ordering::Relaxed) {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            q = self
                .ready
                .wait_timeout(q, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        std::mem::swap(&mut *q, batch);
    }
}

/// The viewer machinery of one server. Create it after `BoundServer::bind` (so its threads
/// inherit the blocked signals), give [`TraceHub::sink`] to the server, start the server,
/// then [`TraceHub::open`] it; [`TraceHub::finish`] after the server stopped.
pub struct TraceHub {
    cfg: HubConfig,
    shared: Arc<Shared>,
    tx: SyncSender<Stamped>,
    fds: Arc<FdReserve>,
    hub_thread: Option<JoinHandle<()>>,
    ws_listener: Option<(OwnedFd, SocketAddrV4)>,
    stop_efd: Arc<OwnedFd>,
    acceptor: Option<JoinHandle<()>>,
    file: Option<(Arc<Viewer>, File)>,
    senders: Arc<Mutex<Vec<JoinHandle<()>>>>,
    viewers: Arc<Mutex<Vec<Arc<Viewer>>>>,
}

impl TraceHub {
    /// Starts the hub thread. `fds` is the server's reserve (`BoundServer::fd_reserve`).
    pub fn new(cfg: HubConfig, fds: Arc<FdReserve>) -> io::Result<TraceHub> {
        let shared = Arc::new(Shared {
            state: AtomicU8::new(STATE_OFF),
            suppressed: (0..cfg.loops.max(1)).map(|_| Padded::default()).collect(),
            epoch: Instant::now(),
            joining: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            retired_drops: AtomicU64::new(0),
            live_drops: AtomicU64::new(0),
            ws_viewers: AtomicUsize::new(0),
            info: OnceLock::new(),
            live_threads: Mutex::new(0),
            threads_done: Condvar::new(),
        });
        let (tx, rx) = mpsc::sync_channel(cfg.channel.max(1));
        let stop_efd = Arc::new(fds.allocate(sys::eventfd)?);
        let hub = HubThread {
            shared: shared.clone(),
            rx,
            viewers: Vec::new(),
            suppressed_seen: 0,
        };
        let hub_thread = std::thread::Builder::new()
            .name("trace-hub".into())
            .spawn(move || hub.run())?;
        Ok(TraceHub {
            cfg,
            shared,
            tx,
            fds,
            hub_thread: Some(hub_thread),
            ws_listener: None,
            stop_efd,
            acceptor: None,
            file: None,
            senders: Arc::new(Mutex::new(Vec::new())),
            viewers: Arc::new(Mutex::new(Vec::new())),
        })
    }

    /// The loops' sink (see the module doc for what it costs them).
    pub fn sink(&self) -> TraceSink {
        Arc::new(HubSink {
            shared: self.shared.clone(),
            tx: self.tx.clone(),
        })
    }

    /// Binds the WebSocket listener; viewers are accepted from [`TraceHub::open`] on. Only
    /// loopback addresses are allowed: the trace describes this machine's connections.
    pub fn listen_ws(&mut self, addr: SocketAddrV4) -> io::Result<SocketAddrV4> {
        check_viewer_addr(addr).map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))?;
        let l = self
            .fds
            .allocate(|| sys::tcp_listen(addr, false, 64))
            .map_err(|e| io::Error::new(e.kind(), format!("--trace-ws {addr}: {e}")))?;
        let local = sys::local_addr(l.as_raw_fd())?;
        self.ws_listener = Some((l, local));
        Ok(local)
    }

    /// Records to a file from [`TraceHub::open`] on: the same messages as a WebSocket viewer
    /// gets, one per line. With `max_events`, keeps only that many per-message events.
    pub fn record_to_file(&mut self, path: &Path, max_events: Option<u64>) -> io::Result<()> {
        let file = self.fds.allocate(|| File::create(path)).map_err(|e| {
            io::Error::new(e.kind(), format!("--trace-file {}: {e}", path.display()))
        })?;
        let viewer = Arc::new(Viewer::new(
            Target::File { max_events },
            self.cfg.viewer_queue,
            None,
        ));
        self.file = Some((viewer, file));
        Ok(())
    }

    /// Starts serving viewers, with the running server's description for `hello`. A file
    /// records every event from the moment this returns.
    pub fn open(&mut self, server: &Server) -> io::Result<()> {
        let cfg = server.config();
        let hello = Hello {
            schema: wire::SCHEMA_VERSION,
            server: "epoll-echo",
            version: env!("CARGO_PKG_VERSION"),
            pid: std::process::id(),
            addr: server.local_addr().to_string(),
            mode: cfg.mode,
            loops: server.loops().len(),
            loop_fds: server.loops().to_vec(),
            strict_eagain: cfg.strict_eagain,
            queue_bound: self.cfg.viewer_queue,
            report_interval_ms: self.cfg.report_interval.as_millis() as u64,
            max_events: None,
        };
        let _ = self.shared.info.set(Info {
            hello,
            stats: server.stats_handle(),
        });
        if let Some((viewer, file)) = self.file.take() {
            let mut hello = self.shared.info.get().map(|i| i.hello.clone());
            if let (Some(h), Target::File { max_events }) = (&mut hello, &viewer.target) {
                h.max_events = *max_events;
            }
            *lock(&viewer.hello) = hello.map(|h| wire::hello(self.shared.now_us(), &h).into());
            register(&self.shared, viewer.clone());
            spawn_viewer_thread(
                "trace-file",
                viewer.clone(),
                self.shared.clone(),
                self.cfg.report_interval,
                &self.senders,
                &self.viewers,
                move |v, shared, interval| run_file_writer(v, shared, interval, file),
            )?;
            // The hub takes viewers in within one of its ticks.
            let deadline = Instant::now() + Duration::from_secs(5);
            let mut q = lock(&viewer.queue);
            while !viewer.adopted.load(Ordering::Relaxed) && Instant::now() < deadline {
                q = viewer
                    .ready
                    .wait_timeout(q, HUB_TICK)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        if let Some((listener, _)) = self.ws_listener.take() {
            let acceptor = Acceptor {
                listener,
                stop_efd: self.stop_efd.clone(),
                fds: self.fds.clone(),
                shared: self.shared.clone(),
                cfg: self.cfg,
                senders: self.senders.clone(),
                viewers: self.viewers.clone(),
            };
            self.acceptor = Some(
                std::thread::Builder::new()
                    .name("trace-ws-accept".into())
                    .spawn(move || acceptor.run())?,
            );
        }
        Ok(())
    }

    /// Trace events the viewers did not get so far, summed over every viewer there has been.
    pub fn dropped_total(&self) -> u64 {
        self.shared.retired_drops.load(Ordering::Relaxed)
            + self.shared.live_drops.load(Ordering::Relaxed)
    }

    /// WebSocket viewers connected now.
    pub fn ws_viewers(&self) -> usize {
        self.shared.ws_viewers.load(Ordering::Relaxed)
    }

    /// Stops accepting viewers, sends every viewer what is queued and then the summary (with
    /// `trace_drops` filled in), and waits for them; a viewer that does not read is cut off
    /// after a short grace period. Call it after the server stopped.
    pub fn finish(mut self, summary: &mut Summary) -> u64 {
        self.shared.stop.store(true, Ordering::Relaxed);
        let _ = sys::eventfd_signal(self.stop_efd.as_raw_fd());
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
        if let Some(h) = self.hub_thread.take() {
            let _ = h.join();
        }
        // A viewer that registered after the hub's last look still gets its hello.
        for v in lock(&self.shared.joining).drain(..) {
            if let Some(hello) = lock(&v.hello).take() {
                lock(&v.queue).push_back(hello);
            }
        }
        // The hub thread has stopped, so the counts are final: it charged the last
        // suppressed events and retired every viewer that had left.
        let total = self.dropped_total();
        summary.trace_drops = Some(total);
        let viewers: Vec<Arc<Viewer>> = lock(&self.viewers).clone();
        let last: Utf8Bytes = wire::summary(self.shared.now_us(), summary).into();
        for v in &viewers {
            *lock(&v.last) = Some(last.clone());
            v.finish();
        }
        let deadline = Instant::now() + FINISH_GRACE;
        let mut live = lock(&self.shared.live_threads);
        while *live > 0 {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            live = self
                .shared
                .threads_done
                .wait_timeout(live, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(live);
        for v in &viewers {
            if let Some(s) = &v.socket {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        }
        let senders = std::mem::take(&mut *lock(&self.senders));
        for h in senders {
            let _ = h.join();
        }
        total
    }
}

impl Drop for TraceHub {
    /// A hub dropped without `finish` (an error path) still stops its threads.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        let _ = sys::eventfd_signal(self.stop_efd.as_raw_fd());
        for v in lock(&self.viewers).iter() {
            v.finish();
            if let Some(s) = &v.socket {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        }
    }
}

/// Refuses anything but IPv4 loopback for the viewer's listener.
pub fn check_viewer_addr(addr: SocketAddrV4) -> Result<(), String> {
    if addr.ip().is_loopback() {
        return Ok(());
    }
    Err(format!(
        "--trace-ws: refusing to listen on {addr}: the trace viewer listens only on loopback \
         (127.0.0.0/8), for example 127.0.0.1:{}",
        addr.port()
    ))
}

fn register(shared: &Shared, viewer: Arc<Viewer>) {
    lock(&shared.joining).push(viewer);
}

fn spawn_viewer_thread(
    name: &str,
    viewer: Arc<Viewer>,
    shared: Arc<Shared>,
    interval: Duration,
    senders: &Mutex<Vec<JoinHandle<()>>>,
    viewers: &Mutex<Vec<Arc<Viewer>>>,
    body: impl FnOnce(&Arc<Viewer>, &Shared, Duration) + Send + 'static,
) -> io::Result<()> {
    shared.thread_started();
    {
        let mut all = lock(viewers);
        all.retain(|v| !v.gone.load(Ordering::Relaxed));
        all.push(viewer.clone());
    }
    let spawned = std::thread::Builder::new().name(name.into()).spawn({
        let shared = shared.clone();
        move || {
            body(&viewer, &shared, interval);
            viewer.gone.store(true, Ordering::Relaxed);
            shared.thread_ended();
        }
    });
    match spawned {
        Ok(h) => {
            let mut s = lock(senders);
            // Forget threads that have ended, so a long-running server with many short
            // viewer visits keeps a bounded list.
            s.retain(|h| !h.is_finished());
            s.push(h);
            Ok(())
        }
        Err(e) => {
            shared.thread_ended();
            Err(e)
        }
    }
}

/// The hub thread: serializes each event once and fans it out.
struct HubThread {
    shared: Arc<Shared>,
    rx: Receiver<Stamped>,
    viewers: Vec<Arc<Viewer>>,
    suppressed_seen: u64,
}

impl HubThread {
    fn run(mut self) {
        /// Events handled between two looks at the viewer list.
        const BATCH: usize = 256;
        loop {
            match self.rx.recv_timeout(HUB_TICK) {
                Ok(m) => {
                    self.dispatch(m);
                    for _ in 1..BATCH {
                        match self.rx.try_recv() {
                            Ok(m) => self.dispatch(m),
                            Err(_) => break,
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            self.maintain();
            if self.shared.stop.load(Ordering::Relaxed) {
                break;
            }
        }
        // Whatever the loops sent before they stopped.
        while let Ok(m) = self.rx.try_recv() {
            self.dispatch(m);
        }
        self.maintain();
        self.shared.state.store(STATE_OFF, Ordering::Relaxed);
    }

    fn dispatch(&mut self, m: Stamped) {
        let structural = m.event.is_structural();
        let mut json: Option<Utf8Bytes> = None;
        let mut all_full = !self.viewers.is_empty();
        for v in &self.viewers {
            if !v.admits(structural) {
                all_full = false;
                continue;
            }
            let msg = json.get_or_insert_with(|| wire::event(m.t_us, &m.event).into());
            if v.offer(msg) {
                all_full = false;
            }
        }
        if all_full {
            self.shared.state.store(STATE_FULL, Ordering::Relaxed);
        }
    }

    /// Charges suppressed events, forgets viewers that left, takes in new ones, and tells the
    /// loops whether to build events.
    fn maintain(&mut self) {
        let suppressed = self.shared.suppressed_total();
        let delta = suppressed.wrapping_sub(self.suppressed_seen);
        self.suppressed_seen = suppressed;
        if delta > 0 {
            for v in &self.viewers {
                v.dropped.fetch_add(delta, Ordering::Relaxed);
            }
        }
        self.viewers.retain(|v| {
            let gone = v.gone.load(Ordering::Relaxed);
            if gone {
                self.shared
                    .retired_drops
                    .fetch_add(v.dropped.load(Ordering::Relaxed), Ordering::Relaxed);
            }
            !gone
        });
        let joined: Vec<Arc<Viewer>> = std::mem::take(&mut *lock(&self.shared.joining));
        for v in &joined {
            // The queue is empty: the hub offers events only to adopted viewers.
            let hello = lock(&v.hello).take();
            let mut q = lock(&v.queue);
            if let Some(hello) = hello {
                q.push_back(hello);
            }
            v.adopted.store(true, Ordering::Relaxed);
        }
        self.viewers.extend(joined.iter().cloned());
        let live: u64 = self
            .viewers
            .iter()
            .map(|v| v.dropped.load(Ordering::Relaxed))
            .sum();
        self.shared.live_drops.store(live, Ordering::Relaxed);
        let state = if self.viewers.is_empty() || self.shared.stop.load(Ordering::Relaxed) {
            STATE_OFF
        } else if self.viewers.iter().any(|v| v.has_room()) {
            STATE_ON
        } else {
            STATE_FULL
        };
        self.shared.state.store(state, Ordering::Relaxed);
        // Only now may the new viewers see their hello: the loops already build events.
        for v in &joined {
            v.ready.notify_all();
        }
    }
}

/// Accepts WebSocket viewers on the loopback listener.
struct Acceptor {
    listener: OwnedFd,
    stop_efd: Arc<OwnedFd>,
    fds: Arc<FdReserve>,
    shared: Arc<Shared>,
    cfg: HubConfig,
    senders: Arc<Mutex<Vec<JoinHandle<()>>>>,
    viewers: Arc<Mutex<Vec<Arc<Viewer>>>>,
}

impl Acceptor {
    fn run(self) {
        let (lfd, sfd) = (self.listener.as_raw_fd(), self.stop_efd.as_raw_fd());
        let mut backoff = false;
        loop {
            // After a failed shed, wait for the stop signal only, briefly, rather than spin
            // on a listener that stays readable.
            let (watch, timeout): (&[i32], i32) = if backoff {
                (&[sfd], 100)
            } else {
                (&[sfd, lfd], -1)
            };
            backoff = false;
            let Ok(ready) = sys::poll_readable(watch, timeout) else {
                return;
            };
            if ready[0] || self.shared.stop.load(Ordering::Relaxed) {
                return;
            }
            match self.fds.accept(lfd) {
                Ok((fd, _peer)) => self.admit(fd),
                Err(e) if matches!(e.raw_os_error(), Some(libc::EMFILE) | Some(libc::ENFILE)) => {
                    backoff = self.fds.shed_one(lfd) != Shed::Shed;
                }
                Err(_) => {}
            }
        }
    }

    fn admit(&self, fd: OwnedFd) {
        if self.shared.ws_viewers.load(Ordering::Relaxed) >= self.cfg.max_viewers {
            return; // dropping `fd` closes it: too many viewers
        }
        let stream = TcpStream::from(fd);
        let Ok(clone) = self.fds.allocate(|| stream.try_clone()) else {
            return;
        };
        let viewer = Arc::new(Viewer::new(Target::Ws, self.cfg.viewer_queue, Some(clone)));
        self.shared.ws_viewers.fetch_add(1, Ordering::Relaxed);
        let spawned = spawn_viewer_thread(
            "trace-ws-viewer",
            viewer,
            self.shared.clone(),
            self.cfg.report_interval,
            &self.senders,
            &self.viewers,
            move |v, shared, interval| {
                run_ws_viewer(v, shared, interval, stream);
                shared.ws_viewers.fetch_sub(1, Ordering::Relaxed);
            },
        );
        if spawned.is_err() {
            self.shared.ws_viewers.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// One WebSocket viewer's thread: handshake, `hello`, then the queue, with a `drops` and a
/// `stats` message every interval.
fn run_ws_viewer(viewer: &Arc<Viewer>, shared: &Shared, interval: Duration, stream: TcpStream) {
    if stream.set_nonblocking(false).is_err()
        || stream.set_read_timeout(Some(VIEWER_READ_BOUND)).is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    let _ = sys::set_send_buffer(stream.as_raw_fd(), VIEWER_SNDBUF);
    let Ok(mut ws) = tungstenite::accept(stream) else {
        return;
    };
    let Some(info) = shared.info.get() else {
        return;
    };
    *lock(&viewer.hello) = Some(wire::hello(shared.now_us(), &info.hello).into());
    register(shared, viewer.clone());
    let mut batch = VecDeque::new();
    let mut reported = 0;
    let mut next_report = Instant::now() + interval;
    let result: tungstenite::Result<()> = (|| loop {
        viewer.take_batch(next_report, &mut batch);
        for m in batch.drain(..) {
            send(&mut ws, m)?;
        }
        if Instant::now() >= next_report {
            next_report = Instant::now() + interval;
            send(
                &mut ws,
                viewer.drops_message(shared.now_us(), &mut reported),
            )?;
            send(
                &mut ws,
                wire::stats(shared.now_us(), &info.stats.per_loop()).into(),
            )?;
        }
        flush(&mut ws)?;
        if viewer.finishing.load(Ordering::Relaxed) && lock(&viewer.queue).is_empty() {
            if let Some(last) = lock(&viewer.last).take() {
                send(&mut ws, last)?;
            }
            ws.close(None)?;
            return flush(&mut ws);
        }
        // The viewer sends nothing we need, but a close or a ping must be answered.
        let fd = ws.get_ref().as_raw_fd();
        if sys::poll_readable(&[fd], 0).is_ok_and(|r| r[0]) {
            match ws.read() {
                Ok(Message::Close(_)) => return flush(&mut ws),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(e),
            }
        }
    })();
    let _ = result;
}

/// Queues one text message; a write interrupted by a signal has queued it already, so only
/// the flush is retried. (Socket calls under a timeout can fail with EINTR after the process
/// was stopped and continued, even without a signal handler.)
fn send(ws: &mut WebSocket<TcpStream>, text: Utf8Bytes) -> tungstenite::Result<()> {
    match ws.write(Message::Text(text)) {
        Err(tungstenite::Error::Io(e)) if e.kind() == io::ErrorKind::Interrupted => flush(ws),
        r => r,
    }
}

fn flush(ws: &mut WebSocket<TcpStream>) -> tungstenite::Result<()> {
    loop {
        match ws.flush() {
            Err(tungstenite::Error::Io(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

/// The file's thread: the same messages as a WebSocket viewer, one per line.
fn run_file_writer(viewer: &Viewer, shared: &Shared, interval: Duration, file: File) {
    let Some(info) = shared.info.get() else {
        return;
    };
    let mut out = BufWriter::new(file);
    let mut batch = VecDeque::new();
    let mut reported = 0;
    let mut next_report = Instant::now() + interval;
    let line = |out: &mut BufWriter<File>, m: &str| -> io::Result<()> {
        out.write_all(m.as_bytes())?;
        out.write_all(b"\n")
    };
    let result: io::Result<()> = (|| loop {
        viewer.take_batch(next_report, &mut batch);
        for m in batch.drain(..) {
            line(&mut out, &m)?;
        }
        let finishing = viewer.finishing.load(Ordering::Relaxed) && lock(&viewer.queue).is_empty();
        if finishing || Instant::now() >= next_report {
            next_report = Instant::now() + interval;
            line(
                &mut out,
                &viewer.drops_message(shared.now_us(), &mut reported),
            )?;
            line(
                &mut out,
                &wire::stats(shared.now_us(), &info.stats.per_loop()),
            )?;
            out.flush()?;
        }
        if finishing {
            if let Some(last) = lock(&viewer.last).take() {
                line(&mut out, &last)?;
            }
            return out.flush();
        }
    })();
    if let Err(e) = result {
        eprintln!("epoll-echo: --trace-file: {e}");
    }
}
