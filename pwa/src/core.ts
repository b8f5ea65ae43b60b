// The one place the PWA's first-load code imports core's logic from.
// Deep module paths on purpose: core's index also exports VoiceSession, and bundling it pulls
// mediasoup-client (~45 kB gzipped) into the lobby. VoiceSession is loaded lazily by
// sessionFactory.ts from '@voxlay/core'.
// TODO(core): subpath exports (e.g. '@voxlay/core/client') would replace these relative paths;
// Signaling, toVoxlayError and the Channels/CreateChannel documents are not exported at all yet.
export { createVoxlayClient, type VoxlayClient } from '../../core/src/createVoxlayClient';
export { ErrorCode, toVoxlayError } from '../../core/src/errors';
export { loadSettings, saveSettings, type SettingsStorage } from '../../core/src/settings';
export { bindPushToTalkKey } from '../../core/src/pushToTalk';
export { Signaling } from '../../core/src/signaling';
export { ChannelsDocument, CreateChannelDocument } from '../../core/src/graphql/__generated__/graphql';
export type { ChannelsQuery } from '../../core/src/graphql/__generated__/graphql';
export type {
  VoiceMode,
  VoiceSessionControls,
  VoiceSessionState,
  VoiceSettings,
} from '../../core/src/types';
