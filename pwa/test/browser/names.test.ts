// Names in the PWA against the real server: lengths count what a person sees (33 emoji typed stay
// whole; 65 characters are flagged before anything is sent), a look-alike of Lobby is refused with
// the channel it looks like, and right-to-left names are drawn right to left inside an isolate,
// in the lobby, the panel's title and participant rows, and in labels.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { bidiStyle, glyphs, leftOf } from '@voxlay/testing/bidi';
import { Browsers, participantRows, screenshotPath, startVoxlay } from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';

const HEBREW_CHANNEL = 'שלום עולם!';
const HEBREW_NAME = 'דני!';

describe('names in the PWA', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let dana: Page;

  beforeAll(async () => {
    app = await startVoxlay();
    browsers = await Browsers.launch();
    dana = await browsers.open(app.url, 'dana');
    await dana.getByTestId('channel-item').first().waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browsers?.close();
    await app?.stop();
  });

  it('keeps 33 typed emoji whole and flags 65 characters without sending anything', async () => {
    const input = dana.getByTestId('lobby-display-name');
    const join = dana.getByTestId('join-button').first();
    // Typed one by one, as a person would: a UTF-16 maxLength of 64 would drop the 33rd emoji.
    await input.pressSequentially('😀'.repeat(33));
    expect(await input.inputValue()).toBe('😀'.repeat(33));
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    expect(await join.isEnabled()).toBe(true);

    await input.fill('a'.repeat(65));
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await dana.getByTestId('lobby-display-name-error').textContent()).toBe('65 characters: at most 64');
    expect(await input.evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    expect(await join.isDisabled()).toBe(true);
    await input.fill('a'.repeat(64));
    expect(await join.isEnabled()).toBe(true);
    await input.fill('a'.repeat(65));
  });

  it('refuses a channel that looks like Lobby, showing the channel it looks like', async () => {
    await dana.getByTestId('create-channel-input').fill('L\u043ebby');
    await dana.getByTestId('create-channel-button').click();
    const error = dana.getByTestId('create-channel-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toBe('A channel that looks the same already exists: Lobby');
    expect(app.channels.list().map((channel) => channel.name)).toEqual(['Lobby']);
  });

  it('draws a right-to-left channel name right to left, isolated, in the list and in the Join label', async () => {
    await dana.getByTestId('create-channel-input').fill(HEBREW_CHANNEL);
    await dana.getByTestId('create-channel-button').click();
    const item = dana.locator('[data-testid="channel-item"]', { hasText: 'שלום' });
    await item.waitFor({ timeout: 10_000 });
    const name = item.getByTestId('channel-item-name');
    // The "!" typed last stands at the left end, where a reader of Hebrew expects it.
    const drawn = await glyphs(name);
    expect(leftOf(drawn, '!')).toBeLessThan(leftOf(drawn, 'ש'));
    expect(leftOf(drawn, 'ע')).toBeLessThan(leftOf(drawn, 'ש'));
    expect(await bidiStyle(name)).toEqual({ unicodeBidi: 'isolate', direction: 'rtl' });
    // Text that cannot hold markup (the tooltip) holds the name between FSI and PDI.
    await dana.getByTestId('lobby-display-name').fill(HEBREW_NAME);
    expect(await item.getByTestId('join-button').getAttribute('title')).toBe(`Join \u2068${HEBREW_CHANNEL}\u2069`);
  });

  it('shows the channel title and a right-to-left participant right to left, and labels hold them isolated', async () => {
    const channel = app.channels.list().find((c) => c.name === HEBREW_CHANNEL)!;
    await dana.getByTestId('lobby-display-name').fill(HEBREW_NAME);
    await dana.locator(`[data-testid="channel-item"][data-channel-id="${channel.id}"] [data-testid="join-button"]`).click();
    await dana.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
    expect(channel.participants.map((p) => p.displayName)).toEqual([HEBREW_NAME]);

    const titleGlyphs = await glyphs(dana.getByTestId('channel-name'));
    expect(leftOf(titleGlyphs, '!')).toBeLessThan(leftOf(titleGlyphs, 'ש'));

    const own = dana.locator('[data-testid="participant"][data-local="true"] [data-testid="participant-name"]');
    const nameGlyphs = await glyphs(own);
    expect(leftOf(nameGlyphs, '!')).toBeLessThan(leftOf(nameGlyphs, 'ד'));
    expect(await bidiStyle(own)).toEqual({ unicodeBidi: 'isolate', direction: 'rtl' });

    // Another participant sees the name the same way, and its labels hold it between FSI and PDI.
    const bob = await browsers.open(app.url, 'bob');
    await bob.getByTestId('lobby-display-name').fill('Bob');
    await bob.locator(`[data-testid="channel-item"][data-channel-id="${channel.id}"] [data-testid="join-button"]`).click();
    await waitFor(
      () => participantRows(bob),
      (rows) => rows.length === 2,
      15_000,
    );
    const remote = bob.locator('[data-testid="participant"][data-local="false"]');
    const remoteGlyphs = await glyphs(remote.getByTestId('participant-name'));
    expect(leftOf(remoteGlyphs, '!')).toBeLessThan(leftOf(remoteGlyphs, 'ד'));
    expect(await remote.getByTestId('participant-expand').getAttribute('aria-label')).toBe(`Options for \u2068${HEBREW_NAME}\u2069`);
    expect(await remote.getByTestId('level-meter').getAttribute('aria-label')).toBe(`\u2068${HEBREW_NAME}\u2069 audio level`);
    await bob.screenshot({ path: screenshotPath('names-rtl') });
  });
});
