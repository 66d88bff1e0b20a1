// End-to-end tests of the player as its users meet it (issue 12): answers
// that belong to the program on screen, each step visible without
// scrolling on a laptop and a phone, many goroutines kept readable and
// cheap, the keyboard and screen readers, and case 17's memory leak. On the
// release build in dist/, in Debian's Chromium; every test fails on any
// console error. Screenshots and measurements go to target/e2e/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_GALLERY, OUT, ROOT, caseIndex, selectGo, showFix, useBrowser } from './harness.mjs';

const browser = useBrowser();
let page;

async function openPage(viewport = { width: 1366, height: 768 }, options = {}) {
  page = await browser.open(viewport, { reducedMotion: 'reduce', ...options });
  return page;
}

function slugFor(number) {
  const found = caseIndex().find((c) => c.number === number);
  assert.ok(found, `case ${number} exists`);
  return found.slug;
}

const SYNCMAP = () => caseIndex().find((c) => c.file.startsWith('17-')).slug;

async function openCase(slug, query = '') {
  await page.goto(browser.server.url + `#/case/${slug}` + (query ? `?${query}` : ''));
  await page.waitForSelector(`[data-testid=case-view][data-slug="${slug}"] [data-testid=playground]`);
}

const position = async () => Number(await page.getAttribute('[data-testid=playground]', 'data-position'));
const ended = async () => (await page.getAttribute('[data-testid=playground]', 'data-ended')) === 'true';

/** Waits until the page shows step `n`. */
const atStep = (n, timeout = 30_000) =>
  page.waitForFunction((n) => document.querySelector('[data-testid=playground]').dataset.position === String(n), n, { timeout });

async function runToEnd(timeout = 120_000) {
  await page.click('[data-testid=run-to-end]');
  await page.waitForSelector('[data-testid=playground][data-ended=true][data-running=false]', { timeout });
}

/** Lets the browser run the effects of the last render (scrolling). */
const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function explore() {
  await page.click('[data-testid=explore-start]');
  await page.waitForSelector('[data-testid=explore-summary]', { timeout: 120_000 });
}

async function editAndRun(source) {
  await page.click('[data-testid=edit]');
  await page.fill('[data-testid=editor]', source);
  await page.click('[data-testid=run-edited]');
  // The compiler worker compiles it; the editor closes when it is loaded.
  await page.waitForSelector('[data-testid=editor]', { state: 'detached' });
  // Pause the run the editor starts, unless it has ended already (in the
  // page, so the check and the click cannot be told apart by a tick).
  await page.evaluate(() => {
    const run = document.querySelector('[data-testid=run]');
    if (run.getAttribute('aria-disabled') !== 'true' && document.querySelector('[data-testid=playground][data-running=true]')) run.click();
  });
  await page.waitForSelector('[data-testid=playground][data-running=false]');
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is. */
async function seriousViolations(label) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
      count: v.nodes.length,
    }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !serious.includes(v));
  console.log(
    `axe ${label}: ${serious.length} serious/critical (${serious.map((v) => `${v.id} ×${v.count}`).join(', ') || 'none'}), ` +
      `${minor.length} minor (${minor.map((v) => v.id).join(', ') || 'none'})`,
  );
  for (const v of serious) console.log(`  ${v.id}: ${v.nodes.join(' | ')}`);
  return serious;
}

describe('player', () => {
  test('explored outcomes never load onto another program or release', async () => {
    await openPage();
    // Case 3: explored on the original, loaded while a fix is shown.
    await openCase(slugFor(3));
    await explore();
    await showFix(page, 1);
    await page.waitForSelector('[data-testid=explore-stale]');
    assert.match(await page.textContent('[data-testid=explore-stale]'), /Stale/);
    // The button is marked disabled; pressed anyway, it explains why.
    await page.locator('[data-testid=load-outcome]').first().click({ force: true });
    await page.waitForSelector('[data-testid=notice][data-kind=stale]');
    assert.equal(await page.getAttribute('[data-testid=show-fix-1]', 'aria-pressed'), 'true', 'the fix stays on screen');
    await runToEnd();
    const fixOut = await page.textContent('[data-testid=stdout]');
    await page.screenshot({ path: join(OUT, 'player-stale-explore.png') });
    // The same run of the fix, from a fresh page, prints the same.
    await page.click('[data-testid=show-original]');
    await showFix(page, 1);
    await runToEnd();
    assert.equal(await page.textContent('[data-testid=stdout]'), fixOut);
    // Back on the original, an outcome loads, and the page says so.
    await page.click('[data-testid=show-original]');
    assert.equal(await page.locator('[data-testid=explore-stale]').count(), 0);
    await page.locator('[data-testid=load-outcome]').first().click();
    await page.waitForSelector('[data-testid=notice][data-kind=loaded]');
    assert.match(await page.textContent('[data-testid=notice]'), /Loaded outcome 1 \(.+\): its run takes \d+ steps?/);
    assert.equal(await position(), 0);

    // Case 14: explored under 1.22, loaded while 1.21 is shown.
    await openCase(slugFor(14));
    await selectGo(page, '1.22');
    await explore();
    await selectGo(page, '1.21');
    await page.waitForSelector('[data-testid=explore-stale]');
    await page.locator('[data-testid=load-outcome]').first().click({ force: true });
    await page.waitForSelector('[data-testid=notice][data-kind=stale]');
    assert.equal(await page.inputValue('[data-testid=go-version]'), '1.21');
    await runToEnd();
    assert.equal(await page.textContent('[data-testid=stdout]'), '3\n3\n3\n', "1.21's output, not 1.22's");
  });

  test('a damaged link or one pasted onto another case says so', async () => {
    await openPage();
    const slug = slugFor(4);
    await openCase(slug);
    await editAndRun('package main\n\nfunc main() {\n\tprintln("edited program")\n}\n');
    await page.click('[data-testid=share]');
    const link = await page.inputValue('[data-testid=share-link]');
    const hash = new URL(link).hash;
    assert.match(hash, /code=.*&sum=[0-9a-f]{8}$/);
    await page.context().close();

    // One changed character in the program.
    await openPage();
    const i = hash.indexOf('code=') + 20;
    const damaged = hash.slice(0, i) + (hash[i] === 'A' ? 'B' : 'A') + hash.slice(i + 1);
    await page.goto(browser.server.url + damaged);
    await page.waitForSelector('[data-testid=link-error]');
    assert.match(await page.textContent('[data-testid=link-error]'), /damaged/);
    assert.equal(await page.locator('[data-testid=show-original][aria-pressed=true]').count(), 1);
    assert.doesNotMatch(await page.textContent('[data-testid=source]'), /edited program/);
    await page.screenshot({ path: join(OUT, 'player-damaged-link.png') });
    await page.context().close();

    // The same query after another case's address.
    await openPage();
    const other = slugFor(14);
    await page.goto(browser.server.url + `#/case/${other}?` + hash.split('?')[1]);
    await page.waitForSelector(`[data-testid=case-view][data-slug="${other}"] [data-testid=link-error]`);
    assert.match(await page.textContent('[data-testid=link-error]'), /another case/);
    assert.doesNotMatch(await page.textContent('[data-testid=source]'), /edited program/);
    await page.context().close();

    // A step past the end is named, not silently clamped.
    await openPage();
    await openCase(slug);
    await page.click('[data-testid=step]');
    await page.click('[data-testid=share]');
    const one = new URL(await page.inputValue('[data-testid=share-link]')).hash;
    // Rewrite the run's step (base 36) to 9999 and re-sign nothing: the
    // checksum catches it.
    const edited = one.replace(/(run=[^&]*\.)1(&|$)/, '$17pr$2');
    assert.notEqual(edited, one);
    await page.goto(browser.server.url + edited.replace(/&sum=[0-9a-f]+$/, ''));
    await page.waitForSelector('[data-testid=link-error]');
    assert.match(await page.textContent('[data-testid=link-error]'), /asks for step 9999, but the run ends at step \d+/);
  });

  test('keyboard only: shortcuts away from controls, Space presses a focused button, focus stays', async () => {
    await openPage();
    await openCase(slugFor(4));
    // Space on the focused Step button presses it; it does not start a run.
    await page.focus('[data-testid=step]');
    await page.keyboard.press('Space');
    await atStep(1);
    assert.equal(await page.getAttribute('[data-testid=playground]', 'data-running'), 'false');
    await page.keyboard.press('Enter');
    await atStep(2);
    // Arrow keys on a focused button do not step.
    await page.keyboard.press('ArrowRight');
    await settle();
    assert.equal(await position(), 2);
    // Away from controls the shortcuts work.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('ArrowRight');
    await atStep(3);
    await page.keyboard.press('ArrowLeft');
    await atStep(2);
    // The help dialog takes focus, keeps it, and gives it back.
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=help-overlay] [role=dialog]');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'help-close');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'help-close');
    await page.screenshot({ path: join(OUT, 'player-help.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=help-overlay]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'help');
    // Step by Space on the focused button to the end: focus never falls to <body>.
    await page.focus('[data-testid=step]');
    for (let i = 0; i < 200 && !(await ended()); i++) await page.keyboard.press('Space');
    assert.ok(await ended(), 'the run ends');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'step');
    assert.equal(await page.getAttribute('[data-testid=step]', 'aria-disabled'), 'true');
    // Leaving the page focuses the next page's heading.
    await page.click('.breadcrumb__back');
    await page.waitForSelector(APP_GALLERY);
    await settle();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  });

  for (const [name, viewport] of [
    ['laptop', { width: 1366, height: 768 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    test(`each step's running line and the state it changed are on screen (${name} ${viewport.width}×${viewport.height})`, async () => {
      await openPage(viewport);
      await openCase(slugFor(4));
      const seen = { line: 0, changed: 0 };
      for (let i = 0; i < 40 && !(await ended()); i++) {
        await page.click('[data-testid=step]');
        await atStep(i + 1);
        await settle();
        const r = await page.evaluate(() => {
          const rect = (el) => el && el.getBoundingClientRect();
          const view = { top: 0, bottom: window.innerHeight };
          const bar = document.querySelector('.play__controls').getBoundingClientRect();
          // A bar fixed at the bottom covers what is under it.
          if (bar.top > window.innerHeight / 2) view.bottom = bar.top;
          const narration = rect(document.querySelector('[data-testid=narration]'));
          const line = rect(document.querySelector('[data-testid=source] [aria-current]'));
          const changed = rect(document.querySelector('[data-testid=state-pane] [data-changed=true]'));
          const within = (b) => !b || (b.top >= view.top - 1 && b.bottom <= view.bottom + 1 && b.height > 0);
          const inWindow = (b) => b.top >= 0 && b.bottom <= window.innerHeight + 1 && b.height > 0;
          const step = rect(document.querySelector('[data-testid=step]'));
          return {
            line: !!line,
            changed: !!changed,
            lineOk: within(line),
            changedOk: within(changed),
            narrationOk: within(narration),
            stepOk: inWindow(step),
            detail: JSON.stringify({ view, line, changed, narration }),
          };
        });
        assert.ok(r.narrationOk && r.stepOk, `step ${i + 1}: controls and narration on screen ${r.detail}`);
        assert.ok(r.lineOk, `step ${i + 1}: the running line is on screen ${r.detail}`);
        assert.ok(r.changedOk, `step ${i + 1}: the state it changed is on screen ${r.detail}`);
        if (r.line) seen.line++;
        if (r.changed) seen.changed++;
        if (i === 11) await page.screenshot({ path: join(OUT, `player-step-${name}.png`) });
      }
      assert.ok(seen.line > 10 && seen.changed > 10, JSON.stringify(seen));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page overflows by ${overflow} px`);
    });
  }

  test('at 200% zoom on a laptop the code and the state stay side by side; a phone stacks them', async () => {
    // 1366×768 at 200% zoom is a 683×384 CSS-pixel viewport.
    for (const [viewport, side] of [
      [{ width: 683, height: 384 }, true],
      [{ width: 390, height: 844 }, false],
    ]) {
      await openPage(viewport);
      await openCase(slugFor(4));
      for (let i = 0; i < 3; i++) await page.click('[data-testid=step]');
      const r = await page.evaluate(() => {
        const code = document.querySelector('.play__code').getBoundingClientRect();
        const state = document.querySelector('.play__state').getBoundingClientRect();
        const font = parseFloat(getComputedStyle(document.querySelector('.line__text')).fontSize);
        return { sideBySide: code.right <= state.left + 1 && Math.abs(code.top - state.top) < 2, font };
      });
      assert.equal(r.sideBySide, side, `${viewport.width}×${viewport.height}: ${JSON.stringify(r)}`);
      await page.screenshot({ path: join(OUT, `player-layout-${viewport.width}.png`) });
      await page.context().close();
      browser.page = undefined;
    }
    // Fonts follow the browser's font size (rem): at 20px the listing grows.
    await openPage({ width: 1366, height: 768 });
    await openCase(slugFor(4));
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.line__text')).fontSize));
    const normal = await size();
    await page.addStyleTag({ content: 'html { font-size: 20px !important; }' });
    assert.ok((await size()) > normal * 1.2, `rem-based fonts: ${normal} -> ${await size()}`);
  });

  test('case 17: bytes held grow under Go 1.15 and stay flat under 1.16 and later', async () => {
    await openPage();
    await openCase(SYNCMAP());
    assert.equal(await page.inputValue('[data-testid=go-version]'), '1.15', 'the case opens on the release it is about');
    const run = async (version) => {
      await selectGo(page, version);
      await runToEnd();
      const plot = page.locator('[data-testid=map-plot]');
      return {
        verdict: await page.getAttribute('[data-testid=verdict]', 'data-class'),
        last: Number(await plot.getAttribute('data-last')),
        peak: Number(await plot.getAttribute('data-peak')),
        samples: Number(await plot.getAttribute('data-samples')),
        dirty: Number(await page.getAttribute('[data-testid=syncmap]', 'data-dirty-len')),
      };
    };
    const old = await run('1.15');
    assert.equal(old.verdict, 'memory-leak');
    assert.equal(old.dirty, 4096);
    assert.ok(old.last >= 4096 * 8000 && old.last === old.peak, JSON.stringify(old));
    assert.ok(old.samples >= 64, JSON.stringify(old));
    assert.match(await page.textContent('[data-testid=syncmap]'), /\[1000\]int\{0, 0, …\}/);
    assert.match(await page.textContent('[data-testid=deleted-in-dirty]'), /4095 deleted keys are still held in dirty/);
    await page.screenshot({ path: join(OUT, 'player-case17-go115.png'), fullPage: true });
    for (const version of ['1.16', '1.27']) {
      const now = await run(version);
      assert.equal(now.verdict, 'finished', version);
      assert.ok(now.peak < 3 * 8100 && now.dirty <= 1, `${version}: ${JSON.stringify(now)}`);
    }
    await page.screenshot({ path: join(OUT, 'player-case17-go116.png'), fullPage: true });
    console.log(`case 17 bytes held at the end: go1.15 ${old.last}, later releases flat under ${3 * 8100}`);
  });

  test('1,000 goroutines: a bounded page that answers clicks (measured)', async () => {
    await openPage();
    await openCase(slugFor(9));
    const src =
      'package main\n\nimport "sync"\n\nfunc main() {\n\tvar mu sync.Mutex\n\tvar wg sync.WaitGroup\n\tmu.Lock()\n' +
      '\tfor i := 0; i < 1000; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tmu.Lock()\n\t\t}()\n\t}\n\twg.Wait()\n}\n';
    await editAndRun(src);
    const t0 = Date.now();
    await runToEnd(300_000);
    const runMs = Date.now() - t0;
    assert.equal(await page.getAttribute('[data-testid=verdict]', 'data-class'), 'deadlock');
    const groups = await page.locator('[data-testid=goroutine-group]').count();
    assert.ok(groups >= 1 && groups <= 5, `${groups} groups`);
    assert.match(await page.textContent('[data-testid=goroutine-groups]'), /1,000/);
    const nodes = async () => page.evaluate(() => document.getElementsByTagName('*').length);
    const atEnd = await nodes();
    /** Clicks `selector` and returns the time until the page has rendered. */
    const timed = (selector) =>
      page.evaluate(async (selector) => {
        const t = performance.now();
        document.querySelector(selector).click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t;
      }, selector);
    const clicks = {};
    clicks.back = await timed('[data-testid=back]');
    clicks.step = await timed('[data-testid=step]');
    clicks.openGroup = await timed('[data-testid=goroutine-group][data-count="1000"] [data-testid=group-toggle]');
    await page.waitForSelector('.ggroup__ids');
    const open = await nodes();
    clicks.nextPage = await timed('.ggroup__pager button:last-child');
    clicks.inspect = await timed('.ggroup__ids button');
    clicks.back2 = await timed('[data-testid=back]');
    await page.screenshot({ path: join(OUT, 'player-1000-goroutines.png') });
    const report = { goroutines: 1000, runToEndMs: runMs, domNodesAtEnd: atEnd, domNodesGroupOpen: open, clickMs: clicks };
    writeFileSync(join(OUT, 'player-many-goroutines.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`1,000 goroutines: run to the end ${runMs} ms, ${atEnd} DOM nodes (${open} with a group open); clicks: ${Object.entries(clicks).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
    // A fixed bound on what is drawn (time is reported, not asserted).
    assert.ok(atEnd < 1000 && open < 1000, `DOM nodes ${atEnd} / ${open}`);
  });

  test('axe: no serious or critical violations, light and dark, English and 中文', async () => {
    await openPage();
    const found = [];
    const check = async (label) => {
      for (const v of await seriousViolations(label)) found.push({ page: label, ...v });
    };
    await page.goto(browser.server.url + '#/');
    await page.waitForSelector(APP_GALLERY);
    await check('gallery light en');
    await openCase(slugFor(4));
    await check('case 4 before stepping, light en');
    for (let i = 0; i < 12; i++) await page.click('[data-testid=step]');
    await check('case 4 after 12 steps, light en');
    await runToEnd();
    await check('case 4 at its verdict, light en');
    await page.click('[data-testid=theme-toggle]');
    await page.waitForSelector('html[data-theme=dark]');
    await check('case 4 at its verdict, dark en');
    await page.click('[data-testid=lang-zh]');
    await page.waitForSelector('html[lang=zh-CN]');
    await check('case 4 at its verdict, dark 中文');
    await page.click('[data-testid=reset]');
    await atStep(0);
    await check('case 4 before stepping, dark 中文');
    for (let i = 0; i < 12; i++) await page.click('[data-testid=step]');
    await check('case 4 after 12 steps, dark 中文');
    await page.screenshot({ path: join(OUT, 'player-axe-dark-zh.png') });
    await page.goto(browser.server.url + '#/');
    await page.waitForSelector(APP_GALLERY);
    await check('gallery dark 中文');
    await page.click('[data-testid=theme-toggle]');
    await page.waitForSelector('html[data-theme=light]');
    await check('gallery light 中文');
    await openCase(SYNCMAP());
    await runToEnd();
    await explore();
    await check('case 17 run and explored, light 中文');
    await page.click('[data-testid=lang-en]');
    await openCase(slugFor(2));
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=help-overlay]');
    await check('case 2 with the help open, light en');
    writeFileSync(join(OUT, 'player-axe.json'), JSON.stringify(found, null, 2) + '\n');
    assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  });

  test('a print of a case is a handout: program, questions, explanation, fixes', async () => {
    await openPage();
    await openCase(slugFor(4));
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const visible = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getBoundingClientRect().height > 0);
      return {
        program: shown('[data-testid=source] li'),
        questions: shown('.questions li'),
        explanation: [...document.querySelectorAll('details')].every((d) => d.open),
        fixes: shown('.fix pre'),
        controls: shown('[data-testid=controls]'),
        state: shown('[data-testid=state-pane]'),
      };
    });
    assert.deepEqual(visible, { program: true, questions: true, explanation: true, fixes: true, controls: false, state: false });
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(OUT, 'player-handout.pdf'), pdf);
  });
});
