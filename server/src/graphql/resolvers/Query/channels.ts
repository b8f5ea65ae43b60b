import { mayAccessChannel, requireIdentity } from '../../../auth/access.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Token mode: a valid token, and only the channels it names (all of them for `*` or admin). */
export const channels: NonNullable<QueryResolvers['channels']> = (_parent, _args, { services, principal }) => {
  requireIdentity(principal);
  return services.channels.list().filter((channel) => mayAccessChannel(principal, channel));
};
