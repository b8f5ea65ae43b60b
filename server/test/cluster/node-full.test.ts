// A full node in a cluster: its heartbeat says so (Node.acceptingJoins, participantCapacity), it
// refuses joins and new channels with NODE_FULL, and the same request on another node succeeds.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '@voxlay/testing/client';
import { CreateChannelMutation, JoinMutation } from './helpers/documents.js';
import { NodeProcess } from '@voxlay/testing/cluster';
import { RedisServer } from '@voxlay/testing/redis';
import { defined, waitFor } from '@voxlay/testing/wait';

interface CapacityView {
  id: string;
  self: boolean;
  participantCount: number;
  participantCapacity: number;
  acceptingJoins: boolean;
}
const NodesCapacityQuery = parse(
  'query { nodes { id self participantCount participantCapacity acceptingJoins } }',
) as unknown as TypedDocumentNode<{ nodes: CapacityView[] }, Record<string, never>>;

describe('a full node in a cluster', () => {
  let redis: RedisServer;
  let a: NodeProcess;
  let b: NodeProcess;
  const clients: TestClient[] = [];
  const connect = (node: NodeProcess) => {
    const client = new TestClient(node.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    a = await NodeProcess.start('node-a', { redisUrl: redis.url, maxParticipantsPerNode: 1 });
    b = await NodeProcess.start('node-b', { redisUrl: redis.url, maxParticipantsPerNode: 5 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('says it is full to every node, refuses joins and new channels with NODE_FULL, and another node takes them', async () => {
    const onA = connect(a);
    const room = (await onA.data(CreateChannelMutation, { name: 'Room on A' })).createChannel.id;
    await onA.data(JoinMutation, { channelId: room, displayName: 'Ann' });

    // Node B learns from A's heartbeat that A is full.
    const onB = connect(b);
    const nodes = await waitFor(
      async () => {
        const { nodes: listed } = await onB.data(NodesCapacityQuery, {});
        return listed.find((node) => node.id === 'node-a')?.acceptingJoins === false ? listed : undefined;
      },
      defined,
      { message: 'node A listed as full', timeoutMs: 5000 },
    );
    expect(nodes.find((node) => node.id === 'node-a')).toMatchObject({
      participantCount: 1,
      participantCapacity: 1,
      acceptingJoins: false,
      self: false,
    });
    expect(nodes.find((node) => node.id === 'node-b')).toMatchObject({
      participantCount: 0,
      participantCapacity: 5,
      acceptingJoins: true,
      self: true,
    });

    // On A: a join into its channel and a new channel are refused, with a code a client can act on.
    const second = connect(a);
    const join = await second.request(JoinMutation, { channelId: room, displayName: 'Bob' });
    expect(join.errors?.[0]?.extensions).toMatchObject({ code: 'NODE_FULL', max: 1, retryAfterMs: expect.any(Number) });
    const create = await second.request(CreateChannelMutation, { name: 'Another room' });
    expect(create.errors?.[0]?.extensions).toMatchObject({ code: 'NODE_FULL', max: 1 });

    // The client tries node B (acceptingJoins): the channel is created there and takes the join.
    const elsewhere = (await onB.data(CreateChannelMutation, { name: 'Another room' })).createChannel.id;
    const bob = connect(b);
    const joined = await bob.data(JoinMutation, { channelId: elsewhere, displayName: 'Bob' });
    expect(joined.joinChannel.channel.name).toBe('Another room');
  });
});
