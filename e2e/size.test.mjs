// The gzipped size of the release wasm in dist/ must stay within the budget
// written down in scripts/wasm-size.mjs and the README.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GZIP_BUDGET_BYTES, bytes, kib, measureWasm } from '../scripts/wasm-size.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test(`gzipped wasm is within the ${bytes(GZIP_BUDGET_BYTES)} budget`, () => {
  const size = measureWasm(process.env.GOPITFALLS_DIST ?? join(ROOT, 'dist'));
  const out = join(ROOT, 'target', 'e2e');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'size.json'), JSON.stringify({ ...size, budget: GZIP_BUDGET_BYTES }, null, 2) + '\n');
  console.log(`wasm size: ${size.file} ${kib(size.raw)} raw, ${bytes(size.gzip)} gzipped (budget ${bytes(GZIP_BUDGET_BYTES)})`);
  assert.ok(size.gzip <= GZIP_BUDGET_BYTES, `gzipped wasm is ${bytes(size.gzip)}, over the ${bytes(GZIP_BUDGET_BYTES)} budget`);
  // A release build that skipped wasm-opt or LTO would be far larger; a tiny one means a broken build.
  assert.ok(size.raw > 10 * 1024, `wasm is suspiciously small (${size.raw} bytes)`);
});

test('the wasm carries no path of the machine that built it', () => {
  const dist = process.env.GOPITFALLS_DIST ?? join(ROOT, 'dist');
  const wasm = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm in dist/: ${wasm.join(', ')}`);
  const bytes = readFileSync(join(dist, wasm[0]));
  // Panic locations name source files: the checkout's and cargo's own
  // directories must not appear in them (scripts/lib.sh remaps them).
  for (const dir of [homedir(), ROOT.replace(/\/$/, ''), process.env.CARGO_HOME].filter((d) => d && d.length > 1)) {
    assert.equal(bytes.indexOf(Buffer.from(dir)), -1, `the wasm mentions ${dir}`);
  }
});

