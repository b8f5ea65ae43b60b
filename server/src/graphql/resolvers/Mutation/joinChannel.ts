import { transportOptions } from '../../../sfu/Participant.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const joinChannel: NonNullable<MutationResolvers['joinChannel']> = async (_parent, { input }, context) => {
  const { participant, consumers, seq, resumeToken } = await requireSession(context).join(input);
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
  };
};
