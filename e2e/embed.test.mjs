// End-to-end tests of the embeddable widget (issue 14): host pages served
// from another origin (a second port on 127.0.0.1) frame the release build
// in dist/ through static/embed.js's <go-pitfall> element and through a
// plain iframe. They check that each widget renders, sizes itself after a
// step, loads only near the viewport, runs inline code, shows hostile
// output as text, ignores foreign messages and keys pressed outside it,
// says what is wrong in its box, and works under a strict CSP. Every test
// fails on any console error (harness.mjs). Screenshots go to target/e2e/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { OUT, caseIndex, useBrowser } from './harness.mjs';

const browser = useBrowser();

/** A host on its own port: serves `pages[name]` as { body, headers }. */
async function serveHost(pages) {
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    if (name === 'favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const page = pages[name];
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.headers ?? {}) });
    res.end(page.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Prints markup and a script: the widget must show it as text. It runs
// through a goroutine and a channel, and is long enough for the LZ77 in
// embed.js to find matches (with non-ASCII text), so the frame reads back
// what the script encoded.
const HOSTILE = `package main

import "fmt"

func main() {
	ch := make(chan string, 1)
	go func() {
		ch <- "<script>alert('embed')</script><b>bold</b> & 你好"
	}()
	fmt.Println(<-ch)
	fmt.Println("<img src=x onerror=alert(2)> <b>bold</b> <b>bold</b>")
}
`;
const HOSTILE_OUTPUT = "<script>alert('embed')</script><b>bold</b> & 你好\n<img src=x onerror=alert(2)> <b>bold</b> <b>bold</b>\n";

const BROKEN = `package main

func main() {
	x := 1
}
`;

let host;
let app;
/** The page the "Embed this" test writes from the snippets it copied. */
const pasted = { body: '' };
let lockCase;
let loopCase;

/** The widget's frame inside the host element `selector`, once its player is there. */
async function widgetFrame(page, selector) {
  const handle = await page.waitForSelector(`${selector} iframe`, { state: 'attached' });
  const frame = await handle.contentFrame();
  await frame.waitForSelector('[data-testid=playground]', { timeout: 60_000 });
  return frame;
}

const frameHeight = (page, selector) => page.$eval(`${selector} iframe`, (f) => f.getBoundingClientRect().height);

/** Waits until the frame in `selector` is exactly as tall as its content. */
async function sized(page, selector, frame) {
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await page.waitForFunction(
    ([sel, h]) => Math.abs(document.querySelector(`${sel} iframe`).getBoundingClientRect().height - h) <= 1,
    [selector, content],
  );
  return content;
}

const position = (frame) => frame.$eval('[data-testid=playground]', (e) => Number(e.dataset.position));

describe('embedded widgets on another origin', () => {
  before(async () => {
    const cases = caseIndex();
    lockCase = cases.find((c) => c.number === 4).slug;
    loopCase = cases.find((c) => c.slug.includes('loop-variable')).slug;
    // `browser.server` starts in the harness's root-level hook, which runs
    // before a suite's.
    app = browser.server.url;
    const script = `<script src="${app}embed.js" defer></script>`;
    const spacer = '<div style="height: 2400px"></div>';
    host = await serveHost({
      'widgets.html': {
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${script}</head>
  <body style="margin: 0; font: 16px sans-serif">
  <h1>A post about Go</h1>
  <go-pitfall id="w-case" case="${lockCase}" lang="en"></go-pitfall>
  ${spacer}
  <go-pitfall id="w-code" go="1.22" controls="minimal"><pre>
  ${escapeHtml(HOSTILE)}</pre></go-pitfall>
  ${spacer}
  <iframe id="w-plain" sandbox="allow-scripts" src="${app}#/embed/${loopCase}?go=1.21&amp;lang=zh" width="100%" height="640" loading="lazy" title="plain"></iframe>
  </body></html>`,
      },
      'errors.html': {
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Errors</title>${script}</head><body>
  <go-pitfall id="w-nocase" case="no-such-case"></go-pitfall>
  <go-pitfall id="w-broken"><pre>${escapeHtml(BROKEN)}</pre></go-pitfall>
  <iframe id="w-damaged" src="${app}#/embed?code=AQ!!" width="100%" height="200" title="damaged"></iframe>
  </body></html>`,
      },
      'pasted.html': pasted,
    'strict.html': {
        headers: {
          'content-security-policy': `default-src 'none'; script-src ${new URL(app).origin}/; frame-src ${new URL(app).origin}/; style-src 'none'`,
        },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict</title>${script}</head><body>
  <go-pitfall id="w-strict" case="${lockCase}"></go-pitfall>
  </body></html>`,
      },
    });
  });

  after(async () => {
    await host?.close();
  });

  test('render, size themselves, load lazily, run inline code as text and ignore foreign messages', async () => {
    const page = await browser.open({ width: 1100, height: 800 });
    page.on('dialog', (d) => {
      browser.problems.push(`dialog opened: ${d.message()}`);
      d.dismiss();
    });
    await page.goto(host.url + 'widgets.html');

    // The case widget renders in its frame and takes its content's height.
    const caseFrame = await widgetFrame(page, '#w-case');
    assert.equal(new URL(caseFrame.url()).origin, new URL(app).origin);
    assert.notEqual(new URL(caseFrame.url()).origin, new URL(host.url).origin);
    const before = await sized(page, '#w-case', caseFrame);

    // Below the fold nothing has loaded yet: no frame for the inline code,
    // no document in the plain lazy iframe.
    assert.equal(await page.$$eval('#w-code iframe', (f) => f.length), 0, 'the inline widget waits for scrolling');
    assert.ok(!page.frames().some((f) => f.url().includes(loopCase)), 'the plain iframe waits for scrolling');
    await page.locator('#w-case').screenshot({ path: join(OUT, 'embed-case.png') });

    // Keys pressed on the host page do not reach the widget.
    await page.keyboard.press('ArrowRight');
    assert.equal(await position(caseFrame), 0, "the host's keys are the host's");
    // Inside it, the shortcuts work.
    await caseFrame.click('[data-testid=narration]');
    await page.keyboard.press('ArrowRight');
    await caseFrame.waitForSelector('[data-testid=playground][data-position="1"]');

    // Stepping to the end (a larger state) grows the frame to fit.
    await caseFrame.click('[data-testid=run-to-end]');
    await caseFrame.waitForSelector('[data-testid=playground][data-ended=true][data-running=false]', { timeout: 60_000 });
    const grown = await sized(page, '#w-case', caseFrame);
    assert.ok(grown > before, `the frame grew with its content (${before} -> ${grown} px)`);
    await page.locator('#w-case').screenshot({ path: join(OUT, 'embed-case-end.png') });

    // A frame that is not the widget posts a well-formed height message to
    // the host, and any message to the widget: nothing changes.
    const stepped = await position(caseFrame);
    await page.evaluate(() => {
      const foreign = document.createElement('iframe');
      foreign.id = 'foreign';
      foreign.srcdoc = '<p>foreign</p>';
      document.body.prepend(foreign);
      return new Promise((resolve) => foreign.addEventListener('load', resolve));
    });
    const foreign = await (await page.$('#foreign')).contentFrame();
    await page.evaluate(() => {
      window.sentinel = new Promise((resolve) =>
        window.addEventListener('message', (e) => e.data === 'sentinel' && resolve()),
      );
    });
    await foreign.evaluate(() => {
      const widget = parent.document.querySelector('#w-case iframe').contentWindow;
      widget.postMessage({ type: 'go-pitfall:height', height: 5 }, '*');
      widget.postMessage({ type: 'step' }, '*');
      parent.postMessage({ type: 'go-pitfall:height', height: 5 }, '*');
      parent.postMessage('sentinel', '*');
    });
    await page.evaluate(() => window.sentinel);
    assert.equal(Math.round(await frameHeight(page, '#w-case')), Math.round(grown), 'a foreign message resized nothing');
    assert.equal(await position(caseFrame), stepped, 'a message did not step the widget');
    assert.equal(
      await caseFrame.evaluate(() => document.documentElement.dataset.theme),
      'light',
      "the widget follows the host reader's colour scheme",
    );

    // Changing an attribute replaces the frame: the new one speaks Chinese.
    await page.$eval('#w-case', (e) => e.setAttribute('lang', 'zh'));
    await page.waitForFunction(() => document.querySelectorAll('#w-case iframe').length === 1);
    const zhFrame = await widgetFrame(page, '#w-case');
    assert.equal(await zhFrame.evaluate(() => document.documentElement.lang), 'zh-CN');

    // Scrolling down loads the inline widget, which runs its program and
    // shows the hostile output as text.
    await page.locator('#w-code').scrollIntoViewIfNeeded();
    const codeFrame = await widgetFrame(page, '#w-code');
    assert.equal(await codeFrame.$$eval('[data-testid=go-version]', (e) => e.length), 0, 'minimal controls');
    await codeFrame.click('[data-testid=run-to-end]');
    await codeFrame.waitForSelector('[data-testid=playground][data-ended=true][data-running=false]', { timeout: 60_000 });
    assert.equal(await codeFrame.textContent('[data-testid=stdout]'), HOSTILE_OUTPUT);
    assert.equal(
      await codeFrame.$$eval('[data-testid=console] script, [data-testid=console] b, [data-testid=console] img', (e) => e.length),
      0,
      'no markup from the program is interpreted',
    );
    assert.equal(await page.$eval('#w-code pre', (p) => p.hidden), true, 'the inline source is hidden, not removed');
    await sized(page, '#w-code', codeFrame);
    await page.locator('#w-code').screenshot({ path: join(OUT, 'embed-inline.png') });

    // "Open in Go Pitfalls" opens the full page at the same step.
    const open = await codeFrame.getAttribute('[data-testid=open-full]', 'href');
    assert.ok(open.startsWith(`${app}#/play?code=`), open);
    assert.equal(await codeFrame.getAttribute('[data-testid=open-full]', 'target'), '_blank');
    const endedAt = await position(codeFrame);
    const full = await page.context().newPage();
    full.on('console', (msg) => msg.type() === 'error' && browser.problems.push(`full page console error: ${msg.text()}`));
    full.on('pageerror', (err) => browser.problems.push(`full page error: ${err.message}`));
    await full.goto(open);
    await full.waitForSelector(`[data-testid=play-page] [data-testid=playground][data-position="${endedAt}"]`, { timeout: 60_000 });
    assert.equal(await full.textContent('[data-testid=stdout]'), HOSTILE_OUTPUT);
    assert.equal(await full.$$eval('[data-testid=embed-this]', (e) => e.length), 1, 'the full player, not the widget');
    await full.close();

    // The plain iframe, sandboxed with allow-scripts alone, works too.
    await page.locator('#w-plain').scrollIntoViewIfNeeded();
    const plain = await (await page.$('#w-plain')).contentFrame();
    await plain.waitForSelector('[data-testid=playground]', { timeout: 60_000 });
    assert.equal(await plain.evaluate(() => document.documentElement.lang), 'zh-CN');
    await plain.click('[data-testid=step]');
    await plain.waitForSelector('[data-testid=playground][data-position="1"]');
    await page.locator('#w-plain').screenshot({ path: join(OUT, 'embed-plain-iframe.png') });
  });

  test('a missing case, a compile error and damaged code are explained in the widget', async () => {
    const page = await browser.open({ width: 900, height: 900 }, { colorScheme: 'dark' });
    await page.goto(host.url + 'errors.html');
    const nocase = await (await page.waitForSelector('#w-nocase iframe')).contentFrame();
    const error = await nocase.waitForSelector('[data-testid=embed-error]');
    assert.match(await error.textContent(), /no case named "no-such-case"/);
    assert.equal(await nocase.evaluate(() => document.documentElement.dataset.theme), 'dark');

    const broken = await widgetFrame(page, '#w-broken');
    assert.match(await broken.textContent('[data-testid=compile-errors]'), /declared and not used: x/);

    const damaged = await (await page.$('#w-damaged')).contentFrame();
    const damage = await damaged.waitForSelector('[data-testid=link-error]');
    assert.match(await damage.textContent(), /cannot be decoded/);
    assert.doesNotMatch(await damage.textContent(), /from its start/, 'inline code has no case to fall back to');
    await page.screenshot({ path: join(OUT, 'embed-errors.png'), fullPage: true });
  });

  test('"Embed this" writes an element, an iframe and a link that open the same step', async () => {
    const page = await browser.open({ width: 1280, height: 900 }, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(app + `#/case/${lockCase}`);
    await page.waitForSelector('[data-testid=playground]');
    for (let i = 1; i <= 3; i++) {
      await page.click('[data-testid=step]');
      await page.waitForSelector(`[data-testid=playground][data-position="${i}"]`);
    }
    await page.click('[data-testid=embed-this]');
    const element = await page.inputValue('[data-testid=embed-element]');
    const iframe = await page.inputValue('[data-testid=embed-iframe]');
    const link = await page.inputValue('[data-testid=embed-link]');
    assert.ok(element.startsWith(`<script src="${app}embed.js" defer></script>\n<go-pitfall case="${lockCase}" lang="en"`), element);
    assert.match(element, / step="3"><\/go-pitfall>$/);
    assert.ok(iframe.startsWith(`<iframe src="${app}#/embed/${lockCase}?lang=en&amp;go=`), iframe);
    assert.match(iframe, /&amp;step=3"/);
    assert.ok(link.startsWith(`${app}#/case/${lockCase}?`), link);
    // Each copy button puts its own snippet on the clipboard.
    const copies = page.locator('[data-testid=embed-panel] .embed-this__item button');
    assert.equal(await copies.count(), 3);
    for (const [i, text] of [element, iframe, link].entries()) {
      await copies.nth(i).click();
      await page.waitForFunction((want) => navigator.clipboard.readText().then((got) => got === want), text);
    }
    await page.screenshot({ path: join(OUT, 'embed-this.png') });

    // Edited code goes inline, escaped for the host's HTML.
    await page.click('[data-testid=edit]');
    await page.fill('[data-testid=editor]', HOSTILE);
    await page.click('[data-testid=run-edited]');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=playground][data-running=false]');
    const edited = await page.inputValue('[data-testid=embed-element]');
    assert.match(edited, /<pre>package main\n/);
    assert.ok(edited.includes('&lt;script&gt;alert('), edited);
    assert.ok(!edited.slice(edited.indexOf('<pre>')).includes('<script'), 'no live markup in the inline code');

    // Both snippets, pasted into a host page, open that program.
    const hostPage = await page.context().newPage();
    hostPage.on('console', (msg) => msg.type() === 'error' && browser.problems.push(`host console error: ${msg.text()}`));
    hostPage.on('pageerror', (err) => browser.problems.push(`host page error: ${err.message}`));
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title></head><body>
<div id="w-element">${edited}</div><div id="w-iframe">${iframe}</div></body></html>`;
    pasted.body = body;
    await hostPage.goto(host.url + 'pasted.html');
    const fromElement = await widgetFrame(hostPage, '#w-element');
    assert.equal(await fromElement.textContent('[data-testid=source] [data-line="1"] .line__text'), 'package main');
    const fromIframe = await (await hostPage.$('#w-iframe iframe')).contentFrame();
    await fromIframe.waitForSelector('[data-testid=playground][data-position="3"]', { timeout: 60_000 });
  });

  test('works on a host page with a strict Content-Security-Policy', async () => {
    const page = await browser.open({ width: 900, height: 900 });
    await page.goto(host.url + 'strict.html');
    const frame = await widgetFrame(page, '#w-strict');
    const first = await sized(page, '#w-strict', frame);
    assert.notEqual(Math.round(first), 460, 'auto-height replaced the starting height');
    await frame.click('[data-testid=run-to-end]');
    await frame.waitForSelector('[data-testid=playground][data-ended=true][data-running=false]', { timeout: 60_000 });
    await sized(page, '#w-strict', frame);
    await page.screenshot({ path: join(OUT, 'embed-strict-csp.png'), fullPage: true });
  });
});
