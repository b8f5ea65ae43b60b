// The extension in a call with a PWA user: joined from the popup, the session lives in the
// offscreen document, audio flows both ways, the overlay on an unrelated page shows the live state,
// survives navigation, matches in a second tab, and its mute reaches the other side.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioStats, bytesReceivedOver, participantRows, rowOf } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';
import { extensionStats, joinFromPopup, overlayRows, screenshotPath, type ExtensionBrowser } from './harness.js';

const names = (rows: { name: string }[]): string[] => rows.map((r) => r.name).sort();

describe('a call between the extension and the PWA', () => {
  let call: ExtensionCall;
  let site: ExtensionCall['site'];
  let ext: ExtensionBrowser;
  let channelId: string;
  let popup: Page;
  let tab: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startExtensionCall({ joinExtension: false });
    ({ site, ext, channelId, tab, bob } = call);
  });

  afterAll(() => call?.stop());

  it('joins from the popup and the overlay appears on the open page', async () => {
    popup = await ext.openPopup();
    await joinFromPopup(popup, 'Ext', channelId);
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(
      names(
        await waitFor(
          () => overlayRows(tab),
          (r) => r.length === 2,
          15_000,
        ),
      ),
    ).toEqual(['Bob', 'Ext']);
    expect(
      names(
        await waitFor(
          () => participantRows(bob),
          (r) => r.length === 2,
          15_000,
        ),
      ),
    ).toEqual(['Bob', 'Ext']);
    await popup.getByTestId('popup').screenshot({ path: screenshotPath('popup-in-call') });
  });

  it('carries audio both ways', async () => {
    const pwa = await waitFor(
      () => audioStats(bob),
      (s) => s.bytesReceived > 2_000 && s.maxAudioLevel > 0,
      15_000,
    );
    expect(pwa.maxAudioLevel).toBeGreaterThan(0);
    expect(await bytesReceivedOver(bob, 1_000)).toBeGreaterThan(1_000);

    const mine = await waitFor(
      () => extensionStats(popup),
      (s) => !!s && s.inboundBytes > 2_000 && s.inboundAudioLevel > 0,
      15_000,
    );
    expect(mine?.inboundAudioLevel).toBeGreaterThan(0);
    const before = mine?.inboundBytes ?? 0;
    await sleep(1_000);
    expect(((await extensionStats(popup))?.inboundBytes ?? 0) - before).toBeGreaterThan(1_000);
  });

  it('lights the speaking indicators on both sides', async () => {
    const onPwa = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.speaking === true,
      15_000,
    );
    expect(rowOf(onPwa, 'Ext')?.speaking).toBe(true);
    const onOverlay = await waitFor(
      () => overlayRows(tab),
      (r) => r.find((p) => p.name === 'Bob')?.speaking === true,
      15_000,
    );
    expect(onOverlay.find((p) => p.name === 'Bob')?.speaking).toBe(true);
    await tab.screenshot({ path: screenshotPath('overlay-expanded') });
  });

  it('keeps the call when the tab navigates: audio flows and the overlay comes back with the same state', async () => {
    await tab.goto(`${site.url}/other.html`);
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(
      names(
        await waitFor(
          () => overlayRows(tab),
          (r) => r.length === 2,
          10_000,
        ),
      ),
    ).toEqual(['Bob', 'Ext']);
    expect(await tab.getByTestId('channel-name').textContent()).toBe(await popup.getByTestId('popup-channel').textContent());
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    const before = (await extensionStats(popup))?.inboundBytes ?? 0;
    await sleep(1_000);
    expect(((await extensionStats(popup))?.inboundBytes ?? 0) - before).toBeGreaterThan(1_000);
  });

  it('shows the same state in a second tab', async () => {
    const second = await ext.context.newPage();
    await second.goto(`${site.url}/plain.html`);
    await second.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(
      names(
        await waitFor(
          () => overlayRows(second),
          (r) => r.length === 2,
          10_000,
        ),
      ),
    ).toEqual(['Bob', 'Ext']);
    expect(await second.getByTestId('channel-name').textContent()).toBe(await tab.getByTestId('channel-name').textContent());
    await second.close();
  });

  it('mutes from the overlay: the PWA sees it, and every tab shows it', async () => {
    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    const muted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === true,
      10_000,
    );
    expect(rowOf(muted, 'Ext')?.muted).toBe(true);
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    expect(await popup.getByTestId('popup-call').textContent()).toContain('muted');

    await tab.locator('voxlay-overlay [data-testid="mute-button"]').click();
    const unmuted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === false,
      10_000,
    );
    expect(rowOf(unmuted, 'Ext')?.muted).toBe(false);
  });

  it('collapses to a pill and expands again', async () => {
    await tab.locator('voxlay-overlay [data-testid="overlay-collapse"]').click();
    const pill = tab.locator('voxlay-overlay [data-testid="overlay-pill"]');
    await pill.waitFor({ timeout: 5_000 });
    expect(await pill.textContent()).toContain(await popup.getByTestId('popup-channel').textContent());
    await tab.screenshot({ path: screenshotPath('overlay-collapsed') });
    await pill.click();
    await tab.locator('voxlay-overlay [data-testid="voice-panel"]').waitFor({ timeout: 5_000 });
  });

  it('leaves from the popup: the PWA sees it and the overlay goes away', async () => {
    await popup.getByTestId('popup-leave').click();
    expect(
      names(
        await waitFor(
          () => participantRows(bob),
          (r) => r.length === 1,
          10_000,
        ),
      ),
    ).toEqual(['Bob']);
    await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await extensionStats(popup)).toBeNull();
  });
});
