// Two people in one channel through the PWA's UI: they list each other, hear each other (bytes and
// audio level on the listener), see speaking, mute and push-to-talk as they happen, and leaving
// removes the participant on the other side.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import {
  audioStats,
  bytesReceivedOver,
  type Call,
  participantCount,
  participantRows,
  PHONE,
  rowOf,
  screenshotPath,
  startCall,
} from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

describe('a two-person call in the PWA', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startCall([
      { label: 'alice', name: 'Alice' },
      { label: 'bob', name: 'Bob', viewport: PHONE },
    ]);
    ({ app, channelId } = call);
    [alice, bob] = call.pages as [Page, Page];
  });

  afterAll(async () => {
    await call?.close();
  });

  it('lists each participant on the other side', async () => {
    const names = async (page: Page) => (await participantRows(page)).map((r) => r.name).sort();
    expect(
      await waitFor(
        () => names(alice),
        (n) => n.length === 2,
      ),
    ).toEqual(['Alice', 'Bob']);
    expect(
      await waitFor(
        () => names(bob),
        (n) => n.length === 2,
      ),
    ).toEqual(['Alice', 'Bob']);
  });

  it('carries audio both ways: the listener receives growing bytes, audibly', async () => {
    for (const listener of [alice, bob]) {
      const stats = await waitFor(
        () => audioStats(listener),
        (s) => s.bytesReceived > 2_000 && s.maxAudioLevel > AUDIBLE_LEVEL,
        15_000,
      );
      expect(stats.streams.length).toBe(1);
      // Comfort noise alone reads about 3e-5: "heard" means above AUDIBLE_LEVEL.
      expect(stats.maxAudioLevel).toBeGreaterThan(AUDIBLE_LEVEL);
      expect(await bytesReceivedOver(listener, 1_000)).toBeGreaterThan(1_000);
    }
  });

  it("lights the speaker's speaking indicator in the listener's UI", async () => {
    const rows = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Alice')?.speaking === true,
      15_000,
    );
    expect(rowOf(rows, 'Alice')?.speaking).toBe(true);
    await bob.screenshot({ path: screenshotPath('channel-phone') });
    await alice.screenshot({ path: screenshotPath('channel-desktop') });
  });

  it('shows a mute on the other side and stops its audio; unmuting brings it back', async () => {
    await alice.getByTestId('mute-button').click();
    const muted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Alice')?.muted === true,
    );
    expect(rowOf(muted, 'Alice')?.muted).toBe(true);
    await sleep(500); // packets already in flight
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);

    await alice.getByTestId('mute-button').click();
    const unmuted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Alice')?.muted === false,
    );
    expect(rowOf(unmuted, 'Alice')?.muted).toBe(false);
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
  });

  it('push-to-talk transmits only while the button is held', async () => {
    await alice.getByTestId('mode-push-to-talk').check();
    await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Alice')?.muted === true,
    );
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);

    const button = alice.getByTestId('ptt-button');
    await button.hover();
    await alice.mouse.down();
    try {
      expect(
        await waitFor(
          () => bytesReceivedOver(bob, 1_000),
          (b) => b > 1_000,
        ),
      ).toBeGreaterThan(1_000);
      expect(await alice.getByTestId('transmitting').getAttribute('data-transmitting')).toBe('true');
    } finally {
      await alice.mouse.up();
    }
    await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Alice')?.muted === true,
    );
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    await alice.getByTestId('mode-always-on').check();
  });

  it('leaving removes the participant on the other side and on the server', async () => {
    await alice.getByTestId('leave-button').click();
    const rows = await waitFor(
      () => participantRows(bob),
      (r) => r.length === 1,
    );
    expect(rows.map((r) => r.name)).toEqual(['Bob']);
    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 1,
      ),
    ).toBe(1);
    await alice.getByTestId('lobby').waitFor();
  });
});
