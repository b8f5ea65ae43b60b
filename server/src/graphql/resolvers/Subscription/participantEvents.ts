import type { ParticipantEventData } from '../../../sfu/ChannelTypes.js';
import type { OutboxMessage } from '../../../sfu/EventOutbox.js';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/**
 * Only for the participant bound to this connection (else FORBIDDEN). Replays the outbox after
 * `afterSeq`, then live events; completes when the participant closes.
 */
export const participantEvents: NonNullable<SubscriptionResolvers['participantEvents']> = {
  subscribe: (_parent, { participantId, afterSeq }, context) => {
    // The connection ends the stream when another connection resumes the participant (resumeParticipant).
    return requireConnection(context).subscribeEvents(participantId, afterSeq);
  },
  resolve: (message: OutboxMessage<ParticipantEventData>) => message,
};
