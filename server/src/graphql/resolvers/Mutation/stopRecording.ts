import { summarize } from '../../../recording/RecordingRegistry.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { recordableChannel } from './startRecording.js';

/** Stops the channel's running recording (RecordingStopped, reason STOPPED); NOT_FOUND when none runs. */
export const stopRecording: NonNullable<MutationResolvers['stopRecording']> = async (_parent, { channelId }, context) => {
  const channel = await recordableChannel(context, channelId);
  return summarize(context.services.recordings.stop(channel.id).manifest());
};
