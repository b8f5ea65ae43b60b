// Voxlay core: the one client library for the PWA and the extension. Curated exports, by name.
export {
  ConnectionState,
  VoiceMode,
  VadSensitivity,
  type AudioDevice,
  type ChannelInfo,
  type ParticipantState,
  type VoiceSettings,
  type VoiceSessionState,
  type VoiceSessionEvents,
  type VoiceSessionControls,
} from './types';
export {
  createVoxlayClient,
  deriveUrls,
  type VoxlayClient,
  type VoxlayClientOptions,
  type VoxlayConnectionEvents,
} from './createVoxlayClient';
export { VoiceSession, type VoiceSessionOptions } from './VoiceSession';
export { prepareVoice } from './sessionPreparation';
export { NodeFailover, type NodeFailoverOptions } from './NodeFailover';
export { DEFAULT_JOIN_LIMITS, type JoinLimits } from './ChannelJoiner';
export { ErrorCode, VoxlayError, InvalidStateError } from './errors';
export { DefaultReconnectPolicy, DEFAULT_RETRY_DELAYS_MS, type ReconnectPolicy } from './reconnect';
export {
  SettingsStore,
  loadSettings,
  saveSettings,
  sanitizeSettings,
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  type SettingsStorage,
} from './settings';
export { memoryStorage } from './sessionSupport';
export { NAME_MAX_GRAPHEMES, graphemeCount, graphemes, truncateGraphemes, firstGrapheme, isolate } from './names';
export { VoiceActivityDetector, VAD_THRESHOLDS, rmsToDbfs, type VadOptions } from './vad';
export { isTransmitting, isGateOpen, type GateInput } from './gate';
export { canTransition } from './connectionState';
export { dbfsToLevel } from './levels';
export { bindPushToTalkKey } from './pushToTalk';
