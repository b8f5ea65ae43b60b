import { requireAdmin } from '../../auth/access.js';
import type { ChannelResolvers } from '../__generated__/resolvers-types.js';

export const Channel: ChannelResolvers = {
  routerId: (channel) => channel.router.id,
  /** Operator view: the admin right in token mode. */
  worker: (channel, _args, { principal }) => {
    requireAdmin(principal, 'Channel.worker');
    return channel.worker;
  },
};
