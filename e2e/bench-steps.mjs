// Steps per second in headless Chromium (issue 17): case 16's page at full
// speed, To end, timed from the click until the player says it ended. The
// number is what a reader sees: gosim's steps plus the page's redraws, one
// per slice of run.
//
// A benchmark, run by hand, not a test:
//
//   node e2e/bench-steps.mjs [DIST ...] [--runs=N]
//
// Each DIST is a built site (default: dist/). With several, the runs
// alternate between them so that a noisy machine slows them alike, and the
// table gives each one's median against the first's.

import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { launchChromium } from './harness.mjs';
import { serveStatic } from './server.mjs';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const dists = args.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
if (dists.length === 0) dists.push(resolve('dist'));
const CASE = 16;

// Every site is checked before the browser starts: a wrong path is one line.
const slugs = dists.map((dist) => {
  let slug;
  try {
    const index = JSON.parse(readFileSync(join(dist, 'cases', 'index.json'), 'utf8'));
    slug = index.find((c) => c.number === CASE)?.slug;
  } catch (e) {
    console.error(`${dist}: not a built site (${e.code ?? e.message}); build one with \`trunk build --release\``);
    process.exit(2);
  }
  if (!slug) {
    console.error(`${dist}: no case ${CASE} in cases/index.json`);
    process.exit(2);
  }
  return slug;
});

const browser = await launchChromium();
const sites = [];
for (const [i, dist] of dists.entries()) {
  sites.push({ dist, slug: slugs[i], server: await serveStatic(dist, '/sub/path/gopitfalls/'), rates: [], steps: 0 });
}

/** One To-end run on a fresh page: [steps, seconds]. */
async function once(site) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.server.url}#/case/${site.slug}`);
  await page.waitForSelector(`[data-testid=case-view][data-slug="${site.slug}"] [data-testid=playground][data-compiling=false]`);
  await page.selectOption('[data-testid=speed]', { label: 'as fast as possible' });
  const [steps, ms] = await page.evaluate(
    () =>
      new Promise((done) => {
        const player = document.querySelector('[data-testid=playground]');
        const t0 = performance.now();
        document.querySelector('[data-testid=run-to-end]').click();
        const poll = () => {
          const d = player.dataset;
          if (d.ended === 'true' && d.running === 'false') done([Number(d.position), performance.now() - t0]);
          else setTimeout(poll, 5);
        };
        poll();
      }),
  );
  await page.close();
  if (errors.length) throw new Error(`${site.dist}: ${errors.join('; ')}`);
  return [steps, ms / 1000];
}

for (let r = 0; r < runs; r++) {
  for (const site of sites) {
    const [steps, s] = await once(site);
    site.steps = steps;
    site.rates.push(steps / s);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(sites[0].rates);
console.log(`case ${CASE}, To end at full speed, ${runs} runs each (median steps/s; ratio to the first site)`);
for (const site of sites) {
  const m = median(site.rates);
  console.log(
    `${relative(process.cwd(), site.dist) || '.'}: ${site.steps} steps, ${Math.round(m).toLocaleString('en')} steps/s (runs: ${site.rates.map((x) => Math.round(x)).join(', ')}), ${(m / base).toFixed(2)}x`,
  );
}
for (const site of sites) await site.server.close();
await browser.close();
