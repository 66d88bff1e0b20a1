// Measures the app's wasm: raw bytes and gzipped bytes (gzip level 9, what a
// static host typically serves). Used by Trunk's post_build hook to report the
// size of every build, and by e2e/size.test.mjs to enforce the budget.
//
//   node scripts/wasm-size.mjs [DIR]      report for DIR (default: dist)
//   node scripts/wasm-size.mjs --staging  report for $TRUNK_STAGING_DIR

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * Gzipped-size budget for the app's wasm, in bytes (docs/budgets.md):
 * 400,000 bytes with the quiz, the embed, the netpoller and modern Go in,
 * read strictly as bytes (not KiB).
 */
export const GZIP_BUDGET_BYTES = 400_000;

/** The compiler worker's wasm (src/bin/compiler.rs), fetched only when a page compiles a program. */
export const WORKER_WASM = 'compiler_bg.wasm';

function measure(dir, file) {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Returns { file, raw, gzip } for the page's wasm: the single .wasm in `dir` other than the worker's. */
export function measureWasm(dir) {
  const wasm = readdirSync(dir).filter((name) => name.endsWith('.wasm') && name !== WORKER_WASM);
  if (wasm.length !== 1) {
    throw new Error(`expected exactly one page .wasm in ${dir}, found ${wasm.length}: ${wasm.join(', ')}`);
  }
  return measure(dir, wasm[0]);
}

/** Returns { file, raw, gzip } for the compiler worker's wasm in `dir`. */
export function measureWorker(dir) {
  return measure(dir, WORKER_WASM);
}

export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Exact bytes with thousands separators and the decimal KB: "343,787 B (343.8 KB)". */
export function bytes(n) {
  return `${n.toLocaleString('en-US')} B (${(n / 1000).toFixed(1)} KB)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  const dir = arg === '--staging' ? process.env.TRUNK_STAGING_DIR : arg ?? 'dist';
  const profile = process.env.TRUNK_PROFILE ? ` (${process.env.TRUNK_PROFILE} build)` : '';
  try {
    const { file, raw, gzip } = measureWasm(dir);
    const share = ((gzip / GZIP_BUDGET_BYTES) * 100).toFixed(1);
    // The budget is for release builds; a dev build is unoptimised and far larger.
    const budget =
      process.env.TRUNK_PROFILE === 'debug'
        ? 'the gzip budget applies to release builds only'
        : `${share}% of the ${bytes(GZIP_BUDGET_BYTES)} gzip budget`;
    console.log(`wasm size${profile}: ${file} ${kib(raw)} raw, ${kib(gzip)} gzipped = ${bytes(gzip)} (${budget})`);
    const worker = measureWorker(dir);
    console.log(
      `wasm size${profile}: ${worker.file} (the compiler worker, fetched on a page's first compile) ` +
        `${kib(worker.raw)} raw, ${bytes(worker.gzip)} gzipped`,
    );
  } catch (err) {
    console.error(`wasm size: ${err.message}`);
    process.exitCode = 1;
  }
}
