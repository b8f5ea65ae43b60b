import { lookUpChannel } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import { notFound } from '../../../errors.js';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import type { ChannelEventModel } from '../../models.js';

/** Token mode: a valid token that grants the channel, checked before the id is looked up (see Query.channel). */
export const channelEvents: NonNullable<SubscriptionResolvers['channelEvents']> = {
  subscribe: async (_parent, { channelId }, { services, principal }) => {
    // Clustered: a channel of any node (its events come over Redis).
    const channel = await lookUpChannel(principal, channelId, (id) => findChannel(services, id));
    if (!channel) throw notFound('Channel', channelId);
    return services.pubsub.subscribe('channelEvent', channelId);
  },
  resolve: (payload: ChannelEventModel) => payload,
};
