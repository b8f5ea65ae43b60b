import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const me: NonNullable<QueryResolvers['me']> = (_parent, _args, { connection }) => connection?.participant ?? null;
