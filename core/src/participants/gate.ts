import { VoiceMode } from '../types';

export interface GateInput {
  mode: VoiceMode;
  /** The user's mute. */
  muted: boolean;
  deafened: boolean;
  /** Push-to-talk held. */
  pttPressed: boolean;
  /** The local voice-activity detector hears speech. */
  vadOpen: boolean;
}

/** Whether the mode's gate is open, mute and deafen aside. */
export function isGateOpen(input: Pick<GateInput, 'mode' | 'pttPressed' | 'vadOpen'>): boolean {
  switch (input.mode) {
    case VoiceMode.AlwaysOn:
      return true;
    case VoiceMode.PushToTalk:
      return input.pttPressed;
    case VoiceMode.VoiceActivity:
      return input.vadOpen;
  }
}

/** transmitting = !muted && !deafened && gate open. The producer is paused whenever this is false. */
export function isTransmitting(input: GateInput): boolean {
  return !input.muted && !input.deafened && isGateOpen(input);
}
