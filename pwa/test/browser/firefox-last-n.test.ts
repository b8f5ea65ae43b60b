// A Firefox listener in a last-N channel: three PWA speakers in Chromium (a continuous tone as the
// fake microphone, so each is loud in every level report) and the PWA in Firefox, with lastN = 2
// (VOXLAY_LAST_N; the selection is the same as with the default 5, at half the browsers). Firefox
// receives only the active set and hears each of its speakers at an audible level; when an active
// speaker mutes, the waiting third takes its place once the hold time has passed, and Firefox
// follows: the new speaker is heard, the muted one's stream is gone. The server keeps a dropped
// WebSocket's participant for the product's grace (5 s), as it would for a user: on a loaded machine a
// page may miss a pong and reconnect, and must come back as the same speaker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { audioStatsIn, clickTestId, FirefoxHarness, joinInFirefox } from '@voxlay/testing/firefox';
import {
  Browsers,
  defaultChannelId,
  joinThroughUi,
  participantRows,
  rowOf,
  levelsFrom,
  startVoxlay,
  writeToneWav,
} from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';

const LAST_N = 2;
const SPEAKERS = ['S1', 'S2', 'S3'];
const LISTENER = 'Fox';

/** What the Firefox page joined as LISTENER played of each speaker over `ms` (Firefox computes totalAudioEnergy from the decoded audio). */
const levelsInFirefox = (page: FirefoxPage, app: VoxlayApp, channelId: string, ms: number): Promise<Record<string, number>> =>
  levelsFrom(() => audioStatsIn(page), app, channelId, LISTENER, ms);

const heard = (levels: Record<string, number>): string[] =>
  Object.entries(levels)
    .filter(([, level]) => level > AUDIBLE_LEVEL)
    .map(([name]) => name)
    .sort();

describe('a Firefox listener in a last-N channel', () => {
  let app: VoxlayApp;
  let channelId: string;
  let chromium: Browsers;
  let firefox: FirefoxHarness;
  const speakers = new Map<string, ChromiumPage>();
  let fox: FirefoxPage;

  beforeAll(async () => {
    app = await startVoxlay({ lastN: LAST_N, disconnectGraceMs: 5_000 });
    channelId = await defaultChannelId(app);
    const wav = path.join(mkdtempSync(path.join(tmpdir(), 'voxlay-ff-last-n-')), 'tone.wav');
    writeToneWav(wav, [{ ms: 1_000, hz: 440, dbfs: -12 }]);
    chromium = await Browsers.launch([`--use-file-for-fake-audio-capture=${wav}`]);
    // The first two to produce fill the active set; the third waits for a place.
    for (const name of SPEAKERS) {
      const page = await chromium.open(app.url, name);
      await joinThroughUi(page, name, channelId);
      speakers.set(name, page);
    }
    await waitFor(
      () => app.channels.get(channelId)?.activeSpeakerIds.length ?? 0,
      (n) => n === LAST_N,
      { timeoutMs: 10_000, message: `an active set of ${LAST_N}` },
    );
    firefox = await FirefoxHarness.launch();
    fox = await firefox.openPage(app.url, 'fox-firefox');
    await joinInFirefox(fox, LISTENER, channelId);
    // Firefox listens only: muted, it does not compete for a place.
    await clickTestId(fox, 'mute-button');
    await waitFor(
      () => participantRows(speakers.get('S1')!),
      (r) => rowOf(r, LISTENER)?.muted === true,
      { timeoutMs: 10_000, message: 'Fox muted as S1 sees it' },
    );
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await chromium?.close();
    await app?.stop();
  });

  const activeNames = (): string[] => {
    const channel = app.channels.get(channelId);
    const names = new Map((channel?.participants ?? []).map((p) => [p.id, p.displayName]));
    return [...(channel?.activeSpeakerIds ?? [])].map((id) => names.get(id) ?? id).sort();
  };

  it('receives only the active speakers and hears each of them', async () => {
    // Which two is the server's choice (a speaker silent for a moment loses its place to the third):
    // Firefox must hear exactly the active set, and receive no other stream.
    const { levels, active, streams } = await waitFor(
      async () => ({
        levels: await levelsInFirefox(fox, app, channelId, 1_000),
        active: activeNames(),
        streams: (await audioStatsIn(fox)).streams.length,
      }),
      ({ levels, active, streams }) => active.length === LAST_N && heard(levels).join() === active.join() && streams <= LAST_N,
      15_000,
    );
    console.info(
      `[firefox last-N] levels: ${JSON.stringify(Object.fromEntries(Object.entries(levels).map(([n, l]) => [n, l.toFixed(3)])))}`,
    );
    expect(heard(levels)).toEqual(active);
    const outside = SPEAKERS.filter((name) => !active.includes(name));
    expect(outside).toHaveLength(1);
    expect(levels[outside[0]!], 'the speaker outside the set has no stream to Firefox').toBeUndefined();
    expect(streams).toBeLessThanOrEqual(LAST_N);
  });

  it('follows a change of the active set: an active speaker mutes, the third takes its place, Firefox hears it and no longer the muted one', async () => {
    const before = activeNames();
    const leaving = before.find((name) => SPEAKERS.includes(name))!;
    const waiting = SPEAKERS.find((name) => !before.includes(name))!;
    const mutedAt = Date.now();
    await speakers.get(leaving)!.getByTestId('mute-button').click();
    await waitFor(activeNames, (names) => names.includes(waiting) && !names.includes(leaving), {
      timeoutMs: 10_000,
      message: `${waiting} in the active set instead of ${leaving}`,
    });
    const { levels, active } = await waitFor(
      async () => ({ levels: await levelsInFirefox(fox, app, channelId, 1_000), active: activeNames() }),
      ({ levels, active }) => heard(levels).includes(waiting) && !(leaving in levels) && heard(levels).join() === active.join(),
      15_000,
    );
    console.info(`[firefox last-N] ${leaving} muted → Firefox hears ${waiting} after ${Date.now() - mutedAt} ms (hold time included)`);
    expect(heard(levels)).toEqual(active);
    expect(heard(levels)).toContain(waiting);
    expect(levels[leaving], `${leaving}'s stream to Firefox is gone`).toBeUndefined();
  });
});
