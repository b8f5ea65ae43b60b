import type { VoiceSessionControls, VoiceSessionState, VoiceSettings } from './core';

/** What the PWA uses of core's VoiceSession (structural, so the session code can load lazily). */
export interface SessionHandle extends VoiceSessionControls {
  readonly state: VoiceSessionState;
  /** The app's shared settings store (voxlay.ts); the session saves mode, keys, devices and volumes through it. */
  readonly settings: {
    readonly settings: VoiceSettings;
    update(patch: Partial<VoiceSettings>): VoiceSettings;
    subscribe(listener: (settings: VoiceSettings) => void): () => void;
  };
  /** Returns the unsubscribe function. */
  subscribe(listener: (state: VoiceSessionState) => void): () => void;
  close(): void;
}

/** Creates a voice session, loading core's session code (mediasoup-client) on demand. */
export async function createSession(): Promise<SessionHandle> {
  const { createPwaSession } = await import('./sessionFactory');
  return createPwaSession();
}
