import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Caps what this participant receives (sfu/Participant.setReceiveBitrate); returns the cap in force. */
export const setReceiveBitrate: NonNullable<MutationResolvers['setReceiveBitrate']> = (_parent, { bitsPerSecond }, context) =>
  requireConnection(context)
    .requireParticipant()
    .setReceiveBitrate(bitsPerSecond ?? null);
