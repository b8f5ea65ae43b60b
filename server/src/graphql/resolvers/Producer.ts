import type { ProducerResolvers } from '../__generated__/resolvers-types.js';
import { requireOwnStatsOrAdmin, streamStats } from './streamStats.js';

export const Producer: ProducerResolvers = {
  participantId: (producer) => producer.appData.participantId,
  kind: (producer) => (producer.kind === 'video' ? 'VIDEO' : 'AUDIO'),
  source: (producer) => producer.appData.source,
  viewerIds: (producer, _args, context) => {
    // A ProducerSnapshot (another node's) is not watched here; a microphone is not watched at all.
    if (!('getStats' in producer) || producer.appData.source === 'MICROPHONE') return [];
    const participantId = producer.appData.participantId;
    for (const channel of context.services.channels.list()) {
      if (channel.participant(participantId)) return channel.viewersOf(producer.id);
    }
    return [];
  },
  stats: (producer, _args, context) => {
    requireOwnStatsOrAdmin(producer.appData.participantId, context, 'Producer');
    // A ProducerSnapshot (a producer on another node, from a cluster event) has no worker here.
    return 'getStats' in producer ? streamStats(producer, 'inbound-rtp') : null;
  },
};
