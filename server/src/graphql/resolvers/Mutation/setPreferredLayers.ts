import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** The best layers one of this participant's consumers should receive (sfu/Participant.setPreferredLayers). */
export const setPreferredLayers: NonNullable<MutationResolvers['setPreferredLayers']> = (
  _parent,
  { consumerId, spatialLayer, temporalLayer },
  context,
) => {
  const connection = requireConnection(context);
  const consumer = connection.ownConsumer(consumerId);
  return connection.requireParticipant().setPreferredLayers(consumer, { spatialLayer, temporalLayer: temporalLayer ?? undefined });
};
