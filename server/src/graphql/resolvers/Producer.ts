import type { ProducerResolvers } from '../__generated__/resolvers-types.js';
import { requireOwnStatsOrAdmin, streamStats } from './streamStats.js';

export const Producer: ProducerResolvers = {
  participantId: (producer) => producer.appData.participantId,
  kind: (producer) => (producer.kind === 'video' ? 'VIDEO' : 'AUDIO'),
  source: (producer) => producer.appData.source,
  stats: (producer, _args, context) => {
    requireOwnStatsOrAdmin(producer.appData.participantId, context, 'Producer');
    // A ProducerSnapshot (a producer on another node, from a cluster event) has no worker here.
    return 'getStats' in producer ? streamStats(producer, 'inbound-rtp') : null;
  },
};
