import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const restartIce: NonNullable<MutationResolvers['restartIce']> = (_parent, { transportId }, context) => {
  const session = requireSession(context);
  return session.requireParticipant().restartIce(session.ownTransport(transportId));
};
