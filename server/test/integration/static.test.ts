import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from './helpers/app.js';

describe('the static PWA and the configuration', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voxlay-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Voxlay PWA</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'manifest.webmanifest'), '{}');
    app = await startTestApp(45000, { staticDir: dir });
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

  it('never serves files outside the static dir', async () => {
    for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const response = await fetch(`${app.url}${path}`);
      expect(await response.text()).not.toContain('root:');
    }
  });

  it('reads the environment with defaults and rejects invalid values clearly', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', listenIp: '0.0.0.0', announcedAddress: '127.0.0.1', defaultChannelName: 'Lobby', disconnectGraceMs: 5000 });
    expect(loadConfig({ PORT: '4000', VOXLAY_LISTEN_IP: '10.0.0.2' })).toMatchObject({ port: 4000, announcedAddress: undefined });
    expect(() => loadConfig({ VOXLAY_PORT: 'abc' })).toThrow(/VOXLAY_PORT/);
    expect(() => loadConfig({ VOXLAY_RTC_MIN_PORT: '5000', VOXLAY_RTC_MAX_PORT: '4000' })).toThrow(/rtcMinPort/);
    expect(() => loadConfig({ VOXLAY_LOG_LEVEL: 'loud' })).toThrow(/log level/);
  });
});
