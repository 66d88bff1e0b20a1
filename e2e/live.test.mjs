// The live netpoller page (static/live.html, no wasm) in the built site: it replays the trace
// the site ships, refuses bad input with a message on the page, passes axe in both languages
// and themes, and, with the real epoll-echo started by this test on 127.0.0.1, draws the
// events of load that node drives through the echo port. Screenshots go to target/e2e/.
//
// Like every browser test here it fails on any console error, with one exception that the
// refused-connection test removes by its exact text: Chromium itself logs a WebSocket that
// cannot connect ("WebSocket connection to 'ws://…' failed"), and no page can stop it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { APP_GALLERY, OUT, ROOT, useBrowser } from './harness.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SERVER_BIN = join(ROOT, 'target', 'release', 'epoll-echo');

describe('live netpoller page', () => {
  const browser = useBrowser();

  async function openLive(query = '') {
    const page = await browser.open();
    await page.goto(browser.server.url + 'live.html' + query);
    // The shipped trace is loaded at once, so the page is never empty.
    await page.waitForSelector('[data-testid=loop] [data-testid=fd-row]');
    return page;
  }

  async function seriousViolations(page, label) {
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
        count: v.nodes.length,
      }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    console.log(`axe live page ${label}: ${serious.length} serious/critical, ${result.length - serious.length} minor (${result.filter((v) => !serious.includes(v)).map((v) => v.id).join(', ') || 'none'})`);
    return serious.map((v) => ({ page: label, ...v }));
  }

  const counter = (page, key) =>
    page.$eval(`[data-counter=${key}] dd`, (dd) => Number(dd.textContent.replace(/,/g, '')));

  test('the app links to it, and it replays the shipped trace', async () => {
    const page = await browser.open();
    await page.goto(browser.server.url + '#/');
    await page.waitForSelector(APP_GALLERY);
    await page.click('[data-testid=nav-live]');
    await page.waitForSelector('[data-testid=live-page] [data-testid=fd-row]');
    assert.match(page.url(), /live\.html$/);
    assert.match(await page.textContent('[data-testid=status]'), /Loaded 2,572 messages from the recorded trace/);
    // Two loops from hello, each with its epoll fd and listener.
    assert.equal(await page.locator('[data-testid=loop]').count(), 2);
    assert.match(await page.textContent('[data-loop="0"] h3'), /^Loop 0 · epfd \d+ · listener fd \d+$/);

    // Step to the first epoll_wait: the listener is readable and its accept task is readied.
    await page.click('[data-testid=next-wait]');
    const batch = page.locator('[data-loop="0"] [data-testid=batch]').first();
    assert.match(await batch.textContent(), /epoll_wait\(timeout=-1\) → 1 ready/);
    assert.match(await batch.locator('[data-testid=ready-fd]').first().textContent(), /^fd \d+ IN$/);
    for (let i = 0; i < 60; i++) await page.click('[data-testid=next-wait]');
    // By now connections were accepted, and tasks parked on rg and were readied by batches.
    assert.ok((await counter(page, 'accepts')) >= 10);
    assert.ok((await counter(page, 'parks')) > 10);
    assert.ok(await page.locator('[data-testid=fd-row] [data-testid=rg] [data-pd=parked]').count() > 0, 'some rg holds a parked task');
    assert.ok(await page.locator('[data-testid=batch][data-ready]:not([data-ready="1"])').count() > 0, 'a batch with several ready fds');
    await page.screenshot({ path: join(OUT, 'live-replay-stepped.png'), fullPage: true });

    // To the end: the bench's 20 connections came and went; the file's cap is reported.
    await page.click('[data-testid=to-end]');
    assert.equal(await counter(page, 'accepts'), 20);
    assert.equal(await counter(page, 'closes'), 20);
    assert.equal(await counter(page, 'open'), 0);
    assert.ok((await counter(page, 'capped')) > 0);
    assert.match(await page.textContent('[data-testid=position]'), /message 2,572 of 2,572/);
    assert.match(await page.textContent('[data-testid=log]'), /server stopped \(SIGTERM\)/);
    // The slider goes back: the model is rebuilt from the start.
    await page.locator('[data-testid=seek]').fill('200');
    assert.match(await page.textContent('[data-testid=position]'), /message 200 of 2,572/);
    // Play moves on by itself; Pause stops it.
    await page.click('[data-testid=play]');
    assert.equal(await page.textContent('[data-testid=play]'), 'Pause');
    await page.waitForFunction(() => /message (2[1-9]\d|[3-9]\d\d|\d,\d{3}) of/.test(document.querySelector('[data-testid=position]').textContent));
    await page.click('[data-testid=play]');
    assert.equal(await page.textContent('[data-testid=play]'), 'Play');
    assert.equal(await page.textContent('[data-testid=error]'), '');
    await page.screenshot({ path: join(OUT, 'live-replay.png'), fullPage: true });

    // The app's language carries over (through its stored settings).
    await page.goto(browser.server.url + '#/');
    await page.waitForSelector(APP_GALLERY);
    await page.click('[data-testid=lang-zh]');
    await page.waitForSelector('html[lang=zh-CN]');
    await page.click('[data-testid=nav-live]');
    await page.waitForSelector('[data-testid=live-page] [data-testid=fd-row]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('h1'), '实时 netpoller');
  });

  test('bad input is a message on the page: port, host, malformed and empty trace files', async () => {
    const page = await openLive();
    const error = page.locator('[data-testid=error]');
    for (const bad of ['', 'abc', '0', '65536', '99999', '80 80', '1e3', '-1']) {
      await page.fill('[data-testid=port]', bad);
      await page.click('[data-testid=connect]');
      assert.match(await error.textContent(), /is not a port: enter a whole number from 1 to 65535/, `port ${JSON.stringify(bad)}`);
      assert.equal(await page.getAttribute('[data-testid=port]', 'aria-invalid'), 'true');
    }
    // Only loopback is offered; a host added to the select behind the page's back is refused.
    await page.evaluate(() => {
      const o = document.createElement('option');
      o.value = 'example.com';
      o.textContent = 'example.com';
      document.querySelector('[data-testid=host]').append(o);
    });
    await page.selectOption('[data-testid=host]', 'example.com');
    await page.fill('[data-testid=port]', '9333');
    await page.click('[data-testid=connect]');
    assert.match(await error.textContent(), /Refusing to connect to "example.com"/);
    assert.equal(await page.getAttribute('[data-testid=host]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('[data-testid=port]', 'aria-invalid'), null);
    await page.selectOption('[data-testid=host]', '127.0.0.1');

    // A trace file with malformed lines replays the good ones and says which lines were skipped.
    const shipped = readFileSync(join(ROOT, 'static', 'netpoll-trace.jsonl'), 'utf8').split('\n');
    const mixed = [shipped[0], 'this is not JSON', shipped[1], '[1,2]', '{"type":"io"}', '<script>alert(1)</script>', ...shipped.slice(2, 200)].join('\n');
    await page.setInputFiles('[data-testid=trace-file]', { name: 'mixed.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(mixed) });
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('mixed.jsonl'));
    assert.match(await error.textContent(), /4 malformed messages were skipped: line 2 is not JSON; line 4 is not a JSON object; line 5 has no "t_us"; line 6 is not JSON/);
    assert.match(await page.textContent('[data-testid=position]'), /of 200$/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'nothing from a trace becomes markup');

    // A file with no trace in it.
    await page.setInputFiles('[data-testid=trace-file]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nworld\n') });
    await page.waitForFunction(() => document.querySelector('[data-testid=error]').textContent.includes('notes.txt'));
    assert.match(await error.textContent(), /notes\.txt holds no trace messages/);
    // An empty one.
    await page.setInputFiles('[data-testid=trace-file]', { name: 'empty.jsonl', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await page.waitForFunction(() => document.querySelector('[data-testid=error]').textContent.includes('empty.jsonl'));
    // HTML in a trace is drawn as text.
    const evil = JSON.stringify({ t_us: 2, type: 'accept', loop_id: 0, listener: 3, fd: 9, peer: '<img src=x onerror="window.__pwned=1">' });
    await page.setInputFiles('[data-testid=trace-file]', { name: 'evil.jsonl', mimeType: 'text/plain', buffer: Buffer.from(evil + '\n') });
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('evil.jsonl'));
    await page.click('[data-testid=to-end]');
    assert.match(await page.textContent('[data-testid=log]'), /from <img src=x onerror="window.__pwned=1">/);
    assert.equal(await page.locator('[data-testid=log] img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.match(await error.textContent(), /The first message was not "hello"/);
    await page.screenshot({ path: join(OUT, 'live-bad-input.png'), fullPage: true });
  });

  test('a refused connection says so, and keeps the replay', async () => {
    const page = await openLive();
    const port = await freePort();
    await page.fill('[data-testid=port]', String(port));
    await page.click('[data-testid=connect]');
    await page.waitForFunction(() => document.querySelector('[data-testid=error]').textContent.length > 0);
    assert.match(await page.textContent('[data-testid=error]'), new RegExp(`Could not connect to ws://127\\.0\\.0\\.1:${port}/\\. Is epoll-echo running`));
    assert.equal(await page.locator('[data-testid=loop]').count(), 2, 'the replayed picture is still there');
    assert.equal(await page.isEnabled('[data-testid=connect]'), true);
    // Chromium's own log line for the refused socket; anything else still fails the test.
    const own = `WebSocket connection to 'ws://127.0.0.1:${port}/' failed`;
    browser.problems.splice(0, browser.problems.length, ...browser.problems.filter((p) => !p.includes(own)));
  });

  test('axe: no serious or critical violations, light and dark, English and 中文', async () => {
    const found = [];
    let page = await openLive();
    found.push(...(await seriousViolations(page, 'replay loaded, light en')));
    await page.click('[data-testid=to-end]');
    found.push(...(await seriousViolations(page, 'replay at the end, light en')));
    await page.fill('[data-testid=port]', 'nope');
    await page.click('[data-testid=connect]');
    found.push(...(await seriousViolations(page, 'bad port, light en')));
    await page.click('[data-testid=lang-zh]');
    await page.waitForSelector('html[lang=zh-CN]');
    assert.match(await page.textContent('h1'), /实时 netpoller/);
    assert.match(await page.url(), /lang=zh/);
    // The messages already on the page change language too.
    assert.match(await page.textContent('[data-testid=error]'), /“nope”不是端口/);
    found.push(...(await seriousViolations(page, 'bad port, light 中文')));
    await page.context().close();

    // Dark, and Chinese from the app's stored settings (no ?lang=).
    page = await browser.open(undefined, { colorScheme: 'dark' });
    await page.goto(browser.server.url + 'live.html');
    await page.waitForSelector('[data-testid=fd-row]');
    await page.evaluate(() => localStorage.setItem('gopitfalls.settings', 'lang=zh;theme=dark'));
    await page.reload();
    await page.waitForSelector('[data-testid=fd-row]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.match(await page.textContent('[data-testid=status]'), /已从录制的 trace加载 2,572 条消息/);
    for (let i = 0; i < 40; i++) await page.click('[data-testid=next-wait]');
    found.push(...(await seriousViolations(page, 'replay stepped, dark 中文')));
    await page.click('[data-testid=lang-en]');
    assert.match(await page.textContent('[data-testid=status]'), /^Loaded 2,572 messages from the recorded trace/);
    found.push(...(await seriousViolations(page, 'replay stepped, dark en')));
    await page.screenshot({ path: join(OUT, 'live-dark.png'), fullPage: true });
    writeFileSync(join(OUT, 'live-axe.json'), JSON.stringify(found, null, 2) + '\n');
    assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  });

  describe('with the real server', () => {
    let server;

    before(() => {
      // A no-op when the binary is fresh; scripts/test.sh builds it before the e2e step.
      execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'epoll-echo'], { cwd: ROOT, stdio: 'inherit' });
      assert.ok(existsSync(SERVER_BIN), `${SERVER_BIN} was not built`);
    });

    after(async () => {
      if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    });

    test('the page connects, and the load node drives shows up as events', async () => {
      server = await startServer();
      const page = await openLive();
      await page.fill('[data-testid=port]', String(server.wsPort));
      await page.click('[data-testid=connect]');
      await page.waitForFunction(() => /^Connected to ws:\/\/127\.0\.0\.1:\d+\//.test(document.querySelector('[data-testid=status]').textContent));
      // hello arrives first: the live picture replaces the replay.
      await page.waitForFunction(() => /^Live from .* 2 loops$/.test(document.querySelector('[data-testid=source-line]').textContent));
      assert.match(await page.textContent('[data-testid=source-line]'), new RegExp(`echo server 127\\.0\\.0\\.1:${server.echoPort}, 2 loops`));
      assert.equal(await page.locator('[data-testid=loop]').count(), 2);

      // Load from node: 8 connections, 50 echoed round trips each, then close.
      const sent = await driveLoad(server.echoPort, 8, 50);
      assert.equal(sent, 8 * 50 * 16);
      await page.waitForFunction(() => Number(document.querySelector('[data-counter=closes] dd').textContent.replace(/,/g, '')) >= 8, null, { timeout: 20_000 });
      assert.equal(await counter(page, 'accepts'), 8);
      assert.ok((await counter(page, 'reads')) >= 8, 'reads arrived');
      assert.ok((await counter(page, 'epollWaits')) > 0, 'epoll_waits arrived');
      assert.ok((await counter(page, 'parks')) > 0, 'parks arrived');
      // bytes read counts every echoed byte unless the viewer dropped events.
      const dropped = await counter(page, 'dropped');
      if (dropped === 0) assert.equal(await counter(page, 'bytesIn'), sent);
      assert.ok(await page.locator('[data-testid=fd-row]').filter({ hasText: 'conn 127.0.0.1:' }).count() >= 1);
      assert.ok(await page.locator('[data-testid=batch]').count() > 0);
      assert.equal(await page.textContent('[data-testid=error]'), '');
      await page.screenshot({ path: join(OUT, 'live-connected.png'), fullPage: true });

      // The server stops: the page says so (the summary arrived), without an error.
      server.child.kill('SIGTERM');
      await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.startsWith('The server stopped'), null, { timeout: 20_000 });
      assert.equal(await page.textContent('[data-testid=error]'), '');
      const code = await server.exited;
      assert.equal(code, 0);
      assert.match(server.stdout.join('\n'), /stopped by SIGTERM; loops=2 accepted=8 /);
    });
  });
});

/** A port nothing listens on (bound, then released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts epoll-echo with 2 loops and a trace viewer, both on kernel-chosen loopback ports. */
async function startServer() {
  const child = spawn(SERVER_BIN, ['serve', '--addr', '127.0.0.1:0', '--threads', '2', '--trace-ws', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = [];
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  const ports = await new Promise((resolve, reject) => {
    let echoPort;
    lines.on('line', (line) => {
      stdout.push(line);
      const listening = /^epoll-echo listening on 127\.0\.0\.1:(\d+) /.exec(line);
      if (listening) echoPort = Number(listening[1]);
      const viewer = /^epoll-echo trace viewer on ws:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (viewer) resolve({ echoPort, wsPort: Number(viewer[1]) });
    });
    exited.then((code) => reject(new Error(`epoll-echo exited (${code}) before listening: ${stdout.join('\n')}`)));
  });
  return { child, stdout, exited, ...ports };
}

/**
 * Opens `conns` connections to the echo server and makes `rounds` round trips of 16 bytes on
 * each (the next message goes when the whole echo is back), then closes them. Resolves to the
 * bytes echoed; rejects on a wrong echo.
 */
function driveLoad(port, conns, rounds) {
  const one = (id) =>
    new Promise((resolve, reject) => {
      const sock = netConnect({ host: '127.0.0.1', port });
      const msg = Buffer.from(`conn ${String(id).padStart(2, '0')} message!`);
      assert.equal(msg.length, 16);
      let got = Buffer.alloc(0);
      let done = 0;
      sock.on('connect', () => sock.write(msg));
      sock.on('data', (chunk) => {
        got = Buffer.concat([got, chunk]);
        while (got.length >= msg.length) {
          if (!got.subarray(0, msg.length).equals(msg)) {
            reject(new Error(`wrong echo on connection ${id}`));
            sock.destroy();
            return;
          }
          got = got.subarray(msg.length);
          done++;
          if (done === rounds) {
            sock.end();
            return;
          }
          sock.write(msg);
        }
      });
      sock.on('close', () => resolve(done * msg.length));
      sock.on('error', reject);
    });
  return Promise.all(Array.from({ length: conns }, (_, i) => one(i))).then((bytes) => bytes.reduce((a, b) => a + b, 0));
}
