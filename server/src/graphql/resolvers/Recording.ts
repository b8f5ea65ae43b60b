import { requireChannelAccess } from '../../auth/access.js';
import type { RecordingFileResolvers, RecordingResolvers } from '../__generated__/resolvers-types.js';

/** The files of a recording, each with a signed download link: the `record` (or `admin`) right for its channel. */
export const Recording: RecordingResolvers = {
  files: (recording, _args, { principal }) => {
    requireChannelAccess(principal, { id: recording.channelId, name: recording.channelName }, 'record');
    return recording.files;
  },
};

/** A file's link: signed for a few minutes (RecordingLinks), so a browser can fetch it directly. */
export const RecordingFile: RecordingFileResolvers = {
  url: (file, _args, { services }) => services.recordingLinks.url(file.recordingId, file.name),
};
