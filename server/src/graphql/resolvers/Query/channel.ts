import { lookUpChannel } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/**
 * Any channel of the service, wherever it is hosted. Token mode: UNAUTHENTICATED without a valid
 * token and FORBIDDEN for a channel the token does not grant, before and whatever the lookup finds
 * (an unknown id answers like one that exists); null only to those who may see every channel.
 */
export const channel: NonNullable<QueryResolvers['channel']> = async (_parent, { id }, { services, principal }) =>
  (await lookUpChannel(principal, id, (channelId) => findChannel(services, channelId))) ?? null;
