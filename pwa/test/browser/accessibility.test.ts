// Accessibility as a test: axe-core (injected from node_modules, no network) on the lobby, the
// channel screen, the settings drawer and the phone's channel sheet of the real PWA against the real server, at a desktop and
// a phone size; no critical or serious violation. Keyboard: focus lands somewhere sensible after
// Join and Leave, and Space/Enter press a focused button in every voice mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AxeViolation, axeViolations, blocking } from '@voxlay/testing/axe';
import { Browsers, defaultChannelId, joinThroughUi, startVoxlay, type Viewport } from '@voxlay/testing/pwa';
import type { VoxlayApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';

const SIZES: Record<string, Viewport> = {
  desktop: { width: 1366, height: 800 },
  phone: { width: 412, height: 915 },
  landscape: { width: 915, height: 412 },
};

describe('accessibility of the PWA (axe-core)', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let channelId: string;
  const results: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    app = await startVoxlay();
    browsers = await Browsers.launch();
    channelId = await defaultChannelId(app);
  });

  afterAll(async () => {
    // The per-screen summary for the report: rule id, impact and how many nodes.
    for (const [screen, violations] of Object.entries(results)) {
      const summary = violations.map((v) => `${v.id} (${v.impact}, ${v.targets.length})`).join(', ') || 'none';
      console.log(`[axe] ${screen}: ${summary}`);
    }
    await browsers?.close();
    await app?.stop();
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    it(`has no critical or serious violation on the lobby, the channel screen and the settings at ${size} size`, async () => {
      const page = await browsers.open(app.url, `a11y-${size}`, viewport);
      await page.getByTestId('channel-list').waitFor();
      await page.getByTestId('lobby-display-name').fill(`Ada ${size}`); // the Join buttons are enabled
      results[`lobby ${size}`] = await axeViolations(page);
      await page.getByTestId('lobby-settings-button').click();
      await page.getByTestId('settings-form').waitFor();
      results[`lobby settings ${size}`] = await axeViolations(page);
      await page.getByTestId('settings-close').click();

      await joinThroughUi(page, `Ada ${size}`, channelId);
      results[`channel ${size}`] = await axeViolations(page);

      await page.getByTestId('settings-button').click();
      await page.getByTestId('settings-form').waitFor();
      results[`settings ${size}`] = await axeViolations(page);
      await page.getByTestId('settings-close').click();

      // Where the sidebar is hidden during a call, the channel list opens as a sheet.
      const channelsButton = page.getByTestId('channels-button');
      expect(await channelsButton.isVisible(), 'the Channels button shows only where the sidebar is hidden').toBe(size !== 'desktop');
      if (size !== 'desktop') {
        await channelsButton.click();
        await page.locator('[data-testid="channel-sheet"] [data-testid="channel-list"]').waitFor();
        results[`channel list sheet ${size}`] = await axeViolations(page);
        await page.getByTestId('channel-sheet-close').click();
        expect(blocking(results[`channel list sheet ${size}`]!), `channel list sheet ${size}`).toEqual([]);
      }

      for (const screen of ['lobby', 'lobby settings', 'channel', 'settings'])
        expect(blocking(results[`${screen} ${size}`]!), `${screen} ${size}`).toEqual([]);
      await page.context().close();
    });
  }

  it('puts the focus on the mute button after Join and on the channel’s Join button after Leave', async () => {
    const page = await browsers.open(app.url, 'focus', SIZES.desktop);
    await joinThroughUi(page, 'Focus', channelId);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    expect(await waitFor(focused, (id) => id === 'mute-button')).toBe('mute-button');

    await page.keyboard.press('Enter'); // the focused mute button mutes
    await page.locator('[data-testid="mute-button"][aria-pressed="true"]').waitFor();
    await page.getByTestId('leave-button').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('lobby').waitFor();
    const after = await waitFor(
      () =>
        page.evaluate(() => ({
          id: document.activeElement?.getAttribute('data-testid'),
          channel: document.activeElement?.closest('[data-channel-id]')?.getAttribute('data-channel-id'),
        })),
      (f) => f.id === 'join-button',
    );
    expect(after).toEqual({ id: 'join-button', channel: channelId });
    await page.context().close();
  });

  it('presses a focused button with Space and Enter in every voice mode, push-to-talk included (its key is Space)', async () => {
    const page = await browsers.open(app.url, 'ptt-keys', SIZES.desktop);
    await joinThroughUi(page, 'Keys', channelId);
    const deafen = page.getByTestId('deafen-button');
    for (const mode of ['always-on', 'voice-activity', 'push-to-talk']) {
      await page.getByTestId(`mode-${mode}`).check();
      await deafen.focus();
      await page.keyboard.press('Space');
      await page.locator('[data-testid="deafen-button"][aria-pressed="true"]').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="deafen-button"][aria-pressed="false"]').waitFor();
    }
    // Space on a button pressed the button, it did not talk.
    expect(await page.getByTestId('transmitting').getAttribute('data-transmitting')).toBe('false');

    // Away from any button, Space still talks.
    await page.getByTestId('channel-name').click();
    await page.keyboard.down('Space');
    try {
      await page.locator('[data-testid="transmitting"][data-transmitting="true"]').waitFor();
    } finally {
      await page.keyboard.up('Space');
    }
    await page.locator('[data-testid="transmitting"][data-transmitting="false"]').waitFor();
    await page.context().close();
  });
});
