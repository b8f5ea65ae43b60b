import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const createChannel: NonNullable<MutationResolvers['createChannel']> = (_parent, { input }, { services }) =>
  services.channels.create(input.name);
