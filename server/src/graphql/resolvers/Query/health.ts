import { healthSnapshot } from '../../../health.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const health: NonNullable<QueryResolvers['health']> = (_parent, _args, { services }) => healthSnapshot(services);
