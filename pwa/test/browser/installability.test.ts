// The PWA installs and opens offline: Chromium reports no installability errors, the service
// worker controls the page, and with the server stopped a reload still shows the app shell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { openPersistent, screenshotPath, startVoxlay } from '@voxlay/testing/pwa';

describe('the installable PWA', () => {
  let app: VoxlayApp | null = null;
  let browser: Awaited<ReturnType<typeof openPersistent>>;

  beforeAll(async () => {
    app = await startVoxlay();
    browser = await openPersistent(app.url);
  });

  afterAll(async () => {
    await browser?.dispose();
    await app?.stop();
  });

  it('has a manifest Chromium parses and no installability errors', async () => {
    const { page, context } = browser;
    await page.getByTestId('lobby').waitFor();
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as Record<string, unknown>;
    expect(parsed.name).toBe('Voxlay');
    expect(parsed.display).toBe('standalone');
    // Installability needs the service worker; wait until it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const result = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(result.installabilityErrors).toEqual([]);
    // Chromium offers installation (beforeinstallprompt), so the app shows its Install button.
    await page.getByTestId('install-button').waitFor({ timeout: 15_000 });
  });

  it('is controlled by its service worker, and a reload with the server stopped still shows the app shell', async () => {
    const { page } = browser;
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    await app?.stop();
    app = null;
    await page.reload();
    await page.getByTestId('offline-notice').waitFor({ timeout: 15_000 });
    const text = (await page.getByTestId('offline-notice').textContent()) ?? '';
    // The network is fine, the server is not: say so, not "You're offline".
    expect(text.toLowerCase()).toContain('server unreachable');
    expect(text.toLowerCase()).not.toContain("you're offline");
    await page.screenshot({ path: screenshotPath('offline-desktop') });
  });
});
