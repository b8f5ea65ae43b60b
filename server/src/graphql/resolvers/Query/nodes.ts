import { requireIdentity } from '../../../auth/access.js';
import { listNodes } from '../../../cluster/channelViews.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** The live nodes of the service (this one alone when not clustered). Token mode: a valid token. */
export const nodes: NonNullable<QueryResolvers['nodes']> = (_parent, _args, { services, principal }) => {
  requireIdentity(principal);
  return listNodes(services);
};
