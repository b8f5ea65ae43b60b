import type { Logger } from 'pino';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { RedisEndpoint } from './redis.js';

export interface ClusterNodeOptions {
  /** The Redis every node shares: one server, or the primary named by Redis Sentinel. */
  redis: RedisEndpoint;
  nodeId: string;
  /** This node's local channels (the sfu side). */
  channels: ChannelRegistry;
  logger: Logger;
  /** Recorded with the channels this node registers (Channel.lastN seen from other nodes). */
  lastN: number;
  /** Heartbeat period and TTL (500 / 1500 ms), sweep period (500 ms). */
  heartbeatMs?: number | undefined;
  heartbeatTtlMs?: number | undefined;
  sweepMs?: number | undefined;
}
