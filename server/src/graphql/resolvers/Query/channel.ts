import { requireChannelAccess } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Any channel of the service, wherever it is hosted. Token mode: a valid token that names the channel (else FORBIDDEN). */
export const channel: NonNullable<QueryResolvers['channel']> = async (_parent, { id }, { services, principal }) => {
  const found = await findChannel(services, id);
  if (found) requireChannelAccess(principal, found);
  return found ?? null;
};
