// Redis with Sentinel for one test file: a primary, a replica of it (`--replicaof`) and sentinels
// watching them, all real redis-server processes (a sentinel is `redis-server <conf> --sentinel`) on
// free loopback ports with their directories under a temp dir. Short detection and failover timeouts,
// so that after killPrimary() a sentinel promotes the replica within a few seconds. stop() ends all.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { RedisServer } from './redis.js';
import { waitFor } from './wait.js';

export interface RedisSentinelGroupOptions {
  /** The master name the sentinels monitor (default 'voxlay', the server's default). */
  name?: string;
  /** How many sentinels (default 3); the quorum is a majority of them. */
  sentinels?: number;
  /** A primary silent this long is down for a sentinel (default 1000 ms). */
  downAfterMs?: number;
  /** Sentinel's failover-timeout: also how long before a failed failover is tried again, times two (default 3000 ms). */
  failoverTimeoutMs?: number;
}

const READY_TIMEOUT_MS = 20_000;
const COMMAND_TIMEOUT_MS = 1000;

/** One command to the Redis (or sentinel) on `port`, on a connection of its own. */
async function command(port: number, name: string, ...args: Array<string | number>): Promise<unknown> {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: COMMAND_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await redis.call(name, ...args);
  } finally {
    redis.disconnect();
  }
}

export class RedisSentinelGroup {
  readonly name: string;
  /** The data servers: the first primary first, then its replica. */
  readonly servers: readonly RedisServer[];
  readonly sentinels: readonly RedisServer[];

  private constructor(name: string, servers: RedisServer[], sentinels: RedisServer[]) {
    this.name = name;
    this.servers = servers;
    this.sentinels = sentinels;
  }

  /** The sentinels as VOXLAY_REDIS_SENTINELS lists them (host:port). */
  get sentinelAddresses(): string[] {
    return this.sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`);
  }

  /**
   * Starts the primary, its replica (waits until it is in sync), then the sentinels, and waits until
   * every sentinel knows the replica and the other sentinels and agrees a failover is possible.
   */
  static async start(options: RedisSentinelGroupOptions = {}): Promise<RedisSentinelGroup> {
    const name = options.name ?? 'voxlay';
    const count = options.sentinels ?? 3;
    const quorum = Math.floor(count / 2) + 1;
    const servers: RedisServer[] = [];
    const sentinels: RedisServer[] = [];
    const group = new RedisSentinelGroup(name, servers, sentinels);
    try {
      const primary = await RedisServer.start();
      servers.push(primary);
      servers.push(await RedisServer.start({ replicaOf: primary.port }));
      await waitFor(
        async () => String(await command(servers[1]!.port, 'INFO', 'replication')),
        (info) => info.includes('master_link_status:up'),
        { message: 'the replica in sync with the primary', timeoutMs: READY_TIMEOUT_MS },
      );
      for (let i = 0; i < count; i++) {
        const sentinel = await RedisServer.start({
          args: (dir, port) => {
            const file = join(dir, 'sentinel.conf');
            writeFileSync(
              file,
              [
                `port ${port}`,
                'bind 127.0.0.1',
                `dir ${dir}`,
                'loglevel warning',
                `sentinel monitor ${name} 127.0.0.1 ${primary.port} ${quorum}`,
                `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
                `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 3000}`,
                `sentinel parallel-syncs ${name} 1`,
                '',
              ].join('\n'),
            );
            return [file, '--sentinel'];
          },
        });
        sentinels.push(sentinel);
      }
      for (const sentinel of sentinels) {
        await waitFor(
          async () => {
            const replicas = (await command(sentinel.port, 'SENTINEL', 'REPLICAS', name)) as unknown[];
            const peers = (await command(sentinel.port, 'SENTINEL', 'SENTINELS', name)) as unknown[];
            const quorumOk = String(await command(sentinel.port, 'SENTINEL', 'CKQUORUM', name).catch((error: Error) => error.message));
            return { replicas: replicas.length, peers: peers.length, quorum: quorumOk };
          },
          (state) => state.replicas >= 1 && state.peers === count - 1 && state.quorum.startsWith('OK'),
          {
            message: `sentinel on port ${sentinel.port} knowing the replica and ${count - 1} other sentinels`,
            timeoutMs: READY_TIMEOUT_MS,
          },
        );
      }
    } catch (error) {
      await group.stop();
      throw error;
    }
    return group;
  }

  /** The port of the primary the sentinels name now (the first live sentinel that answers). */
  async primaryPort(): Promise<number> {
    for (const sentinel of this.sentinels) {
      if (!sentinel.alive) continue;
      const reply = await command(sentinel.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.name).catch(() => undefined);
      if (Array.isArray(reply) && reply.length === 2) return Number(reply[1]);
    }
    throw new Error('no sentinel names a primary');
  }

  /** The data server the sentinels name as primary now. */
  async primary(): Promise<RedisServer> {
    const port = await this.primaryPort();
    const server = this.servers.find((candidate) => candidate.port === port);
    if (!server) throw new Error(`the sentinels name port ${port}, not one of this group's servers`);
    return server;
  }

  /** SIGKILLs the current primary; resolves with it once it exited. */
  async killPrimary(): Promise<RedisServer> {
    const primary = await this.primary();
    await primary.kill();
    return primary;
  }

  /**
   * Waits (bounded) until the sentinels name a primary other than `formerPort` and that server says
   * it is a master; resolves with its port.
   */
  async waitForFailover(formerPort: number, timeoutMs = 30_000): Promise<number> {
    return waitFor(
      async () => {
        const port = await this.primaryPort();
        if (port === formerPort) return undefined;
        const role = (await command(port, 'ROLE')) as unknown[];
        return role[0] === 'master' ? port : undefined;
      },
      (port): port is number => port !== undefined,
      { message: `a primary other than port ${formerPort}`, timeoutMs, intervalMs: 50 },
    );
  }

  /** Ends every process (sentinels first, so none starts a failover meanwhile) and removes their directories. */
  async stop(): Promise<void> {
    await Promise.all(this.sentinels.map((sentinel) => sentinel.stop()));
    await Promise.all(this.servers.map((server) => server.stop()));
  }
}
