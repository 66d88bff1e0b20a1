// A tiny static file server for the end-to-end tests. It serves a directory
// (dist/) under a sub-path on 127.0.0.1 and an ephemeral port, which also
// proves the built site works when hosted below the domain root. Like a
// static host it compresses text and wasm with gzip when the browser asks,
// so load-time budgets measure the bytes a visitor really downloads. It
// sends `Access-Control-Allow-Origin: *`, as docs/embed.md asks of hosts: a
// widget framed with sandbox="allow-scripts" alone has an opaque origin, so
// its module script, styles, wasm and case files are cross-origin requests.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Types worth compressing (images here are already compressed or tiny). */
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json', '.jsonl', '.txt']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.txt': 'text/plain; charset=utf-8',
  // Compiled program images (cases/p/*.bin): served as they are, as a host
  // that compresses only text would.
  '.bin': 'application/octet-stream',
};

/**
 * Serves `root` at http://127.0.0.1:<port><prefix>. Resolves to { url, close }.
 * `prefix` must start and end with '/'.
 */
export async function serveStatic(root, prefix = '/') {
  // Compressed bodies by file, made once per file per server.
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the site prefix');
      return;
    }
    let rel = path.slice(prefix.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root) + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        vary: 'accept-encoding',
        'access-control-allow-origin': '*',
      };
      const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (wantsGzip && COMPRESSIBLE.has(extname(file))) {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
        res.end(gzipped.get(file));
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
