// Names in the extension's popup against the real server: a right-to-left channel name is drawn
// inside an isolate, so the participant count after it stays after it (bidi would otherwise pull
// "· 0" to the left of the Hebrew), and the name field counts what a person sees.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { glyphs, leftOf } from '@voxlay/testing/bidi';
import { startVoxlay } from '@voxlay/testing/pwa';
import { launchExtension, screenshotPath, setPrefs, type ExtensionBrowser } from './harness.js';

const HEBREW = /\p{Script=Hebrew}/u;

describe('names in the extension popup', () => {
  let app: VoxlayApp;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    app = await startVoxlay();
    await app.channels.create('שלום');
    ext = await launchExtension();
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    popup = await ext.openPopup();
  });

  afterAll(async () => {
    await ext?.close();
    await app?.stop();
  });

  it('keeps the participant count after a right-to-left channel name', async () => {
    const item = popup.locator('[data-testid="channel-item"]', { hasText: 'שלום' });
    await item.waitFor({ timeout: 15_000 });
    const label = item.getByTestId('channel-label');
    expect(await label.textContent()).toBe('שלום · 0');
    const drawn = await glyphs(label);
    const hebrewRight = Math.max(...drawn.filter((g) => HEBREW.test(g.char)).map((g) => g.right));
    // Reading left to right: the name, then "·", then the count, as in the Lobby row above it.
    expect(leftOf(drawn, '·')).toBeGreaterThanOrEqual(hebrewRight - 0.5);
    expect(leftOf(drawn, '0')).toBeGreaterThan(leftOf(drawn, '·'));
    await item.screenshot({ path: screenshotPath('popup-rtl-channel') });
  });

  it('takes 33 typed emoji as a display name and flags 65 characters', async () => {
    const input = popup.getByTestId('display-name-input');
    const join = popup.locator('[data-testid="channel-item"]', { hasText: 'שלום' }).getByTestId('join-button');
    await input.pressSequentially('😀'.repeat(33));
    expect(await input.inputValue()).toBe('😀'.repeat(33));
    expect(await join.isEnabled()).toBe(true);
    await input.fill('b'.repeat(65));
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await popup.getByTestId('display-name-input-error').textContent()).toBe('65 characters: at most 64');
    expect(await join.isDisabled()).toBe(true);
  });
});
