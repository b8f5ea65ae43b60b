import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/** Bounded timeouts: a Redis that stops answering fails a request within about two seconds. */
const CONNECT_TIMEOUT_MS = 2000;
const COMMAND_TIMEOUT_MS = 2000;
/** The longest wait between two reconnection attempts to one Redis (VOXLAY_REDIS_URL). */
export const MAX_RECONNECT_DELAY_MS = 2000;
/**
 * The same behind Sentinel: each attempt asks a sentinel for the current primary first, so trying
 * often is what brings a node to a newly promoted primary soon after a failover.
 */
const MAX_SENTINEL_RECONNECT_DELAY_MS = 500;

/** A sentinel's address. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/**
 * Where the cluster's Redis is: one server (VOXLAY_REDIS_URL), or the primary that Redis Sentinel
 * names for `name` (VOXLAY_REDIS_SENTINELS), followed to a replica promoted after a failover.
 */
export type RedisEndpoint =
  | { url: string }
  | {
      sentinels: SentinelAddress[];
      /** The master name of `sentinel monitor <name> ...`. */
      name: string;
      /** `requirepass` of the primary and replicas (VOXLAY_REDIS_PASSWORD). */
      password?: string | undefined;
      /** `requirepass` of the sentinels themselves (VOXLAY_REDIS_SENTINEL_PASSWORD). */
      sentinelPassword?: string | undefined;
    };

/** The endpoint for logs and errors: the URL (without a password) or the sentinels and master name. */
export function describeRedisEndpoint(endpoint: RedisEndpoint): string {
  if ('url' in endpoint) return endpoint.url.replace(/\/\/[^@/]*@/, '//***@');
  return `Redis Sentinel ${endpoint.sentinels.map(({ host, port }) => `${host}:${port}`).join(',')} (master ${endpoint.name})`;
}

/**
 * One ioredis connection of this node (`role` names it in CLIENT LIST and logs). It connects on
 * connectRedis(), reconnects by itself with a capped backoff, and fails commands after a bounded
 * time instead of queueing them forever. Behind Sentinel every (re)connection asks the sentinels
 * for the primary, checks that the server it reaches is one, and leaves a server that turned
 * read-only (demoted) or that the sentinels replaced (`+switch-master`).
 */
export function createRedisConnection(endpoint: RedisEndpoint, role: string, nodeId: string, logger: Logger): Redis {
  const common: RedisOptions = {
    lazyConnect: true,
    connectionName: `voxlay:${nodeId}:${role}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  };
  const redis =
    'url' in endpoint
      ? new Redis(endpoint.url, { ...common, retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS) })
      : new Redis({
          ...common,
          sentinels: endpoint.sentinels,
          name: endpoint.name,
          password: endpoint.password,
          sentinelPassword: endpoint.sentinelPassword,
          retryStrategy: (times) => Math.min(times * 100, MAX_SENTINEL_RECONNECT_DELAY_MS),
          sentinelRetryStrategy: (times) => Math.min(times * 100, MAX_SENTINEL_RECONNECT_DELAY_MS),
          // Subscribed to the sentinels' +switch-master: a primary that is cut off but alive is left too.
          failoverDetector: true,
          // A write reaching a replica (the old primary, demoted): reconnect to the primary and send it again.
          reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
        });
  let failing = false;
  redis.on('error', (error: Error) => {
    // Logged once per outage: ioredis emits an error on every failed reconnect attempt.
    if (!failing) logger.warn({ err: error, role }, 'redis connection error');
    failing = true;
  });
  redis.on('ready', () => {
    if (failing) logger.info({ role }, 'redis connection back');
    failing = false;
  });
  return redis;
}

/**
 * Connects; rejects when Redis is not reachable within `timeoutMs` (behind Sentinel ioredis would
 * otherwise go on asking unreachable sentinels for ever). The caller disconnects after a rejection.
 */
export async function connectRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not connected within ${timeoutMs} ms`)), timeoutMs);
  });
  const connecting = redis.connect();
  // Settles after the timeout too (the caller's disconnect ends it): never an unhandled rejection.
  connecting.catch(() => undefined);
  try {
    await Promise.race([connecting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT, or a hard disconnect when Redis does not answer within `timeoutMs`. */
export async function closeRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([
      redis.quit().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
