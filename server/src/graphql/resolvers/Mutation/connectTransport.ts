import { parseDtlsParameters } from '../../../sfu/validation.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireSession } from '../../context.js';

export const connectTransport: NonNullable<MutationResolvers['connectTransport']> = async (
  _parent,
  { transportId, dtlsParameters },
  context,
) => {
  const session = requireSession(context);
  const transport = session.ownTransport(transportId);
  await session.requireParticipant().connectTransport(transport, parseDtlsParameters(dtlsParameters));
  return transport;
};
