// Screenshots of the built PWA and of the VoicePanel fixture, into pwa/test-results/screenshots/.
// Run after `npm run build -w pwa`:  npx tsx pwa/test/screenshots.mjs  (tsx: it imports @voxlay/testing, TypeScript)
// Serves pwa/dist on 127.0.0.1 with a fake /graphql (Channels only); FAKE_GRAPHQL=0 makes /graphql fail.
import { build } from 'esbuild';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@voxlay/testing/chromium';
import { chromium } from 'playwright-core';

const pwa = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pwa, 'dist');
const fixtures = join(pwa, 'test-results', 'fixtures');
const shots = join(pwa, 'test-results', 'screenshots');

export async function buildFixtures() {
  await mkdir(fixtures, { recursive: true });
  await build({
    entryPoints: [join(pwa, 'test', 'fixtures', 'panel.tsx')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outfile: join(fixtures, 'panel.js'),
    logLevel: 'warning',
  });
  await copyFile(join(pwa, 'test', 'fixtures', 'panel.html'), join(fixtures, 'panel.html'));
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};
const CHANNELS = {
  data: {
    channels: [
      { __typename: 'Channel', id: 'default', name: 'Lounge', isDefault: true, participantCount: 3 },
      { __typename: 'Channel', id: 'c2', name: 'Raid night', isDefault: false, participantCount: 1 },
      { __typename: 'Channel', id: 'c3', name: 'Quiet study room', isDefault: false, participantCount: 0 },
    ],
  },
};

/** A static server for dist (SPA fallback) and /__fixtures/, plus a fake /graphql. */
export function serve({ fakeGraphql = true } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/graphql')) {
      if (!fakeGraphql) return void res.writeHead(502).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(CHANNELS));
    }
    const root = url.pathname.startsWith('/__fixtures/') ? fixtures : dist;
    const rel = url.pathname.replace(/^\/__fixtures\//, '/');
    let file = normalize(join(root, rel));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    const st = await stat(file).catch(() => null);
    if (!st || st.isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  await buildFixtures();
  await mkdir(shots, { recursive: true });
  const server = await serve({ fakeGraphql: process.env.FAKE_GRAPHQL !== '0' });
  const base = `http://127.0.0.1:${server.address().port}`;
  // The fixture gets its own origin: the app's service worker would answer its navigations.
  const fixtureServer = await serve();
  const fixtureBase = `http://127.0.0.1:${fixtureServer.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), 'voxlay-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => m.type() === 'error' && console.log('  console:', m.text()));
    for (const [name, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/`);
      await page.evaluate(() => localStorage.setItem('voxlay.settings.v1', JSON.stringify({ displayName: 'Ada' })));
      await page.reload();
      await page.waitForSelector('[data-testid="channel-list"], [data-testid="offline-notice"]');
      await snap(page, `lobby-${name}`);
      await page.goto(`${fixtureBase}/__fixtures/panel.html?mode=push-to-talk`);
      await page.waitForSelector('[data-testid="voice-panel"]');
      await snap(page, `panel-ptt-${name}`);
      const box = await page.locator('[data-testid="ptt-button"]').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await snap(page, `panel-ptt-pressed-${name}`);
      await page.mouse.up();
      await page.goto(`${fixtureBase}/__fixtures/panel.html?mode=voice-activity&state=reconnecting&settings=1&expand=p-linus`);
      await page.waitForSelector('[data-testid="participant-volume"]');
      await snap(page, `panel-settings-${name}`, true);
    }
    // Installability, then the offline shell: the service worker serves the app with the server gone.
    await page.setViewportSize(sizes.phone);
    await page.goto(`${base}/`);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    console.log('installability errors:', JSON.stringify(installabilityErrors));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await page.reload();
    await page.waitForSelector('[data-testid="offline-notice"]', { timeout: 20_000 });
    await snap(page, 'offline-phone');
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
    fixtureServer.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function snap(page, name, fullPage = false) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage });
  console.log(`wrote ${path.slice(pwa.length + 1)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
