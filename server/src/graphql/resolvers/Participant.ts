import { isAdmin, requireIdentity } from '../../auth/access.js';
import { notAllowed } from '../../errors.js';
import type { ParticipantModel } from '../models.js';
import type { GraphQLContext } from '../context.js';
import type { ParticipantResolvers } from '../__generated__/resolvers-types.js';

/**
 * The media objects of a participant: its own connection's, or anybody's for an operator (admin in
 * token mode; everybody in open mode). FORBIDDEN otherwise.
 */
function requireOwnOrAdmin(participant: ParticipantModel, { connection, principal }: GraphQLContext, field: string): void {
  if (connection?.participant === participant) return;
  requireIdentity(principal);
  if (!isAdmin(principal)) throw notAllowed(`Participant.${field} of another participant needs the admin right`);
}

/** Every other field is a property or getter of sfu/Participant (muted: no producer or paused). */
export const Participant: ParticipantResolvers = {
  joinedAt: (participant) => participant.joinedAt,
  qualityLevel: (participant) => participant.quality?.level ?? 'UNKNOWN',
  transports: (participant, _args, context) => {
    requireOwnOrAdmin(participant, context, 'transports');
    return participant.transports;
  },
  producers: (participant, _args, context) => {
    requireOwnOrAdmin(participant, context, 'producers');
    return participant.producers;
  },
  consumers: (participant, _args, context) => {
    requireOwnOrAdmin(participant, context, 'consumers');
    return participant.consumers;
  },
};
