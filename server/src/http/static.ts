import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves files of `root` (the built PWA). Paths never leave `root`; a GET for an unknown path
 * that accepts text/html gets index.html (SPA fallback). Returns false when nothing was served.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const base = resolve(root);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return false;
  }
  if (pathname.includes('\0')) return false;
  const candidate = resolve(join(base, pathname));
  const inside = candidate === base || candidate.startsWith(base + sep);
  let file: string | undefined;
  if (inside && (await isFile(candidate))) file = candidate;
  else if (inside && (await isFile(join(candidate, 'index.html')))) file = join(candidate, 'index.html');
  else if ((req.headers.accept ?? '').includes('text/html') && (await isFile(join(base, 'index.html')))) {
    file = join(base, 'index.html');
  }
  if (file === undefined) return false;
  const size = (await stat(file)).size;
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': size,
    'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done) => {
    createReadStream(file).on('error', () => res.destroy()).on('close', done).pipe(res);
  });
  return true;
}
