// MV3 stops an idle service worker whenever it likes. The call lives in the offscreen document, so
// a restarted background must pick the state up again and the overlay must keep working.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { Browsers, bytesReceivedOver, defaultChannelId, joinThroughUi, participantRows, rowOf, startVoxlay, waitFor } from '../../pwa/test/browser/harness.js';
import { joinFromPopup, launchExtension, overlayRows, setPrefs, startSite, type ExtensionBrowser } from './harness.js';

describe('a service worker restart during a call', () => {
  let app: VoxlayApp;
  let site: { url: string; stop(): Promise<void> };
  let ext: ExtensionBrowser;
  let browsers: Browsers;
  let tab: Page;
  let bob: Page;

  beforeAll(async () => {
    app = await startVoxlay(46000);
    site = await startSite();
    ext = await launchExtension();
    browsers = await Browsers.launch();
    const channelId = await defaultChannelId(app);
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    tab = ext.context.pages()[0] ?? (await ext.context.newPage());
    await tab.goto(`${site.url}/plain.html`);
    bob = await browsers.open(app.url, 'bob');
    await joinThroughUi(bob, 'Bob', channelId);
    const popup = await ext.openPopup();
    await joinFromPopup(popup, 'Ext', channelId);
    await popup.close();
    await waitFor(() => overlayRows(tab), (r) => r.length === 2, 15_000);
  });

  afterAll(async () => {
    await browsers?.close();
    await ext?.close();
    await site?.stop();
    await app?.stop();
  });

  it('keeps the call, and the overlay reconnects and still controls the session', async () => {
    await ext.worker.evaluate(() => ((globalThis as { __marker?: number }).__marker = 1));
    const cdp = await ext.context.newCDPSession(tab);
    await cdp.send('ServiceWorker.enable');
    const page = await ext.openPopup(); // a page of the extension's origin to stop its worker from
    const extCdp = await ext.context.newCDPSession(page);
    await extCdp.send('ServiceWorker.enable');
    await extCdp.send('ServiceWorker.stopAllWorkers');
    await page.close();

    // Audio does not depend on the background.
    expect(await waitFor(() => bytesReceivedOver(bob, 1_000), (b) => b > 1_000)).toBeGreaterThan(1_000);

    // The overlay's port dropped; it reconnects (waking the worker) and shows the live state again.
    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    const muted = await waitFor(() => participantRows(bob), (r) => rowOf(r, 'Ext')?.muted === true, 10_000);
    expect(rowOf(muted, 'Ext')?.muted).toBe(true);
    await expect.poll(() => tab.locator('voxlay-overlay [data-testid="mute-button"]').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    const fresh = ext.context.serviceWorkers().at(-1)!;
    expect(await fresh.evaluate(() => (globalThis as { __marker?: number }).__marker ?? null)).toBeNull();
    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    expect(rowOf(await waitFor(() => participantRows(bob), (r) => rowOf(r, 'Ext')?.muted === false, 10_000), 'Ext')?.muted).toBe(false);
  });
});
