// The node's participant limit (VOXLAY_MAX_PARTICIPANTS_PER_NODE): beyond it every join, in any
// channel, gets NODE_FULL and nothing is created; health, /healthz and /readyz say how full the node
// is; a join that loses its worker's WebRtcServer answers UNAVAILABLE, never INTERNAL_SERVER_ERROR.
import { afterEach, describe, expect, it } from 'vitest';
import { CreateChannelDocument, JoinChannelDocument, LeaveChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member } from '@voxlay/testing/session';

const LIMIT = 3;

interface HealthView {
  ok: boolean;
  participants: number;
  participantCapacity: number;
  acceptingJoins: boolean;
}

/** Every WebRTC transport the node holds, read from the workers (routers and WebRtcServers alike). */
async function mediaCounts(app: VoxlayApp): Promise<{ routerTransports: number; serverTransports: number }> {
  let routerTransports = 0;
  for (const channel of app.channels.list()) {
    for (const router of channel.routers) routerTransports += (await router.router.dump()).transportIds.length;
  }
  let serverTransports = 0;
  for (const worker of app.pool.workers) {
    if (!worker.webRtcServer.closed) serverTransports += (await worker.webRtcServer.dump()).webRtcTransportIds.length;
  }
  return { routerTransports, serverTransports };
}

async function health(app: VoxlayApp): Promise<HealthView> {
  const result = await postGraphQL(app, '{ health { ok participants participantCapacity acceptingJoins } }');
  return (result.data as { health: HealthView }).health;
}

async function httpStatus(app: VoxlayApp, path: string): Promise<{ status: number; body: HealthView }> {
  const response = await fetch(`${app.url}${path}`);
  return { status: response.status, body: (await response.json()) as HealthView };
}

describe('a node at its participant limit', () => {
  let app: VoxlayApp | undefined;
  const members: Member[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all([...members.splice(0).map((m) => m.client.close()), ...clients.splice(0).map((c) => c.close())]);
    await app?.stop();
    app = undefined;
  });

  function client(): TestClient {
    const c = new TestClient(app!.url);
    clients.push(c);
    return c;
  }

  it('refuses joins in every channel with NODE_FULL, creates nothing, and says so in health until someone leaves', async () => {
    app = await startTestApp({ maxParticipantsPerNode: LIMIT });
    const lobby = app.channels.defaultChannel.id;
    const caps = app.channels.defaultChannel.rtpCapabilities;
    const other = (await client().data(CreateChannelDocument, { name: 'Other' })).createChannel.id;
    expect(await health(app)).toEqual({ ok: true, participants: 0, participantCapacity: LIMIT, acceptingJoins: true });

    members.push(await joinMember(app, lobby, 'a', caps), await joinMember(app, lobby, 'b', caps), await joinMember(app, other, 'c', caps));
    const full = await health(app);
    expect(full).toEqual({ ok: true, participants: LIMIT, participantCapacity: LIMIT, acceptingJoins: false });
    const before = await mediaCounts(app);
    expect(before).toEqual({ routerTransports: 2 * LIMIT, serverTransports: 2 * LIMIT });

    // A fourth person, in either channel (both far below the channel limit of 1000).
    for (const channelId of [lobby, other]) {
      const refused = await client().request(JoinChannelDocument, { input: { channelId, displayName: 'd', rtpCapabilities: caps } });
      expect(refused.data).toBeNull();
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0]!.extensions).toEqual({ code: 'NODE_FULL', max: LIMIT, retryAfterMs: expect.any(Number) });
      expect(refused.errors![0]!.message).toMatch(/limit of 3 participants/);
    }
    expect(await mediaCounts(app)).toEqual(before);
    expect(app.channels.participantCount).toBe(LIMIT);

    // Still alive for the calls it holds: /healthz 200; not ready for more: /readyz 503.
    expect(await httpStatus(app, '/healthz')).toMatchObject({ status: 200, body: { ok: true, acceptingJoins: false } });
    expect(await httpStatus(app, '/readyz')).toMatchObject({ status: 503, body: { ok: true, acceptingJoins: false } });

    // One leaves: the place is free again, and the next join takes it.
    await members[0]!.client.data(LeaveChannelDocument, {});
    expect(await health(app)).toMatchObject({ participants: LIMIT - 1, acceptingJoins: true });
    expect((await httpStatus(app, '/readyz')).status).toBe(200);
    members.push(await joinMember(app, other, 'e', caps));
    expect(await health(app)).toMatchObject({ participants: LIMIT, acceptingJoins: false });
  });

  it('counts joins in flight: of ten joins at once on an empty node, exactly the limit get in', async () => {
    app = await startTestApp({ maxParticipantsPerNode: LIMIT });
    const lobby = app.channels.defaultChannel.id;
    const caps = app.channels.defaultChannel.rtpCapabilities;
    const joiners = Array.from({ length: 10 }, () => client());
    const results = await Promise.all(
      joiners.map((c, i) => c.request(JoinChannelDocument, { input: { channelId: lobby, displayName: `p${i}`, rtpCapabilities: caps } })),
    );
    const codes = results.map((r) => (r.errors ? r.errors[0]!.extensions?.code : 'JOINED'));
    expect(codes.filter((c) => c === 'JOINED')).toHaveLength(LIMIT);
    expect(codes.filter((c) => c === 'NODE_FULL')).toHaveLength(10 - LIMIT);
    expect(app.channels.participantCount).toBe(LIMIT);
    expect(await mediaCounts(app)).toEqual({ routerTransports: 2 * LIMIT, serverTransports: 2 * LIMIT });
  });

  it('answers UNAVAILABLE (retryAfterMs), not an internal error, when the worker cannot create the transports, and keeps nothing', async () => {
    app = await startTestApp();
    const lobby = app.channels.defaultChannel.id;
    const caps = app.channels.defaultChannel.rtpCapabilities;
    members.push(await joinMember(app, lobby, 'a', caps));
    const before = await mediaCounts(app);
    // The worker's WebRtcServer gone (as when the worker stops answering): transports cannot be made.
    app.pool.workers[0]!.webRtcServer.close();
    const refused = await client().request(JoinChannelDocument, { input: { channelId: lobby, displayName: 'b', rtpCapabilities: caps } });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'UNAVAILABLE', channelId: lobby, retryAfterMs: expect.any(Number) });
    expect(app.channels.defaultChannel.participants.map((p) => p.displayName)).toEqual(['a']);
    // Closing the server closed its transports (and with them participant a's); the refused join left none behind.
    expect((await mediaCounts(app)).routerTransports).toBe(0);
    expect(before.routerTransports).toBe(2);
  });
});
