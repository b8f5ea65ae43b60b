import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Deafen (or a locally muted participant); every id is checked before any consumer changes. */
export const pauseConsumers: NonNullable<MutationResolvers['pauseConsumers']> = (_parent, { consumerIds }, context) => {
  const connection = requireConnection(context);
  const consumers = consumerIds.map((id) => connection.ownConsumer(id));
  return connection.requireParticipant().setConsumersPaused(consumers, true);
};
