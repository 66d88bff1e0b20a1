// The gzipped size of the release wasm in dist/ against the budget written
// down in scripts/wasm-size.mjs and the README. The page's wasm is what every
// page loads; the compiler worker's wasm is fetched only when a page compiles
// a program the build did not (an edit, a shared program), and is held to the
// same budget on its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GZIP_BUDGET_BYTES, bytes, kib, measureWasm, measureWorker } from '../scripts/wasm-size.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = process.env.GOPITFALLS_DIST ?? join(ROOT, 'dist');

test(`the page's gzipped wasm is within the ${bytes(GZIP_BUDGET_BYTES)} budget`, () => {
  const s = measureWasm(DIST);
  const worker = measureWorker(DIST);
  const out = join(ROOT, 'target', 'e2e');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'size.json'), JSON.stringify({ ...s, budget: GZIP_BUDGET_BYTES, worker }, null, 2) + '\n');
  console.log(
    `wasm size: ${s.file} ${kib(s.raw)} raw, ${bytes(s.gzip)} gzipped (budget ${bytes(GZIP_BUDGET_BYTES)}); ` +
      `compiler worker ${worker.file} ${kib(worker.raw)} raw, ${bytes(worker.gzip)} gzipped`,
  );
  assert.ok(s.gzip <= GZIP_BUDGET_BYTES, `gzipped wasm is ${bytes(s.gzip)}, over the ${bytes(GZIP_BUDGET_BYTES)} budget`);
  // A release build that skipped wasm-opt or LTO would be far larger; a tiny one means a broken build.
  assert.ok(s.raw > 10 * 1024, `wasm is suspiciously small (${s.raw} bytes)`);
});

test(`the compiler worker's gzipped wasm is within the ${bytes(GZIP_BUDGET_BYTES)} budget too`, () => {
  const w = measureWorker(DIST);
  assert.ok(w.gzip <= GZIP_BUDGET_BYTES, `the worker's wasm is ${bytes(w.gzip)}`);
  assert.ok(w.raw > 10 * 1024, `the worker's wasm is suspiciously small (${w.raw} bytes)`);
});

test('the page does not load the compiler worker up front', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<(script|link)[^>]*compiler(\.js|_bg\.wasm)/, 'index.html loads or preloads the worker');
});

test("the page's wasm has no compiler in it; the worker's has", () => {
  // A message only gosim's checker prints (compile/...): it is in a binary
  // exactly when the compiler was linked into it.
  const marker = Buffer.from('declared and not used');
  const page = readFileSync(join(DIST, measureWasm(DIST).file));
  const worker = readFileSync(join(DIST, measureWorker(DIST).file));
  assert.equal(page.indexOf(marker), -1, "the page's wasm carries the compiler");
  assert.notEqual(worker.indexOf(marker), -1, "the worker's wasm lacks the compiler");
});

test('no wasm carries a path of the machine that built it', () => {
  const wasm = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 2, `the page's and the worker's .wasm in dist/: ${wasm.join(', ')}`);
  for (const file of wasm) {
    const bytes = readFileSync(join(DIST, file));
    // Panic locations name source files: the checkout's and cargo's own
    // directories must not appear in them (scripts/lib.sh remaps them).
    for (const dir of [homedir(), ROOT.replace(/\/$/, ''), process.env.CARGO_HOME].filter((d) => d && d.length > 1)) {
      assert.equal(bytes.indexOf(Buffer.from(dir)), -1, `${file} mentions ${dir}`);
    }
  }
});
