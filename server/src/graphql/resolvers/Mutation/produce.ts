import { parseRtpParameters } from '../../../sfu/validation.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const produce: NonNullable<MutationResolvers['produce']> = (_parent, { input }, context) => {
  const connection = requireConnection(context);
  const transport = connection.ownTransport(input.transportId);
  return connection.requireParticipant().produce(transport, {
    kind: input.kind,
    source: input.source ?? undefined,
    rtpParameters: parseRtpParameters(input.rtpParameters),
    paused: input.paused ?? false,
  });
};
