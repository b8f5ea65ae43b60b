/**
 * The public state model of a Channel as this client is in it: what any UI (the PWA, the extension
 * overlay) renders.
 * Vocabulary (see docs/architecture.md): Channel, Participant, AudioDevice, ConnectionState,
 * level (0..1), speaking (voice-activity flag).
 */

/** One connection-state enum, changed only by the Channel's private setter. */
export const ConnectionState = {
  Disconnected: 'disconnected',
  Connecting: 'connecting',
  Connected: 'connected',
  Reconnecting: 'reconnecting',
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/**
 * What is wrong right now, for the UI to say in words (null in ChannelState.trouble when nothing is):
 * the device has no network, the server does not answer, a rejoin is under way, the server answers
 * but audio has no path (ICE/DTLS), or the Channel gave up (then `rejoin()`).
 */
export const TroubleKind = {
  /** The device reports no network (navigator.onLine false). */
  Offline: 'offline',
  /** The network is up but the server's WebSocket does not connect. */
  ServerUnreachable: 'server-unreachable',
  /** The server answers; joining the channel again (attempt and next retry in Trouble). */
  Reconnecting: 'reconnecting',
  /** Signaling is up but the audio transports are not connected (ICE/DTLS); an ICE restart is tried. */
  MediaConnecting: 'media-connecting',
  /** Audio found no path after restarting ICE: `code` says why; `rejoin()` tries again. */
  MediaFailed: 'media-failed',
  /** No more attempts: `rejoin()` starts again. */
  GaveUp: 'gave-up',
} as const;
export type TroubleKind = (typeof TroubleKind)[keyof typeof TroubleKind];

export interface Trouble {
  kind: TroubleKind;
  /** Since when (ms since the epoch). */
  since: number;
  /** Reconnecting: the attempt under way or next (1-based); null when not counted. */
  attempt: number | null;
  /** Reconnecting: when the next attempt starts (ms since the epoch); null when not waiting. */
  nextRetryAt: number | null;
  /** While trying: when the Channel gives up if nothing works (ms since the epoch); null when it does not. */
  giveUpAt: number | null;
  /** MediaFailed / GaveUp: the ErrorCode of the cause. */
  code: string | null;
  /** MediaFailed / GaveUp: what happened, in words. */
  message: string | null;
}

/** Where the local microphone stands. */
export const MicrophoneStatus = {
  /** Not opened yet (not in a channel, or the channel is not heard yet). */
  Off: 'off',
  Ready: 'ready',
  /** Could not be opened (denied, dismissed, missing, busy): listen-only; `retryMicrophone()`. */
  Unavailable: 'unavailable',
} as const;
export type MicrophoneStatus = (typeof MicrophoneStatus)[keyof typeof MicrophoneStatus];

export interface MicrophoneState {
  status: MicrophoneStatus;
  /** Unavailable: MICROPHONE_DENIED, MICROPHONE_DISMISSED, MICROPHONE_NOT_FOUND, MICROPHONE_BUSY or MICROPHONE_ERROR. */
  error: { code: string; message: string } | null;
}

/** A coarse grade of a connection (the schema's QualityLevel, lower case). */
export type QualityLevel = 'unknown' | 'poor' | 'fair' | 'good';

/** A connection's quality: ours from getStats, another participant's as the server sees it. */
export interface LinkQuality {
  level: QualityLevel;
  /** Round-trip time in ms, null when unknown. */
  rttMs: number | null;
  /** Fraction of packets lost, 0..1, null when unknown. */
  packetLoss: number | null;
  /** Jitter in ms, null when unknown. */
  jitterMs: number | null;
}

/** How the microphone is gated. */
export const VoiceMode = {
  /** Transmit whenever not muted (default). */
  AlwaysOn: 'always-on',
  /** Transmit only while the push-to-talk key or button is held; the producer is paused server-side otherwise. */
  PushToTalk: 'push-to-talk',
  /** Transmit while the voice-activity detector hears speech (with hangover so words are not chopped). */
  VoiceActivity: 'voice-activity',
} as const;
export type VoiceMode = (typeof VoiceMode)[keyof typeof VoiceMode];

export const VadSensitivity = {
  Low: 'low',
  Medium: 'medium',
  High: 'high',
} as const;
export type VadSensitivity = (typeof VadSensitivity)[keyof typeof VadSensitivity];

/** A microphone or speaker. */
export interface AudioDevice {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

/** A camera (videoinput). */
export interface VideoDevice {
  deviceId: string;
  label: string;
}

/** What a stream others may watch carries (the schema's MediaSource but the microphone). */
export const StreamSource = {
  Camera: 'camera',
  Screen: 'screen',
  /** The sound of a shared screen or tab: watched with its screen. */
  ScreenAudio: 'screen-audio',
} as const;
export type StreamSource = (typeof StreamSource)[keyof typeof StreamSource];

/** A stream of a remote participant, watched on demand (Channel.watchStream(producerId)). */
export interface StreamState {
  producerId: string;
  participantId: string;
  source: StreamSource;
  /** Who watches it (participant ids, in the order they started). */
  viewerIds: string[];
}

/** Where a local camera or screen share stands. */
export interface LocalStreamState {
  status: 'off' | 'starting' | 'on';
  /** Camera: the deviceId asked for ('' = default). */
  deviceId: string;
  /** Its video producer while sent, else null. */
  producerId?: string | null;
  /** Who watches it (participant ids, in the order they started). */
  viewerIds?: string[];
}

export interface ChannelInfo {
  id: string;
  name: string;
}

/** The channel's running recording (the schema's Channel.recording): everybody in it sees an indicator. */
export interface ChannelRecording {
  id: string;
  /** ISO-8601. */
  startedAt: string;
}

/** One participant as the UI shows it (the local one included, with isLocal). */
export interface ParticipantState {
  id: string;
  displayName: string;
  isLocal: boolean;
  /** Muted as the server sees it (producer paused or absent). */
  muted: boolean;
  /** Voice activity right now (local: our VAD; remote: level above the speaking threshold). */
  speaking: boolean;
  /** Audio level 0..1, updated at display rate at most. */
  level: number;
  /** Playback volume for a remote participant, 0..2 (1 = unchanged). Always 1 for the local one. */
  volume: number;
  /** Muted locally by this user (we stop playing and pause its consumer); remote only. */
  locallyMuted: boolean;
  /**
   * In the channel's active speaker set (last-N): the server sends this participant's audio to
   * listeners. Outside it a participant is listed but not heard (large channels).
   */
  active: boolean;
  // What the participant told the channel (setParticipantState). Optional so that hand-built snapshots
  // stay valid; a Channel always sets them.
  /** The user muted (as opposed to a closed push-to-talk or voice-activity gate). */
  selfMuted?: boolean;
  /** Hears nobody. */
  deafened?: boolean;
  /** Has no microphone: only listens. */
  listenOnly?: boolean;
  voiceMode?: VoiceMode;
  /** Local: ours from getStats; remote: what the server sees. Null when unknown. */
  quality?: LinkQuality | null;
  /** Shares a screen (LIVE). */
  live?: boolean;
  /** Sends a camera. */
  cameraOn?: boolean;
  /** Remote: its streams that may be watched (camera, screen, screen audio). Empty for the local one. */
  streams?: StreamState[];
}

/** User preferences that persist from one visit to the next (settings.ts stores them). */
export interface VoiceSettings {
  displayName: string;
  mode: VoiceMode;
  vadSensitivity: VadSensitivity;
  /** KeyboardEvent.code of the push-to-talk key, e.g. 'Space' or 'KeyV'. */
  pttKey: string;
  /** Preferred microphone deviceId; '' = system default. */
  microphoneId: string;
  /** Per-participant volume by display name (ids change with every join). */
  participantVolumes: Record<string, number>;
  /** Preferred speaker deviceId for remote audio (HTMLMediaElement.setSinkId); '' = system default. */
  outputDeviceId: string;
  /** Microphone input gain, 0..2 (1 = unchanged), applied by a GainNode before sending. */
  inputGain: number;
  /** KeyboardEvent.code that toggles mute (PWA), '' = none. */
  muteKey: string;
  /** KeyboardEvent.code that toggles deafen (PWA), '' = none. */
  deafenKey: string;
  /** Hold a screen wake lock while in a call (PWA on phones), where the browser has one. */
  keepScreenOn: boolean;
}

/** What noise suppression (RNNoise) does for the open microphone. */
export enum NoiseSuppressionStatus {
  /** Off for this microphone: the browser's own noise suppression runs. */
  Off = 'off',
  /** RNNoise runs on the microphone before it is sent. */
  On = 'on',
  /** On, but RNNoise could not be loaded or started here: the browser's own noise suppression runs. */
  Unavailable = 'unavailable',
  /** It was on and the CPU could not keep up: turned off for this microphone. */
  Overrun = 'overrun',
}

export interface NoiseSuppressionState {
  /** The choice for the microphone in use (remembered per deviceId). */
  enabled: boolean;
  status: NoiseSuppressionStatus;
  /** While on: the worklet's time per 10 ms frame, p95 over the last second (ms), once measured. */
  frameP95Ms?: number;
  /** The mean of the same (a fair estimate where the worklet only has whole-millisecond clocks). */
  frameMeanMs?: number;
  /** Status unavailable: what failed (for the notice and bug reports). */
  reason?: string;
}

/** The whole observable state of a Channel. Immutable snapshots: a new object on every change. */
export interface ChannelState {
  connectionState: ConnectionState;
  channel: ChannelInfo | null;
  /** The channel is being recorded (RecordingStarted) since then; null when it is not, or not joined. */
  recording: ChannelRecording | null;
  localParticipantId: string | null;
  /** Local participant first, then remote ones in join order (every participant, also in large channels). */
  participants: ParticipantState[];
  /** The channel's active speaker set (last-N), most recently loud first; at most `lastN` ids. */
  activeSpeakerIds: string[];
  /** Most speakers a listener receives at once (the channel's last-N); 0 before joining. */
  lastN: number;
  /** User's mute (server-side pause of the producer). */
  muted: boolean;
  /** Deafened: no remote audio is played (consumers paused). Deafening also mutes. */
  deafened: boolean;
  mode: VoiceMode;
  vadSensitivity: VadSensitivity;
  pttKey: string;
  /** Push-to-talk currently held. */
  pttPressed: boolean;
  /**
   * True when audio is actually leaving: the gate is open (not muted, the mode's gate open) and the
   * producer's bytesSent grew since the last stats sample.
   */
  transmitting: boolean;
  microphones: AudioDevice[];
  /** The deviceId in use ('' = default). */
  microphoneId: string;
  /** Last error worth showing to the user (cleared on the next successful join). */
  error: { code: string; message: string } | null;
  // Optional so that hand-built snapshots (an idle state, fixtures) stay valid; a Channel always sets them.
  /** What is wrong right now, or null. */
  trouble?: Trouble | null;
  /** The participant list is the last one known, from before the connection dropped: not live. */
  stale?: boolean;
  microphone?: MicrophoneState;
  /** The local connection's quality (getStats), null when not measured. */
  quality?: LinkQuality | null;
  /** The local camera (setCameraEnabled). */
  camera?: LocalStreamState;
  /** The local screen share (setScreenShareEnabled). */
  screenShare?: LocalStreamState;
  /** The cameras to choose from (labels appear once a camera was allowed). */
  cameras?: VideoDevice[];
  /** Producer ids of the streams this client watches now (Channel.streamWatch(id) gives each). */
  watching?: string[];
  /** Noise suppression for the microphone in use. */
  noiseSuppression?: NoiseSuppressionState;
}

/**
 * Events a Channel emits (typed callback map, LiveKit `RoomEventCallbacks` style). Every state
 * change, participants included, reaches `subscribe()` listeners as a new ChannelState snapshot.
 */
export interface ChannelEvents {
  connectionStateChanged: (state: ConnectionState, previous: ConnectionState) => void;
  /** The channel's active speaker set (last-N) changed. */
  activeSpeakersChanged: (participantIds: string[]) => void;
  /** A recording of the channel started (the recording) or stopped (null). */
  recordingChanged: (recording: ChannelRecording | null) => void;
  error: (error: { code: string; message: string }) => void;
}

/** What the UI may call on a Channel (callCommands.ts derives the serializable commands from it). */
export interface ChannelControls {
  join(options: { channelId: string; displayName: string }): Promise<void>;
  leave(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  setDeafened(deafened: boolean): Promise<void>;
  setMode(mode: VoiceMode): Promise<void>;
  setVadSensitivity(sensitivity: VadSensitivity): void;
  /** Hold-to-talk: press(true) / release(false) from a key or a button. */
  setPushToTalk(pressed: boolean): void;
  setPttKey(code: string): void;
  selectMicrophone(deviceId: string): Promise<void>;
  /** "Noise suppression" (RNNoise) on or off for the microphone in use, remembered for that microphone; applied live. */
  setNoiseSuppression(enabled: boolean): Promise<void>;
  setParticipantVolume(participantId: string, volume: number): void;
  setParticipantLocallyMuted(participantId: string, muted: boolean): Promise<void>;
  /** After giving up (or a media failure): join the same channel again. */
  rejoin(): Promise<void>;
  /** Listen-only because the microphone could not be opened: try again (no rejoin). */
  retryMicrophone(): Promise<void>;
}
