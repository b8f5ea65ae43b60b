import type { Logger } from 'pino';
import type { Channel } from '../sfu/Channel.js';
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

export type ClusterNodeEvents = {
  /** A channel is now hosted here (created, claimed after its node died, or claimed by a join). */
  channelhosted: [Channel];
  /** Another node hosts a channel this node held (it was cut off from Redis meanwhile). */
  channellost: [string];
};
