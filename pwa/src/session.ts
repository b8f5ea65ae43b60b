import type { ChannelControls, ChannelState, VoiceSettings } from './core';

/** What the PWA uses of core's VoiceSession (structural, so the session code can load lazily). */
export interface SessionHandle extends ChannelControls {
  readonly state: ChannelState;
  /** The app's shared settings store (voxlay.ts); the session saves mode, keys, devices and volumes through it. */
  readonly settings: {
    readonly settings: VoiceSettings;
    update(patch: Partial<VoiceSettings>): VoiceSettings;
    subscribe(listener: (settings: VoiceSettings) => void): () => void;
  };
  /** Returns the unsubscribe function. */
  subscribe(listener: (state: ChannelState) => void): () => void;
  close(): void;
}

/** Creates a voice session, loading core's session code (mediasoup-client) on demand. */
export async function createSession(): Promise<SessionHandle> {
  const { createPwaSession } = await import('./sessionFactory');
  return createPwaSession();
}

/**
 * Loads core's session code and prepares the join (WebSocket open, Device loaded) in the background,
 * once the page is idle, so clicking Join costs two round trips. A failure (offline, server down) is
 * ignored: join() prepares again.
 */
export function prepareSessionWhenIdle(): void {
  const run = (): void =>
    void import('./sessionFactory')
      .then(({ preparePwaSession }) => preparePwaSession())
      .catch((err: unknown) => console.debug('[voxlay] could not prepare the voice session yet', err));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 });
  else setTimeout(run, 0);
}
