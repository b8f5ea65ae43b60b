import type { ConsumerResolvers } from '../__generated__/resolvers-types.js';

export const Consumer: ConsumerResolvers = {
  participantId: (consumer) => consumer.appData.participantId,
  producerParticipantId: (consumer) => consumer.appData.producerParticipantId,
  kind: () => 'AUDIO',
};
