import { requireChannelAccess } from '../../../auth/access.js';
import { notFound } from '../../../errors.js';
import type { ChannelEventData } from '../../../sfu/ChannelTypes.js';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';

/** Token mode: a valid token that names the channel. */
export const channelEvents: NonNullable<SubscriptionResolvers['channelEvents']> = {
  subscribe: (_parent, { channelId }, { services, principal }) => {
    const channel = services.channels.get(channelId);
    if (!channel) throw notFound('Channel', channelId);
    requireChannelAccess(principal, channel);
    return services.pubsub.subscribe('channelEvent', channelId);
  },
  resolve: (payload: ChannelEventData) => payload,
};
