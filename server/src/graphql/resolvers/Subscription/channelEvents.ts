import { notFound } from '../../../errors.js';
import type { ChannelEventData } from '../../../sfu/ChannelTypes.js';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';

export const channelEvents: NonNullable<SubscriptionResolvers['channelEvents']> = {
  subscribe: (_parent, { channelId }, { services }) => {
    if (!services.channels.get(channelId)) throw notFound('Channel', channelId);
    return services.pubsub.subscribe('channelEvent', channelId);
  },
  resolve: (payload: ChannelEventData) => payload,
};
