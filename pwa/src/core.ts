// The one place the PWA's first-load code imports core's logic from.
// Subpath exports on purpose: core's index also exports Channel, and bundling it pulls
// mediasoup-client (~45 kB gzipped) into the lobby. voxlay.ts loads '@voxlay/core' lazily (the
// PWA's one lazy chunk); elsewhere the PWA imports only its types.
export { createVoxlayClient, type VoxlayClient } from '@voxlay/core/client';
export { ErrorCode, toVoxlayError } from '@voxlay/core/errors';
export { isolate } from '@voxlay/core/names';
export { SettingsStore, type SettingsStorage } from '@voxlay/core/settings';
export { bindPushToTalkKey } from '@voxlay/core/push-to-talk';
export { Signaling } from '@voxlay/core/signaling';
export { Lobby, type CreatedChannel, type LobbyChannel, type LobbyState } from '@voxlay/core/lobby';
export type { AudioDevice, VoiceMode, ChannelState, VoiceSettings } from '@voxlay/core/types';
export { localCallControls } from '@voxlay/core/commands';
export { toAudioDevices } from '@voxlay/core/devices';
export { MicrophoneTest } from '@voxlay/core/microphone-test';
