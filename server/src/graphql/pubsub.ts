import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { eventSerializer } from '../cluster/lobbyEventWire.js';
import { NodeEventTarget } from '../cluster/NodeEventTarget.js';
import type { ChannelEventModel, LobbyMessageModel } from './models.js';

/** Typed topics: public channel events, keyed by channel id; what lobbies follow, one topic for every channel. */
export type VoxlayPubSubTopics = {
  channelEvent: [channelId: string, payload: ChannelEventModel];
  lobbyEvent: [payload: LobbyMessageModel];
};

/** Cluster mode: the Redis connections the events travel over, so every node sees every channel's events. */
export interface PubSubRedis {
  /** This node's id: its own events reach its subscribers in process (NodeEventTarget). */
  nodeId: string;
  publishClient: Redis;
  subscribeClient: Redis;
  logger: Logger;
}

/**
 * In memory on a single server. In cluster mode, in process for this node's subscribers and over
 * Redis pub/sub for the other nodes' (NodeEventTarget; events are serialized as plain JSON:
 * cluster/channelEventWire.ts, cluster/lobbyEventWire.ts). A publish Redis refuses is logged, never
 * an unhandled rejection.
 */
export function createVoxlayPubSub(redis?: PubSubRedis) {
  if (!redis) return createPubSub<VoxlayPubSubTopics>();
  const { nodeId, publishClient, subscribeClient, logger } = redis;
  const eventTarget = new NodeEventTarget({
    nodeId,
    publishClient: guarded(publishClient, ['publish'], logger),
    subscribeClient: guarded(subscribeClient, ['subscribe', 'unsubscribe'], logger),
    serializer: eventSerializer,
  });
  return createPubSub<VoxlayPubSubTopics>({ eventTarget });
}

export type VoxlayPubSub = ReturnType<typeof createVoxlayPubSub>;

/**
 * The Redis client with `methods` whose promise the event target drops (fire and forget) turned into
 * calls that log a failure: Redis being away must not surface as unhandled rejections.
 */
function guarded(redis: Redis, methods: ReadonlyArray<'publish' | 'subscribe' | 'unsubscribe'>, logger: Logger): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      if (!methods.includes(property as 'publish')) return Reflect.get(target, property, receiver) as unknown;
      const method = property as 'publish' | 'subscribe' | 'unsubscribe';
      const call = target[method] as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) =>
        call.apply(target, args).catch((error: unknown) => {
          logger.warn({ err: error, topic: args[0] }, `redis ${method} of a channel event failed`);
          return 0;
        });
    },
  });
}
