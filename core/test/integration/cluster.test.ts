// The client core against a clustered service: two real node processes (server/test/cluster's
// NodeProcess: the soak server child, so a node can be SIGKILLed) and one real redis-server. A
// Channel (mediasoup-client's FakeHandler: Node has no WebRTC, the signaling is all real) made
// on node B joins a channel hosted on A and ends joined on A (WRONG_NODE followed); when A is
// SIGKILLed, the session falls back to B by itself and rejoins the same channel id there.
import { Device } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeProcess } from '@voxlay/testing/cluster';
import { RedisServer } from '@voxlay/testing/redis';
import { createVoxlayClient, type VoxlayClient } from '../../src/index';
import { ChannelParticipantsPageDocument, CreateChannelDocument, NodesDocument } from '../../src/graphql/__generated__/graphql';
import { Signaling } from '../../src/index';
import { memoryStorage } from '../../src/index';
import { ConnectionState } from '../../src/types';
import { Channel } from '../../src/index';

const createDevice = async (): Promise<Device> => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });

async function memberIds(url: string, channelId: string): Promise<string[]> {
  const voxlay = createVoxlayClient({ url, webSocketImpl: WebSocket });
  try {
    const { channel } = await new Signaling(voxlay.client).query(ChannelParticipantsPageDocument, { id: channelId, first: 500 });
    return channel?.participants.map((p) => p.id) ?? [];
  } finally {
    voxlay.close();
  }
}

describe('core against two clustered nodes', () => {
  let redis: RedisServer;
  let nodeA: NodeProcess;
  let nodeB: NodeProcess;
  const clients: VoxlayClient[] = [];
  const sessions: Channel[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    [nodeA, nodeB] = await Promise.all([
      NodeProcess.start('core-a', { redisUrl: redis.url }),
      NodeProcess.start('core-b', { redisUrl: redis.url }),
    ]);
  }, 90_000);

  afterAll(async () => {
    for (const session of sessions) session.close();
    for (const client of clients) client.close();
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await redis?.stop();
  }, 30_000);

  it('client.retarget() moves HTTP queries and the WebSocket to another node, keeping the client', async () => {
    const voxlay = createVoxlayClient({ url: nodeA.url, webSocketImpl: WebSocket });
    clients.push(voxlay);
    const signaling = new Signaling(voxlay.client);
    await expect.poll(() => voxlay.connected, { timeout: 5_000 }).toBe(true);
    const self = async () => (await signaling.query(NodesDocument, {})).nodes.find((n) => n.self)?.url;
    expect(await self()).toBe(nodeA.url);
    const moves: string[] = [];
    voxlay.on('retargeted', (url, reason) => moves.push(`${reason} ${url}`));
    expect(voxlay.retarget(`${nodeB.url}/graphql`)).toBe(true);
    expect(voxlay.retarget(nodeB.url)).toBe(false); // already there
    expect(voxlay.url).toBe(nodeB.url);
    expect(voxlay.entryUrl).toBe(nodeA.url);
    expect(await self()).toBe(nodeB.url);
    await expect.poll(() => voxlay.connected, { timeout: 5_000 }).toBe(true);
    // A session operation on the new socket reaches B: a channel created now is hosted there.
    const { createChannel } = await signaling.mutate(CreateChannelDocument, { name: 'Retargeted' });
    const { nodes } = await signaling.query(NodesDocument, {});
    expect(nodes.map((n) => n.url).sort()).toEqual([nodeA.url, nodeB.url].sort());
    expect(createChannel.name).toBe('Retargeted');
    expect(moves).toEqual([`redirect ${nodeB.url}`]);
  });

  it('a session made on node B joins a channel hosted on A and ends joined on A; when A is SIGKILLed it rejoins the same channel on B by itself', async () => {
    // A channel hosted on A (created over A's WebSocket).
    const owner = createVoxlayClient({ url: nodeA.url, webSocketImpl: WebSocket });
    clients.push(owner);
    const { createChannel: channel } = await new Signaling(owner.client).mutate(CreateChannelDocument, { name: 'Core Ops' });
    owner.close();

    const voxlay = createVoxlayClient({ url: nodeB.url, webSocketImpl: WebSocket });
    clients.push(voxlay);
    const session = new Channel({ client: voxlay, storage: memoryStorage(), createDevice });
    sessions.push(session);
    const states: string[] = [];
    session.on('connectionStateChanged', (next) => states.push(next));
    await session.prepare();
    await session.join({ channelId: channel.id, displayName: 'Core' });

    expect(session.state.connectionState).toBe(ConnectionState.Connected);
    expect(session.state.channel).toEqual({ id: channel.id, name: 'Core Ops' });
    expect(session.state.lastN).toBeGreaterThan(0);
    expect(voxlay.url).toBe(nodeA.url); // followed WRONG_NODE
    const firstId = session.state.localParticipantId!;
    expect(await memberIds(nodeA.url, channel.id)).toContain(firstId);
    // The nodes were learned after joining: B is known to fall back to.
    await expect.poll(() => voxlay.knownUrls.sort(), { timeout: 5_000 }).toEqual([nodeA.url, nodeB.url].sort());

    states.length = 0;
    const killedAt = Date.now();
    await nodeA.kill();
    await expect.poll(() => session.state.connectionState, { timeout: 20_000, interval: 50 }).toBe(ConnectionState.Reconnecting);
    await expect.poll(() => session.state.connectionState, { timeout: 20_000, interval: 50 }).toBe(ConnectionState.Connected);
    const recoveredMs = Date.now() - killedAt;
    console.info(`[core cluster] node A SIGKILLed: joined again on B after ${recoveredMs} ms`);

    expect(states).toEqual([ConnectionState.Reconnecting, ConnectionState.Connected]);
    expect(voxlay.url).toBe(nodeB.url);
    expect(session.state.channel?.id).toBe(channel.id);
    const secondId = session.state.localParticipantId!;
    expect(secondId).not.toBe(firstId);
    expect(await memberIds(nodeB.url, channel.id)).toEqual([secondId]);
    expect(recoveredMs).toBeLessThan(15_000); // generous: the goal is audio within 5 s

    await session.leave();
    await expect.poll(() => memberIds(nodeB.url, channel.id), { timeout: 5_000 }).toEqual([]);
  }, 60_000);
});
