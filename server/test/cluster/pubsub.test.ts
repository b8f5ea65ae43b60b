// The cluster's GraphQL pub/sub over a real redis-server, two nodes' worth of it: an event reaches the
// subscribers of the node that published it exactly once (in process, not again when Redis echoes
// it), and the other node's over Redis; with Redis gone, a node's own subscribers still get its events.
// The origin travels as one more member of the JSON: a node of the previous version reads past it.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSerializer } from '../../src/cluster/lobbyEventWire.js';
import { createVoxlayPubSub, type VoxlayPubSub } from '../../src/graphql/pubsub.js';
import type { ChannelEventModel } from '../../src/graphql/models.js';
import { RedisServer } from '@voxlay/testing/redis';
import { sleep, waitFor } from '@voxlay/testing/wait';

const logger = pino({ level: 'silent' });
const CHANNEL = 'pubsub-channel';
const muteChanged = (participantId: string, muted: boolean) =>
  ({ type: 'MuteChanged', channelId: CHANNEL, participantId, muted }) as ChannelEventModel;

/** Every event `pubsub` delivers for CHANNEL, as `participantId:muted`, and how many probes, until stop(). */
function collect(pubsub: VoxlayPubSub): { seen: string[]; probes: () => number; stop: () => Promise<void> } {
  const seen: string[] = [];
  let probes = 0;
  const iterator = pubsub.subscribe('channelEvent', CHANNEL)[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const event = next.value as { participantId: string; muted: boolean };
      if (event.participantId === 'probe') probes++;
      else seen.push(`${event.participantId}:${event.muted}`);
    }
  })();
  return { seen, probes: () => probes, stop: async () => void (await iterator.return?.()) };
}

describe("the cluster's event pub/sub", () => {
  let server: RedisServer;
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    redis.on('error', () => undefined);
    connections.push(redis);
    return redis;
  };
  const pubsubOf = (nodeId: string): VoxlayPubSub =>
    createVoxlayPubSub({ nodeId, publishClient: connect(), subscribeClient: connect(), logger });

  beforeAll(async () => {
    server = await RedisServer.start();
  });

  afterAll(async () => {
    for (const redis of connections) redis.disconnect();
    await server?.stop();
  });

  it('reads a node of the previous version (no origin), and that node can read this one', async () => {
    const topic = `channelEvent:${CHANNEL}`;
    const node = pubsubOf('node-new');
    const onNew = collect(node);
    const raw = connect();
    const messages: string[] = [];
    const listener = connect();
    await listener.subscribe(topic);
    listener.on('message', (_channel: string, message: string) => messages.push(message));
    await waitFor(
      async () => {
        await raw.publish(topic, eventSerializer.stringify(muteChanged('probe', true)));
        return onNew.probes();
      },
      (n) => n > 0,
      { message: 'the subscription live', timeoutMs: 5_000 },
    );
    // An event as the previous version writes it: delivered (it is another node's).
    await raw.publish(topic, eventSerializer.stringify(muteChanged('old', true)));
    await waitFor(
      () => onNew.seen,
      (seen) => seen.includes('old:true'),
      { message: 'the old-format event', timeoutMs: 5_000 },
    );
    // This version's message, read with the previous version's parser (the origin is one more member).
    node.publish('channelEvent', CHANNEL, muteChanged('new', false));
    const written = await waitFor(
      () => messages.find((m) => m.includes('"new"')),
      (m) => m !== undefined,
      { message: 'the new-format message on Redis', timeoutMs: 5_000 },
    );
    expect(eventSerializer.parse(written!)).toMatchObject({ type: 'MuteChanged', participantId: 'new', muted: false });
    await onNew.stop();
  });

  it('delivers an event once on its own node and once on the other node; with Redis gone, still on its own', async () => {
    const a = pubsubOf('node-a');
    const b = pubsubOf('node-b');
    const onA = collect(a);
    const onB = collect(b);
    // Both subscriptions are live on Redis once a probe from A reaches B.
    await waitFor(
      () => {
        a.publish('channelEvent', CHANNEL, muteChanged('probe', true));
        return onB.probes();
      },
      (n) => n > 0,
      { message: "B subscribed to A's events", timeoutMs: 5_000 },
    );

    a.publish('channelEvent', CHANNEL, muteChanged('alice', true));
    b.publish('channelEvent', CHANNEL, muteChanged('bob', true));
    await waitFor(
      () => `${[...onA.seen].sort().join()} / ${[...onB.seen].sort().join()}`,
      (both) => both === 'alice:true,bob:true / alice:true,bob:true',
      { message: 'each event on both nodes', timeoutMs: 5_000 },
    );
    await sleep(300); // Redis has echoed both to their publishers by now: still once each.
    expect(onA.seen.sort()).toEqual(['alice:true', 'bob:true']);
    expect(onB.seen.sort()).toEqual(['alice:true', 'bob:true']);

    // Redis goes away (a restart, a failover): the node's own subscribers still hear from it.
    await server.stop();
    a.publish('channelEvent', CHANNEL, muteChanged('alice', false));
    await waitFor(
      () => onA.seen,
      (seen) => seen.includes('alice:false'),
      { message: "A's own subscriber gets A's event without Redis", timeoutMs: 2_000 },
    );
    expect(onB.seen).not.toContain('alice:false');
    await onA.stop();
    await onB.stop();
  });
});
