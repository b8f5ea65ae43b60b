import { notFound } from '../../../errors.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireConnection } from '../../context.js';

/** A paused consumer of another participant's stream in the same channel (sfu/Channel.watch). */
export const watchStream: NonNullable<MutationResolvers['watchStream']> = (_parent, { producerId }, context) => {
  const connection = requireConnection(context);
  const viewer = connection.requireParticipant();
  const channel = context.services.channels.get(viewer.channelId);
  if (!channel) throw notFound('Producer', producerId);
  return channel.watch(viewer, producerId);
};
