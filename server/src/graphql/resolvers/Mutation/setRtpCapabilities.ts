import { parseRtpCapabilities } from '../../../sfu/validation.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const setRtpCapabilities: NonNullable<MutationResolvers['setRtpCapabilities']> = async (_parent, { rtpCapabilities }, context) => {
  const participant = requireConnection(context).requireParticipant();
  const channel = context.services.channels.get(participant.channelId);
  if (!channel) throw new Error('participant channel vanished');
  participant.setRtpCapabilities(parseRtpCapabilities(rtpCapabilities));
  return channel.consumeExisting(participant);
};
