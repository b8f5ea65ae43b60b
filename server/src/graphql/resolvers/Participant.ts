import type { ParticipantResolvers } from '../__generated__/resolvers-types.js';

/** Every field is a property or getter of sfu/Participant (muted: no producer or paused). */
export const Participant: ParticipantResolvers = {
  joinedAt: (participant) => participant.joinedAt,
};
