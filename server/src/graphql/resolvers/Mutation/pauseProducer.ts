import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

/** Mute: everybody in the channel sees MuteChanged. */
export const pauseProducer: NonNullable<MutationResolvers['pauseProducer']> = (_parent, { producerId }, context) => {
  const session = requireSession(context);
  return session.requireParticipant().setProducerPaused(session.ownProducer(producerId), true);
};
