import { parseRtpParameters } from '../../../sfu/validation.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const produce: NonNullable<MutationResolvers['produce']> = (_parent, { input }, context) => {
  const session = requireSession(context);
  const transport = session.ownTransport(input.transportId);
  return session.requireParticipant().produce(transport, {
    kind: input.kind,
    rtpParameters: parseRtpParameters(input.rtpParameters),
    paused: input.paused ?? false,
  });
};
