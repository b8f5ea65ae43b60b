import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What a node says about itself in its heartbeat key. */
export interface NodeHeartbeat {
  id: string;
  url: string;
  channelCount: number;
  participantCount: number;
  /** The node's participant limit, and whether it admits joins now. */
  participantCapacity: number;
  acceptingJoins: boolean;
  /** Epoch ms of this beat. */
  at: number;
}

/** A node as listed: its last heartbeat, and whether that heartbeat is still within its TTL. */
export interface NodeInfo extends NodeHeartbeat {
  alive: boolean;
}

export interface NodeLoad {
  channelCount: number;
  participantCount: number;
  participantCapacity: number;
  acceptingJoins: boolean;
}

export interface NodeRegistryOptions {
  redis: Redis;
  nodeId: string;
  url: string;
  logger: Logger;
  /** This node's counts, read at every beat. */
  load: () => NodeLoad;
  /** How often the heartbeat is refreshed (500 ms). */
  heartbeatMs?: number | undefined;
  /** The heartbeat key's TTL: a node silent this long is dead (1500 ms). */
  ttlMs?: number | undefined;
}

export type NodeRegistryEvents = {
  /** A heartbeat could not be written (Redis unreachable); others may soon take this node's channels. */
  heartbeaterror: [Error];
};
