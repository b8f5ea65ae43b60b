// The PWA in Firefox (ESR, headless over WebDriver BiDi) in one channel with the PWA in Chromium:
// they list each other, carry audio both ways, see mute and push-to-talk, recover from a dropped
// WebSocket, and leaving removes the participant. (Click on Join → first audio in Firefox against
// Chromium is a benchmark: bench/suites/firefox-join.ts.)
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import {
  audioStatsIn,
  bytesReceivedOverIn,
  clickTestId,
  FirefoxHarness,
  joinInFirefox,
  participantRowsIn,
  receivedLevelOverIn,
  shownConnectionState,
} from '@voxlay/testing/firefox';
import {
  audioStats,
  Browsers,
  bytesReceivedOver,
  DESKTOP,
  defaultChannelId,
  joinThroughUi,
  participantCount,
  participantRows,
  startVoxlay,
} from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

/** The row of `name` (rowOf for either browser's rows). */
const named = <R extends { name: string }>(rows: R[], name: string) => rows.find((r) => r.name === name);

describe('the PWA in Firefox with the PWA in Chromium', () => {
  let app: VoxlayApp;
  let channelId: string;
  let chromium: Browsers;
  let firefox: FirefoxHarness;
  /** Alice: the PWA in Firefox. */
  let alice: FirefoxPage;
  /** Bob: the PWA in Chromium. */
  let bob: ChromiumPage;

  beforeAll(async () => {
    app = await startVoxlay();
    channelId = await defaultChannelId(app);
    chromium = await Browsers.launch();
    firefox = await FirefoxHarness.launch();
    bob = await chromium.open(app.url, 'bob-chromium', DESKTOP);
    await joinThroughUi(bob, 'Bob', channelId);
    alice = await firefox.openPage(app.url, 'alice-firefox');
    await joinInFirefox(alice, 'Alice', channelId);
  });

  afterAll(async () => {
    await firefox?.close();
    await chromium?.close();
    await app?.stop();
  });

  it('lists each participant on the other side', async () => {
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
    expect(
      names(
        await waitFor(
          () => participantRowsIn(alice),
          (r) => r.length === 2,
        ),
      ),
    ).toEqual(['Alice', 'Bob']);
    expect(
      names(
        await waitFor(
          () => participantRows(bob),
          (r) => r.length === 2,
        ),
      ),
    ).toEqual(['Alice', 'Bob']);
  });

  it('carries audio both ways: growing bytes on both sides, and Chromium hears Firefox audibly', async () => {
    const inFirefox = await waitFor(
      () => audioStatsIn(alice),
      (s) => s.bytesReceived > 2_000 && s.bytesSent > 2_000,
      15_000,
    );
    expect(inFirefox.streams.length).toBe(1);
    expect(await bytesReceivedOverIn(alice, 1_000)).toBeGreaterThan(1_000);
    expect(inFirefox.bytesSent).toBeGreaterThan(2_000);
    // Chromium's fake microphone beeps: Firefox decodes it at an audible level.
    expect(
      await waitFor(
        () => receivedLevelOverIn(alice, 1_000),
        (l) => l > AUDIBLE_LEVEL,
        10_000,
      ),
    ).toBeGreaterThan(AUDIBLE_LEVEL);

    // Firefox's fake microphone is a tone: Chromium plays it at an audible level.
    const inChromium = await waitFor(
      () => audioStats(bob),
      (s) => s.bytesReceived > 2_000 && s.maxAudioLevel > AUDIBLE_LEVEL,
      15_000,
    );
    expect(inChromium.maxAudioLevel).toBeGreaterThan(AUDIBLE_LEVEL);
    expect(await bytesReceivedOver(bob, 1_000)).toBeGreaterThan(1_000);
  });

  it('shows levels and speaking both ways: Firefox meters its own microphone and Bob, Chromium lights Alice', async () => {
    // In Firefox these come from Web Audio analysers (its AudioContext runs on the harness's null sink).
    const inFirefox = await waitFor(
      () => participantRowsIn(alice),
      (r) => named(r, 'Bob')?.speaking === true && (named(r, 'Bob')?.level ?? 0) > 0 && (named(r, 'Alice')?.level ?? 0) > 0,
      15_000,
    );
    expect(named(inFirefox, 'Bob')?.speaking, "Firefox's UI shows Bob speaking").toBe(true);
    expect(named(inFirefox, 'Alice')?.level, "Firefox's UI meters Alice's own microphone").toBeGreaterThan(0);
    const inChromium = await waitFor(
      () => participantRows(bob),
      (r) => named(r, 'Alice')?.speaking === true,
      15_000,
    );
    expect(named(inChromium, 'Alice')?.speaking, "Chromium's UI shows Alice speaking").toBe(true);
  });

  it('voice activity in Firefox opens the gate on its tone microphone, and Chromium hears it', async () => {
    await clickTestId(alice, 'mode-voice-activity');
    const transmitting = () => alice.$eval('[data-testid="transmitting"]', (el) => el.getAttribute('data-transmitting'));
    expect(await waitFor(transmitting, (t) => t === 'true', 5_000)).toBe('true');
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    await clickTestId(alice, 'mode-always-on');
  });

  it('shows a mute on the other side both ways and stops its audio; unmuting brings it back', async () => {
    await clickTestId(alice, 'mute-button');
    expect(
      named(
        await waitFor(
          () => participantRows(bob),
          (r) => named(r, 'Alice')?.muted === true,
        ),
        'Alice',
      )?.muted,
    ).toBe(true);
    await sleep(500); // packets already in flight
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    await clickTestId(alice, 'mute-button');
    expect(
      named(
        await waitFor(
          () => participantRows(bob),
          (r) => named(r, 'Alice')?.muted === false,
        ),
        'Alice',
      )?.muted,
    ).toBe(false);
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);

    await bob.getByTestId('mute-button').click();
    expect(
      named(
        await waitFor(
          () => participantRowsIn(alice),
          (r) => named(r, 'Bob')?.muted === true,
        ),
        'Bob',
      )?.muted,
    ).toBe(true);
    await sleep(500);
    expect(await bytesReceivedOverIn(alice, 1_500)).toBeLessThan(200);
    await bob.getByTestId('mute-button').click();
    expect(
      named(
        await waitFor(
          () => participantRowsIn(alice),
          (r) => named(r, 'Bob')?.muted === false,
        ),
        'Bob',
      )?.muted,
    ).toBe(false);
    expect(
      await waitFor(
        () => bytesReceivedOverIn(alice, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
  });

  it('push-to-talk in Firefox transmits only while the button or Space is held', async () => {
    const silentOnBob = async () => {
      await waitFor(
        () => participantRows(bob),
        (r) => named(r, 'Alice')?.muted === true,
      );
      await sleep(500);
      expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    };
    const heardOnBob = async () =>
      expect(
        await waitFor(
          () => bytesReceivedOver(bob, 1_000),
          (b) => b > 1_000,
        ),
      ).toBeGreaterThan(1_000);

    await clickTestId(alice, 'mode-push-to-talk');
    await silentOnBob();

    const box = await (await alice.$('[data-testid="ptt-button"]'))!.boundingBox();
    await alice.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await alice.mouse.down();
    try {
      await heardOnBob();
      // The indicator follows packets leaving (sampled from the sender's stats): it may trail Bob's ears.
      expect(
        await waitFor(
          () => alice.$eval('[data-testid="transmitting"]', (el) => el.getAttribute('data-transmitting')),
          (value) => value === 'true',
          5_000,
        ),
      ).toBe('true');
    } finally {
      await alice.mouse.up();
    }
    await silentOnBob();

    // The window-level key (Space by default), with no field focused (the mode radio still is: it
    // keeps Space for itself, as it should).
    await alice.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await alice.keyboard.down(' ');
    try {
      await heardOnBob();
    } finally {
      await alice.keyboard.up(' ');
    }
    await silentOnBob();
    await clickTestId(alice, 'mode-always-on');
    await heardOnBob();
  });

  it("the server drops Firefox's WebSocket: it shows reconnecting, resumes as the same participant, audio flows both ways again", async () => {
    const idsBefore = (app.channels.get(channelId)?.participants ?? []).map((p) => p.id).sort();
    const droppedAt = Date.now();
    expect(app.dropConnections((connection) => connection.participant?.displayName === 'Alice', 1012)).toBe(1);
    const states = new Set<string | null>();
    await waitFor(
      async () => {
        states.add(await shownConnectionState(alice));
        return states;
      },
      (s) => s.has('reconnecting') && s.has('connected') && [...s].at(-1) === 'connected',
      { timeoutMs: 8_000, intervalMs: 20, message: 'Firefox to show reconnecting, then connected' },
    );
    await waitFor(
      () => shownConnectionState(alice),
      (s) => s === 'connected',
      8_000,
    );
    console.info(`[firefox] WebSocket dropped → connected again after ${Date.now() - droppedAt} ms`);
    expect((app.channels.get(channelId)?.participants ?? []).map((p) => p.id).sort()).toEqual(idsBefore);
    expect(
      await waitFor(
        () => bytesReceivedOverIn(alice, 500),
        (b) => b > 300,
        10_000,
      ),
    ).toBeGreaterThan(300);
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 500),
        (b) => b > 300,
        10_000,
      ),
    ).toBeGreaterThan(300);
  });

  it('leaving in Firefox removes the participant on the other side and on the server', async () => {
    await clickTestId(alice, 'leave-button');
    expect(
      (
        await waitFor(
          () => participantRows(bob),
          (r) => r.length === 1,
        )
      ).map((r) => r.name),
    ).toEqual(['Bob']);
    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 1,
      ),
    ).toBe(1);
    await alice.waitForSelector('[data-testid="lobby"]');
  });
});
