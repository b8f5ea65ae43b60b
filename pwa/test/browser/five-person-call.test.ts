// The seed's own test, through the PWA: five people in one channel each list the other four and
// receive audio from every speaker; one leaving is seen by all.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { audioStats, type Call, participantCount, participantRows, startCall, waitUntilHeard } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

const NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve'];

/** Bytes received per inbound stream over `ms`, keyed by track (one stream per remote speaker). */
async function streamGrowth(page: Page, ms: number): Promise<number[]> {
  const before = new Map((await audioStats(page)).streams.map((s) => [s.trackIdentifier, s.bytesReceived]));
  await sleep(ms);
  return (await audioStats(page)).streams.map((s) => s.bytesReceived - (before.get(s.trackIdentifier) ?? 0));
}

describe('a five-person call in the PWA', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let pages: Page[];

  beforeAll(async () => {
    call = await startCall(NAMES.map((name) => ({ label: name, name })));
    ({ app, channelId, pages } = call);
  });

  afterAll(async () => {
    await call?.close();
  });

  it('every participant lists the other four', async () => {
    for (const page of pages) {
      const rows = await waitFor(
        () => participantRows(page),
        (r) => r.length === 5,
        15_000,
      );
      expect(rows.map((r) => r.name).sort()).toEqual([...NAMES].sort());
      expect(rows.filter((r) => r.local)).toHaveLength(1);
    }
  });

  it('every participant receives and hears audio from each of the four speakers', async () => {
    // The five listen at the same time (as in a real call), each over its own windows.
    const listen = async (page: Page, index: number): Promise<void> => {
      const stats = await waitFor(
        () => audioStats(page),
        (s) => s.streams.length === 4 && s.streams.every((st) => st.packetsReceived > 20),
        20_000,
      );
      expect(stats.streams).toHaveLength(4);
      const growth = await streamGrowth(page, 1_000);
      expect(growth).toHaveLength(4);
      for (const bytes of growth) expect(bytes).toBeGreaterThan(500);
      // Heard, speaker by speaker: each of the four streams plays audibly (its audio level, from the growth of its audio energy).
      const listener = NAMES[index]!;
      const others = NAMES.filter((name) => name !== listener);
      const levels = await waitUntilHeard(page, app, channelId, listener, others);
      expect(Object.keys(levels).sort()).toEqual(others);
      for (const name of others) expect(levels[name], `${listener} hears ${name} (audio level)`).toBeGreaterThan(AUDIBLE_LEVEL);
    };
    await Promise.all(pages.map(listen));
  });

  it('one leaving is seen by all the others', async () => {
    const leaver = pages.pop();
    await leaver?.getByTestId('leave-button').click();
    for (const page of pages) {
      const rows = await waitFor(
        () => participantRows(page),
        (r) => r.length === 4,
        10_000,
      );
      expect(rows.map((r) => r.name)).not.toContain('Eve');
    }
    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 4,
      ),
    ).toBe(4);
  });
});
