import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const closeProducer: NonNullable<MutationResolvers['closeProducer']> = (_parent, { producerId }, context) => {
  const session = requireSession(context);
  session.requireParticipant().closeProducer(session.ownProducer(producerId));
  return true;
};
