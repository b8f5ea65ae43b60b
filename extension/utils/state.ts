import { DEFAULT_SETTINGS } from '@voxlay/core/settings';
import { ConnectionState, type ChannelState } from '@voxlay/core/types';

/** The state shown when no Channel exists (before the first join, after leave). */
export function idleChannelState(): ChannelState {
  return {
    connectionState: ConnectionState.Disconnected,
    channel: null,
    recording: null,
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

/** A call is active while the Channel is anything but disconnected. */
export function isCallActive(state: ChannelState | null | undefined): boolean {
  return !!state && state.connectionState !== ConnectionState.Disconnected;
}
