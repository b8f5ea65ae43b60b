import type { ChannelResolvers } from '../__generated__/resolvers-types.js';

export const Channel: ChannelResolvers = {
  routerId: (channel) => channel.router.id,
};
