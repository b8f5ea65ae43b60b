import { transportOptions } from '../../../sfu/Participant.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';
import { iceServersFor } from '../../iceServers.js';

/**
 * Clustered: a channel hosted on another live node answers WRONG_NODE (`extensions.nodeUrl`); one whose
 * node died is claimed and hosted here first (or UNAVAILABLE while another node claims it).
 */
export const joinChannel: NonNullable<MutationResolvers['joinChannel']> = async (_parent, { input }, context) => {
  const connection = requireConnection(context);
  await context.services.cluster?.routeJoin(input.channelId, connection.principal);
  const { participant, consumers, seq, resumeToken } = await connection.join(input);
  const channel = context.services.channels.get(participant.channelId);
  if (!channel) throw new Error('joined channel vanished');
  return {
    participant,
    channel,
    routerRtpCapabilities: participant.router.rtpCapabilities,
    sendTransport: transportOptions(participant.sendTransport),
    recvTransport: transportOptions(participant.recvTransport),
    consumers,
    seq,
    resumeToken,
    iceServers: iceServersFor(context.services, connection, participant),
  };
};
