import { createVoxlayClient, SettingsStore, Signaling, type SettingsStorage, type VoxlayClient } from './core';
import { prepareSessionWhenIdle } from './session';

let voxlay: VoxlayClient | undefined;
let signaling: Signaling | undefined;
let settings: SettingsStore | undefined;

/**
 * The app's one connection to the server it was served from (HTTP queries, WebSocket session). The
 * first call (the lobby, at startup) also prepares the join in the background: the WebSocket opens
 * now and the Device loads once the page is idle.
 */
export function getVoxlayClient(): VoxlayClient {
  if (!voxlay) {
    voxlay = createVoxlayClient({ url: location.origin });
    prepareSessionWhenIdle();
  }
  return voxlay;
}

export function getSignaling(): Signaling {
  signaling ??= new Signaling(getVoxlayClient().client);
  return signaling;
}

/**
 * The app's ONE settings store (localStorage, or memory where storage is blocked). The lobby and
 * every VoiceSession read and persist through it, so none can overwrite what another saved.
 */
export function getSettingsStore(): SettingsStore {
  settings ??= new SettingsStore(settingsStorage());
  return settings;
}

function settingsStorage(): SettingsStorage {
  try {
    return window.localStorage; // throws in some privacy modes
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}
