import { lookUpChannel, requireIdentity } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import { RemoteChannel } from '../../../cluster/RemoteChannel.js';
import { ErrorCode, notFound, voxlayError } from '../../../errors.js';
import type { Channel } from '../../../sfu/Channel.js';
import type { GraphQLContext } from '../../context.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { summarize } from '../../../recording/RecordingRegistry.js';

/**
 * The channel a recording operation names, hosted here. Token mode: `record` or `admin` for it
 * (FORBIDDEN before the id is looked at, see lookUpChannel); NOT_FOUND for an unknown id;
 * RECORDING_UNAVAILABLE (CLUSTERED) for a channel another node hosts.
 */
export async function recordableChannel({ services, principal }: GraphQLContext, channelId: string): Promise<Channel> {
  const channel = await lookUpChannel(principal, channelId, (id) => findChannel(services, id), 'record');
  if (!channel) throw notFound('Channel', channelId);
  if (channel instanceof RemoteChannel) {
    throw voxlayError(ErrorCode.RECORDING_UNAVAILABLE, `channel ${channelId} is hosted on another node: start the recording there`, {
      reason: 'CLUSTERED',
    });
  }
  return channel;
}

/** Starts recording a channel (see schema.graphql); everybody in it receives RecordingStarted. */
export const startRecording: NonNullable<MutationResolvers['startRecording']> = async (_parent, { channelId }, context) => {
  const channel = await recordableChannel(context, channelId);
  const identity = requireIdentity(context.principal);
  return summarize(context.services.recordings.start(channel, identity?.subject ?? null).manifest());
};
