// End to end through the real app: two Chromium pages join the default channel over the GraphQL API
// (graphql-ws) and each hears the other; leaving shrinks the channel and frees every transport.
import { observer, type types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type Remote, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { VOICE_PAGE } from '@voxlay/testing/pages';
import { startTestApp } from '@voxlay/testing/server';

type App = VoxlayApp;

describe('voice over the Voxlay GraphQL API between two Chromium pages', () => {
  let app: App;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  let channelId: string;
  /** Every WebRTC transport mediasoup creates in this process, seen through its global observer. */
  const transports: types.Transport[] = [];
  const onWorker = (worker: types.Worker) =>
    worker.observer.on('newrouter', (router) => router.observer.on('newtransport', (t) => transports.push(t)));

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  const participantCount = async () =>
    (
      await gql<{ channel: { participantCount: number } | null }>('query ($id: ID!) { channel(id: $id) { participantCount } }', {
        id: channelId,
      })
    ).channel?.participantCount;

  async function openVoicePage(label: string): Promise<Remote<VoicePageApi>> {
    const page = await chromium.openPage(pages.url, label);
    await waitForPageApi(page);
    return pageApi<VoicePageApi>(page, 'voice');
  }

  /** Waits for the first packets, then checks bytes grow over about 2 s and the level rises above 0. */
  async function expectHearing(voice: Remote<VoicePageApi>): Promise<void> {
    const stats = () => voice.stats();
    const first = await waitFor(stats, (s) => s.packetsReceived > 0);
    expect(first.consumers).toBe(1);
    expect(first.packetsReceived).toBeGreaterThan(0);
    let maxLevel = first.audioLevel;
    let last = first;
    for (let i = 0; i < 10; i++) {
      await sleep(200);
      last = await stats();
      maxLevel = Math.max(maxLevel, last.audioLevel);
    }
    expect(last.bytesReceived).toBeGreaterThan(first.bytesReceived);
    expect(last.packetsReceived).toBeGreaterThan(first.packetsReceived);
    expect(maxLevel).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    observer.on('newworker', onWorker);
    // VOXLAY_TEST_LOG_LEVEL=debug shows the server's logs when a test fails.
    app = await startTestApp({ disconnectGraceMs: 5_000 });
    const { channels } = await gql<{ channels: { id: string; isDefault: boolean }[] }>('{ channels { id name isDefault } }');
    const lobby = channels.find((c) => c.isDefault);
    if (!lobby) throw new Error('no default channel');
    channelId = lobby.id;
    pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 60_000);

  afterAll(async () => {
    observer.off('newworker', onWorker);
    await chromium?.close();
    await pages?.close();
    await app?.stop();
  });

  it('lets two participants hear each other, and frees everything when they leave', async () => {
    const alice = await openVoicePage('alice');
    const bob = await openVoicePage('bob');

    const aliceJoin = await alice.join(app.url, channelId, 'Alice');
    expect(aliceJoin.initialConsumers).toBe(0);
    const bobJoin = await bob.join(app.url, channelId, 'Bob');
    // Alice was already speaking: Bob's join returns her consumer; Alice gets Bob's as ConsumerAdded.
    expect(bobJoin.initialConsumers).toBe(1);
    expect(bobJoin.participantId).not.toBe(aliceJoin.participantId);

    await expectHearing(bob);
    await expectHearing(alice);
    expect(await participantCount()).toBe(2);

    const state = await gql<{
      channel: { participants: { displayName: string; muted: boolean; transports: { direction: string; dtlsState: string }[] }[] };
    }>('query ($id: ID!) { channel(id: $id) { participants { displayName muted transports { direction dtlsState } } } }', {
      id: channelId,
    });
    expect(state.channel.participants.map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
    for (const p of state.channel.participants) {
      expect(p.muted).toBe(false);
      expect(p.transports.map((t) => `${t.direction}:${t.dtlsState}`).sort()).toEqual(['RECV:CONNECTED', 'SEND:CONNECTED']);
    }

    // The workers' own counters (Producer.stats, Consumer.stats) follow what the pages see: Bob's
    // consumer has sent what Bob's page received, Alice's producer has received what it forwards.
    type StreamStats = { packetCount: number; byteCount: number; score: number } | null;
    const counters = () =>
      gql<{
        channel: { participants: { displayName: string; producers: { stats: StreamStats }[]; consumers: { stats: StreamStats }[] }[] };
      }>(
        'query ($id: ID!) { channel(id: $id) { participants { displayName producers { stats { packetCount byteCount score } } consumers { stats { packetCount byteCount score } } } } }',
        { id: channelId },
      );
    const bobPageBefore = await bob.stats();
    const first = await counters();
    await sleep(1000);
    const second = await counters();
    const bobPageAfter = await bob.stats();
    const of = (c: Awaited<ReturnType<typeof counters>>, name: string) => c.channel.participants.find((p) => p.displayName === name)!;
    const consumerSent = (c: Awaited<ReturnType<typeof counters>>) => of(c, 'Bob').consumers[0]!.stats!.packetCount;
    const producerGot = (c: Awaited<ReturnType<typeof counters>>) => of(c, 'Alice').producers[0]!.stats!.packetCount;
    expect(consumerSent(second)).toBeGreaterThan(consumerSent(first));
    expect(producerGot(second)).toBeGreaterThan(producerGot(first));
    // Over the same second the consumer's count grows as much as the page's (within a few packets in flight).
    const serverDelta = consumerSent(second) - consumerSent(first);
    const pageDelta = bobPageAfter.packetsReceived - bobPageBefore.packetsReceived;
    expect(Math.abs(serverDelta - pageDelta)).toBeLessThanOrEqual(Math.max(10, pageDelta * 0.2));
    // What the producer received is at least what the consumer sent on (one listener, nothing lost on loopback).
    expect(producerGot(second)).toBeGreaterThanOrEqual(consumerSent(second));

    // /metrics with media flowing: the forwarded packets grow like the consumers' own counters (its
    // sampler re-reads each consumer every second once someone scrapes), the objects are counted by
    // state, and both streams carry a score.
    const scrape = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      const sum = (prefix: string) =>
        text
          .split('\n')
          .filter((l) => l.startsWith(prefix))
          .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
      return { sum, text };
    };
    const allSent = (c: Awaited<ReturnType<typeof counters>>) =>
      c.channel.participants.flatMap((p) => p.consumers).reduce((total, consumer) => total + (consumer.stats?.packetCount ?? 0), 0);
    await scrape();
    const sentBefore = allSent(await counters());
    await sleep(2500);
    const metrics = await scrape();
    const sentAfter = allSent(await counters());
    const forwarded = metrics.sum('voxlay_forwarded_packets_total ');
    expect(forwarded).toBeGreaterThanOrEqual(sentBefore);
    expect(forwarded).toBeLessThanOrEqual(sentAfter);
    expect(metrics.sum('voxlay_forwarded_bytes_total ')).toBeGreaterThan(forwarded * 20);
    expect(metrics.sum('voxlay_transports{direction="send",dtls_state="connected"}')).toBe(2);
    expect(metrics.sum('voxlay_transports{direction="recv",dtls_state="connected"}')).toBe(2);
    expect(metrics.sum('voxlay_consumers{state="active"}')).toBe(2);
    expect(metrics.sum('voxlay_producers{state="active"}')).toBe(2);
    expect(metrics.sum('voxlay_consumer_scores{')).toBe(2);
    expect(metrics.sum('voxlay_transport_failures_total{')).toBe(0);
    const scored = await waitFor(scrape, (m) => m.sum('voxlay_producer_scores{') === 2, 10_000);
    expect(scored.sum('voxlay_producer_scores{')).toBe(2);

    await alice.leave();
    expect(await waitFor(participantCount, (n) => n === 1)).toBe(1);
    expect(await bob.errors()).toEqual([]);

    await bob.leave();
    expect(await waitFor(participantCount, (n) => n === 0)).toBe(0);
    const after = await gql<{ channel: { participants: { transports: { id: string }[] }[] } }>(
      'query ($id: ID!) { channel(id: $id) { participants { transports { id } } } }',
      { id: channelId },
    );
    expect(after.channel.participants).toEqual([]);
    const router = app.channels.get(channelId)?.router;
    expect(router).toBeDefined();
    const dump = await router!.dump();
    expect(dump.transportIds).toEqual([]);
    expect(dump.mapProducerIdConsumerIds).toEqual([]);
    // Four WebRTC transports were created (send + recv per participant) and all are closed now.
    expect(transports.filter((t) => t.type === 'webrtc')).toHaveLength(4);
    expect(transports.filter((t) => !t.closed).map((t) => `${t.type}:${t.id}`)).toEqual([]);
  }, 90_000);
});
