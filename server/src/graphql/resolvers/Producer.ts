import type { ProducerResolvers } from '../__generated__/resolvers-types.js';

export const Producer: ProducerResolvers = {
  participantId: (producer) => producer.appData.participantId,
  kind: () => 'AUDIO',
};
