import type { ParticipantStateInput, VoiceMode as ServerVoiceMode } from '../graphql/__generated__/graphql';
import { VoiceMode } from '../types';

/** What this participant tells the channel about itself (setParticipantState). */
export interface OwnState {
  selfMuted: boolean;
  deafened: boolean;
  listenOnly: boolean;
  voiceMode: VoiceMode;
}

/** What the server assumes of a participant that said nothing yet. */
const SERVER_DEFAULTS: OwnState = { selfMuted: false, deafened: false, listenOnly: false, voiceMode: VoiceMode.AlwaysOn };

const TO_SERVER_MODE: Record<VoiceMode, ServerVoiceMode> = {
  [VoiceMode.AlwaysOn]: 'ALWAYS_ON',
  [VoiceMode.PushToTalk]: 'PUSH_TO_TALK',
  [VoiceMode.VoiceActivity]: 'VOICE_ACTIVITY',
};

/** The server's VoiceMode → core's. */
export function fromServerVoiceMode(mode: ServerVoiceMode): VoiceMode {
  return mode === 'PUSH_TO_TALK' ? VoiceMode.PushToTalk : mode === 'VOICE_ACTIVITY' ? VoiceMode.VoiceActivity : VoiceMode.AlwaysOn;
}

/** The fields of `next` that differ from `sent`, as the mutation's input; null when none does. */
export function stateDiff(sent: OwnState, next: OwnState): ParticipantStateInput | null {
  const input: ParticipantStateInput = {};
  if (next.selfMuted !== sent.selfMuted) input.selfMuted = next.selfMuted;
  if (next.deafened !== sent.deafened) input.deafened = next.deafened;
  if (next.listenOnly !== sent.listenOnly) input.listenOnly = next.listenOnly;
  if (next.voiceMode !== sent.voiceMode) input.voiceMode = TO_SERVER_MODE[next.voiceMode];
  return Object.keys(input).length > 0 ? input : null;
}

type Target = { setParticipantState(input: ParticipantStateInput): Promise<void> };

/**
 * Keeps the server's view of this participant equal to `set()`'s latest value, one request at a time
 * (only what changed), on the connection of the current join (a new one starts from the server's
 * defaults). A failed request is reported and retried with the next change.
 */
export class ParticipantStateSync {
  private target: Target | null = null;
  private sent: OwnState = SERVER_DEFAULTS;
  private wanted: OwnState | null = null;
  private running = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** The connection of a new join (null: none). */
  follow(target: Target | null): void {
    if (target === this.target) return;
    this.target = target;
    this.sent = SERVER_DEFAULTS;
    void this.flush();
  }

  set(state: OwnState): void {
    this.wanted = state;
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const target = this.target;
        const wanted = this.wanted;
        if (!target || !wanted) return;
        const input = stateDiff(this.sent, wanted);
        if (!input) return;
        try {
          await target.setParticipantState(input);
        } catch (error) {
          if (target === this.target) this.onError(error);
          return;
        }
        if (target === this.target) this.sent = wanted;
      }
    } finally {
      this.running = false;
    }
  }
}
