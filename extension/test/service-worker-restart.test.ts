// MV3 stops an idle service worker whenever it likes. The call lives in the offscreen document, so
// a restarted background must pick the state up again and the overlay must keep working.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesReceivedOver, participantRows, rowOf } from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';
import type { ExtensionBrowser } from './harness.js';

describe('a service worker restart during a call', () => {
  let call: ExtensionCall;
  let ext: ExtensionBrowser;
  let tab: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startExtensionCall();
    ({ ext, tab, bob } = call);
  });

  afterAll(() => call?.stop());

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
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);

    // The overlay's port dropped; it reconnects (waking the worker) and shows the live state again.
    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    const muted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === true,
      10_000,
    );
    expect(rowOf(muted, 'Ext')?.muted).toBe(true);
    await expect
      .poll(() => tab.locator('voxlay-overlay [data-testid="mute-button"]').getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('true');
    const fresh = ext.context.serviceWorkers().at(-1)!;
    expect(await fresh.evaluate(() => (globalThis as { __marker?: number }).__marker ?? null)).toBeNull();
    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    expect(
      rowOf(
        await waitFor(
          () => participantRows(bob),
          (r) => rowOf(r, 'Ext')?.muted === false,
          10_000,
        ),
        'Ext',
      )?.muted,
    ).toBe(false);
  });
});
