// After a Redis outage (a restart, a Sentinel failover) every node's heartbeat has expired, and the
// nodes come back one after the other: a node back first must not take the channels of a node that
// has not beaten again yet. Real redis-server, a NodeRegistry and an OrphanSweeper, no media.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDirectory } from '../../src/cluster/ChannelDirectory.js';
import type { ChannelRecord } from '../../src/cluster/ChannelDirectoryTypes.js';
import { NodeRegistry } from '../../src/cluster/NodeRegistry.js';
import { OrphanSweeper } from '../../src/cluster/OrphanSweeper.js';
import { RedisServer } from '@voxlay/testing/redis';
import { sleep, waitFor } from '@voxlay/testing/wait';

const logger = pino({ level: 'silent' });
const record = (id: string): ChannelRecord => ({ id, name: id, isDefault: false, createdAt: new Date().toISOString(), lastN: 5 });
const load = () => ({ channelCount: 0, participantCount: 0, participantCapacity: 100, acceptingJoins: true });

describe('a node coming back from a Redis outage', () => {
  let server: RedisServer;
  const connections: Redis[] = [];
  const closers: Array<() => Promise<void>> = [];
  const connect = (): Redis => {
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    redis.on('error', () => undefined);
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    server = await RedisServer.start();
  });

  afterAll(async () => {
    for (const close of closers) await close();
    for (const redis of connections) redis.disconnect();
    await server?.stop();
  });

  it("claims no channel while the others may still be reconnecting, then claims a dead node's", { timeout: 30_000 }, async () => {
    const registry = (nodeId: string) =>
      new NodeRegistry({ redis: connect(), nodeId, url: `http://${nodeId}`, logger, load, heartbeatMs: 100, ttlMs: 300 });
    const b = registry('rec-b');
    const directoryB = new ChannelDirectory({ redis: connect(), nodeId: 'rec-b' });
    const claimed: string[] = [];
    const sweeper = new OrphanSweeper({
      nodeId: 'rec-b',
      directory: directoryB,
      nodes: b,
      logger,
      hosted: () => new Set(claimed),
      adopt: async (entry) => void claimed.push(entry.id),
      lose: () => undefined,
      restore: async () => undefined,
      intervalMs: 100,
      fallbackMs: 300,
    });
    closers.push(
      () => sweeper.close(),
      () => b.close(),
    );
    await b.start();
    sweeper.start();
    expect(b.recovering).toBe(false);

    // Redis goes away: B's heartbeat fails.
    const port = server.port;
    await server.stop();
    await waitFor(
      () => b.recovering,
      (recovering) => recovering,
      { message: "B's heartbeat failing", timeoutMs: 5000 },
    );

    // A new Redis (a promoted replica) has the channels of node A and of a node that is gone for good, not their heartbeats.
    server = await RedisServer.start(port);
    await new ChannelDirectory({ redis: connect(), nodeId: 'rec-a' }).register(record('held-by-a'));
    await new ChannelDirectory({ redis: connect(), nodeId: 'rec-gone' }).register(record('held-by-gone'));
    await waitFor(
      async () => (await b.list()).map((node) => node.id),
      (ids) => ids.includes('rec-b'),
      { message: "B's heartbeat written again", timeoutMs: 5000 },
    );
    // Node A reconnects later than B, as one node always does.
    await sleep(500);
    expect(b.recovering).toBe(true);
    expect(claimed).toEqual([]);
    const a = registry('rec-a');
    closers.push(() => a.close());
    await a.start();

    // Once B trusts the heartbeats again, it claims the channel of the node that did not come back, not A's.
    await waitFor(
      () => [...claimed],
      (ids) => ids.includes('held-by-gone'),
      { message: 'B claiming the channel of the node gone for good', timeoutMs: 10_000 },
    );
    expect(b.recovering).toBe(false);
    expect(claimed).toEqual(['held-by-gone']);
    expect((await directoryB.get('held-by-a'))?.host).toBe('rec-a');
    expect((await directoryB.get('held-by-gone'))?.host).toBe('rec-b');
  });
});
