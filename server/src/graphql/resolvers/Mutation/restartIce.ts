import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const restartIce: NonNullable<MutationResolvers['restartIce']> = (_parent, { transportId }, context) => {
  const connection = requireConnection(context);
  return connection.requireParticipant().restartIce(connection.ownTransport(transportId));
};
