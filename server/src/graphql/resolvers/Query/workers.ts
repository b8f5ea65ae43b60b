import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const workers: NonNullable<QueryResolvers['workers']> = (_parent, _args, { services }) => services.pool.workers;
