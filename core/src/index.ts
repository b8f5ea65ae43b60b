// Voxlay core: the one client library for the PWA and the extension. Curated exports, by name.
// Subpath exports (package.json "exports") let a first-load bundle take what it needs without
// mediasoup-client: './client', './errors', './settings', './names', './push-to-talk', './types',
// './commands', './graphql', './signaling', './lobby', './ui'.
export {
  ConnectionState,
  TroubleKind,
  MicrophoneStatus,
  VoiceMode,
  VadSensitivity,
  StreamSource,
  type StreamState,
  type LocalStreamState,
  type VideoDevice,
  type AudioDevice,
  type ChannelInfo,
  type ChannelRecording,
  type ParticipantState,
  type VoiceSettings,
  type ChannelState,
  type ChannelEvents,
  type ChannelControls,
  type Trouble,
  type MicrophoneState,
  type LinkQuality,
  type QualityLevel,
} from './types';
export { participantStatus, ParticipantStatus, PARTICIPANT_STATUS_LABELS } from './participants/status';
export {
  createVoxlayClient,
  deriveUrls,
  type VoxlayClient,
  type VoxlayClientOptions,
  type VoxlayConnectionEvents,
} from './createVoxlayClient';
export { Channel, type ChannelOptions } from './channel/Channel';
export { prepareVoice } from './channel/prepare';
export { NodeFailover, type NodeFailoverOptions } from './signaling/NodeFailover';
export { Signaling } from './signaling/Signaling';
export {
  Lobby,
  applyLobbyEvent,
  LOBBY_NAMES,
  type LobbyState,
  type LobbyEvents,
  type LobbyOptions,
  type LobbyChannel,
  type LobbyParticipant,
  type LobbyEvent,
  type CreatedChannel,
} from './lobby/Lobby';
export { DEFAULT_JOIN_LIMITS, type JoinLimits } from './channel/ChannelJoiner';
export { ErrorCode, VoxlayError, InvalidStateError, toVoxlayError } from './errors';
export { DefaultReconnectPolicy, DEFAULT_RETRY_DELAYS_MS, type ReconnectPolicy } from './channel/reconnect';
export {
  SettingsStore,
  loadSettings,
  saveSettings,
  sanitizeSettings,
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  type SettingsStorage,
} from './settings';
export { memoryStorage, defaultStorage } from './storage';
export { NAME_MAX_GRAPHEMES, graphemeCount, graphemes, truncateGraphemes, firstGrapheme, isolate } from './names';
export { VoiceActivityDetector, VAD_THRESHOLDS, rmsToDbfs, type VadOptions } from './media/vad';
export { MicrophoneList, toAudioDevices } from './media/devices';
export { MicrophoneTest, type MicrophoneTestOptions } from './media/MicrophoneTest';
export { isTransmitting, isGateOpen, type GateInput } from './participants/gate';
export { canTransition } from './channel/connectionState';
export { dbfsToLevel } from './media/levels';
export {
  StreamWatch,
  LAYER_DEBOUNCE_MS,
  type StreamWatchEvents,
  type StreamWatchCloseReason,
  type StreamWatchTarget,
  type StreamLayers,
} from './media/StreamWatch';
export { LocalVideo, type LocalVideoSource, type LocalVideoEvents } from './media/LocalVideo';
export { preferredSpatialLayer, spatialLayersOf } from './media/layers';
export { CAMERA_PROFILE, SCREEN_PROFILE } from './media/videoProfiles';
export { bindPushToTalkKey } from './pushToTalk';
export {
  CALL_COMMAND_NAMES,
  callControls,
  localCallControls,
  runCallCommand,
  isCallCommandName,
  type CallCommand,
  type CallCommandArgs,
  type CallCommandName,
  type CallControls,
  type CallTarget,
} from './callCommands';
export { setLogger, type LogSink } from './logger';
