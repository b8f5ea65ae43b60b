import { parseDtlsParameters } from '../../../sfu/validation.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

export const connectTransport: NonNullable<MutationResolvers['connectTransport']> = async (
  _parent,
  { transportId, dtlsParameters },
  context,
) => {
  const connection = requireConnection(context);
  const transport = connection.ownTransport(transportId);
  await connection.requireParticipant().connectTransport(transport, parseDtlsParameters(dtlsParameters));
  return transport;
};
