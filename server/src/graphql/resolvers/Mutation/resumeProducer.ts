import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Unmute: everybody in the channel sees MuteChanged. */
export const resumeProducer: NonNullable<MutationResolvers['resumeProducer']> = (_parent, { producerId }, context) => {
  const connection = requireConnection(context);
  return connection.requireParticipant().setProducerPaused(connection.ownProducer(producerId), false);
};
