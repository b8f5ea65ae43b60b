import { requireAdmin } from '../../../auth/access.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Operator view: the admin right in token mode. */
export const workers: NonNullable<QueryResolvers['workers']> = (_parent, _args, { services, principal }) => {
  requireAdmin(principal, 'workers');
  return services.pool.workers;
};
