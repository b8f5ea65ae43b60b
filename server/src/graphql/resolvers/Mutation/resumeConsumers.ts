import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Every id is checked before any consumer changes. */
export const resumeConsumers: NonNullable<MutationResolvers['resumeConsumers']> = (_parent, { consumerIds }, context) => {
  const connection = requireConnection(context);
  const consumers = consumerIds.map((id) => connection.ownConsumer(id));
  return connection.requireParticipant().setConsumersPaused(consumers, false);
};
