import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

/** Unmute: everybody in the channel sees MuteChanged. */
export const resumeProducer: NonNullable<MutationResolvers['resumeProducer']> = (_parent, { producerId }, context) => {
  const session = requireSession(context);
  return session.requireParticipant().setProducerPaused(session.ownProducer(producerId), false);
};
