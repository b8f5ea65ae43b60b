import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Closes this participant's consumer of a stream it watches; false when it watched none. */
export const stopWatching: NonNullable<MutationResolvers['stopWatching']> = (_parent, { producerId }, context) =>
  requireConnection(context).requireParticipant().stopWatching(producerId);
