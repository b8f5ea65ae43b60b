import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const channels: NonNullable<QueryResolvers['channels']> = (_parent, _args, { services }) => services.channels.list();
