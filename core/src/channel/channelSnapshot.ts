import type {
  AudioDevice,
  ChannelInfo,
  ChannelRecording,
  ConnectionState,
  LinkQuality,
  MicrophoneState,
  ParticipantState,
  ChannelState,
  LocalStreamState,
  VideoDevice,
  VoiceSettings,
} from '../types';

/** Everything a ChannelState snapshot is made of, read from the Channel's parts. */
export interface ChannelSnapshotInput {
  settings: VoiceSettings;
  connectionState: ConnectionState;
  /** The joined connection, or null outside a channel (and while reconnecting). */
  connection: { participantId: string; channel: ChannelInfo; lastN: number; recording?: ChannelRecording | null } | null;
  /** The display name of the current join, if any (else the stored one). */
  joinDisplayName: string | undefined;
  muted: boolean;
  deafened: boolean;
  pttPressed: boolean;
  transmitting: boolean;
  localSpeaking: boolean;
  localLevel: number;
  /** The deviceId of the open microphone, or null when none is open. */
  openMicrophoneId: string | null;
  remotes: ParticipantState[];
  /** The channel's active speaker set (last-N), most recently loud first. */
  activeSpeakerIds: string[];
  microphones: AudioDevice[];
  error: { code: string; message: string } | null;
  /** Packets left the producer since the last stats sample (absent: taken as sending when the gate is open). */
  sending?: boolean;
  /** The local link quality (getStats), null when not measured. */
  quality?: LinkQuality | null;
  microphone?: MicrophoneState;
  camera?: LocalStreamState;
  screenShare?: LocalStreamState;
  cameras?: VideoDevice[];
  /** Producer ids of the streams watched. */
  watching?: string[];
}

/** Builds the immutable state snapshot: a new object (and participant list) on every call. */
export function buildChannelState(input: ChannelSnapshotInput): ChannelState {
  const s = input.settings;
  const connection = input.connection;
  const participants: ParticipantState[] = [];
  if (connection) {
    participants.push({
      id: connection.participantId,
      displayName: input.joinDisplayName ?? s.displayName,
      isLocal: true,
      // What others see: with PTT / VAD the producer is paused while the gate is closed, so
      // the server (and everyone) reports "muted" then too; that is accepted (no audio is sent).
      muted: !input.transmitting,
      speaking: input.localSpeaking,
      level: input.localLevel,
      volume: 1,
      locallyMuted: false,
      active: input.activeSpeakerIds.includes(connection.participantId),
      selfMuted: input.muted,
      deafened: input.deafened,
      listenOnly: input.microphone?.status === 'unavailable',
      voiceMode: s.mode,
      quality: input.quality ?? null,
      live: input.screenShare?.status === 'on',
      cameraOn: input.camera?.status === 'on',
      streams: [],
    });
  }
  participants.push(...input.remotes);
  return {
    connectionState: input.connectionState,
    channel: connection ? connection.channel : null,
    recording: connection?.recording ?? null,
    localParticipantId: connection?.participantId ?? null,
    participants,
    activeSpeakerIds: connection ? input.activeSpeakerIds : [],
    lastN: connection?.lastN ?? 0,
    muted: input.muted,
    deafened: input.deafened,
    mode: s.mode,
    vadSensitivity: s.vadSensitivity,
    pttKey: s.pttKey,
    pttPressed: input.pttPressed,
    transmitting: input.transmitting && (input.sending ?? true),
    microphones: input.microphones,
    microphoneId: input.openMicrophoneId ?? s.microphoneId,
    error: input.error,
    quality: input.quality ?? null,
    microphone: input.microphone ?? { status: 'off', error: null },
    camera: input.camera ?? { status: 'off', deviceId: '' },
    screenShare: input.screenShare ?? { status: 'off', deviceId: '' },
    cameras: input.cameras ?? [],
    watching: input.watching ?? [],
  };
}
