// Keyboard on the focused page (push-to-talk key, Alt+M), hiding the overlay per site, and
// dragging it: each is checked where it matters, on the PWA side or after a reload.
import type { Page } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesReceivedOver, participantRows, rowOf } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';
import { openOverlayIn, overlayBox, overlayOffset, type ExtensionBrowser } from './harness.js';

// Evaluated in the service worker, where `chrome` exists.
// MV3 Chromium's `chrome` answers with promises, as the polyfill's types describe.
declare const chrome: Browser.Browser;

describe('keyboard, per-site hiding and dragging', () => {
  let call: ExtensionCall;
  let site: ExtensionCall['site'];
  let ext: ExtensionBrowser;
  let tab: Page;
  let bob: Page;
  const extMuted = (muted: boolean) =>
    waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === muted,
      10_000,
    );

  beforeAll(async () => {
    call = await startExtensionCall();
    ({ site, ext, tab, bob } = call);
    await extMuted(false);
  });

  afterAll(() => call?.stop());

  it('holds push-to-talk while the key is down on the page, in push-to-talk mode only', async () => {
    // The voice mode is under "More".
    await tab.locator('voxlay-overlay [data-testid="overlay-expand"]').click();
    // click, not check(): the radio is controlled by the remote state, which arrives a moment later.
    await tab.locator('voxlay-overlay [data-testid="mode-push-to-talk"]').click();
    expect(rowOf(await extMuted(true), 'Ext')?.muted).toBe(true);
    // The overlay binds the key once it has the push-to-talk state.
    await tab.locator('voxlay-overlay [data-testid="ptt-button"]').waitFor({ timeout: 5_000 });
    await tab.locator('h1').click(); // focus the page, not the overlay
    await tab.keyboard.down('Space');
    try {
      expect(rowOf(await extMuted(false), 'Ext')?.muted).toBe(false);
      expect(
        await waitFor(
          () => bytesReceivedOver(bob, 1_000),
          (b) => b > 1_000,
        ),
      ).toBeGreaterThan(1_000);
    } finally {
      await tab.keyboard.up('Space');
    }
    expect(rowOf(await extMuted(true), 'Ext')?.muted).toBe(true);
    // Space on a focused overlay control presses that control, even in push-to-talk mode (the page's
    // push-to-talk key does not see keys typed inside the overlay).
    const deafen = tab.locator('voxlay-overlay [data-testid="deafen-button"]');
    await deafen.focus();
    await tab.keyboard.press('Space');
    await expect.poll(() => deafen.getAttribute('aria-pressed')).toBe('true');
    await tab.keyboard.press('Enter');
    await expect.poll(() => deafen.getAttribute('aria-pressed')).toBe('false');
    expect(rowOf(await extMuted(true), 'Ext')?.muted).toBe(true);
    await tab.locator('voxlay-overlay [data-testid="mode-always-on"]').click();
    await expect.poll(() => tab.locator('voxlay-overlay [data-testid="mode-always-on"]').isChecked()).toBe(true);
    expect(rowOf(await extMuted(false), 'Ext')?.muted).toBe(false);
  });

  it('toggles mute with Alt+M on the page', async () => {
    await tab.locator('h1').click();
    await tab.keyboard.press('Alt+KeyM');
    expect(rowOf(await extMuted(true), 'Ext')?.muted).toBe(true);
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_000)).toBeLessThan(200);
    await tab.keyboard.press('Alt+KeyM');
    expect(rowOf(await extMuted(false), 'Ext')?.muted).toBe(false);
  });

  it('toggles mute with the toggleMute command the shortcut handler forwards to the offscreen session', async () => {
    // Chromium gives tests no way to press a `commands` shortcut; send what its handler sends.
    const toggle = () =>
      ext.worker.evaluate(() => chrome.runtime.sendMessage({ target: 'offscreen', type: 'command', command: { name: 'toggleMute' } }));
    expect(await toggle()).toEqual({ ok: true });
    expect(rowOf(await extMuted(true), 'Ext')?.muted).toBe(true);
    expect(await toggle()).toEqual({ ok: true });
    expect(rowOf(await extMuted(false), 'Ext')?.muted).toBe(false);
  });

  it('drags the overlay and keeps the position across page loads', async () => {
    const before = await overlayOffset(tab);
    const handle = tab.locator('voxlay-overlay [data-testid="overlay-drag-handle"]');
    const box = (await handle.boundingBox())!;
    await tab.mouse.move(box.x + 20, box.y + box.height / 2);
    await tab.mouse.down();
    await tab.mouse.move(box.x - 180, box.y - 100, { steps: 8 });
    await tab.mouse.up();
    const after = await overlayOffset(tab);
    expect(after.right - before.right).toBeGreaterThan(150);
    expect(after.bottom - before.bottom).toBeGreaterThan(70);
    await tab.reload();
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(
      await waitFor(
        () => overlayOffset(tab),
        (o) => Math.abs(o.right - after.right) <= 2,
      ),
    ).toEqual(after);
  });

  it('resizes the compact overlay by its grip, with the pointer and the arrow keys, and keeps the width for the site', async () => {
    await tab.locator('voxlay-overlay [data-testid="overlay-less"]').click();
    const frameWidth = () => overlayBox(tab).then((b) => b.width);
    await expect.poll(frameWidth).toBe(248);
    const grip = tab.locator('voxlay-overlay [data-testid="overlay-resize"]');
    const box = (await grip.boundingBox())!;
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await tab.mouse.down();
    await tab.mouse.move(box.x - 80, box.y + box.height / 2, { steps: 6 });
    await tab.mouse.up();
    const dragged = await frameWidth();
    expect(dragged).toBeGreaterThan(300);
    await grip.focus();
    await tab.keyboard.press('ArrowRight');
    await expect.poll(frameWidth).toBe(dragged - 16);
    expect(await grip.getAttribute('aria-valuenow')).toBe(String(dragged - 16));
    await tab.reload();
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    await expect.poll(frameWidth, { timeout: 10_000 }).toBe(dragged - 16);
    // Back to the expanded view for the next test.
    await tab.locator('voxlay-overlay [data-testid="overlay-expand"]').click();
  });

  it('hides the overlay on this site, keeps it hidden after a reload, and shows it again when opened', async () => {
    // "Hide here" is under "More" (the view is remembered for the site across the reload above).
    expect(await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').getAttribute('data-view')).toBe('expanded');
    await tab.locator('voxlay-overlay [data-testid="overlay-hide-site"]').click();
    await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').waitFor({ state: 'detached', timeout: 5_000 });
    await tab.reload();
    // The overlay loaded (a call is active) and drew with the call's state, which marks its host
    // data-active; that same draw left the panel out on this hidden site.
    await tab.locator('voxlay-overlay[data-active]').waitFor({ state: 'attached', timeout: 10_000 });
    expect(
      await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').count(),
      'overlay panels on the hidden site after the reload',
    ).toBe(0);
    // The call goes on meanwhile.
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    await openOverlayIn(ext, `${site.url}/plain.html`);
    await tab.locator('voxlay-overlay [data-testid="voice-panel"]').waitFor({ timeout: 10_000 });
    const hidden = await ext.worker.evaluate(() => chrome.storage.local.get('voxlay.hiddenSites'));
    expect(hidden['voxlay.hiddenSites']).toEqual([]);
  });
});
