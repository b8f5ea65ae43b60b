import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';
import { badUserInput } from '../../../errors.js';

/** Deafened, listen-only, voice mode, self-muted: everybody in the channel sees ParticipantStateChanged. */
export const setParticipantState: NonNullable<MutationResolvers['setParticipantState']> = (_parent, { input }, context) => {
  const connection = requireConnection(context);
  const participant = connection.requireParticipant();
  const patch = {
    ...(typeof input.selfMuted === 'boolean' ? { selfMuted: input.selfMuted } : {}),
    ...(typeof input.deafened === 'boolean' ? { deafened: input.deafened } : {}),
    ...(typeof input.listenOnly === 'boolean' ? { listenOnly: input.listenOnly } : {}),
    ...(input.voiceMode ? { voiceMode: input.voiceMode } : {}),
  };
  if (Object.keys(patch).length === 0)
    throw badUserInput('setParticipantState needs at least one of selfMuted, deafened, listenOnly, voiceMode');
  participant.setState(patch);
  return participant;
};
