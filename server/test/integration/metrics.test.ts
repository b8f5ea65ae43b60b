// GET /metrics: Prometheus text that follows joins, producers, consumers and leaves, and counts the
// packets the SFU forwards (real audio between two Chromium pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoinChannelDocument, LeaveChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member, produceAudio, waitForEvent } from '@voxlay/testing/session';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { pageApi, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { startPageServer } from '@voxlay/testing/page-server';
import { VOICE_PAGE } from '@voxlay/testing/pages';

type Samples = Map<string, number>;

/** Parses the text format into `name{labels}` → value (labels as printed, in prom-client's order). */
function parse(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('GET /metrics', () => {
  let app: VoxlayApp;
  let caps: unknown;

  async function scrape(): Promise<Samples> {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return parse(await res.text());
  }
  const value = (s: Samples, key: string): number => {
    const v = s.get(key);
    if (v === undefined) throw new Error(`no sample ${key}`);
    return v;
  };
  const transports = (s: Samples): number => [...s].filter(([k]) => k.startsWith('voxlay_transports{')).reduce((sum, [, v]) => sum + v, 0);

  beforeAll(async () => {
    app = await startTestApp();
    caps = app.channels.defaultChannel.rtpCapabilities;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('serves the worker, channel and GraphQL metrics in the Prometheus text format', async () => {
    const res = await fetch(`${app.url}/metrics`);
    const text = await res.text();
    for (const name of [
      'voxlay_workers',
      'voxlay_worker_cpu_load',
      'voxlay_worker_cpu_seconds_total',
      'voxlay_worker_routers',
      'voxlay_channels',
      'voxlay_participants',
      'voxlay_producers',
      'voxlay_consumers',
      'voxlay_transports',
      'voxlay_forwarded_packets_total',
      'voxlay_forwarded_bytes_total',
      'voxlay_join_duration_seconds',
      'voxlay_graphql_operations_total',
      'voxlay_worker_deaths_total',
      'voxlay_join_refusals_total',
      'voxlay_transports_created_total',
      'voxlay_transport_failures_total',
      'voxlay_producer_scores',
      'voxlay_consumer_scores',
      'voxlay_build_info',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    const s = parse(text);
    expect(value(s, 'voxlay_workers{state="alive"}')).toBe(1);
    expect(value(s, 'voxlay_worker_routers{worker="0"}')).toBe(1);
    expect(value(s, 'voxlay_channels')).toBe(1);
  });

  it('follows a join, a producer and its consumer, and goes back after the leave', async () => {
    const lobby = app.channels.defaultChannel.id;
    const before = await scrape();
    expect(value(before, 'voxlay_participants')).toBe(0);
    expect(transports(before)).toBe(0);
    const joinsBefore = value(before, 'voxlay_join_duration_seconds_count');
    const createdBefore = value(before, 'voxlay_transports_created_total{direction="send"}');

    const ann: Member = await joinMember(app, lobby, 'Ann', caps);
    const bob: Member = await joinMember(app, lobby, 'Bob', caps);
    await produceAudio(ann);
    await waitForEvent(bob, 'ConsumerAdded');

    const during = await scrape();
    expect(value(during, 'voxlay_participants')).toBe(2);
    expect(value(during, 'voxlay_transports{direction="send",dtls_state="new"}')).toBe(2);
    expect(value(during, 'voxlay_transports{direction="recv",dtls_state="new"}')).toBe(2);
    expect(transports(during)).toBe(4);
    expect(value(during, 'voxlay_transports_created_total{direction="send"}')).toBe(createdBefore + 2);
    expect(value(during, 'voxlay_transports_created_total{direction="recv"}')).toBe(createdBefore + 2);
    // A consumer starts at score 10 but is paused: scores count active streams only.
    expect(value(during, 'voxlay_consumer_scores{score="10"}')).toBe(0);
    expect(value(during, 'voxlay_producers{state="active"}')).toBe(1);
    // Consumers are created paused until the client resumes them.
    expect(value(during, 'voxlay_consumers{state="paused"}')).toBe(1);
    expect(value(during, 'voxlay_consumers{state="active"}')).toBe(0);
    expect(value(during, 'voxlay_join_duration_seconds_count')).toBe(joinsBefore + 2);
    expect(value(during, 'voxlay_join_duration_seconds_sum')).toBeGreaterThan(0);
    expect(value(during, 'voxlay_graphql_operations_total{operation_name="JoinChannel",operation_type="mutation"}')).toBeGreaterThanOrEqual(
      2,
    );
    expect(value(during, 'voxlay_graphql_operations_total{operation_name="Produce",operation_type="mutation"}')).toBe(1);
    // No media was sent (no browser): nothing forwarded, but the counters exist.
    expect(value(during, 'voxlay_forwarded_packets_total')).toBe(0);

    for (const member of [ann, bob]) {
      await member.client.data(LeaveChannelDocument, {});
      await member.client.close();
    }
    for (let i = 0; i < 50 && app.channels.participantCount > 0; i++) await sleep(20);

    const after = await scrape();
    expect(value(after, 'voxlay_participants')).toBe(0);
    expect(transports(after)).toBe(0);
    expect(value(after, 'voxlay_producers{state="active"}')).toBe(0);
    expect(value(after, 'voxlay_consumers{state="paused"}')).toBe(0);
    expect(value(after, 'voxlay_join_duration_seconds_count')).toBe(joinsBefore + 2);
    expect(value(after, 'voxlay_graphql_operations_total{operation_name="LeaveChannel",operation_type="mutation"}')).toBe(2);
  });

  it("counts the packets and bytes it forwards: they grow with the media and match the consumer's own counters", {
    timeout: 60_000,
  }, async () => {
    const forwarded = (s: Samples) => ({
      packets: value(s, 'voxlay_forwarded_packets_total'),
      bytes: value(s, 'voxlay_forwarded_bytes_total'),
    });
    const before = forwarded(await scrape());
    const pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    const chromium = await ChromiumHarness.launch();
    try {
      // Ann speaks (the fake microphone), Bob only listens: one consumer, Bob's of Ann.
      const open = async (label: string) => {
        const page = await chromium.openPage(pages.url, label);
        await waitForPageApi(page);
        return pageApi<VoicePageApi>(page, 'voice');
      };
      const ann = await open('ann');
      await ann.join(app.url, app.channels.defaultChannel.id, 'Ann');
      const bob = await open('bob');
      await bob.join(app.url, app.channels.defaultChannel.id, 'Bob', { speak: false });
      const consumer = () => {
        const consumers = app.channels.defaultChannel.participants.flatMap((p) => p.consumers);
        expect(consumers).toHaveLength(1);
        return consumers[0]!;
      };
      const sent = async () => {
        const outbound = (await consumer().getStats()).find((s) => s.type === 'outbound-rtp');
        return { packets: outbound?.packetCount ?? 0, bytes: outbound?.byteCount ?? 0 };
      };

      // While Ann speaks the totals grow (they are sampled at most once a second).
      const flowing = await waitFor(
        async () => forwarded(await scrape()),
        (f) => f.packets > before.packets + 20,
        15_000,
      );
      expect(flowing.packets, 'forwarded packets while Ann speaks').toBeGreaterThan(before.packets + 20);
      const later = await waitFor(
        async () => forwarded(await scrape()),
        (f) => f.packets > flowing.packets,
        5_000,
      );
      expect(later.packets, 'forwarded packets a moment later').toBeGreaterThan(flowing.packets);
      expect(later.bytes).toBeGreaterThan(flowing.bytes);

      // Ann mutes (her producer pauses): forwarding stops, and the totals settle on exactly what the
      // consumer sent by its own counters, which is what Bob's page received.
      await ann.mute(true);
      expect(
        await waitFor(
          async () => consumer().producerPaused,
          (paused) => paused,
          5_000,
        ),
      ).toBe(true);
      const own = await sent();
      await sleep(1_100); // past the sampling interval
      const settled = forwarded(await scrape());
      expect(settled.packets - before.packets, "forwarded packets vs the consumer's outbound-rtp packetCount").toBe(own.packets);
      expect(settled.bytes - before.bytes, "forwarded bytes vs the consumer's outbound-rtp byteCount").toBe(own.bytes);
      const received = await bob.stats();
      expect(received.packetsReceived).toBeLessThanOrEqual(own.packets);
      expect(received.packetsReceived, "packets Bob's page received (loopback: next to none lost)").toBeGreaterThanOrEqual(
        own.packets * 0.95,
      );

      // The totals never go down: the consumer's count stays once it is closed.
      await bob.leave();
      await ann.leave();
      expect(
        await waitFor(
          async () => app.channels.participantCount,
          (n) => n === 0,
        ),
      ).toBe(0);
      expect(forwarded(await scrape())).toEqual(settled);
    } finally {
      await chromium.close();
      await pages.close();
    }
  });

  it('counts GraphQL errors by operation and code', async () => {
    const result = await postGraphQL(app, 'query Missing($id: ID!) { channel(id: $id) { id } }', { id: 'nope' });
    expect(result.errors).toBeUndefined();
    const bad = await postGraphQL(app, 'mutation LeaveOverHttp { leaveChannel }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('NO_SESSION');
    const invalid = await postGraphQL(app, 'query Broken { nosuchfield }');
    expect(invalid.errors?.length).toBeGreaterThan(0);

    const s = await scrape();
    expect(value(s, 'voxlay_graphql_operations_total{operation_name="Missing",operation_type="query"}')).toBe(1);
    expect(value(s, 'voxlay_graphql_errors_total{operation_name="LeaveOverHttp",operation_type="mutation",code="NO_SESSION"}')).toBe(1);
    expect(value(s, 'voxlay_graphql_errors_total{operation_name="Broken",operation_type="query",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(
      1,
    );
  });

  it('counts refused joins by code, every code present from the start', async () => {
    const before = await scrape();
    expect(value(before, 'voxlay_join_refusals_total{code="CHANNEL_FULL"}')).toBe(0);
    const refusedBefore = value(before, 'voxlay_join_refusals_total{code="NOT_FOUND"}');
    const client = new TestClient(app.url);
    const code = await client.errorCode(JoinChannelDocument, {
      input: { channelId: '00000000-0000-4000-8000-000000000000', displayName: 'Nobody', rtpCapabilities: caps },
    });
    await client.close();
    expect(code).toBe('NOT_FOUND');
    const after = await scrape();
    expect(value(after, 'voxlay_join_refusals_total{code="NOT_FOUND"}')).toBe(refusedBefore + 1);
    expect(value(after, 'voxlay_join_refusals_total{code="CHANNEL_FULL"}')).toBe(0);
  });

  it('counts a worker death, and keeps counting the objects of its replacement', async () => {
    expect(value(await scrape(), 'voxlay_worker_deaths_total{worker="0"}')).toBe(0);
    const pid = app.pool.workers[0]!.pid;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && (app.pool.workers[0]!.pid === pid || app.pool.aliveCount < 1); i++) await sleep(50);
    const after = await scrape();
    expect(value(after, 'voxlay_worker_deaths_total{worker="0"}')).toBe(1);
    expect(value(after, 'voxlay_workers{state="alive"}')).toBe(1);
    // The channel moved to the new worker; a join there is counted like before.
    const member = await joinMember(app, app.channels.defaultChannel.id, 'After the death', caps);
    const joined = await scrape();
    expect(value(joined, 'voxlay_participants')).toBe(1);
    expect(transports(joined)).toBe(2);
    await member.client.close();
  });
});

describe('GET /metrics with VOXLAY_METRICS_TOKEN', () => {
  const token = 'scrape-secret-0123456789';
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp({ metricsToken: token });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('answers 401 without the bearer token or with a wrong one, and the metrics with it', async () => {
    const get = (authorization?: string) => fetch(`${app.url}/metrics`, authorization ? { headers: { authorization } } : {});
    const missing = await get();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await missing.text()).not.toContain('voxlay_');
    expect((await get(`Bearer ${token}x`)).status).toBe(401);
    expect((await get(token)).status).toBe(401);
    const ok = await get(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('voxlay_participants');
    // /healthz stays open for load balancers.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
