import { VoiceSession } from '@voxlay/core';
import type { SessionHandle } from './session';
import { getSettingsStore, getVoxlayClient } from './voxlay';

/** Loaded lazily (mediasoup-client lives in this chunk). One session per join; closed on leave. */
export function createPwaSession(): SessionHandle {
  return new VoiceSession({ client: getVoxlayClient(), settings: getSettingsStore() });
}
