import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const closeProducer: NonNullable<MutationResolvers['closeProducer']> = (_parent, { producerId }, context) => {
  const connection = requireConnection(context);
  connection.requireParticipant().closeProducer(connection.ownProducer(producerId));
  return true;
};
