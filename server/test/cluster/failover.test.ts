// Two Voxlay node processes over a real redis-server (open mode): a node stopping gracefully hands
// its channels over at once; Redis restarting empty costs joins an UNAVAILABLE for a while, then the
// nodes register their channels again; bad input gets coded errors.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/cluster/keys.js';
import { TestClient } from '@voxlay/testing/client';
import {
  ChannelQuery,
  ChannelsQuery,
  CreateChannelMutation,
  HealthQuery,
  JoinMutation,
  LeaveMutation,
  NodesQuery,
} from './helpers/documents.js';
import { NodeProcess } from '@voxlay/testing/cluster';
import { RedisServer } from '@voxlay/testing/redis';
import { defined, waitFor } from '@voxlay/testing/wait';

describe('cluster failures other than a crash', () => {
  let redis: RedisServer;
  let a: NodeProcess;
  let b: NodeProcess;
  const clients: Array<{ client: TestClient; node: NodeProcess }> = [];
  const connect = (node: NodeProcess): TestClient => {
    const client = new TestClient(node.url);
    clients.push({ client, node });
    return client;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    // Errors only: the Redis outage below makes every node warn, as it should.
    a = await NodeProcess.start('node-a', { redisUrl: redis.url, logLevel: 'error' });
    b = await NodeProcess.start('node-b', { redisUrl: redis.url, logLevel: 'error' });
  });

  afterAll(async () => {
    await Promise.all(clients.map(({ client }) => client.close().catch(() => undefined)));
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('answers bad input with coded errors on any node', async () => {
    const client = connect(b);
    expect(await client.errorCode(JoinMutation, { channelId: 'no-such-channel', displayName: 'Zed' })).toBe('NOT_FOUND');
    expect((await client.data(ChannelQuery, { id: 'no-such-channel' })).channel).toBeNull();
    expect(await client.errorCode(CreateChannelMutation, { name: '   ' })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(CreateChannelMutation, { name: 'x'.repeat(65) })).toBe('BAD_USER_INPUT');
    // Nothing half-made: the node still lists only the default channel, and accepts a good name.
    expect((await client.data(ChannelsQuery, {})).channels.map((channel) => channel.name)).toEqual(['Lobby']);
    const created = (await client.data(CreateChannelMutation, { name: 'Good name' })).createChannel;
    expect(created.name).toBe('Good name');
  });

  it('registers its channels again when Redis restarts empty; joins answer UNAVAILABLE meanwhile', { timeout: 60_000 }, async () => {
    const onA = connect(a);
    const roomId = (await onA.data(CreateChannelMutation, { name: 'Survivor' })).createChannel.id;
    const port = redis.port;
    await redis.stop();

    const during = connect(a);
    const refused = await during.request(JoinMutation, { channelId: roomId, displayName: 'Yan' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterMs: expect.any(Number) });
    expect(await during.errorCode(CreateChannelMutation, { name: 'During the outage' })).toBe('UNAVAILABLE');
    // The node itself is fine: queries that need no Redis answer.
    expect((await during.request(HealthQuery, {})).data?.health.ok).toBe(true);
    await during.close();

    redis = await RedisServer.start(port);
    const onB = connect(b);
    const restored = await waitFor(
      async () => {
        const { channel } = await onB.data(ChannelQuery, { id: roomId });
        return channel?.node.id === 'node-a' ? channel : undefined;
      },
      defined,
      { message: 'the Survivor room listed again on node B, hosted by A', timeoutMs: 15_000 },
    );
    expect(restored).toMatchObject({ id: roomId, name: 'Survivor' });
    const lobby = await waitFor(
      async () => (await onB.data(ChannelsQuery, {})).channels.find((channel) => channel.isDefault && channel.node.alive),
      defined,
      { message: 'the Lobby hosted again', timeoutMs: 15_000 },
    );
    expect(['node-a', 'node-b']).toContain(lobby.node.id);
    const joiner = connect(a);
    const joined = (await joiner.data(JoinMutation, { channelId: roomId, displayName: 'Yan' })).joinChannel;
    expect(joined.channel.id).toBe(roomId);
    await joiner.data(LeaveMutation, {});
  });

  it("hands a gracefully stopped node's channels to the other node without waiting for its heartbeat to expire", {
    timeout: 60_000,
  }, async () => {
    const onA = connect(a);
    const roomId = (await onA.data(CreateChannelMutation, { name: 'Handover' })).createChannel.id;
    const onB = connect(b);
    await waitFor(async () => (await onB.data(ChannelQuery, { id: roomId })).channel ?? undefined, defined, {
      message: 'the Handover room listed on B',
      timeoutMs: 5000,
    });

    // A's heartbeat key as Redis sees it: each write ('set'), its removal ('del') or its expiry ('expired').
    const heartbeatKey = keys.node('node-a');
    const admin = new Redis(redis.url);
    const watcher = new Redis(redis.url);
    const seen: Array<{ event: string; at: number }> = [];
    try {
      await admin.config('SET', 'notify-keyspace-events', 'K$gx');
      watcher.on('message', (_channel: string, event: string) => seen.push({ event, at: Date.now() }));
      await watcher.subscribe(`__keyspace@0__:${heartbeatKey}`);
      await waitFor(async () => seen.find(({ event }) => event === 'set'), defined, {
        message: 'a heartbeat of node A seen',
        timeoutMs: 5000,
      });

      // Node A's test clients let go first (a graphql-ws client logs its socket's abnormal close).
      await Promise.all(clients.filter(({ node }) => node === a).map(({ client }) => client.close()));
      const joiner = connect(b);
      await joiner.data(NodesQuery, {}); // connected before the stop
      // A stops right after a heartbeat: that one would expire TTL ms later.
      const beats = seen.length;
      await waitFor(async () => seen.slice(beats).find(({ event }) => event === 'set'), defined, {
        message: 'a fresh heartbeat of node A',
        timeoutMs: 5000,
      });
      const ttlMs = await admin.pttl(heartbeatKey); // the TTL that heartbeat set (a few ms less)
      expect(ttlMs).toBeGreaterThan(0);
      const stoppedAt = Date.now();
      const stopping = a.stop();
      const gone = await waitFor(async () => seen.find(({ event }) => event === 'del' || event === 'expired'), defined, {
        message: "node A's heartbeat gone",
        timeoutMs: 5000,
      });
      expect(gone.event, 'A removed its heartbeat on the way out (DEL), it did not expire').toBe('del');
      const lastBeatAt = Math.max(...seen.filter(({ event, at }) => event === 'set' && at <= gone.at).map(({ at }) => at));
      // A join through B takes the channel over at once: before A's last heartbeat could have expired.
      const joined = (await joiner.data(JoinMutation, { channelId: roomId, displayName: 'Xia' })).joinChannel;
      const joinedAfterBeatMs = Date.now() - lastBeatAt;
      expect(joined.channel).toEqual({ id: roomId, name: 'Handover' });
      expect(joinedAfterBeatMs, `the join through B answered after A's last heartbeat (TTL ${ttlMs} ms), ms`).toBeLessThan(ttlMs);
      expect((await onB.data(NodesQuery, {})).nodes.map((node) => node.id)).toEqual(['node-b']);
      await stopping;
      console.log(
        `[cluster] node A stopped gracefully in ${Date.now() - stoppedAt} ms; its heartbeat removed after ${gone.at - stoppedAt} ms; join through B answered ${joinedAfterBeatMs} ms after A's last heartbeat (TTL ${ttlMs} ms)`,
      );
      expect(seen.filter(({ event }) => event === 'expired')).toEqual([]);
      const { channel } = await onB.data(ChannelQuery, { id: roomId });
      expect(channel).toMatchObject({ participantCount: 1, node: { id: 'node-b', self: true } });
    } finally {
      watcher.disconnect();
      admin.disconnect();
    }
  });
});
