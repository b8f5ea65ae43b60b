import { Channel, prepareVoice } from '@voxlay/core';
import type { SessionHandle } from './session';
import { getSettingsStore, getVoxlayClient } from './voxlay';

/** Loaded lazily (mediasoup-client lives in this chunk). One session per join; closed on leave. */
export function createPwaSession(): SessionHandle {
  return new Channel({ client: getVoxlayClient(), settings: getSettingsStore() });
}

/**
 * Ahead of the first join: the WebSocket connected and the mediasoup-client Device loaded with the
 * server's router capabilities (shared by every session of the page), so a join costs JoinChannel
 * + ConnectRecvTransport only.
 */
export function preparePwaSession(): Promise<void> {
  return prepareVoice(getVoxlayClient());
}
