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

export interface ChannelInfo {
  id: string;
  name: string;
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
}

/** The whole observable state of a Channel. Immutable snapshots: a new object on every change. */
export interface ChannelState {
  connectionState: ConnectionState;
  channel: ChannelInfo | null;
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
  /** True when audio is actually being sent (not muted, and the mode's gate is open). */
  transmitting: boolean;
  microphones: AudioDevice[];
  /** The deviceId in use ('' = default). */
  microphoneId: string;
  /** Last error worth showing to the user (cleared on the next successful join). */
  error: { code: string; message: string } | null;
}

/**
 * Events a Channel emits (typed callback map, LiveKit `RoomEventCallbacks` style). Every state
 * change, participants included, reaches `subscribe()` listeners as a new ChannelState snapshot.
 */
export interface ChannelEvents {
  connectionStateChanged: (state: ConnectionState, previous: ConnectionState) => void;
  /** The channel's active speaker set (last-N) changed. */
  activeSpeakersChanged: (participantIds: string[]) => void;
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
  setParticipantVolume(participantId: string, volume: number): void;
  setParticipantLocallyMuted(participantId: string, muted: boolean): Promise<void>;
}
