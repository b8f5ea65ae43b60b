import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

/** Deafen (or a locally muted participant); every id is checked before any consumer changes. */
export const pauseConsumers: NonNullable<MutationResolvers['pauseConsumers']> = (_parent, { consumerIds }, context) => {
  const session = requireSession(context);
  const consumers = consumerIds.map((id) => session.ownConsumer(id));
  return session.requireParticipant().setConsumersPaused(consumers, true);
};
