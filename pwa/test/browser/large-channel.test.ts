// A big channel in the PWA (issue #8): a listener page and a speaker page (both PWA, Chromium with
// a tone as the fake microphone) in a channel with 300 other members, each joined from Node over
// its own GraphQL WebSocket (200 before the pages join, 100 after). The member list is
// virtualised: the header counts everyone, the DOM holds only the rows in view, scrolling reaches
// the last member, the name filter finds one, the local participant is first, and keyboard
// movement works across rows that are not rendered yet. Last-N: the speaker is in the speakers
// strip and heard; the silent members are listed as not heard right now.
import { gql } from '@urql/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { VoxlayApp } from '../../../server/src/app.js';
import { createVoxlayClient, Signaling, type VoxlayClient } from '@voxlay/core';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import {
  audioStats,
  Browsers,
  bytesReceivedOver,
  defaultChannelId,
  joinThroughUi,
  participantCount,
  PHONE,
  screenshotPath,
  startVoxlay,
  waitUntilHeard,
  writeToneWav,
} from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';

const BEFORE = 200;
const AFTER = 100;
const MEMBERS = BEFORE + AFTER;
const LOCAL_NAME = 'Local Listener';
const SPEAKER_NAME = 'Speaker Sam';
/** Everyone in the channel: the Node members and the two pages. */
const TOTAL = MEMBERS + 2;
/** One member with a name nobody else shares, for the filter. */
const NEEDLE = { index: 137, name: 'Zephyrine Quill' };
const nameOf = (i: number): string => (i === NEEDLE.index ? NEEDLE.name : `Member ${String(i + 1).padStart(3, '0')}`);
const LAST_NAME = nameOf(MEMBERS - 1);

const JOIN = gql<{ joinChannel: { participant: { id: string } } }, { input: { channelId: string; displayName: string } }>`
  mutation LargeChannelJoin($input: JoinChannelInput!) {
    joinChannel(input: $input) {
      participant {
        id
      }
    }
  }
`;

interface Member {
  voxlay: VoxlayClient;
  id: string;
}

/** Joins members `from`..`to`-1 from Node, each over its own WebSocket, a few at a time. */
async function joinMembers(app: VoxlayApp, channelId: string, from: number, to: number, into: Member[]): Promise<void> {
  const CONCURRENCY = 8;
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const i = next++;
      const voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket });
      const signaling = new Signaling(voxlay.client);
      try {
        const { joinChannel } = await signaling.mutate(JOIN, { input: { channelId, displayName: nameOf(i) } });
        into.push({ voxlay, id: joinChannel.participant.id });
      } catch (error) {
        voxlay.close();
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

interface RowView {
  name: string;
  local: boolean;
  posinset: number;
  setsize: number;
}

async function renderedRows(page: Page): Promise<RowView[]> {
  return page.locator('[data-testid="participant"]').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      local: row.getAttribute('data-local') === 'true',
      posinset: Number(row.getAttribute('aria-posinset')),
      setsize: Number(row.getAttribute('aria-setsize')),
    })),
  );
}

const headerText = (page: Page): Promise<string> =>
  page
    .getByTestId('participant-count')
    .textContent()
    .then((t) => t ?? '');

const speakerNames = (page: Page): Promise<string[]> =>
  page.locator('[data-testid="speaker"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('title') ?? ''));

/** The one row the filter leaves for `name`. */
async function filteredRow(page: Page, name: string): Promise<{ heard: string | null; active: string | null; text: string }> {
  await page.getByTestId('participant-filter').fill(name);
  const row = page.locator('[data-testid="participant"]', { has: page.getByText(name, { exact: true }) });
  await row.waitFor({ timeout: 5_000 });
  return {
    heard: await row.getAttribute('data-heard'),
    active: await row.getAttribute('data-active'),
    text: (await row.textContent()) ?? '',
  };
}

describe('a 302-member channel in the PWA', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let page: Page;
  let speaker: Page;
  let channelId: string;
  const members: Member[] = [];

  beforeAll(async () => {
    app = await startVoxlay();
    channelId = await defaultChannelId(app);
    await joinMembers(app, channelId, 0, BEFORE, members);
    const wav = path.join(mkdtempSync(path.join(tmpdir(), 'voxlay-large-')), 'tone.wav');
    writeToneWav(wav, [{ ms: 1_000, hz: 440, dbfs: -12 }]);
    browsers = await Browsers.launch([`--use-file-for-fake-audio-capture=${wav}`]);
    page = await browsers.open(app.url, 'listener');
    await joinThroughUi(page, LOCAL_NAME, channelId);
    speaker = await browsers.open(app.url, 'speaker', PHONE);
    await joinThroughUi(speaker, SPEAKER_NAME, channelId);
    await joinMembers(app, channelId, BEFORE, MEMBERS, members);
  }, 120_000);

  afterAll(async () => {
    for (const m of members) m.voxlay.close();
    await browsers?.close();
    await app?.stop();
  });

  it('counts every member in the header, those who joined before and after the page', async () => {
    expect(await participantCount(app, channelId)).toBe(TOTAL);
    const text = await waitFor(
      () => headerText(page),
      (t) => t.startsWith('302 participants'),
      20_000,
    );
    // The listener's own (tone) microphone holds one of the 5 places of the active set: 4 others are heard.
    expect(text).toBe('302 participants · hearing up to 4');
    await page.screenshot({ path: screenshotPath('large-channel-desktop') });
    await waitFor(
      () => headerText(speaker),
      (t) => t.startsWith('302 participants'),
      20_000,
    );
    await speaker.screenshot({ path: screenshotPath('large-channel-phone') });
  });

  it('renders far fewer rows than members, each telling its place in the whole list', async () => {
    const rows = await renderedRows(page);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(60);
    for (const row of rows) expect(row.setsize).toBe(TOTAL);
    expect(await page.getByRole('list', { name: 'Participants' }).count()).toBe(1);
  });

  it('lists the local participant first', async () => {
    const rows = await renderedRows(page);
    expect(rows[0]).toMatchObject({ name: LOCAL_NAME, local: true, posinset: 1 });
    expect(rows.filter((r) => r.local)).toHaveLength(1);
  });

  it('shows the last member once the list is scrolled to the end, still with few rows', async () => {
    await page.getByTestId('participant-scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const rows = await waitFor(
      () => renderedRows(page),
      (r) => r.some((row) => row.name === LAST_NAME),
      5_000,
    );
    const last = rows.find((row) => row.name === LAST_NAME);
    expect(last?.posinset).toBe(TOTAL);
    expect(rows.length).toBeLessThan(60);
    await expect.poll(() => page.getByText(LAST_NAME, { exact: true }).isVisible(), { timeout: 5_000 }).toBe(true);
  });

  it('moves the keyboard focus from the first row to the last with Home and End', async () => {
    await page.getByTestId('participant-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    const first = page.locator('[data-testid="participant"][aria-posinset="1"]');
    await first.waitFor({ timeout: 5_000 });
    await first.focus();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-posinset')), { timeout: 5_000 })
      .toBe(String(TOTAL));
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-posinset')), { timeout: 5_000 })
      .toBe(String(TOTAL - 1));
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.querySelector('[data-testid="participant-name"]')?.textContent), {
        timeout: 5_000,
      })
      .toBe(LOCAL_NAME);
  });

  it('finds a member by name with the filter, and lists everyone again when it is cleared', async () => {
    const filter = page.getByTestId('participant-filter');
    await filter.fill('zephyrine');
    const found = await waitFor(
      () => renderedRows(page),
      (r) => r.length === 1,
      5_000,
    );
    expect(found).toEqual([{ name: NEEDLE.name, local: false, posinset: 1, setsize: 1 }]);
    await expect.poll(() => page.getByTestId('participant-filter-result').textContent()).toBe('1 of 302 participants matches');

    await filter.fill('no such participant');
    await page.getByTestId('participant-filter-empty').waitFor({ timeout: 5_000 });
    expect(await renderedRows(page)).toEqual([]);

    await filter.fill('');
    const all = await waitFor(
      () => renderedRows(page),
      (r) => r[0]?.local === true && r.length > 3,
      5_000,
    );
    expect(all[0]).toMatchObject({ name: LOCAL_NAME, posinset: 1, setsize: TOTAL });
  });

  it('shows the speaker in the speakers strip and as heard in the list, the silent members as not heard', async () => {
    const strip = await waitFor(
      () => speakerNames(page),
      (names) => names.includes(SPEAKER_NAME),
      20_000,
    );
    expect(strip).toContain(SPEAKER_NAME);
    expect(strip.length).toBeLessThanOrEqual(5);
    // Heard for real: the listener receives the speaker's audio and plays it audibly.
    const stats = await waitFor(
      () => audioStats(page),
      (s) => s.streams.some((st) => st.packetsReceived > 20),
      15_000,
    );
    expect(stats.bytesReceived).toBeGreaterThan(1_000);
    const levels = await waitUntilHeard(page, app, channelId, LOCAL_NAME, [SPEAKER_NAME], 15_000);
    expect(levels[SPEAKER_NAME], `${LOCAL_NAME} hears ${SPEAKER_NAME} (audio level)`).toBeGreaterThan(AUDIBLE_LEVEL);

    expect(await filteredRow(page, SPEAKER_NAME)).toMatchObject({ heard: 'true', active: 'true' });
    const silent = await filteredRow(page, nameOf(0));
    expect(silent).toMatchObject({ heard: 'false', active: 'false' });
    expect(silent.text).toContain('not heard right now');
    await page.getByTestId('participant-filter').fill('');
  });

  it("sets the speaker's volume and mutes it for this listener only from its row, and unmutes it", async () => {
    await page.getByTestId('participant-filter').fill(SPEAKER_NAME);
    const row = page.locator('[data-testid="participant"]', { has: page.getByText(SPEAKER_NAME, { exact: true }) });
    await row.getByTestId('participant-expand').click();
    await row.getByTestId('participant-volume').fill('0.5');
    await expect.poll(() => row.locator('output').textContent(), { timeout: 5_000 }).toBe('50%');
    await row.getByTestId('participant-local-mute').click();
    await expect.poll(() => row.getAttribute('data-locally-muted'), { timeout: 5_000 }).toBe('true');
    expect(
      await waitFor(
        () => bytesReceivedOver(page, 700),
        (b) => b < 200,
        10_000,
      ),
    ).toBeLessThan(200);
    await row.getByTestId('participant-local-mute').click();
    await expect.poll(() => row.getAttribute('data-locally-muted'), { timeout: 5_000 }).toBe('false');
    expect(
      await waitFor(
        () => bytesReceivedOver(page, 700),
        (b) => b > 1_000,
        10_000,
      ),
    ).toBeGreaterThan(1_000);
    const levels = await waitUntilHeard(page, app, channelId, LOCAL_NAME, [SPEAKER_NAME]);
    expect(levels[SPEAKER_NAME], `${LOCAL_NAME} hears ${SPEAKER_NAME} again after unmuting (audio level)`).toBeGreaterThan(AUDIBLE_LEVEL);
    await page.getByTestId('participant-filter').fill('');
  });

  it('drops a member who leaves from the list and the count', async () => {
    const leaver = members.pop();
    leaver?.voxlay.close(); // the server closes it after the grace period
    const text = await waitFor(
      () => headerText(page),
      (t) => t.startsWith('301 participants'),
      15_000,
    );
    expect(text).toBe('301 participants · hearing up to 4');
  });
});
