import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const channel: NonNullable<QueryResolvers['channel']> = (_parent, { id }, { services }) =>
  services.channels.get(id) ?? null;
