import { transportOptions } from '../../../sfu/Participant.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';
import { iceServersFor } from '../../iceServers.js';

/**
 * Clustered: a channel hosted on another live node answers WRONG_NODE (`extensions.nodeUrl`); one whose
 * node died is claimed and hosted here first (or UNAVAILABLE while another node claims it).
 */
export const joinChannel: NonNullable<MutationResolvers['joinChannel']> = async (_parent, { input }, context) => {
  const session = requireSession(context);
  await context.services.cluster?.routeJoin(input.channelId, session.principal);
  const { participant, consumers, seq, resumeToken } = await session.join(input);
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
    iceServers: iceServersFor(context.services, session, participant),
  };
};
