import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';

describe('the static PWA and the configuration', () => {
  let app: VoxlayApp;
  let root: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voxlay-static-'));
    root = dir;
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Voxlay PWA</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'index-D2l-6Xp2.js'), `export const words = ${JSON.stringify('voice '.repeat(2000))};`);
    await writeFile(join(dir, 'sw.js'), `self.addEventListener('fetch', () => {}); // ${'sw '.repeat(200)}`);
    await writeFile(join(dir, 'workbox-9c191d2f.js'), 'self.workbox = {};');
    await writeFile(join(dir, 'manifest.webmanifest'), '{}');
    app = await startTestApp({ staticDir: dir });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('serves the PWA files with their content types on the same port', async () => {
    const index = await fetch(`${app.url}/`);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('Voxlay PWA');
    const script = await fetch(`${app.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/text\/javascript/);
    const manifest = await fetch(`${app.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
  });

  it('falls back to index.html for page routes but not for missing assets', async () => {
    const page = await fetch(`${app.url}/channel/abc`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Voxlay PWA');
    const missing = await fetch(`${app.url}/assets/missing.js`, { headers: { accept: '*/*' } });
    expect(missing.status).toBe(404);
  });

  it('caches hashed files for a year, revalidates the page and the service worker, and answers 304 to a matching ETag', async () => {
    const cacheControl = async (path: string, headers: Record<string, string> = {}) =>
      (await fetch(`${app.url}${path}`, { headers })).headers.get('cache-control');
    expect(await cacheControl('/assets/index-D2l-6Xp2.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl('/workbox-9c191d2f.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl('/')).toBe('no-cache');
    expect(await cacheControl('/index.html')).toBe('no-cache');
    expect(await cacheControl('/channel/abc', { accept: 'text/html' })).toBe('no-cache');
    expect(await cacheControl('/sw.js')).toBe('no-cache');
    expect(await cacheControl('/manifest.webmanifest')).toBe('no-cache');

    const first = await fetch(`${app.url}/sw.js`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{12}(-br|-gzip)?"$/);
    const again = await fetch(`${app.url}/sw.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const other = await fetch(`${app.url}/sw.js`, { headers: { 'if-none-match': '"000000000000"' } });
    expect(other.status).toBe(200);
  });

  it('sends brotli or gzip as the client accepts, with Vary and the right length, and the file as it is otherwise', async () => {
    const { request } = await import('node:http');
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const get = (path: string, encoding: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        request(`${app.url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const path = '/assets/index-D2l-6Xp2.js';
    const plain = await get(path, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(path, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 10);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await get(path, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // A file that changes on disk is read again (a redeploy without a restart).
    const changed = `export const words = ${JSON.stringify('changed '.repeat(100))};`;
    await writeFile(join(root, 'assets', 'index-D2l-6Xp2.js'), changed);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await get(path, 'identity')).body.toString()).toBe(changed);
    // HEAD: the headers without a body.
    const head = await fetch(`${app.url}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves files outside the static dir', async () => {
    for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const response = await fetch(`${app.url}${path}`);
      expect(await response.text()).not.toContain('root:');
    }
  });

  it('reads the environment with defaults and rejects invalid values clearly', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      listenIp: '0.0.0.0',
      announcedAddress: '127.0.0.1',
      defaultChannelName: 'Lobby',
      disconnectGraceMs: 5000,
    });
    expect(loadConfig({ PORT: '4000', VOXLAY_LISTEN_IP: '10.0.0.2' })).toMatchObject({ port: 4000, announcedAddress: undefined });
    expect(() => loadConfig({ VOXLAY_PORT: 'abc' })).toThrow(/VOXLAY_PORT/);
    expect(() => loadConfig({ VOXLAY_RTC_MIN_PORT: '5000', VOXLAY_RTC_MAX_PORT: '4000' })).toThrow(/VOXLAY_RTC_PORT/);
    expect(() => loadConfig({ VOXLAY_LOG_LEVEL: 'loud' })).toThrow(/log level/);
  });
});
