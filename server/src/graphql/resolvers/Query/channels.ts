import { requireIdentity } from '../../../auth/access.js';
import { listChannels } from '../../../cluster/channelViews.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/**
 * Every channel of the service (clustered: those of every node). Token mode: a valid token, and only
 * the channels it names (all of them for `*` or admin).
 */
export const channels: NonNullable<QueryResolvers['channels']> = (_parent, _args, { services, principal }) => {
  requireIdentity(principal);
  return listChannels(services, principal);
};
