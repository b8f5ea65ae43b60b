// Real audio across pipe transports: with one participant per router and two workers, three Chromium
// pages land on three routers (worker 0, worker 1, worker 0 again) and each hears both others, so
// audio crosses pipes between workers and between two routers of the same worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { AUDIBLE_LEVEL, meanLevel } from '@voxlay/testing/audible';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type Remote, type SpeakerStats, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { VOICE_PAGE } from '@voxlay/testing/pages';
import { startTestApp } from '@voxlay/testing/server';

type App = VoxlayApp;

describe('voice between Chromium pages on different routers of one channel', () => {
  let app: App;
  let chromium: ChromiumHarness;
  let pages: PageServer;

  beforeAll(async () => {
    app = await startTestApp({ numWorkers: 2, disconnectGraceMs: 5_000, maxParticipantsPerRouter: 1 });
    pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    await app?.stop();
  });

  it('carries audio through pipes between workers and within one worker, and closes the pipes after', async () => {
    const channel = app.channels.defaultChannel;
    const voices: Array<Remote<VoicePageApi>> = [];
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      const page = await chromium.openPage(pages.url, name);
      await waitForPageApi(page);
      const voice = pageApi<VoicePageApi>(page, 'voice');
      ids.push((await voice.join(app.url, channel.id, name)).participantId);
      voices.push(voice);
    }
    const routers = channel.routers;
    expect(routers.map((r) => r.worker.index)).toEqual([0, 1, 0]);
    expect(new Set(channel.participants.map((p) => channel.routerOf(p)))).toEqual(new Set(routers));

    // Everybody hears both others: bytes growing, and each other's stream played audibly (its mean
    // audio level; the page plays every consumer through an unmuted <audio> element).
    for (const [index, voice] of voices.entries()) {
      const others = ids.filter((_, i) => i !== index);
      const received = (s: SpeakerStats) => others.every((id) => (s.bytesBySpeaker[id] ?? 0) > 0);
      const first = await waitFor(() => voice.speakerStats(), received);
      expect(received(first)).toBe(true);
      await sleep(600);
      const level = (s: SpeakerStats, id: string) => meanLevel(first.energyBySpeaker[id]!, s.energyBySpeaker[id]!, s.at - first.at);
      const later = await waitFor(
        () => voice.speakerStats(),
        (s) => others.every((id) => level(s, id) > AUDIBLE_LEVEL),
      );
      for (const id of others) {
        expect(later.bytesBySpeaker[id]!).toBeGreaterThan(first.bytesBySpeaker[id]!);
        expect(level(later, id), `participant ${index} hears ${id} (audio level)`).toBeGreaterThan(AUDIBLE_LEVEL);
      }
      expect(await voice.errors()).toEqual([]);
    }
    for (const router of routers) expect(router.pipedProducerCount).toBe(2);

    for (const voice of voices) await voice.leave();
    expect(
      await waitFor(
        async () => channel.participantCount,
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(channel.routers).toHaveLength(1);
    const dump = await channel.router.dump();
    expect(dump.transportIds).toEqual([]); // WebRTC and pipe transports alike
    expect(dump.mapProducerIdConsumerIds).toEqual([]);
    const workerDumps = await Promise.all(app.pool.workers.map((w) => w.worker.dump()));
    expect(workerDumps.flatMap((d) => d.routerIds)).toEqual([channel.router.id]);
  }, 90_000);
});
