// The one place the PWA's first-load code imports core's logic from.
// Subpath exports on purpose: core's index also exports VoiceSession, and bundling it pulls
// mediasoup-client (~45 kB gzipped) into the lobby. VoiceSession is loaded lazily by
// sessionFactory.ts from '@voxlay/core'.
export { createVoxlayClient, type VoxlayClient } from '@voxlay/core/client';
export { ErrorCode, toVoxlayError } from '@voxlay/core/errors';
export { isolate } from '@voxlay/core/names';
export { SettingsStore, type SettingsStorage } from '@voxlay/core/settings';
export { bindPushToTalkKey } from '@voxlay/core/push-to-talk';
export { Signaling } from '@voxlay/core/signaling';
export { ChannelsDocument, CreateChannelDocument, type ChannelsQuery } from '@voxlay/core/graphql';
export type { VoiceMode, ChannelControls, ChannelState, VoiceSettings } from '@voxlay/core/types';
