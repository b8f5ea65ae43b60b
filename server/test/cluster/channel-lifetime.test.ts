// Deleted and expired channels leave the cluster's directory (issue 12): two in-process nodes and one
// real redis-server. Every node stops listing them, their name is free again, a node that does not
// host one sends deleteChannel to the one that does (WRONG_NODE), an orphaned one is deleted from
// any node, and no sweep brings one back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeleteChannelDocument, JoinChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { keys } from '../../src/cluster/keys.js';
import { confusableKeys } from '../../src/names/skeleton.js';
import { defined, sleep, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { ChannelsQuery, CreateChannelMutation } from './helpers/documents.js';
import { RedisServer } from '@voxlay/testing/redis';
import { Redis } from 'ioredis';

const TTL_MS = 600;

describe('channel deletion and expiry in a cluster', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let a: VoxlayApp;
  let b: VoxlayApp;
  const clients: TestClient[] = [];

  const connect = (app: VoxlayApp): TestClient => {
    const client = new TestClient(app.url);
    clients.push(client);
    return client;
  };
  const listedOn = async (app: VoxlayApp): Promise<string[]> =>
    (await connect(app).data(ChannelsQuery, {})).channels.map((channel) => channel.name);
  /** What Redis holds about a channel: record, host, name entries (the channel each names, or null), participant list. */
  const inRedis = async (id: string, name: string) => {
    const held = await Promise.all(confusableKeys(name).map((key) => redis.hget(keys.channelNames, key)));
    return {
      record: await redis.hexists(keys.channels, id),
      host: await redis.hget(keys.channelHosts, id),
      name: held.every((holder) => holder === held[0]) ? held[0] : `mixed: ${held.join(',')}`,
      participants: await redis.exists(keys.participants(id)),
    };
  };

  beforeAll(async () => {
    redisServer = await RedisServer.start();
    redis = new Redis(redisServer.url);
    const shared = { redisUrl: redisServer.url, emptyChannelTtlMs: TTL_MS };
    a = await startTestApp({ ...shared, nodeId: 'life-a' });
    b = await startTestApp({ ...shared, nodeId: 'life-b' });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    redis?.disconnect();
    await redisServer?.stop();
  });

  it('removes a deleted channel from the directory: no node lists it and its name is free', async () => {
    const room = (await connect(a).data(CreateChannelMutation, { name: 'Retro' })).createChannel;
    await waitFor(async () => ((await listedOn(b)).includes('Retro') ? true : undefined), defined, {
      message: 'node B to list the channel',
      timeoutMs: 5000,
    });
    const ann = connect(a);
    await ann.data(JoinChannelDocument, { input: { channelId: room.id, displayName: 'Ann' } });
    expect(await inRedis(room.id, 'Retro')).toEqual({ record: 1, host: 'life-a', name: room.id, participants: 1 });

    // Node B does not host it: the client is sent to node A.
    const fromB = await connect(b).request(DeleteChannelDocument, { id: room.id });
    expect(fromB.errors?.[0]?.extensions).toMatchObject({ code: 'WRONG_NODE', nodeUrl: a.url });
    expect(a.channels.get(room.id)).toBeDefined();

    expect((await connect(a).data(DeleteChannelDocument, { id: room.id })).deleteChannel).toBe(true);
    expect(a.channels.get(room.id)).toBeUndefined();
    expect(await inRedis(room.id, 'Retro')).toEqual({ record: 0, host: null, name: null, participants: 0 });
    expect(await listedOn(b)).toEqual(['Lobby']);
    // Several sweeps later it is still gone (nobody claims or restores it), and the name can be used on B.
    await sleep(1500);
    expect(await listedOn(a)).toEqual(['Lobby']);
    expect(a.channels.get(room.id)).toBeUndefined();
    expect((await connect(b).data(CreateChannelMutation, { name: 'Retro' })).createChannel.id).not.toBe(room.id);
    await waitFor(async () => ((await listedOn(a)).includes('Retro') ? undefined : true), defined, {
      message: 'the new Retro to expire',
      timeoutMs: 5000,
    });
  });

  it('removes an expired channel from the directory', async () => {
    const room = (await connect(b).data(CreateChannelMutation, { name: 'Coffee' })).createChannel;
    expect((await inRedis(room.id, 'Coffee')).host).toBe('life-b');
    await waitFor(async () => (b.channels.get(room.id) ? undefined : true), defined, {
      message: 'the channel to expire on its node',
      timeoutMs: 5000,
    });
    await waitFor(async () => ((await inRedis(room.id, 'Coffee')).record === 0 ? true : undefined), defined, {
      message: 'Redis to forget it',
      timeoutMs: 5000,
    });
    expect(await inRedis(room.id, 'Coffee')).toEqual({ record: 0, host: null, name: null, participants: 0 });
    expect(await listedOn(a)).toEqual(['Lobby']);
  });

  it('deletes an orphaned channel (its node gone) from any node', async () => {
    // A channel whose host let go (as a node that stopped does): nobody hosts it until a join or a sweep.
    const room = (await connect(a).data(CreateChannelMutation, { name: 'Orphan' })).createChannel;
    await redis.hdel(keys.channelHosts, room.id);
    expect((await connect(b).data(DeleteChannelDocument, { id: room.id })).deleteChannel).toBe(true);
    expect(await inRedis(room.id, 'Orphan')).toEqual({ record: 0, host: null, name: null, participants: 0 });
    // Node A still held it locally: it lets go (another node claimed it, or it is gone with a tombstone).
    await waitFor(async () => (a.channels.get(room.id) ? undefined : true), defined, {
      message: 'node A to let go of it',
      timeoutMs: 5000,
    });
    expect(await listedOn(a)).toEqual(['Lobby']);
  });

  it('closes a channel another node deleted while this one still held it, instead of registering it again', async () => {
    const room = (await connect(a).data(CreateChannelMutation, { name: 'Partitioned' })).createChannel;
    const bob = connect(a);
    const { joinChannel } = await bob.data(JoinChannelDocument, { input: { channelId: room.id, displayName: 'Bob' } });
    // What another node's deleteChannel leaves behind, in one step (node A never sees it hosted elsewhere).
    await redis
      .multi()
      .hdel(keys.channels, room.id)
      .hdel(keys.channelHosts, room.id)
      .hdel(keys.channelNames, ...confusableKeys('Partitioned'))
      .del(keys.participants(room.id))
      .set(keys.deleted(room.id), '1', 'EX', 60)
      .exec();
    await waitFor(async () => (a.channels.get(room.id) ? undefined : true), defined, { message: 'node A to close it', timeoutMs: 5000 });
    expect(a.channels.participantCount).toBe(0);
    expect(a.channels.defaultChannel.participant(joinChannel.participant.id)).toBeUndefined();
    await sleep(1500);
    expect(await inRedis(room.id, 'Partitioned')).toEqual({ record: 0, host: null, name: null, participants: 0 });
  });
});
