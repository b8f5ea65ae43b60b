import type { Logger } from 'pino';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';

export interface ClusterNodeOptions {
  /** redis://host:port shared by every node. */
  redisUrl: string;
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
