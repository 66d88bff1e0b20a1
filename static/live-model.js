// The live netpoller page's model: what the page knows about epoll-echo's event loops, built
// from the trace messages of `--trace-ws` and `--trace-file` (schema 1, documented in
// crates/epoll-echo/README.md and defined in crates/epoll-echo/src/wire.rs).
//
// This module owns parsing and the state the page draws: loops, descriptors with their
// pollDesc rg/wg as reconstructed from the events, the ready batch of each epoll_wait, and
// counters. It must not touch the DOM, the network or the clock (time is the trace's own
// `t_us`), so node tests import it directly (e2e/live-model.test.mjs). Every bound on memory
// lives here: a live server can send events for hours.

/** The schema version this page understands (wire.rs `SCHEMA_VERSION`). */
export const SCHEMA = 1;
/** Epoll_wait batches kept per loop (the newest first). */
export const BATCHES_KEPT = 8;
/** Closed descriptors kept per loop, so the table shows how connections ended. */
export const CLOSED_KEPT = 32;
/** Lines of the event log. */
export const LOG_KEPT = 40;
/** Malformed lines remembered (the count goes on). */
export const PROBLEMS_KEPT = 5;
/** The longest line taken as a message; longer ones are malformed (a trace line is < 2 KB). */
export const MAX_LINE = 64 * 1024;
/** Trace-time window for events/s, in µs. */
const RATE_WINDOW_US = 1_000_000;
const RATE_BUCKET_US = 10_000;

/** The states of a pollDesc semaphore, named as in runtime/netpoll.go. */
export const PD = Object.freeze({
  NIL: 'pdNil',
  READY: 'pdReady',
  WAIT: 'pdWait',
  PARKED: 'parked',
  /** After a gap in the trace (dropped events): unknown until the next park or ready. */
  UNKNOWN: 'unknown',
});

/** The trace's message types (anything else is counted and ignored, for newer servers). */
const KNOWN = new Set([
  'hello', 'epoll_create', 'epoll_ctl', 'epoll_wait', 'accept', 'accept_shed', 'io', 'park',
  'ready', 'close', 'shutdown', 'drops', 'stats', 'summary',
]);

/**
 * Parses one message (a WebSocket text frame or a trace-file line). Returns
 * `{ msg }` or `{ error }`, where `error` is a code the page translates:
 * 'json' (not JSON), 'object' (not a JSON object), 'type' (no string `type`),
 * 't_us' (no non-negative integer `t_us`), 'long' (over MAX_LINE).
 */
export function parseMessage(text) {
  if (typeof text !== 'string') return { error: 'json' };
  if (text.length > MAX_LINE) return { error: 'long' };
  let msg;
  try {
    msg = JSON.parse(text);
  } catch {
    return { error: 'json' };
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return { error: 'object' };
  if (typeof msg.type !== 'string') return { error: 'type' };
  if (!Number.isSafeInteger(msg.t_us) || msg.t_us < 0) return { error: 't_us' };
  return { msg };
}

/**
 * Splits a trace file into messages. Blank lines are skipped; each malformed
 * line is reported as `{ line, error }` (1-based line numbers).
 */
export function parseTrace(text) {
  const messages = [];
  const problems = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const r = parseMessage(line);
    if (r.msg) messages.push(r.msg);
    else problems.push({ line: i + 1, error: r.error });
  }
  return { messages, problems };
}

const int = (v) => (Number.isSafeInteger(v) ? v : null);
const str = (v) => (typeof v === 'string' ? v : '');

/** A fresh, empty model. */
export function newModel() {
  return {
    hello: null,
    schemaMismatch: false,
    /** loop_id -> loop */
    loops: new Map(),
    /** fd -> descriptor (connections and listeners; fds are per process, not per loop) */
    fds: new Map(),
    counters: {
      events: 0, accepts: 0, shed: 0, reads: 0, writes: 0, eagain: 0, bytesIn: 0, bytesOut: 0,
      parks: 0, readies: 0, closes: 0, epollWaits: 0, readyFds: 0, dropped: 0, capped: 0,
      unknown: 0, malformed: 0,
    },
    /** Events per 10 ms of trace time over the last second, for events/s (trace time, so
     *  replay and live agree, and at most 101 buckets however fast the server goes). */
    rate: [],
    firstT: null,
    lastT: 0,
    log: [],
    problems: [],
    stats: null,
    summary: null,
    shutdown: [],
  };
}

function loopOf(m, id) {
  let l = m.loops.get(id);
  if (!l) {
    l = { id, epfd: null, listener: null, batches: [], waits: 0, closedOrder: [] };
    m.loops.set(id, l);
  }
  return l;
}

function fdOf(m, loopId, fd, kind = 'conn') {
  let d = m.fds.get(fd);
  if (!d || d.closed) {
    if (d && d.closed) forgetClosed(m, d);
    d = {
      fd, loop: loopId, kind, peer: '', rg: PD.NIL, wg: PD.NIL, reads: 0, writes: 0,
      bytesIn: 0, bytesOut: 0, closed: null, lastT: 0,
    };
    m.fds.set(fd, d);
  }
  return d;
}

function forgetClosed(m, d) {
  const l = m.loops.get(d.loop);
  if (l) l.closedOrder = l.closedOrder.filter((fd) => fd !== d.fd);
}

function countForRate(m, t) {
  if (m.firstT === null) m.firstT = t;
  const bucket = t - (t % RATE_BUCKET_US);
  const last = m.rate[m.rate.length - 1];
  if (last && last.t === bucket) last.n++;
  else if (!last || bucket > last.t) m.rate.push({ t: bucket, n: 1 });
  // Another loop's stamp may be a little older: count it in the newest bucket.
  else last.n++;
  while (m.rate.length && m.rate[0].t < m.lastT - RATE_WINDOW_US) m.rate.shift();
}

function addLog(m, entry) {
  m.log.unshift(entry);
  if (m.log.length > LOG_KEPT) m.log.length = LOG_KEPT;
}

/** Records a malformed message (line is the file's line number, or null for live frames). */
export function noteProblem(m, line, error) {
  m.counters.malformed++;
  if (m.problems.length < PROBLEMS_KEPT) m.problems.push({ line, error });
}

function sema(d, mode) {
  return mode === 'write' ? 'wg' : 'rg';
}

/**
 * Applies one parsed message to the model. The pollDesc states follow
 * epoll-echo's netpoll.rs, which mirrors runtime/netpoll.go: `park` is
 * netpollblock + gopark (the semaphore holds the parked task), `ready` is
 * netpollunblock waking it (pdNil: the task is on the run queue), an
 * epoll_wait event for a descriptor nobody waits on leaves pdReady, and a
 * read or write that gets EAGAIN consumes pdReady (retry) or moves to pdWait.
 */
export function apply(m, msg) {
  const c = m.counters;
  const t = int(msg.t_us) ?? 0;
  const type = msg.type;
  if (!KNOWN.has(type)) {
    c.unknown++;
    return;
  }
  if (type === 'hello') {
    const fresh = newModel();
    Object.assign(m, fresh);
    m.hello = {
      schema: int(msg.schema), server: str(msg.server), version: str(msg.version),
      pid: int(msg.pid), addr: str(msg.addr), mode: str(msg.mode), loops: int(msg.loops) ?? 0,
      maxEvents: int(msg.max_events), queueBound: int(msg.queue_bound),
    };
    m.schemaMismatch = msg.schema !== SCHEMA;
    const lfds = Array.isArray(msg.loop_fds) ? msg.loop_fds : [];
    for (let i = 0; i < Math.min(m.hello.loops, 256); i++) loopOf(m, i);
    for (const lf of lfds.slice(0, 256)) {
      const id = int(lf?.loop_id);
      if (id === null) continue;
      const l = loopOf(m, id);
      l.epfd = int(lf.epfd);
      l.listener = int(lf.listener_fd);
      if (l.listener !== null) fdOf(m, id, l.listener, 'listener');
    }
    return;
  }
  if (type === 'drops') {
    const total = int(msg.dropped_total);
    if (total !== null) c.dropped = Math.max(c.dropped, total);
    const capped = int(msg.capped_total);
    if (capped !== null) c.capped = Math.max(c.capped, capped);
    if ((int(msg.dropped) ?? 0) > 0) {
      // A gap: rg/wg may have moved unseen (README: "After a gap ...").
      for (const d of m.fds.values()) {
        if (d.closed) continue;
        d.rg = PD.UNKNOWN;
        d.wg = PD.UNKNOWN;
      }
      addLog(m, { t, kind: 'gap', n: int(msg.dropped) });
    }
    return;
  }
  if (type === 'stats') {
    if (Array.isArray(msg.loops)) m.stats = msg.loops.slice(0, 256);
    return;
  }
  if (type === 'summary') {
    m.summary = { cause: str(msg.cause), drops: int(msg.trace_drops), stats: msg.stats ?? null };
    // The server closes every descriptor before it sends the summary; a viewer that fell behind
    // may have lost those close events.
    for (const d of m.fds.values()) {
      if (d.closed) continue;
      d.closed = 'shutdown';
      d.rg = PD.NIL;
      d.wg = PD.NIL;
    }
    addLog(m, { t, kind: 'summary', cause: str(msg.cause) });
    return;
  }

  // Per-loop trace events from here on.
  const loopId = int(msg.loop_id);
  if (loopId === null || loopId < 0 || loopId > 4095) {
    c.unknown++;
    return;
  }
  const l = loopOf(m, loopId);
  c.events++;
  m.lastT = Math.max(m.lastT, t);
  countForRate(m, t);
  const fd = int(msg.fd);
  switch (type) {
    case 'epoll_create':
      l.epfd = int(msg.epfd);
      break;
    case 'epoll_ctl':
      if (l.epfd === null) l.epfd = int(msg.epfd);
      break;
    case 'epoll_wait': {
      c.epollWaits++;
      l.waits++;
      const ready = Array.isArray(msg.ready) ? msg.ready.slice(0, 1024) : [];
      const batch = {
        t, seq: l.waits, timeout: int(msg.timeout_ms),
        ready: ready.map((r) => ({
          fd: int(r?.fd),
          events: Array.isArray(r?.events) ? r.events.filter((e) => typeof e === 'string').slice(0, 8) : [],
        })),
        total: Array.isArray(msg.ready) ? msg.ready.length : 0,
      };
      c.readyFds += batch.total;
      l.batches.unshift(batch);
      if (l.batches.length > BATCHES_KEPT) l.batches.length = BATCHES_KEPT;
      for (const r of batch.ready) {
        const d = r.fd === null ? undefined : m.fds.get(r.fd);
        if (!d || d.closed) continue;
        const readable = r.events.some((e) => e === 'EPOLLIN' || e === 'EPOLLRDHUP' || e === 'EPOLLHUP' || e === 'EPOLLERR');
        const writable = r.events.some((e) => e === 'EPOLLOUT' || e === 'EPOLLHUP' || e === 'EPOLLERR');
        // A parked task stays parked here; the `ready` event that follows wakes it.
        if (readable && d.rg !== PD.PARKED) d.rg = PD.READY;
        if (writable && d.wg !== PD.PARKED) d.wg = PD.READY;
      }
      addLog(m, { t, loop: loopId, kind: 'epoll_wait', epfd: int(msg.epfd), timeout: batch.timeout, n: batch.total });
      break;
    }
    case 'accept': {
      c.accepts++;
      if (fd === null) break;
      const d = fdOf(m, loopId, fd);
      d.peer = str(msg.peer).slice(0, 64);
      d.lastT = t;
      addLog(m, { t, loop: loopId, kind: 'accept', fd, listener: int(msg.listener), peer: d.peer });
      break;
    }
    case 'accept_shed':
      c.shed++;
      addLog(m, { t, loop: loopId, kind: 'accept_shed', listener: int(msg.listener), errno: str(msg.errno) });
      break;
    case 'io': {
      if (fd === null) break;
      const d = fdOf(m, loopId, fd);
      const ret = int(msg.ret) ?? -1;
      const write = msg.op === 'write';
      d.lastT = t;
      if (write) {
        c.writes++;
        d.writes++;
        if (ret > 0) {
          c.bytesOut += ret;
          d.bytesOut += ret;
        }
      } else {
        c.reads++;
        d.reads++;
        if (ret > 0) {
          c.bytesIn += ret;
          d.bytesIn += ret;
        }
      }
      if (ret < 0 && msg.errno === 'EAGAIN') {
        c.eagain++;
        // netpollblock: consume pdReady (the task retries) or go to pdWait.
        const s = write ? 'wg' : 'rg';
        d[s] = d[s] === PD.READY ? PD.NIL : PD.WAIT;
      }
      addLog(m, { t, loop: loopId, kind: 'io', fd, op: write ? 'write' : 'read', len: int(msg.len), ret, errno: str(msg.errno) });
      break;
    }
    case 'park': {
      c.parks++;
      if (fd === null) break;
      const d = fdOf(m, loopId, fd, l.listener === fd ? 'listener' : 'conn');
      d[sema(d, msg.mode)] = PD.PARKED;
      d.lastT = t;
      addLog(m, { t, loop: loopId, kind: 'park', fd, mode: msg.mode === 'write' ? 'write' : 'read', cause: str(msg.cause) });
      break;
    }
    case 'ready': {
      c.readies++;
      if (fd === null) break;
      const d = fdOf(m, loopId, fd, l.listener === fd ? 'listener' : 'conn');
      d[sema(d, msg.mode)] = PD.NIL;
      d.lastT = t;
      addLog(m, { t, loop: loopId, kind: 'ready', fd, mode: msg.mode === 'write' ? 'write' : 'read' });
      break;
    }
    case 'close': {
      c.closes++;
      if (fd === null) break;
      const d = fdOf(m, loopId, fd);
      d.closed = str(msg.reason) || 'closed';
      d.rg = PD.NIL;
      d.wg = PD.NIL;
      d.lastT = t;
      l.closedOrder.push(fd);
      while (l.closedOrder.length > CLOSED_KEPT) {
        const old = l.closedOrder.shift();
        const od = m.fds.get(old);
        if (od && od.closed) m.fds.delete(old);
      }
      addLog(m, { t, loop: loopId, kind: 'close', fd, reason: d.closed });
      break;
    }
    case 'shutdown':
      m.shutdown.push({ loop: loopId, cause: str(msg.cause) });
      addLog(m, { t, loop: loopId, kind: 'shutdown', cause: str(msg.cause) });
      break;
    default:
      break;
  }
}

/**
 * Per-loop trace events per second of trace time, over the last second that ended at the
 * newest event (over what there is, if the trace is younger than a second).
 */
export function eventsPerSecond(m) {
  let n = 0;
  for (const b of m.rate) n += b.n;
  // The counted events start at the oldest bucket kept (or the first event, if later).
  const span = m.lastT - Math.max(m.firstT ?? m.lastT, m.rate.length ? m.rate[0].t : m.lastT);
  if (n < 2 || span <= 0) return 0;
  return Math.round((n * 1_000_000) / span);
}

/** A loop's descriptors for drawing: listener first, then open fds, then closed ones. */
export function loopFds(m, loopId) {
  const rows = [];
  for (const d of m.fds.values()) if (d.loop === loopId) rows.push(d);
  rows.sort((a, b) => rank(a) - rank(b) || a.fd - b.fd);
  return rows;
}

function rank(d) {
  if (d.kind === 'listener') return 0;
  return d.closed ? 2 : 1;
}
