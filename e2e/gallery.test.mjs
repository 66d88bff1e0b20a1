// End-to-end tests: the release build in dist/, served from a sub-path on
// 127.0.0.1, opened in Debian's Chromium through playwright-core. Every test
// fails on any console error, page error or failed request. Screenshots and
// the measured time to first render go to target/e2e/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_GALLERY, FIRST_RENDER_MARK, OUT, caseIndex, useBrowser } from './harness.mjs';

/** Slugs of the case files in cases/ (from the built site's index), sorted. */
const slugsOnDisk = () => caseIndex().map((c) => c.slug).sort();

const browser = useBrowser();
let page;

async function openPage(viewport, options = {}) {
  page = await browser.open(viewport, options);
  return page;
}

async function gotoGallery(hash = '#/') {
  await page.goto(browser.server.url + hash);
  await page.waitForSelector(APP_GALLERY);
}

describe('gallery', () => {
  test('lists every case file in cases/, grouped by section, and renders fast', async () => {
    await openPage({ width: 1280, height: 720 });
    await gotoGallery();
    const expected = slugsOnDisk();
    const shown = await page.$$eval('[data-testid=case-card]', (cards) => cards.map((c) => c.dataset.slug));
    assert.deepEqual([...shown].sort(), expected);
    if (expected.length === 0) {
      assert.equal(await page.locator('.empty-state').count(), 1);
    }
    // Every card sits inside a section, and no section appears twice.
    const sections = await page.$$eval('[data-section]', (els) => els.map((e) => e.dataset.section));
    assert.equal(new Set(sections).size, sections.length);
    const inSections = await page.$$eval('[data-section] [data-testid=case-card]', (cards) => cards.length);
    assert.equal(inSections, expected.length);

    const metrics = await page.evaluate((mark) => {
      const [entry] = performance.getEntriesByName(mark);
      const [nav] = performance.getEntriesByType('navigation');
      return {
        firstRenderMs: entry ? Math.round(entry.startTime) : null,
        domContentLoadedMs: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
      };
    }, FIRST_RENDER_MARK);
    assert.ok(metrics.firstRenderMs !== null, `the app sets the ${FIRST_RENDER_MARK} performance mark`);
    writeFileSync(join(OUT, 'metrics.json'), JSON.stringify({ ...metrics, cases: expected.length }, null, 2) + '\n');
    console.log(`time to first render: ${metrics.firstRenderMs} ms after navigation start (${expected.length} cases)`);

    await page.screenshot({ path: join(OUT, 'gallery.png') });
    await page.screenshot({ path: join(OUT, 'gallery-full.png'), fullPage: true });
  });

  test('opens a case from its card and comes back', async () => {
    await openPage({ width: 1280, height: 720 });
    await gotoGallery();
    const cards = page.locator('[data-testid=case-card]');
    if ((await cards.count()) === 0) {
      await page.goto(browser.server.url + '#/case/anything');
      await page.waitForSelector('[data-testid=not-found]');
      return;
    }
    const first = cards.first();
    const slug = await first.getAttribute('data-slug');
    const title = (await first.locator('.case-card__title').textContent()).trim();
    await first.click();
    // The page shows its header at once and its content when the fetch of
    // cases/<slug>.json lands.
    await page.waitForSelector(`[data-testid=case-view][data-slug="${slug}"] [data-testid=playground]`);
    assert.equal(new URL(page.url()).hash, `#/case/${slug}`);
    assert.equal((await page.locator('.case-header__title').textContent()).trim(), title);
    assert.ok((await page.locator('.panel--code .code').textContent()).includes('package main'));
    await page.screenshot({ path: join(OUT, 'case.png') });
    await page.goBack();
    await page.waitForSelector(APP_GALLERY);
  });

  test('a case page shows a placeholder until its content arrives', async () => {
    const [slug] = slugsOnDisk();
    await openPage({ width: 1280, height: 720 });
    // Hold the content request until the placeholder has been seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(`**/cases/${slug}.json`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(browser.server.url + `#/case/${slug}`);
    await page.waitForSelector('[data-testid=case-loading]');
    assert.match(await page.locator('[data-testid=case-loading]').textContent(), /Loading/);
    assert.equal(await page.locator('[data-testid=playground]').count(), 0);
    release();
    await page.waitForSelector(`[data-testid=case-view][data-slug="${slug}"] [data-testid=playground]`);
    assert.equal(await page.locator('[data-testid=case-loading]').count(), 0);
  });

  test('a missing content file gives a clear error, not a blank page', async () => {
    const [slug] = slugsOnDisk();
    await openPage({ width: 1280, height: 720 });
    await page.route(`**/cases/${slug}.json`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(browser.server.url + `#/case/${slug}`);
    await page.waitForSelector('[data-testid=case-error]');
    assert.match(await page.locator('[data-testid=case-error]').textContent(), /Could not load.*HTTP 404/);
    // The header comes from the compiled-in gallery data.
    assert.ok((await page.locator('.case-header__title').textContent()).trim().length > 0);
    assert.equal(await page.locator('[data-testid=playground]').count(), 0);
    await page.click('[data-testid=lang-zh]');
    await page.waitForSelector('html[lang="zh-CN"]');
    assert.match(await page.locator('[data-testid=case-error]').textContent(), /无法加载.*HTTP 404/);
    // The app logs nothing: the only problems are the refused request itself
    // and Chromium's own log line for it.
    const expected = (p) =>
      p.endsWith(`/cases/${slug}.json`) ||
      /^console error: Failed to load resource: the server responded with a status of 404\b/.test(p);
    assert.ok(browser.problems.some(expected), `the 404 was seen: ${JSON.stringify(browser.problems)}`);
    browser.problems = browser.problems.filter((p) => !expected(p));
  });

  test('unknown addresses show a not-found page', async () => {
    await openPage({ width: 1280, height: 720 });
    await page.goto(browser.server.url + '#/case/no-such-case');
    await page.waitForSelector('[data-testid=not-found]');
    await page.click('.page--not-found a');
    await page.waitForSelector(APP_GALLERY);
  });
});

describe('settings', () => {
  test('language and theme switch, apply to <html> and survive a reload', async () => {
    await openPage({ width: 1280, height: 720 });
    await gotoGallery();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'light');

    await page.click('[data-testid=lang-zh]');
    await page.waitForSelector('html[lang="zh-CN"]');
    assert.equal(await page.getAttribute('[data-testid=lang-zh]', 'aria-pressed'), 'true');
    assert.match(await page.locator('.hero__title').textContent(), /Go 并发陷阱/);

    await page.click('[data-testid=theme-toggle]');
    await page.waitForSelector('html[data-theme="dark"]');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(14, 17, 22)', 'dark theme colours apply');
    await page.screenshot({ path: join(OUT, 'gallery-dark-zh.png') });

    await page.reload();
    await page.waitForSelector(APP_GALLERY);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  });

  test('a Chinese browser starts in Chinese; a dark OS starts dark', async () => {
    await openPage({ width: 1280, height: 720 }, { colorScheme: 'dark', locale: 'zh-CN' });
    await gotoGallery();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  });
});

describe('narrow screens', () => {
  test('at 390 px wide nothing overflows horizontally', async () => {
    await openPage({ width: 390, height: 844 });
    await gotoGallery();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok((await overflow()) <= 0, `gallery overflows by ${await overflow()} px`);
    await page.screenshot({ path: join(OUT, 'gallery-mobile.png') });
    const first = page.locator('[data-testid=case-card]').first();
    if ((await first.count()) > 0) {
      await first.click();
      await page.waitForSelector('[data-testid=case-view] [data-testid=playground]');
      assert.ok((await overflow()) <= 0, `case page overflows by ${await overflow()} px`);
      await page.screenshot({ path: join(OUT, 'case-mobile.png') });
    }
  });
});

describe('prerendered gallery (src/bin/prerender.rs)', () => {
  /**
   * Opens `hash` with the page's wasm held back until `release()` is called,
   * so the test sees what a visitor sees while the wasm is on its way.
   */
  async function openHeld(hash, options = {}, stored = null) {
    await openPage({ width: 1280, height: 720 }, options);
    if (stored) {
      // In place before the page's own script reads the settings.
      await page.addInitScript((value) => localStorage.setItem('gopitfalls.settings', value), stored);
    }
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/gopitfalls-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    // Every URL the page asks for, from the start (`release.asked`).
    const asked = [];
    page.on('request', (request) => asked.push(request.url()));
    await page.goto(browser.server.url + hash, { waitUntil: 'domcontentloaded' });
    release.asked = asked;
    return release;
  }

  /** The `.app` element's markup, without the prerender's own marker. */
  const appMarkup = () =>
    page.evaluate(() => {
      const app = document.querySelector('.app').cloneNode(true);
      app.removeAttribute('data-prerendered');
      return app.outerHTML;
    });

  const htmlSettings = () =>
    page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]);

  for (const { name, options, stored, expect } of [
    { name: 'English, light', options: {}, stored: null, expect: ['en', 'light'] },
    { name: 'a Chinese, dark browser', options: { locale: 'zh-CN', colorScheme: 'dark' }, stored: null, expect: ['zh-CN', 'dark'] },
    { name: 'stored settings over the browser', options: { locale: 'zh-CN' }, stored: 'lang=en;theme=dark', expect: ['en', 'dark'] },
  ]) {
    test(`before the wasm runs it is the app's own gallery (${name})`, async () => {
      const release = await openHeld('#/', options, stored);
      await page.waitForSelector('.app[data-prerendered] [data-testid=gallery]');
      assert.equal(await page.evaluate((mark) => performance.getEntriesByName(mark).length, FIRST_RENDER_MARK), 0, 'the app has not started');
      assert.deepEqual(await htmlSettings(), expect);
      const before = await appMarkup();
      release();
      await page.waitForSelector(APP_GALLERY);
      assert.equal(await page.locator('[data-prerendered]').count(), 0, 'the prerendered copy and its templates are gone');
      assert.equal(await page.locator('.app').count(), 1);
      assert.deepEqual(await htmlSettings(), expect);
      assert.equal(before, await appMarkup(), 'the prerendered gallery is the markup the app draws');
    });
  }

  test('a case page shows its header before the wasm runs, as the app first draws it', async () => {
    const slug = 'lock-and-full-channel';
    // The case's content is held too, so the app's first screen is the
    // same loading page the prerendered copy shows.
    let releaseContent;
    const content = new Promise((resolve) => (releaseContent = resolve));
    await openPage({ width: 1280, height: 720 });
    await page.route(new RegExp(`cases/${slug}\\.json$`), async (route) => {
      await content;
      await route.continue();
    });
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/gopitfalls-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(browser.server.url + `#/case/${slug}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.app[data-prerendered] [data-testid=case-loading]');
    assert.equal(await page.evaluate((mark) => performance.getEntriesByName(mark).length, FIRST_RENDER_MARK), 0, 'the app has not started');
    const before = await appMarkup();
    assert.match(before, /Sending on a full channel while holding a lock/);
    release();
    await page.waitForSelector('.app:not([data-prerendered]) [data-testid=case-loading]');
    assert.equal(await page.locator('[data-prerendered]').count(), 0);
    assert.equal(before, await appMarkup(), 'the prerendered case page is the markup the app draws');
    releaseContent();
    await page.waitForSelector(`[data-testid=case-view][data-slug="${slug}"] [data-testid=playground]`);
  });

  test('other addresses, and cases the gallery does not list, wait for the app', async () => {
    for (const hash of ['#/play', '#/case/no-such-case']) {
      const release = await openHeld(hash);
      await page.waitForSelector('template[data-prerendered]', { state: 'attached' });
      assert.equal(await page.locator('.app').count(), 0, `nothing drawn at ${hash} before the app`);
      release();
      await page.waitForSelector('.app:not([data-prerendered])');
      // The page's script runs while the document is parsed: a fetch it made
      // would have been asked for before the app started.
      assert.deepEqual(release.asked.filter((url) => url.includes('.prerendered.html')), [], hash);
      assert.deepEqual(browser.problems, [], hash);
      if (hash !== '#/case/no-such-case') await page.context().close();
    }
  });

  test('a card followed before the wasm runs opens when the app starts', async () => {
    const release = await openHeld('#/');
    const card = page.locator('.app[data-prerendered] [data-testid=case-card]').nth(1);
    const slug = await card.getAttribute('data-slug');
    await card.click();
    await page.waitForSelector('.app[data-prerendered][aria-busy=true]');
    release();
    await page.waitForSelector(`[data-testid=case-view][data-slug="${slug}"] [data-testid=playground]`);
    assert.equal(await page.locator('[data-prerendered]').count(), 0);
  });
});
