import { requireAdmin } from '../../../auth/access.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

/**
 * Token mode: the admin right. Open mode: anybody, up to the channel limit (LIMIT_EXCEEDED).
 * Clustered: the name is unique in the whole cluster and the channel is hosted on this node.
 */
export const createChannel: NonNullable<MutationResolvers['createChannel']> = (_parent, { input }, { services, principal }) => {
  requireAdmin(principal, 'createChannel');
  return services.cluster ? services.cluster.createChannel(input.name) : services.channels.create(input.name);
};
