// The extension finds its server without typing: before anything is chosen the popup is calm (no
// red state, no failed fetch, a sentence saying what to do); once the user opened the server's PWA
// in a tab, the popup offers "Use <host>" and one click loads its channels.
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { startVoxlay } from '@voxlay/testing/pwa';
import { launchExtension, screenshotPath, takeScreenshot, type ExtensionBrowser } from './harness.js';

// Evaluated in the service worker, where `chrome` exists; MV3 Chromium's `chrome` answers with promises.
declare const chrome: Browser.Browser;

describe('finding the server', () => {
  let app: VoxlayApp;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    app = await startVoxlay();
    ext = await launchExtension();
  });

  afterAll(async () => {
    await ext?.close();
    await app?.stop();
  });

  it('the first popup is calm: it says what to do and reaches for no server', async () => {
    const requests: string[] = [];
    ext.context.on('request', (r) => {
      if (r.url().startsWith('http')) requests.push(r.url());
    });
    const popup = await ext.openPopup();
    await popup.getByTestId('server-hint').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('server-hint').textContent()).toContain("open your Voxlay server's page");
    expect(await popup.getByTestId('connection-state').count(), 'connection badges before any call').toBe(0);
    expect(await popup.getByRole('alert').count(), 'alerts before a server is chosen').toBe(0);
    expect(await popup.getByTestId('channel-list').count()).toBe(0);
    expect(requests).toEqual([]);
    await takeScreenshot(popup.getByTestId('popup'), 'popup-first-run');
    await popup.close();
  });

  it('offers the server whose PWA page was opened, and one click loads its channels', async () => {
    const pwa = await ext.context.newPage();
    await pwa.goto(app.url);
    const origin = new URL(app.url).origin;
    await expect
      .poll(() => ext.worker.evaluate(() => chrome.storage.local.get('voxlay.advertisedServer')), { timeout: 10_000 })
      .toMatchObject({ 'voxlay.advertisedServer': { origin } });

    const popup = await ext.openPopup();
    const use = popup.getByTestId('use-advertised-server');
    await use.waitFor({ timeout: 10_000 });
    await takeScreenshot(popup.getByTestId('popup'), 'popup-server-offer');
    expect(await use.textContent()).toBe(`Use ${new URL(app.url).host}`);
    // By keyboard: the offer is a button, Enter presses it.
    await use.focus();
    await popup.keyboard.press('Enter');
    await popup.getByTestId('channel-item').first().waitFor({ timeout: 10_000 });
    expect(await ext.worker.evaluate(() => chrome.storage.local.get('voxlay.serverUrl'))).toEqual({ 'voxlay.serverUrl': origin });
    // The offer is gone (it is the server in use) and focus moved to the channels it loaded.
    expect(await popup.getByTestId('server-offer').count()).toBe(0);
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('channels-heading');
    expect(await popup.getByTestId('server-url-input').inputValue()).toBe(origin);
    await popup.getByTestId('popup').screenshot({ path: screenshotPath('popup-server-found') });
    await popup.close();
    await pwa.close();
  });
});
