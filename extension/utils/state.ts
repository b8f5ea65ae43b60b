import { DEFAULT_SETTINGS } from '../../core/src/settings';
import { ConnectionState, type ChannelState } from '../../core/src/types';

/** The session snapshot shown when no VoiceSession exists (before the first join, after leave). */
export function idleSessionState(): ChannelState {
  return {
    connectionState: ConnectionState.Disconnected,
    channel: null,
    localParticipantId: null,
    participants: [],
    activeSpeakerIds: [],
    lastN: 0,
    muted: false,
    deafened: false,
    mode: DEFAULT_SETTINGS.mode,
    vadSensitivity: DEFAULT_SETTINGS.vadSensitivity,
    pttKey: DEFAULT_SETTINGS.pttKey,
    pttPressed: false,
    transmitting: false,
    microphones: [],
    microphoneId: DEFAULT_SETTINGS.microphoneId,
    error: null,
  };
}

/** A call is active while the session is anything but disconnected. */
export function isCallActive(state: ChannelState | null | undefined): boolean {
  return !!state && state.connectionState !== ConnectionState.Disconnected;
}
