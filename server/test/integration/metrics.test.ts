// GET /metrics: Prometheus text that follows joins, producers, consumers and leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaveChannelDocument, RouterRtpCapabilitiesDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { postGraphQL, sleep, startTestApp } from './helpers/app.js';
import { TestClient } from './helpers/client.js';
import { joinMember, produceAudio, waitForEvent, type Member } from './helpers/session.js';

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
  const transports = (s: Samples): number =>
    [...s].filter(([k]) => k.startsWith('voxlay_transports{')).reduce((sum, [, v]) => sum + v, 0);

  beforeAll(async () => {
    app = await startTestApp(48500);
    const probe = new TestClient(app.url);
    caps = (await probe.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
    await probe.close();
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

    const ann: Member = await joinMember(app, lobby, 'Ann', caps);
    const bob: Member = await joinMember(app, lobby, 'Bob', caps);
    await produceAudio(ann);
    await waitForEvent(bob, 'ConsumerAdded');

    const during = await scrape();
    expect(value(during, 'voxlay_participants')).toBe(2);
    expect(value(during, 'voxlay_transports{direction="send",dtls_state="new"}')).toBe(2);
    expect(value(during, 'voxlay_transports{direction="recv",dtls_state="new"}')).toBe(2);
    expect(transports(during)).toBe(4);
    expect(value(during, 'voxlay_producers{state="active"}')).toBe(1);
    // Consumers are created paused until the client resumes them.
    expect(value(during, 'voxlay_consumers{state="paused"}')).toBe(1);
    expect(value(during, 'voxlay_consumers{state="active"}')).toBe(0);
    expect(value(during, 'voxlay_join_duration_seconds_count')).toBe(joinsBefore + 2);
    expect(value(during, 'voxlay_join_duration_seconds_sum')).toBeGreaterThan(0);
    expect(value(during, 'voxlay_graphql_operations_total{operation_name="JoinChannel",operation_type="mutation"}')).toBeGreaterThanOrEqual(2);
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
    expect(value(s, 'voxlay_graphql_errors_total{operation_name="Broken",operation_type="query",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
  });
});

describe('GET /metrics with VOXLAY_METRICS_TOKEN', () => {
  const token = 'scrape-secret-0123456789';
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp(48600, { metricsToken: token });
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
