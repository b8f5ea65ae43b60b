import { consumerOptions } from '../../../sfu/ParticipantConsumers.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** Rebinds a participant in its disconnect grace period to this connection (Connection.resume). */
export const resumeParticipant: NonNullable<MutationResolvers['resumeParticipant']> = (_parent, { resumeToken }, context) => {
  const participant = requireConnection(context).resume(resumeToken);
  const channel = context.services.channels.get(participant.channelId);
  if (!channel) throw new Error('resumed participant channel vanished');
  return {
    participant,
    channel,
    seq: participant.outbox.seq,
    consumers: participant.consumers.map(consumerOptions),
  };
};
