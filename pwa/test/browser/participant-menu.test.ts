// A remote participant's menu in the PWA: right-click, the keyboard (Shift+F10) and a touch long-press
// on a phone open the same small dialog; its volume slider at 0 silences that participant for the
// listener while the packets still come, "Mute for me" stops them, and Escape gives focus back to the row.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { bytesReceivedOver, type Call, levelsBySpeaker, PHONE, startCall, waitUntilHeard } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

describe("a remote participant's menu (per-user volume and mute for me)", () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let bob: Page;
  let aliceRow: Locator;
  let menu: Locator;

  /** Alice's mean level as Bob plays it, over one second. */
  const aliceLevel = async (): Promise<number> => (await levelsBySpeaker(bob, app, channelId, 'Bob', 1_000)).Alice ?? 0;
  const focusedParticipantId = (): Promise<string | null> =>
    bob.evaluate(() => document.activeElement?.closest('[data-testid="participant"]')?.getAttribute('data-participant-id') ?? null);

  beforeAll(async () => {
    call = await startCall([
      { label: 'alice', name: 'Alice' },
      { label: 'bob', name: 'Bob', viewport: PHONE },
    ]);
    ({ app, channelId } = call);
    bob = call.pages[1] as Page;
    aliceRow = bob.locator('[data-testid="participant"][data-local="false"]');
    // The name isolates Alice's name (bidi marks around it).
    menu = bob.getByRole('dialog', { name: /^Options for \W?Alice\W?$/ });
    await waitUntilHeard(bob, app, channelId, 'Bob', ['Alice'], 15_000);
  });

  afterAll(async () => {
    await call?.close();
  });

  it('right-click opens the menu with focus on its volume; volume 0 silences Alice while her packets still arrive', async () => {
    await aliceRow.click({ button: 'right' });
    await menu.waitFor();
    const volume = menu.getByTestId('participant-menu-volume');
    expect(await volume.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await volume.inputValue()).toBe('1');

    await bob.keyboard.press('Home'); // the slider's minimum, as a keyboard user would
    expect(await volume.inputValue()).toBe('0');
    expect(await menu.locator('output').textContent()).toBe('0%');

    await sleep(300); // audio already in the jitter buffer
    expect(
      await waitFor(
        () => aliceLevel(),
        (level) => level < AUDIBLE_LEVEL / 10,
      ),
    ).toBeLessThan(AUDIBLE_LEVEL / 10);
    expect(await bytesReceivedOver(bob, 1_000)).toBeGreaterThan(1_000);
  });

  it('Escape closes the menu and gives focus back to the row', async () => {
    const aliceId = await aliceRow.getAttribute('data-participant-id');
    await bob.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await focusedParticipantId()).toBe(aliceId);
    expect(await bob.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('participant');
  });

  it('Shift+F10 on the focused row opens it again; volume back to 100% makes Alice heard', async () => {
    await bob.keyboard.press('Shift+F10');
    await menu.waitFor();
    const volume = menu.getByTestId('participant-menu-volume');
    expect(await volume.inputValue()).toBe('0');
    await volume.fill('1');
    expect(await menu.locator('output').textContent()).toBe('100%');
    expect(
      await waitFor(
        () => aliceLevel(),
        (level) => level > AUDIBLE_LEVEL,
      ),
    ).toBeGreaterThan(AUDIBLE_LEVEL);
    await bob.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('a touch long-press on the phone opens the same menu; "Mute for me" marks Alice muted for Bob and stops her audio', async () => {
    const box = await aliceRow.boundingBox();
    if (!box) throw new Error('no row for Alice');
    const x = box.x + box.width / 3;
    const y = box.y + box.height / 2;
    const cdp = await bob.context().newCDPSession(bob);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await sleep(400);
    expect(await menu.count()).toBe(0); // not yet: a tap or a scroll is not a long press
    await sleep(300);
    await menu.waitFor({ timeout: 2_000 });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await sleep(200);
    expect(await menu.isVisible()).toBe(true); // lifting the finger does not close it

    const toggle = menu.getByTestId('participant-menu-local-mute');
    await toggle.tap();
    await waitFor(
      () => aliceRow.getAttribute('data-locally-muted'),
      (v) => v === 'true',
    );
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await aliceRow.getByText('muted for you').isVisible()).toBe(true);
    // Packets in flight and the jitter buffer still play for a moment (longer on a loaded machine).
    expect(
      await waitFor(
        () => aliceLevel(),
        (level) => level < AUDIBLE_LEVEL / 10,
      ),
    ).toBeLessThan(AUDIBLE_LEVEL / 10);
    expect(await bytesReceivedOver(bob, 1_000)).toBeLessThan(200);

    // A tap outside closes it.
    await bob.getByTestId('connection-state').tap();
    await menu.waitFor({ state: 'detached' });
  });
});
