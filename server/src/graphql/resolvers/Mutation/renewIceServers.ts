import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';
import { iceServersFor } from '../../iceServers.js';

/** Fresh TURN credentials for the joined participant of this connection (asked with each ICE restart). */
export const renewIceServers: NonNullable<MutationResolvers['renewIceServers']> = (_parent, _args, context) => {
  const session = requireSession(context);
  return iceServersFor(context.services, session, session.requireParticipant());
};
