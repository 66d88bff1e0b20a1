// What both browser test files share: the release build in dist/ served from
// a sub-path on 127.0.0.1, one headless Debian Chromium (playwright-core),
// a fresh browser context per test, and the rule that a test fails on any
// console error, page error, failed request or HTTP error status.

import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = process.env.GOPITFALLS_DIST ?? join(ROOT, 'dist');
export const OUT = join(ROOT, 'target', 'e2e');
export const FIRST_RENDER_MARK = 'gopitfalls:first-render';
/**
 * The gallery as the running app draws it. Until the wasm has started, the
 * page shows the gallery prerendered at build time (src/bin/prerender.rs),
 * whose buttons do nothing yet; tests that act on the gallery wait for this.
 */
export const APP_GALLERY = '.app:not([data-prerendered]) [data-testid=gallery]';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The cases as crates/case-export indexed them into the built site
 * (dist/cases/index.json): { file, slug, number, section, outcome, runnable,
 * go, title, fixes } per case, in file-name order. The index must name
 * exactly the files in cases/, so a dist/ built before a case file was added
 * or removed fails here, with a hint, rather than in a gallery check.
 */
export function caseIndex() {
  const path = join(DIST, 'cases', 'index.json');
  assert.ok(existsSync(path), `${path} is missing: run \`trunk build --release\` first`);
  const index = JSON.parse(readFileSync(path, 'utf8'));
  const dir = join(ROOT, 'cases');
  const onDisk = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.toml')).sort() : [];
  assert.deepEqual(
    index.map((c) => c.file),
    onDisk,
    'dist/cases/index.json lists exactly the files in cases/ (rebuild dist/ with `trunk build --release`)',
  );
  assert.ok(index.length > 0, 'cases/ holds the talk\'s cases');
  return index;
}

/** The headless Debian Chromium every browser run uses (tests and benchmarks). */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Registers the suite's hooks and returns the shared state: `server` and
 * `browser` once started, and per test the `page` that `open` made and the
 * `problems` seen on it (a test may remove ones it expects).
 */
export function useBrowser() {
  const state = { server: undefined, browser: undefined, page: undefined, problems: [] };

  state.open = async (viewport = { width: 1280, height: 720 }, options = {}) => {
    const context = await state.browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US', ...options });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    state.page = page;
    state.problems = problems;
    return page;
  };

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
    mkdirSync(OUT, { recursive: true });
    state.server = await serveStatic(DIST, '/sub/path/gopitfalls/');
    state.browser = await launchChromium();
  });

  afterEach(async () => {
    const found = state.problems;
    await state.page?.context().close();
    state.page = undefined;
    state.problems = [];
    assert.deepEqual(found, [], 'no console errors, page errors or failed requests');
  });

  after(async () => {
    await state.browser?.close();
    await state.server?.close();
  });

  return state;
}

/**
 * Switches the player to Go `version` and waits until it runs that release:
 * the page fetches the release's compiled program first (src/programs.rs).
 */
export async function selectGo(page, version) {
  await page.selectOption('[data-testid=go-version]', version);
  await page.waitForSelector(`[data-testid=playground][data-go="${version}"][data-compiling=false]`);
}

/** Shows fix `n` (1-based) and waits until the player runs it. */
export async function showFix(page, n) {
  await page.click(`[data-testid=show-fix-${n}]`);
  await page.waitForSelector(`[data-testid=show-fix-${n}][aria-pressed=true]`);
  await page.waitForSelector('[data-testid=playground][data-compiling=false]');
}
