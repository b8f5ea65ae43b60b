import type { Connection } from '../connection/Connection.js';
import type { Participant } from '../sfu/Participant.js';
import type { IceServerModel } from '../turn/TurnCredentials.js';
import type { AppServices } from './context.js';

/**
 * The ICE servers for a connection's participant (JoinChannelPayload.iceServers, renewIceServers):
 * TURN credentials named after the token's subject in token mode (one person, whichever join), the
 * participant id in open mode; none when the server has no TURN configured.
 */
export function iceServersFor(services: AppServices, connection: Connection, participant: Participant): IceServerModel[] {
  const turn = services.turn;
  if (!turn) return [];
  const principal = connection.principal;
  const subject = principal.mode === 'token' ? principal.identity?.subject : undefined;
  return turn.iceServersFor(subject ?? participant.id);
}
