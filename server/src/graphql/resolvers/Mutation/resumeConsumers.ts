import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

/** Every id is checked before any consumer changes. */
export const resumeConsumers: NonNullable<MutationResolvers['resumeConsumers']> = (_parent, { consumerIds }, context) => {
  const session = requireSession(context);
  const consumers = consumerIds.map((id) => session.ownConsumer(id));
  return session.requireParticipant().setConsumersPaused(consumers, false);
};
