import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join, relative, resolve, sep } from 'node:path';
import { contentTypeOf, IMMUTABLE, memoryAsset, REVALIDATE, sendAsset, type Asset } from './assets.js';

/** Files up to this size are held in memory (with their brotli and gzip forms); larger ones are streamed. */
const MAX_CACHED_BYTES = 16 * 1024 * 1024;

interface CachedFile {
  /** mtime and size when read: a changed file on disk is read again. */
  version: string;
  asset: Promise<Asset>;
}

/**
 * Serves a directory (the built PWA): each file is read once and kept in memory with its brotli
 * and gzip forms (computed in the background, off the event loop), and answered with ETag/304,
 * `Vary: Accept-Encoding` and a Cache-Control by kind: `immutable` for content-hashed names (Vite's
 * `assets/` folder, `workbox-<hash>.js`), `no-cache` (revalidate) for everything else, index.html
 * and the service worker included. Paths never leave the directory; a GET for an unknown path that
 * accepts text/html gets index.html (SPA fallback).
 */
export class StaticFiles {
  readonly #root: string;
  readonly #cache = new Map<string, CachedFile>();

  constructor(root: string) {
    this.#root = resolve(root);
  }

  /** Answers the request when it names a file (or the SPA fallback); false when nothing was served. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const file = await this.#resolve(req);
    if (file === undefined) return false;
    const info = await stat(file.path).catch(() => undefined);
    if (!info?.isFile()) return false;
    const cacheControl = isHashedName(relative(this.#root, file.path)) ? IMMUTABLE : REVALIDATE;
    if (info.size > MAX_CACHED_BYTES) {
      this.#stream(req, res, file.path, info.size, cacheControl);
      return true;
    }
    const version = `${info.mtimeMs}:${info.size}`;
    let cached = this.#cache.get(file.path);
    if (cached?.version !== version) {
      const asset = readFile(file.path).then((body) => memoryAsset(body, contentTypeOf(file.path), cacheControl));
      cached = { version, asset };
      this.#cache.set(file.path, cached);
      asset.catch(() => this.#cache.delete(file.path));
    }
    sendAsset(req, res, await cached.asset);
    return true;
  }

  async #resolve(req: IncomingMessage): Promise<{ path: string } | undefined> {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return undefined;
    }
    if (pathname.includes('\0')) return undefined;
    const candidate = resolve(join(this.#root, pathname));
    const inside = candidate === this.#root || candidate.startsWith(this.#root + sep);
    if (inside && (await isFile(candidate))) return { path: candidate };
    if (inside && (await isFile(join(candidate, 'index.html')))) return { path: join(candidate, 'index.html') };
    const index = join(this.#root, 'index.html');
    if ((req.headers.accept ?? '').includes('text/html') && (await isFile(index))) return { path: index };
    return undefined;
  }

  #stream(req: IncomingMessage, res: ServerResponse, path: string, size: number, cacheControl: string): void {
    res.writeHead(200, { 'content-type': contentTypeOf(path), 'content-length': size, 'cache-control': cacheControl });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}

/** Vite writes content-hashed names into `assets/`; vite-plugin-pwa names workbox's runtime `workbox-<hash>.js`. */
function isHashedName(relativePath: string): boolean {
  const parts = relativePath.split(sep);
  return (parts.length > 1 && parts[0] === 'assets') || /^workbox-[0-9a-f]{8}\.js$/.test(basename(relativePath));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
