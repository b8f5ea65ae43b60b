import pLimit from 'p-limit';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** A file held in memory with its compressed forms (filled in once compression finished). */
export interface Asset {
  body: Buffer;
  br?: Buffer | undefined;
  gzip?: Buffer | undefined;
  /** The content's hash (no quotes); each encoding's ETag is derived from it. */
  hash: string;
  contentType: string;
  cacheControl: string;
}

/** Long-lived: the name carries the content's hash, so a new version is a new URL. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Always revalidated (a 304 when unchanged): pages, the service worker, manifests. */
export const REVALIDATE = 'no-cache';

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

/** Text formats compress well; images and fonts are compressed already. */
export function isCompressible(contentType: string): boolean {
  return /^text\/|^application\/(json|manifest\+json|javascript|wasm)|^image\/svg\+xml/.test(contentType);
}

/** 12 hex digits of the SHA-256: names files (`name.<hash>.ext`) and makes ETags. */
export function contentHash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

/**
 * Brotli and gzip forms of `body` in the libuv thread pool (the event loop keeps serving), each
 * kept only when smaller. Brotli quality 11 up to 1 MiB, 9 above (11 takes about a minute on 5 MB).
 */
export async function compress(body: Buffer): Promise<{ br?: Buffer; gzip?: Buffer }> {
  if (body.length < 256) return {};
  const [br, gz] = await Promise.all([
    brotliAsync(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: body.length <= 1024 * 1024 ? 11 : 9,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: 9 }),
  ]);
  return { ...(br.length < body.length ? { br } : {}), ...(gz.length < body.length ? { gzip: gz } : {}) };
}

/**
 * The best encoding the client accepts among those available (brotli, then gzip), honouring
 * q-values (`br;q=0` refuses brotli) and `*`; 'identity' otherwise.
 */
export function negotiateEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | 'identity' {
  if (!acceptEncoding || available.length === 0) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    let quality = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*(\S*)\s*$/.exec(param);
      // A q-value that is not a number makes the entry unusable.
      if (m) quality = /^[0-9.]+$/.test(m[1]!) ? Number(m[1]) : 0;
    }
    q.set(name, Number.isFinite(quality) ? quality : 0);
  }
  const qualityOf = (name: string): number => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  let best: Encoding | 'identity' = 'identity';
  let bestQ = 0;
  for (const encoding of available) {
    const quality = qualityOf(encoding);
    if (quality > bestQ) {
      best = encoding;
      bestQ = quality;
    }
  }
  return best;
}

/** ETag of one encoding of an asset: the content hash, suffixed for compressed forms. */
function etagOf(hash: string, encoding: Encoding | 'identity'): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding}"`;
}

/** True when If-None-Match names this content (any of its encodings, weak or strong, or `*`). */
function notModified(req: IncomingMessage, hash: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return value === '*' || value === hash || value === `${hash}-br` || value === `${hash}-gzip`;
  });
}

/**
 * Answers GET/HEAD with an in-memory asset: 304 when If-None-Match matches, else the best
 * encoding the client accepts, with Content-Length, ETag, Cache-Control and Vary: Accept-Encoding.
 */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, extraHeaders: Record<string, string> = {}): void {
  const available: Encoding[] = [];
  if (asset.br) available.push('br');
  if (asset.gzip) available.push('gzip');
  const encoding = negotiateEncoding(req.headers['accept-encoding'], available);
  const headers: Record<string, string | number> = {
    'cache-control': asset.cacheControl,
    etag: etagOf(asset.hash, encoding),
    vary: 'Accept-Encoding',
    ...extraHeaders,
  };
  if (notModified(req, asset.hash)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = encoding === 'identity' ? asset.body : asset[encoding]!;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-type'] = asset.contentType;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  if (req.method === 'HEAD' || body.length <= WRITE_CHUNK_BYTES) {
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  largeWrites(() => writeInChunks(res, body)).catch(() => res.destroy());
}

/**
 * Large bodies written at the same time; the others wait their turn. A hundred written at once (a
 * hundred browsers opening the console) kept the event loop, and /healthz, waiting for 0.3 s.
 */
const largeWrites = pLimit(4);

/** Large bodies are written this much at a time (see writeInChunks). */
const WRITE_CHUNK_BYTES = 128 * 1024;

/**
 * Writes a large body a chunk per event-loop turn, waiting for 'drain' when the socket is full. One
 * write of a megabyte copies it into the socket in one go (on loopback the kernel also delivers it
 * there and then); a hundred of those in one turn kept a /healthz waiting for a quarter second.
 */
async function writeInChunks(res: ServerResponse, body: Buffer): Promise<void> {
  for (let offset = 0; offset < body.length; offset += WRITE_CHUNK_BYTES) {
    if (res.destroyed) return;
    const more = res.write(body.subarray(offset, offset + WRITE_CHUNK_BYTES));
    await new Promise<void>((resolve) => {
      if (more) {
        setImmediate(resolve);
        return;
      }
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  if (!res.destroyed) res.end();
}

/** Compressed forms of assets up to this size are awaited before the first answer (milliseconds of work). */
const AWAIT_COMPRESSION_BYTES = 256 * 1024;

/**
 * An asset held in memory. Its brotli and gzip forms are computed off the event loop: awaited for
 * small bodies, in the background for large ones (served as they are until then).
 */
export async function memoryAsset(
  body: Buffer,
  contentType: string,
  cacheControl: string,
  precompressed: { br?: Buffer; gzip?: Buffer } = {},
): Promise<Asset> {
  const asset: Asset = { body, hash: contentHash(body), contentType, cacheControl, ...precompressed };
  if (isCompressible(contentType) && !precompressed.br && !precompressed.gzip) {
    const compressed = compress(body).then(
      (forms) => void Object.assign(asset, forms),
      () => undefined, // Served uncompressed: nothing else depends on it.
    );
    if (body.length <= AWAIT_COMPRESSION_BYTES) await compressed;
  }
  return asset;
}
