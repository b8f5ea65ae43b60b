// The extension in a call with a PWA user: joined from the popup, the session lives in the
// offscreen document, audio flows both ways, the overlay on an unrelated page shows the live state,
// survives navigation, matches in a second tab, and its mute reaches the other side.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioStats, bytesReceivedOver, participantRows, rowOf } from '@voxlay/testing/pwa';
import { namesOnceListed, sleep, waitFor } from '@voxlay/testing/wait';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';
import { axeViolations, blocking, describeViolations } from '@voxlay/testing/axe';
import {
  extensionStats,
  joinFromPopup,
  overlayBox,
  overlayRows,
  takeScreenshot,
  wrappedInOverlay,
  type ExtensionBrowser,
} from './harness.js';

/** axe on the overlay (inside its shadow root): the critical and serious violations, one per line. */
async function overlayAxe(page: Page, screen: string): Promise<string> {
  const all = await axeViolations(page, 'voxlay-overlay');
  console.log(`[axe] ${screen}: ${all.length} violation(s)${all.length ? `\n${describeViolations(all)}` : ''}`);
  return describeViolations(blocking(all));
}

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
    // The pressed Join turned into a disabled "Joined": focus went on to Leave, not to the body.
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('popup-leave');
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(await namesOnceListed(() => overlayRows(tab), 2, 15_000)).toEqual(['Bob', 'Ext']);
    expect(await namesOnceListed(() => participantRows(bob), 2, 15_000)).toEqual(['Bob', 'Ext']);
    await takeScreenshot(popup.getByTestId('popup'), 'popup-in-call');
    const all = await axeViolations(popup);
    console.log(`[axe] popup (in a call): ${all.length} violation(s)${all.length ? `\n${describeViolations(all)}` : ''}`);
    expect(describeViolations(blocking(all))).toBe('');
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
  });

  it('is compact by default: who is here and who speaks, mute and deafen, in a small corner, nothing wrapped', async () => {
    expect(await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').getAttribute('data-view')).toBe('compact');
    const box = await overlayBox(tab);
    expect(box.width).toBeLessThanOrEqual(260);
    expect(box.height).toBeLessThanOrEqual(200);
    expect(box.width * box.height, 'overlay area, px²').toBeLessThan(0.06 * 1280 * 800);
    expect(await wrappedInOverlay(tab, '.vxo__title, .vxo__person, .vxo__action')).toEqual([]);
    expect(await tab.locator('voxlay-overlay [data-testid="mute-button"]').isVisible()).toBe(true);
    expect(await tab.locator('voxlay-overlay [data-testid="deafen-button"]').isVisible()).toBe(true);
    expect(await tab.locator('voxlay-overlay [data-testid="leave-button"]').count(), 'Leave is one step away, under More').toBe(0);
    expect(await overlayAxe(tab, 'overlay compact (in a call)')).toBe('');
  });

  it('keeps the call when the tab navigates: audio flows and the overlay comes back with the same state', async () => {
    await tab.goto(`${site.url}/article.html`);
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(await namesOnceListed(() => overlayRows(tab), 2, 10_000)).toEqual(['Bob', 'Ext']);
    expect(await tab.getByTestId('channel-name').textContent()).toBe(await popup.getByTestId('popup-channel').textContent());
    await waitFor(
      () => overlayRows(tab),
      (r) => r.some((p) => p.speaking),
      10_000,
    );
    await takeScreenshot(tab, 'overlay-compact');
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
    expect(await namesOnceListed(() => overlayRows(second), 2, 10_000)).toEqual(['Bob', 'Ext']);
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

  it('shrinks to a pill, comes back compact, and expands to the whole panel without wrapping', async () => {
    await tab.locator('voxlay-overlay [data-testid="overlay-collapse"]').click();
    const pill = tab.locator('voxlay-overlay [data-testid="overlay-pill"]');
    await pill.waitFor({ timeout: 5_000 });
    expect(await pill.textContent()).toContain(await popup.getByTestId('popup-channel').textContent());
    await expect
      .poll(() => tab.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-testid')))
      .toBe('overlay-pill');
    await takeScreenshot(tab, 'overlay-pill');
    await pill.press('Enter');
    await tab.locator('voxlay-overlay [data-testid="participant-list"]').waitFor({ timeout: 5_000 });
    await tab.locator('voxlay-overlay [data-testid="overlay-expand"]').press('Space');
    await tab.locator('voxlay-overlay [data-testid="voice-panel"]').waitFor({ timeout: 5_000 });
    // Focus stays on the toggle (now "Show less"), which did not move.
    expect(await tab.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('overlay-less');
    expect(await wrappedInOverlay(tab, '.vx-mode, .vx-controls__row .vx-button, .vxo__bar')).toEqual([]);
    const top = (id: string) =>
      tab.locator(`voxlay-overlay [data-testid="${id}"]`).evaluate((el) => Math.round(el.getBoundingClientRect().top));
    expect(await top('leave-button'), 'Leave shares its row with Mute').toBe(await top('mute-button'));
    expect(await overlayAxe(tab, 'overlay expanded (in a call)')).toBe('');
    await takeScreenshot(tab, 'overlay-expanded');
    await tab.locator('voxlay-overlay [data-testid="overlay-less"]').click();
    await tab.locator('voxlay-overlay [data-testid="participant-list"]').waitFor({ timeout: 5_000 });
  });

  it('runs noise suppression in the offscreen document when the options turn it on, and the PWA still hears', async () => {
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.id}/options.html`);
    const field = options.getByTestId('noise-suppression-field');
    // The page knows the call (its state came from the offscreen document): the choice goes to the call.
    await field.locator('xpath=self::*[@data-status="off"]').waitFor({ timeout: 10_000 });
    await options.getByTestId('noise-suppression').focus();
    await options.keyboard.press('Space');
    // The worklet and the wasm are extension files the offscreen document loads (its CSP allows wasm): it runs.
    await field.locator('xpath=self::*[@data-status="on" and @data-frame-mean-ms!=""]').waitFor({ timeout: 10_000 });
    console.log(`[noise-suppression] extension offscreen document: ${await field.getAttribute('data-frame-mean-ms')} ms per 10 ms frame`);
    const before = await audioStats(bob);
    await sleep(1_500);
    const after = await audioStats(bob);
    expect(after.bytesReceived - before.bytesReceived).toBeGreaterThan(2_000);
    expect(after.maxAudioLevel, 'Bob hears Ext').toBeGreaterThan(0);
    await options.getByTestId('noise-suppression').focus();
    await options.keyboard.press('Space');
    await field.locator('xpath=self::*[@data-status="off"]').waitFor({ timeout: 10_000 });
    await options.close();
  });

  it('leaves from the popup: the PWA sees it and the overlay goes away', async () => {
    await popup.getByTestId('popup-leave').press('Enter');
    expect(await namesOnceListed(() => participantRows(bob), 1, 10_000)).toEqual(['Bob']);
    await tab.locator('voxlay-overlay [data-testid="voxlay-overlay"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await extensionStats(popup)).toBeNull();
    // Leave went away with the call: focus is on the channel list it can join again from.
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('channels-heading');
  });
});
