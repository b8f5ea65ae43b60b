import { type ParticipantState, VoiceMode } from '../types';

/**
 * The one state a participant row shows, by precedence: listen-only (no microphone), deafened,
 * muted by the user, push-to-talk with the key up, voice activity waiting for speech, speaking,
 * or idle (sending silence). Distinct so that "muted" never stands for a closed gate.
 */
export const ParticipantStatus = {
  ListenOnly: 'listen-only',
  Deafened: 'deafened',
  Muted: 'muted',
  PushToTalkIdle: 'push-to-talk-idle',
  VoiceActivityIdle: 'voice-activity-idle',
  Speaking: 'speaking',
  Idle: 'idle',
} as const;
export type ParticipantStatus = (typeof ParticipantStatus)[keyof typeof ParticipantStatus];

export function participantStatus(p: ParticipantState): ParticipantStatus {
  if (p.listenOnly) return ParticipantStatus.ListenOnly;
  if (p.deafened) return ParticipantStatus.Deafened;
  if (!p.muted) return p.speaking ? ParticipantStatus.Speaking : ParticipantStatus.Idle;
  // Without the participant's own word (an older client), a paused producer is "muted".
  if (p.selfMuted !== false) return ParticipantStatus.Muted;
  if (p.voiceMode === VoiceMode.PushToTalk) return ParticipantStatus.PushToTalkIdle;
  if (p.voiceMode === VoiceMode.VoiceActivity) return ParticipantStatus.VoiceActivityIdle;
  return ParticipantStatus.Muted;
}

/** Words for each status (screen readers, tooltips). */
export const PARTICIPANT_STATUS_LABELS: Record<ParticipantStatus, string> = {
  'listen-only': 'listen-only (no microphone)',
  deafened: 'deafened',
  muted: 'muted',
  'push-to-talk-idle': 'push-to-talk, not talking',
  'voice-activity-idle': 'voice activity, silent',
  speaking: 'speaking',
  idle: 'not speaking',
};
