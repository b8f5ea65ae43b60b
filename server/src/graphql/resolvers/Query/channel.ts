import { requireChannelAccess } from '../../../auth/access.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Token mode: a valid token that names the channel (else FORBIDDEN). */
export const channel: NonNullable<QueryResolvers['channel']> = (_parent, { id }, { services, principal }) => {
  const found = services.channels.get(id);
  if (found) requireChannelAccess(principal, found);
  return found ?? null;
};
