import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Mute: everybody in the channel sees MuteChanged. */
export const pauseProducer: NonNullable<MutationResolvers['pauseProducer']> = (_parent, { producerId }, context) => {
  const connection = requireConnection(context);
  return connection.requireParticipant().setProducerPaused(connection.ownProducer(producerId), true);
};
