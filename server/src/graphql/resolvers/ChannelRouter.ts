import type { ChannelRouterResolvers } from '../__generated__/resolvers-types.js';

/** Every field is a property or getter of sfu/ChannelRouter (reached through the admin-only Channel.routers). */
export const ChannelRouter: ChannelRouterResolvers = {
  id: (router) => router.id,
};
