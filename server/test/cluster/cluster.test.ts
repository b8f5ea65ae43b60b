// Two Voxlay node processes and one real redis-server, in token mode with one shared secret:
// channels, participant lists and channel events are seen from every node; a join on the wrong node is
// told where to go; a SIGKILLed node's channels are claimed by the survivor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/tokens.js';
import { TestClient } from '@voxlay/testing/client';
import { opusRtpParameters } from '@voxlay/testing/media';
import { untilChannelEventsLive } from '@voxlay/testing/session';
import {
  ChannelEventsSubscription,
  ChannelQuery,
  ChannelRouterIdQuery,
  ChannelsQuery,
  CreateChannelMutation,
  JoinMutation,
  LeaveMutation,
  NodesQuery,
  ProduceMutation,
  type ChannelView,
} from './helpers/documents.js';
import { NodeProcess } from '@voxlay/testing/cluster';
import { RedisServer } from '@voxlay/testing/redis';
import { defined, sleep, waitFor } from '@voxlay/testing/wait';

const SECRET = 'voxlay-cluster-test-secret-0123456789-abcdef';

function token(subject: string, rights: Array<'join' | 'publish' | 'subscribe' | 'admin'>, secret = SECRET): Promise<string> {
  return mintToken({ jwtSecret: secret }, { subject, name: subject, channels: '*', rights, ttlSeconds: 600 });
}

async function httpGraphQL(url: string, query: string, jwt: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: Record<string, unknown> }> };
}

describe('several nodes as one service over Redis', () => {
  let redis: RedisServer;
  let a: NodeProcess;
  let b: NodeProcess;
  let adminToken: string;
  const clients: Array<{ client: TestClient; url: string }> = [];
  let opsRoom: string;
  let quietRoom: string;

  const connect = async (node: NodeProcess | string, subject = 'ops', rights: Parameters<typeof token>[1] = ['admin']) => {
    const url = typeof node === 'string' ? node : node.url;
    const client = new TestClient(url, { connectionParams: { token: await token(subject, rights) } });
    clients.push({ client, url });
    return client;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    const shared = { redisUrl: redis.url, authMode: 'token' as const, jwtSecret: SECRET };
    a = await NodeProcess.start('node-a', { ...shared });
    b = await NodeProcess.start('node-b', { ...shared });
    adminToken = await token('ops', ['admin']);
  });

  afterAll(async () => {
    await Promise.all(clients.map(({ client }) => client.close().catch(() => undefined)));
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('lists a channel created on node A, with its participants and counts, on node B; Query.nodes on either lists both', async () => {
    const opsA = await connect(a);
    opsRoom = (await opsA.data(CreateChannelMutation, { name: 'Ops room' })).createChannel.id;
    quietRoom = (await opsA.data(CreateChannelMutation, { name: 'Quiet room' })).createChannel.id;

    const alice = await connect(a, 'Alice', ['join', 'publish', 'subscribe']);
    const joined = (await alice.data(JoinMutation, { channelId: opsRoom, displayName: 'ignored in token mode' })).joinChannel;
    await alice.data(ProduceMutation, { transportId: joined.sendTransport.id, rtpParameters: opusRtpParameters() });

    const opsB = await connect(b);
    const seenOnB = await waitFor(
      async () => {
        const { channel } = await opsB.data(ChannelQuery, { id: opsRoom });
        return channel?.participants[0]?.muted === false ? channel : undefined;
      },
      defined,
      { message: 'Alice listed (unmuted) on node B', timeoutMs: 5000 },
    );
    expect(seenOnB).toMatchObject({
      id: opsRoom,
      name: 'Ops room',
      participantCount: 1,
      participants: [{ id: joined.participant.id, displayName: 'Alice', muted: false }],
      node: { id: 'node-a', url: a.url, self: false, alive: true },
    });

    const byName = (list: ChannelView[]) => Object.fromEntries(list.map((channel) => [channel.name, channel]));
    const onA = byName((await opsA.data(ChannelsQuery, {})).channels);
    const onB = byName((await opsB.data(ChannelsQuery, {})).channels);
    expect(Object.keys(onB).sort()).toEqual(Object.keys(onA).sort());
    expect(Object.keys(onB)).toEqual(expect.arrayContaining(['Lobby', 'Ops room', 'Quiet room']));
    expect(onA['Ops room']).toMatchObject({ participantCount: 1, node: { id: 'node-a', self: true } });
    expect(onB['Ops room']).toMatchObject({ participantCount: 1, node: { id: 'node-a', self: false } });
    expect(onB.Lobby!.id).toBe(onA.Lobby!.id);

    for (const [client, self] of [
      [opsA, 'node-a'],
      [opsB, 'node-b'],
    ] as const) {
      // The counts travel with the heartbeat (every 500 ms).
      const nodes = await waitFor(
        async () => {
          const { nodes: listed } = await client.data(NodesQuery, {});
          return listed.find((node) => node.id === 'node-a')?.participantCount === 1 ? listed : undefined;
        },
        defined,
        { message: 'node A counted with its participant', timeoutMs: 5000 },
      );
      expect(nodes.map((node) => node.id).sort()).toEqual(['node-a', 'node-b']);
      expect(nodes.find((node) => node.self)?.id).toBe(self);
      expect(nodes.every((node) => node.alive)).toBe(true);
      expect(nodes.find((node) => node.id === 'node-a')).toMatchObject({ url: a.url, participantCount: 1 });
      expect(nodes.find((node) => node.id === 'node-b')).toMatchObject({ url: b.url });
    }

    // Names are unique by look in the whole cluster: case, and a Cyrillic о for the o.
    expect(await opsB.errorCode(CreateChannelMutation, { name: 'OPS ROOM' })).toBe('NAME_TAKEN');
    const lookalike = await opsB.request(CreateChannelMutation, { name: 'Ops r\u043eom' });
    expect(lookalike.errors?.[0]?.extensions).toMatchObject({ code: 'NAME_TAKEN', channelId: opsRoom, channelName: 'Ops room' });
    expect(await opsB.errorCode(CreateChannelMutation, { name: 'L\u043ebby' })).toBe('NAME_TAKEN');
  });

  it("answers a join on node B for node A's channel with WRONG_NODE naming A, creating nothing on B", async () => {
    const before = await b.state();
    const bob = await connect(b, 'Bob', ['join', 'publish', 'subscribe']);
    const result = await bob.request(JoinMutation, { channelId: opsRoom, displayName: 'Bob' });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'WRONG_NODE', nodeUrl: a.url, nodeId: 'node-a', channelId: opsRoom });

    // Operator fields of a remote channel point at its node too.
    const opsB = await connect(b);
    const routerId = await opsB.request(ChannelRouterIdQuery, { id: opsRoom });
    expect(routerId.errors?.[0]?.extensions).toMatchObject({ code: 'WRONG_NODE', nodeUrl: a.url });

    const after = await b.state();
    expect(after.participants).toBe(0);
    expect(after.handlers).toBe(before.handlers);
    expect(after.transports).toBe(before.transports);

    // Following the redirect: the same request on A works.
    const redirected = await connect(String(result.errors?.[0]?.extensions?.nodeUrl), 'Bob', ['join', 'publish', 'subscribe']);
    const joined = (await redirected.data(JoinMutation, { channelId: opsRoom, displayName: 'Bob' })).joinChannel;
    expect(joined.channel).toEqual({ id: opsRoom, name: 'Ops room' });
    await redirected.data(LeaveMutation, {});
  });

  it("delivers node A's channel events to a channelEvents subscriber on node B", async () => {
    const watcher = await connect(b);
    const events = watcher.subscribe(ChannelEventsSubscription, { channelId: opsRoom });
    // B's Redis SUBSCRIBE is asynchronous: the subscription is live once a probe's join on A reaches it.
    await untilChannelEventsLive(events, async () => {
      const probe = await connect(a, 'Probe', ['join']);
      const { joinChannel } = await probe.data(JoinMutation, { channelId: opsRoom, displayName: 'Probe' });
      await probe.data(LeaveMutation, {});
      return joinChannel.participant.id;
    });

    const carol = await connect(a, 'Carol', ['join', 'publish', 'subscribe']);
    const joined = (await carol.data(JoinMutation, { channelId: opsRoom, displayName: 'Carol' })).joinChannel;
    await carol.data(ProduceMutation, { transportId: joined.sendTransport.id, rtpParameters: opusRtpParameters() });
    await carol.data(LeaveMutation, {});

    const carolId = joined.participant.id;
    const { channelEvents: joinedEvent } = await events.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ParticipantJoined' && event.participant.id === carolId,
    );
    expect(joinedEvent).toMatchObject({ channelId: opsRoom, participant: { displayName: 'Carol', muted: true } });
    const { channelEvents: produced } = await events.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ProducerAdded' && event.producer.participantId === carolId,
    );
    expect(produced).toMatchObject({ producer: { paused: false, kind: 'AUDIO' } });
    const { channelEvents: left } = await events.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ParticipantLeft' && event.participantId === carolId,
    );
    expect(left).toMatchObject({ channelId: opsRoom, reason: 'LEFT' });
    expect(events.errors).toEqual([]);
    events.unsubscribe();
  });

  it('accepts a token minted with the shared secret on both nodes and refuses a forged one on both', async () => {
    const jwt = await token('Dave', ['join']);
    const forged = await token('Dave', ['admin'], 'another-secret-that-is-long-enough-0123456789');
    for (const node of [a, b]) {
      const ok = await httpGraphQL(node.url, '{ channels { id } nodes { id } }', jwt);
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.nodes).toHaveLength(2);
      const refused = await httpGraphQL(node.url, '{ channels { id } }', forged);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const ws = await connect(node, 'Dave', ['join']);
      expect((await ws.data(NodesQuery, {})).nodes.find((entry) => entry.self)?.url).toBe(node.url);
    }
    expect(adminToken).not.toBe(jwt);
  });

  it("moves node A's channels to node B when A is SIGKILLed, and joins through B work again within 5 s", { timeout: 60_000 }, async () => {
    const opsB = await connect(b);
    const lobbyId = (await opsB.data(ChannelsQuery, {})).channels.find((channel) => channel.isDefault)!.id;

    // Node A's test clients let go first (a graphql-ws client logs its socket's abnormal close).
    await Promise.all(clients.filter(({ url }) => url === a.url).map(({ client }) => client.close()));
    const killedAt = Date.now();
    await a.kill();

    // A client that knows only node B keeps trying the join: WRONG_NODE (A still looks alive until its
    // heartbeat expires) or UNAVAILABLE until B hosts the channel.
    const codes = new Set<unknown>();
    let joinedAfterMs = -1;
    for (let attempt = 0; attempt < 150 && Date.now() - killedAt < 15_000; attempt++) {
      const erin = await connect(b, `Erin${attempt}`, ['join', 'publish', 'subscribe']);
      const result = await erin.request(JoinMutation, { channelId: opsRoom, displayName: 'Erin' });
      if (result.data?.joinChannel) {
        joinedAfterMs = Date.now() - killedAt;
        break;
      }
      codes.add(result.errors?.[0]?.extensions?.code);
      await erin.close();
      await sleep(100);
    }
    // The sweeper claims the channel nobody joins.
    const quiet = await waitFor(
      async () => {
        const { channel } = await opsB.data(ChannelQuery, { id: quietRoom });
        return channel?.node.id === 'node-b' ? channel : undefined;
      },
      defined,
      { message: 'the quiet room claimed by node B', timeoutMs: 15_000 },
    );
    const sweptAfterMs = Date.now() - killedAt;
    console.log(
      `[cluster] after SIGKILL of node A: join through B succeeded after ${joinedAfterMs} ms (codes before: ${[...codes].join(', ')}); sweeper claim seen after ${sweptAfterMs} ms`,
    );

    expect(joinedAfterMs).toBeGreaterThan(0);
    expect(joinedAfterMs).toBeLessThanOrEqual(5000);
    expect([...codes].every((code) => code === 'WRONG_NODE' || code === 'UNAVAILABLE')).toBe(true);
    expect(quiet).toMatchObject({ id: quietRoom, name: 'Quiet room', node: { id: 'node-b', self: true, alive: true } });

    const { channel: ops } = await opsB.data(ChannelQuery, { id: opsRoom });
    // Same id and name; A's participants are gone, the new joiner is there.
    expect(ops).toMatchObject({ id: opsRoom, name: 'Ops room', participantCount: 1, node: { id: 'node-b', self: true } });
    const lobby = await waitFor(
      async () => {
        const { channel } = await opsB.data(ChannelQuery, { id: lobbyId });
        return channel?.node.id === 'node-b' ? channel : undefined;
      },
      defined,
      { message: 'the Lobby hosted by node B', timeoutMs: 5000 },
    );
    expect(lobby.isDefault).toBe(true);

    const { nodes } = await opsB.data(NodesQuery, {});
    expect(nodes).toEqual([expect.objectContaining({ id: 'node-b', self: true, alive: true, channelCount: 3, participantCount: 1 })]);
  });
});
