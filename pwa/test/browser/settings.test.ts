// The settings people expect, in the PWA against the real server: the speaker choice (setSinkId) keeps
// the call audible and is remembered, the input volume reaches the others (0% is silence), the mic
// test shows a level and stops with the drawer, and the mute/deafen shortcuts work, can be changed
// and are shown.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { type Call, joinThroughUi, levelsBySpeaker, startCall, waitUntilHeard, writeToneWav } from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';

/** The settings as stored by the page (the PWA's localStorage). */
const stored = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('voxlay.settings.v1') ?? '{}') as Record<string, unknown>);

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-form').waitFor();
}

async function setInputVolume(page: Page, percent: number): Promise<void> {
  await page.getByTestId('input-gain').evaluate((input, value) => {
    (input as HTMLInputElement).value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, percent);
}

describe('settings in the PWA', () => {
  let call: Call;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    // A steady tone as the microphone: what the listener hears follows the input volume.
    const wav = path.join(mkdtempSync(path.join(tmpdir(), 'voxlay-settings-')), 'tone.wav');
    writeToneWav(wav, [{ ms: 2_000, hz: 440, dbfs: -14 }]);
    call = await startCall(
      [
        { label: 'alice', name: 'Alice' },
        { label: 'bob', name: 'Bob' },
      ],
      [`--use-file-for-fake-audio-capture=${wav}`],
    );
    [alice, bob] = call.pages as [Page, Page];
    await waitUntilHeard(bob, call.app, call.channelId, 'Bob', ['Alice'], 15_000);
  });

  afterAll(async () => {
    await call?.close();
  });

  it('plays the call on the chosen speaker and remembers the choice', async () => {
    await openSettings(bob);
    const select = bob.getByTestId('speaker-select');
    const options = await waitFor(
      () =>
        select.locator('option').evaluateAll((o) => o.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? '' }))),
      (o) => o.length > 1,
    );
    const speaker = options.find((o) => o.value !== '')!;
    await select.selectOption(speaker.value);
    expect(await bob.getByTestId('speaker-error').count()).toBe(0);
    expect((await stored(bob)).outputDeviceId).toBe(speaker.value);
    await bob.getByTestId('settings-close').click();
    // Still heard (Chromium measures a received track only while it plays).
    const levels = await waitUntilHeard(bob, call.app, call.channelId, 'Bob', ['Alice']);
    expect(levels.Alice).toBeGreaterThan(AUDIBLE_LEVEL);
    await openSettings(bob);
    expect(await bob.getByTestId('speaker-select').inputValue()).toBe(speaker.value);
    await bob.getByTestId('settings-close').click();
  });

  it('sends the microphone at the input volume: 0% is silence for the others, 100% is heard again', async () => {
    await openSettings(alice);
    await setInputVolume(alice, 0);
    await alice.getByTestId('settings-close').click();
    const silent = await waitFor(
      () => levelsBySpeaker(bob, call.app, call.channelId, 'Bob', 500),
      (l) => (l.Alice ?? 0) < AUDIBLE_LEVEL,
      10_000,
    );
    expect(silent.Alice ?? 0).toBeLessThan(AUDIBLE_LEVEL);
    expect(await alice.getByTestId('transmitting').getAttribute('data-transmitting')).toBe('true'); // not a mute: the gain
    expect((await stored(alice)).inputGain).toBe(0);

    await openSettings(alice);
    await setInputVolume(alice, 100);
    await alice.getByTestId('settings-close').click();
    const heard = await waitUntilHeard(bob, call.app, call.channelId, 'Bob', ['Alice']);
    expect(heard.Alice).toBeGreaterThan(AUDIBLE_LEVEL);
  });

  it('tests the microphone with a level meter, and stops the test when the drawer closes', async () => {
    await openSettings(alice);
    const button = alice.getByTestId('mic-test-button');
    await button.click();
    const meter = alice.locator('[data-testid="mic-test"] [role="meter"]');
    const level = await waitFor(
      async () => Number(await meter.getAttribute('aria-valuenow')),
      (v) => v > 0.2,
      5_000,
    );
    expect(level).toBeGreaterThan(0.2);
    expect(await button.getAttribute('aria-pressed')).toBe('true');

    await alice.keyboard.press('Escape'); // closes the drawer
    await alice.getByTestId('settings-form').waitFor({ state: 'hidden' });
    await openSettings(alice);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBe(0);
    await alice.getByTestId('settings-close').click();
  });

  it('offers the settings and the mic test before joining, and the call starts with what was chosen there', async () => {
    const page = await call.browsers.open(call.app.url, 'carol');
    await page.getByTestId('lobby-settings-button').click();
    await page.getByTestId('settings-form').waitFor();
    await page.getByTestId('mic-test-button').click();
    const meter = page.locator('[data-testid="mic-test"] [role="meter"]');
    await waitFor(
      async () => Number(await meter.getAttribute('aria-valuenow')),
      (v) => v > 0.2,
      5_000,
    );
    const select = page.getByTestId('speaker-select');
    const speaker = await waitFor(
      () => select.locator('option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value).filter((v) => v !== '')),
      (values) => values.length > 0,
    );
    await select.selectOption(speaker[0]!);
    await setInputVolume(page, 150);
    await page.getByTestId('settings-close').click();
    await page.getByTestId('mic-test-button').waitFor({ state: 'hidden' });

    await joinThroughUi(page, 'Carol', call.channelId);
    await openSettings(page);
    expect(await page.getByTestId('speaker-select').inputValue()).toBe(speaker[0]);
    expect(await page.getByTestId('input-gain').inputValue()).toBe('150');
    await page.getByTestId('settings-close').click();
    // Heard by the others through the gain chosen before the join.
    const heard = await waitUntilHeard(bob, call.app, call.channelId, 'Bob', ['Carol'], 15_000);
    expect(heard.Carol).toBeGreaterThan(AUDIBLE_LEVEL);
    await page.getByTestId('leave-button').click();
    await page.context().close();
  });

  it('toggles mute and deafen with their shortcuts, which can be changed and are shown', async () => {
    const hint = alice.getByTestId('shortcuts-hint');
    expect(await hint.textContent()).toContain('M mute');
    await alice.getByTestId('channel-name').click(); // nothing focused that takes keys
    await alice.keyboard.press('KeyM');
    await alice.locator('[data-testid="mute-button"][aria-pressed="true"]').waitFor();
    await alice.keyboard.press('KeyM');
    await alice.locator('[data-testid="mute-button"][aria-pressed="false"]').waitFor();
    await alice.keyboard.press('KeyD');
    await alice.locator('[data-testid="deafen-button"][aria-pressed="true"]').waitFor();
    await alice.keyboard.press('KeyD');
    await alice.locator('[data-testid="deafen-button"][aria-pressed="false"]').waitFor();

    await openSettings(alice);
    await alice.getByTestId('mute-key-button').click();
    await alice.locator('[data-testid="mute-key-button"][aria-pressed="true"]').waitFor();
    await alice.keyboard.press('KeyN');
    await alice.locator('[data-testid="mute-key-button"][data-key="KeyN"]').waitFor();
    expect((await alice.getByTestId('mute-key-button').textContent())?.trim()).toBe('N');
    await alice.getByTestId('settings-close').click();
    expect((await stored(alice)).muteKey).toBe('KeyN');
    expect(
      await waitFor(
        async () => (await hint.textContent()) ?? '',
        (t) => t.includes('N mute'),
      ),
    ).toContain('N mute');

    await alice.getByTestId('channel-name').click();
    await alice.keyboard.press('KeyM'); // no longer a shortcut
    await alice.keyboard.press('KeyN');
    await alice.locator('[data-testid="mute-button"][aria-pressed="true"]').waitFor();
    await alice.keyboard.press('KeyN');
    await alice.locator('[data-testid="mute-button"][aria-pressed="false"]').waitFor();
  });
});
