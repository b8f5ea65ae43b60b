import type { ConsumerResolvers } from '../__generated__/resolvers-types.js';
import type { ConsumerModel } from '../models.js';
import { requireOwnStatsOrAdmin, streamStats } from './streamStats.js';

/** Only simulcast and SVC consumers have layers to choose between. */
const hasLayers = (consumer: ConsumerModel): boolean => consumer.type === 'simulcast' || consumer.type === 'svc';

export const Consumer: ConsumerResolvers = {
  participantId: (consumer) => consumer.appData.participantId,
  producerParticipantId: (consumer) => consumer.appData.producerParticipantId,
  /** The original producer's id (a consumer on another router of the channel consumes its pipe producer). */
  producerId: (consumer) => consumer.appData.producerId,
  kind: (consumer) => (consumer.kind === 'video' ? 'VIDEO' : 'AUDIO'),
  source: (consumer) => consumer.appData.source,
  type: (consumer) => consumer.type.toUpperCase() as 'SIMPLE' | 'SIMULCAST' | 'SVC' | 'PIPE',
  preferredLayers: (consumer) => (hasLayers(consumer) ? (consumer.preferredLayers ?? null) : null),
  currentLayers: (consumer) => (hasLayers(consumer) ? (consumer.currentLayers ?? null) : null),
  stats: (consumer, _args, context) => {
    requireOwnStatsOrAdmin(consumer.appData.participantId, context, 'Consumer');
    return streamStats(consumer, 'outbound-rtp');
  },
};
