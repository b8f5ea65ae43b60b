import type { ConsumerResolvers } from '../__generated__/resolvers-types.js';
import { requireOwnStatsOrAdmin, streamStats } from './streamStats.js';

export const Consumer: ConsumerResolvers = {
  participantId: (consumer) => consumer.appData.participantId,
  producerParticipantId: (consumer) => consumer.appData.producerParticipantId,
  /** The original producer's id (a consumer on another router of the channel consumes its pipe producer). */
  producerId: (consumer) => consumer.appData.producerId,
  kind: () => 'AUDIO',
  stats: (consumer, _args, context) => {
    requireOwnStatsOrAdmin(consumer.appData.participantId, context, 'Consumer');
    return streamStats(consumer, 'outbound-rtp');
  },
};
