import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Bounded timeouts: a Redis that stops answering fails a request within about two seconds. */
const CONNECT_TIMEOUT_MS = 2000;
const COMMAND_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * One ioredis connection of this node (`role` names it in CLIENT LIST and logs). It connects on
 * connectRedis(), reconnects by itself with a capped backoff, and fails commands after a bounded
 * time instead of queueing them forever.
 */
export function createRedisConnection(url: string, role: string, nodeId: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: `voxlay:${nodeId}:${role}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
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

/** Connects (bounded by the connect timeout); rejects when Redis is not reachable. */
export async function connectRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await redis.connect();
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
