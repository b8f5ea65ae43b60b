import { createPubSub } from 'graphql-yoga';
import type { ChannelEventData } from '../sfu/ChannelTypes.js';

/** Typed topics: public channel events, keyed by channel id. */
export type VoxlayPubSubTopics = {
  channelEvent: [channelId: string, payload: ChannelEventData];
};

export function createVoxlayPubSub() {
  return createPubSub<VoxlayPubSubTopics>();
}

export type VoxlayPubSub = ReturnType<typeof createVoxlayPubSub>;
