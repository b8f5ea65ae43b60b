// Last-N with real audio: three Chromium pages speak (a continuous WebAudio tone through WebRTC, so
// they are loud in every level report) and one listens, with lastN = 2. The listener never receives
// more than two streams, hears the active ones, and when an active speaker mutes, the waiting loud
// speaker takes its place once the hold time has passed (nobody is cut mid-word before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { DEFAULT_HOLD_MS } from '../../src/sfu/ActiveSpeakerSet.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { AUDIBLE_LEVEL, meanLevel } from '@voxlay/testing/audible';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type Remote, type SpeakerStats, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { VOICE_PAGE } from '@voxlay/testing/pages';
import { startTestApp } from '@voxlay/testing/server';

const LAST_N = 2;

type App = VoxlayApp;

describe('last-N between Chromium pages', () => {
  let app: App;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  let channelId: string;

  async function openVoicePage(label: string): Promise<Remote<VoicePageApi>> {
    const page = await chromium.openPage(pages.url, label);
    await waitForPageApi(page);
    return pageApi<VoicePageApi>(page, 'voice');
  }

  beforeAll(async () => {
    app = await startTestApp({ disconnectGraceMs: 5_000, lastN: LAST_N });
    channelId = app.channels.defaultChannel.id;
    pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    await app?.stop();
  });

  it('sends each listener at most lastN speakers, and swaps a muted speaker for a loud one after the hold time', async () => {
    const listener = await openVoicePage('listener');
    await listener.join(app.url, channelId, 'Listener', { speak: false });
    const speakers: Array<Remote<VoicePageApi>> = [];
    const speakerIds: string[] = [];
    for (const name of ['S1', 'S2', 'S3']) {
      const page = await openVoicePage(name);
      speakerIds.push((await page.join(app.url, channelId, name, { tone: true })).participantId);
      speakers.push(page);
    }
    const [s1, s2, s3] = speakerIds as [string, string, string];
    const channel = app.channels.defaultChannel;
    // The router's real audio levels (mediasoup AudioLevelObserver): when each participant was loud.
    const loudAt = new Map<string, number[]>();
    channel.routers[0]!.on('volumes', (levels) => {
      for (const { id } of levels) loudAt.set(id, [...(loudAt.get(id) ?? []), Date.now()]);
    });
    // S1 and S2 took the two places as they started producing; S3 waits.
    expect([...channel.activeSpeakerIds].sort()).toEqual([s1, s2].sort());

    // Audio arrives from both active speakers, and only from them.
    const stats = () => listener.speakerStats();
    const bothReceived = (s: SpeakerStats) => (s.bytesBySpeaker[s1] ?? 0) > 0 && (s.bytesBySpeaker[s2] ?? 0) > 0;
    const first = await waitFor(stats, bothReceived);
    expect(bothReceived(first)).toBe(true);
    await sleep(1000);
    const later = await stats();
    expect(later.bytesBySpeaker[s1]!).toBeGreaterThan(first.bytesBySpeaker[s1]!);
    expect(later.bytesBySpeaker[s2]!).toBeGreaterThan(first.bytesBySpeaker[s2]!);
    // Heard: the listener plays each active speaker's stream audibly (its mean audio level meanwhile).
    const level = (from: SpeakerStats, to: SpeakerStats, id: string) =>
      meanLevel(from.energyBySpeaker[id] ?? 0, to.energyBySpeaker[id]!, to.at - from.at);
    expect(level(first, later, s1), 'the listener hears S1 (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(level(first, later, s2), 'the listener hears S2 (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(Object.keys(later.bytesBySpeaker).sort()).toEqual([s1, s2].sort());
    expect(later.activeSpeakerEvents.length).toBeGreaterThan(0);
    expect(later.activeSpeakerEvents.at(-1)!.slice().sort()).toEqual([s1, s2].sort());

    // Everybody beeps: S3 is loud but may not cut S1 or S2 while they keep speaking.
    const holdFrom = Date.now();
    await sleep(2 * DEFAULT_HOLD_MS);
    expect([...channel.activeSpeakerIds].sort()).toEqual([s1, s2].sort());
    for (const id of speakerIds) expect(loudAt.get(id)?.some((at) => at >= holdFrom)).toBe(true);
    // Continuous speech is reported in every level interval (300 ms): no gap near the hold time.
    for (const id of [s1, s2]) {
      const times = (loudAt.get(id) ?? []).filter((at) => at >= holdFrom);
      const gaps = times.slice(1).map((at, i) => at - times[i]!);
      expect(Math.max(0, ...gaps)).toBeLessThan(DEFAULT_HOLD_MS / 2);
    }

    // S1 mutes: S3 takes its place once S1 has been silent for the hold time, not before.
    const mutedAt = Date.now();
    await speakers[0]!.mute(true);
    const swapped = await waitFor(
      async () => channel.activeSpeakerIds,
      (ids) => ids.includes(s3),
      DEFAULT_HOLD_MS + 5000,
    );
    const swappedAfterMs = Date.now() - mutedAt;
    expect([...swapped].sort()).toEqual([s2, s3].sort());
    expect(swappedAfterMs).toBeGreaterThanOrEqual(DEFAULT_HOLD_MS - 600);

    const receivedS3 = await waitFor(stats, (s) => (s.bytesBySpeaker[s3] ?? 0) > 0);
    expect(receivedS3.bytesBySpeaker[s3]!).toBeGreaterThan(0);
    await sleep(1000);
    const end = await stats();
    expect(end.bytesBySpeaker[s3]!).toBeGreaterThan(receivedS3.bytesBySpeaker[s3]!);
    expect(level(receivedS3, end, s3), 'the listener hears S3 (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(level(receivedS3, end, s2), 'the listener still hears S2 (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(end.bytesBySpeaker[s1]).toBeUndefined(); // its consumer was closed (ConsumerClosed)
    expect(end.activeSpeakerEvents.at(-1)!.slice().sort()).toEqual([s2, s3].sort());
    expect(end.maxOpenConsumers).toBeLessThanOrEqual(LAST_N);
    for (const participant of channel.participants) expect(participant.consumers.length).toBeLessThanOrEqual(LAST_N);
    expect(await listener.errors()).toEqual([]);

    for (const page of [listener, ...speakers]) await page.leave();
    expect(
      await waitFor(
        async () => channel.participantCount,
        (n) => n === 0,
      ),
    ).toBe(0);
    const dump = await channel.router.dump();
    expect(dump.transportIds).toEqual([]);
    expect(dump.mapProducerIdConsumerIds).toEqual([]);
  }, 90_000);
});
