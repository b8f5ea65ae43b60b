import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';
import { iceServersFor } from '../../iceServers.js';

/** Fresh TURN credentials for the joined participant of this connection (asked with each ICE restart). */
export const renewIceServers: NonNullable<MutationResolvers['renewIceServers']> = (_parent, _args, context) => {
  const connection = requireConnection(context);
  return iceServersFor(context.services, connection, connection.requireParticipant());
};
