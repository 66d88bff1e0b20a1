// The live netpoller page's model (static/live-model.js), natively in node: no browser, no
// server. Parsing never throws on bad input, the pollDesc states follow epoll-echo's
// netpoll.rs (which mirrors runtime/netpoll.go), memory stays bounded however long a live
// server streams, and the trace the site ships replays without a malformed line.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  apply, BATCHES_KEPT, CLOSED_KEPT, eventsPerSecond, LOG_KEPT, loopFds, MAX_LINE, newModel,
  parseMessage, parseTrace, PD, PROBLEMS_KEPT, noteProblem,
} from '../static/live-model.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const hello = {
  t_us: 1, type: 'hello', schema: 1, server: 'epoll-echo', version: '0.1.0', pid: 7,
  addr: '127.0.0.1:2333', mode: 'echo', loops: 1, loop_fds: [{ loop_id: 0, epfd: 6, listener_fd: 3 }],
};

function run(messages) {
  const m = newModel();
  for (const msg of messages) apply(m, msg);
  return m;
}

describe('live model', () => {
  test('malformed messages are errors, never exceptions', () => {
    const cases = [
      ['not json', 'json'], ['{"type":', 'json'], ['[1,2]', 'object'], ['null', 'object'], ['42', 'object'],
      ['"hello"', 'object'], ['{}', 'type'], ['{"type":3,"t_us":1}', 'type'], ['{"type":"io"}', 't_us'],
      ['{"type":"io","t_us":-1}', 't_us'], ['{"type":"io","t_us":1.5}', 't_us'], ['{"type":"io","t_us":"1"}', 't_us'],
      ['x'.repeat(MAX_LINE + 1), 'long'],
    ];
    for (const [text, error] of cases) assert.deepEqual(parseMessage(text), { error }, text.slice(0, 40));
    assert.deepEqual(parseMessage(undefined), { error: 'json' });
    const { messages, problems } = parseTrace(
      `${JSON.stringify(hello)}\n\nnot json\n{"type":"io","t_us":5,"loop_id":0}\n{"t_us":3}\n`,
    );
    assert.equal(messages.length, 2);
    assert.deepEqual(problems, [{ line: 3, error: 'json' }, { line: 5, error: 'type' }]);
  });

  test('fields of the wrong type are ignored, not trusted', () => {
    const m = run([
      hello,
      { t_us: 2, type: 'epoll_wait', loop_id: 0, epfd: 6, timeout_ms: -1, ready: 'nope' },
      { t_us: 3, type: 'epoll_wait', loop_id: 0, epfd: 6, timeout_ms: -1, ready: [null, 5, { fd: 'x', events: [1, 'EPOLLIN'] }] },
      { t_us: 4, type: 'io', loop_id: 'zero', fd: 9, op: 'read', len: 1, ret: 1 },
      { t_us: 5, type: 'park', loop_id: 0, fd: { evil: true }, mode: 'read' },
      { t_us: 6, type: 'accept', loop_id: 0, listener: 3, fd: 9, peer: '<img src=x onerror=alert(1)>' },
      { t_us: 7, type: 'something_newer', loop_id: 0 },
      { t_us: 8, type: 'stats', loops: 'nope' },
    ]);
    assert.equal(m.counters.epollWaits, 2);
    assert.deepEqual(m.loops.get(0).batches[0].ready, [
      { fd: null, events: [] }, { fd: null, events: [] }, { fd: null, events: ['EPOLLIN'] },
    ]);
    assert.equal(m.counters.unknown, 2, 'a bad loop_id and an unknown type');
    // The peer is kept as text: the page draws it with textContent.
    assert.equal(m.fds.get(9).peer, '<img src=x onerror=alert(1)>');
    assert.equal(m.stats, null);
  });

  test('rg follows netpollblock, gopark and netpollready', () => {
    const ev = (t, type, extra) => ({ t_us: t, type, loop_id: 0, ...extra });
    const m = run([hello, ev(2, 'accept', { listener: 3, fd: 8, peer: '127.0.0.1:5000' })]);
    const d = () => m.fds.get(8);
    assert.equal(d().rg, PD.NIL);
    // The first epoll_wait reports EPOLLOUT: nobody waits to write, so wg holds pdReady.
    apply(m, ev(3, 'epoll_wait', { epfd: 6, timeout_ms: 0, ready: [{ fd: 8, events: ['EPOLLOUT'] }] }));
    assert.deepEqual([d().rg, d().wg], [PD.NIL, PD.READY]);
    // read gets EAGAIN with nothing recorded: pdWait, then gopark commits the task.
    apply(m, ev(4, 'io', { fd: 8, op: 'read', len: 16384, ret: -1, errno: 'EAGAIN' }));
    assert.equal(d().rg, PD.WAIT);
    apply(m, ev(5, 'park', { fd: 8, mode: 'read', cause: 'eagain' }));
    assert.equal(d().rg, PD.PARKED);
    // epoll_wait reports the data: the task stays parked until netpollready wakes it.
    apply(m, ev(6, 'epoll_wait', { epfd: 6, timeout_ms: -1, ready: [{ fd: 8, events: ['EPOLLIN', 'EPOLLOUT'] }] }));
    assert.equal(d().rg, PD.PARKED);
    apply(m, ev(7, 'ready', { fd: 8, mode: 'read' }));
    assert.equal(d().rg, PD.NIL);
    // Readiness while the task runs: pdReady, which the next EAGAIN consumes (a retry, no park).
    apply(m, ev(8, 'epoll_wait', { epfd: 6, timeout_ms: 0, ready: [{ fd: 8, events: ['EPOLLIN'] }] }));
    assert.equal(d().rg, PD.READY);
    apply(m, ev(9, 'io', { fd: 8, op: 'read', len: 16384, ret: -1, errno: 'EAGAIN' }));
    assert.equal(d().rg, PD.NIL);
    // A write parks on wg.
    apply(m, ev(10, 'park', { fd: 8, mode: 'write', cause: 'eagain' }));
    assert.equal(d().wg, PD.PARKED);
    // A gap: both unknown until the next park or ready.
    apply(m, { t_us: 11, type: 'drops', dropped: 5, dropped_total: 5 });
    assert.deepEqual([d().rg, d().wg], [PD.UNKNOWN, PD.UNKNOWN]);
    assert.equal(m.counters.dropped, 5);
    apply(m, ev(12, 'ready', { fd: 8, mode: 'write' }));
    assert.equal(d().wg, PD.NIL);
    apply(m, ev(13, 'close', { fd: 8, reason: 'eof' }));
    assert.equal(d().closed, 'eof');
    assert.equal(m.counters.eagain, 2);
    assert.equal(m.counters.parks, 2);
    assert.equal(m.counters.readies, 2);
    assert.deepEqual(loopFds(m, 0).map((x) => x.fd), [3, 8], 'the listener first');
    // A connection whose close was lost in a gap is closed by the summary.
    apply(m, { t_us: 14, type: 'accept', loop_id: 0, listener: 3, fd: 10, peer: '127.0.0.1:5001' });
    apply(m, { t_us: 15, type: 'summary', cause: 'SIGTERM', loops: 1, closed_at_shutdown: 1, trace_drops: 5, stats: {} });
    assert.equal(m.fds.get(10).closed, 'shutdown');
    assert.equal(m.fds.get(8).closed, 'eof');
  });

  test('memory stays bounded under a long live stream', () => {
    const m = run([hello]);
    // 200,000 events over 20 s of trace time: 10,000 connections come and go.
    let t = 10;
    for (let i = 0; i < 10_000; i++) {
      const fd = 100 + (i % 5000);
      apply(m, { t_us: (t += 50), type: 'accept', loop_id: 0, listener: 3, fd, peer: `127.0.0.1:${i}` });
      for (let k = 0; k < 6; k++) {
        apply(m, { t_us: (t += 50), type: 'epoll_wait', loop_id: 0, epfd: 6, timeout_ms: -1, ready: [{ fd, events: ['EPOLLIN'] }] });
        apply(m, { t_us: (t += 50), type: 'io', loop_id: 0, fd, op: 'read', len: 64, ret: 64 });
        apply(m, { t_us: (t += 50), type: 'park', loop_id: 0, fd, mode: 'read', cause: 'short_read' });
      }
      apply(m, { t_us: (t += 50), type: 'close', loop_id: 0, fd, reason: 'eof' });
    }
    assert.equal(m.counters.accepts, 10_000);
    assert.ok(m.fds.size <= 1 + CLOSED_KEPT, `fds kept: ${m.fds.size}`);
    assert.equal(m.loops.get(0).batches.length, BATCHES_KEPT);
    assert.equal(m.log.length, LOG_KEPT);
    assert.ok(m.rate.length <= 101, `rate buckets: ${m.rate.length}`);
    // One event per 50 µs of trace time is 20,000 events/s.
    const rate = eventsPerSecond(m);
    assert.ok(Math.abs(rate - 20_000) <= 200, `events/s ${rate}`);
    for (let i = 0; i < 100; i++) noteProblem(m, i, 'json');
    assert.equal(m.counters.malformed, 100);
    assert.equal(m.problems.length, PROBLEMS_KEPT);
  });

  test('the shipped trace replays with no malformed line and draws both loops', () => {
    const text = readFileSync(join(ROOT, 'static', 'netpoll-trace.jsonl'), 'utf8');
    const { messages, problems } = parseTrace(text);
    assert.deepEqual(problems, []);
    assert.equal(messages[0].type, 'hello');
    assert.equal(messages.at(-1).type, 'summary');
    const m = run(messages);
    assert.equal(m.hello.loops, 2);
    assert.equal(m.loops.size, 2);
    assert.equal(m.counters.accepts, 20, 'the bench\'s 20 connections');
    assert.equal(m.counters.closes, 20);
    assert.ok(m.counters.epollWaits > 100, `${m.counters.epollWaits} epoll_waits`);
    assert.ok(m.counters.parks > 100 && m.counters.readies > 100);
    assert.ok(m.counters.capped > 0, 'the file was recorded with a cap');
    // Recorded under load: the server's own totals are far beyond what the file keeps.
    assert.ok(m.summary.stats.bytes_in > 1_000_000, `${m.summary.stats.bytes_in} bytes echoed`);
    assert.equal(m.summary.drops, 0);
  });
});
