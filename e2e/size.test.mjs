// The gzipped size of the release wasm in dist/ against the budget written
// down in scripts/wasm-size.mjs and the README, and, while the budget is not
// met, against the ceiling it may not grow past.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GZIP_BUDGET_BYTES, GZIP_CEILING_BYTES, bytes, kib, measureWasm } from '../scripts/wasm-size.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const size = () => measureWasm(process.env.GOPITFALLS_DIST ?? join(ROOT, 'dist'));

test(`gzipped wasm does not grow past its ceiling of ${bytes(GZIP_CEILING_BYTES)} while over budget`, () => {
  const s = size();
  const out = join(ROOT, 'target', 'e2e');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'size.json'),
    JSON.stringify({ ...s, budget: GZIP_BUDGET_BYTES, ceiling: GZIP_CEILING_BYTES }, null, 2) + '\n',
  );
  console.log(
    `wasm size: ${s.file} ${kib(s.raw)} raw, ${bytes(s.gzip)} gzipped ` +
      `(budget ${bytes(GZIP_BUDGET_BYTES)}, ceiling ${bytes(GZIP_CEILING_BYTES)})`,
  );
  assert.ok(s.gzip <= GZIP_CEILING_BYTES, `gzipped wasm is ${bytes(s.gzip)}, over its ${bytes(GZIP_CEILING_BYTES)} ceiling`);
  // A release build that skipped wasm-opt or LTO would be far larger; a tiny one means a broken build.
  assert.ok(s.raw > 10 * 1024, `wasm is suspiciously small (${s.raw} bytes)`);
});

// Known to fail: the budget is not met yet (docs/budgets.md). The assertion
// still runs and its failure is printed in every run, marked TODO.
test(
  `gzipped wasm is within the ${bytes(GZIP_BUDGET_BYTES)} budget`,
  { todo: GZIP_CEILING_BYTES > GZIP_BUDGET_BYTES && 'over budget: docs/budgets.md, "Size budget"' },
  () => {
    const s = size();
    assert.ok(s.gzip <= GZIP_BUDGET_BYTES, `gzipped wasm is ${bytes(s.gzip)}, over the ${bytes(GZIP_BUDGET_BYTES)} budget`);
  },
);

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

