import {
  createVoxlayClient,
  loadSettings,
  saveSettings,
  Signaling,
  type SettingsStorage,
  type VoiceSettings,
  type VoxlayClient,
} from './core';

let voxlay: VoxlayClient | undefined;
let signaling: Signaling | undefined;
let storage: SettingsStorage | undefined;

/** The app's one connection to the server it was served from (HTTP queries, WebSocket session). */
export function getVoxlayClient(): VoxlayClient {
  voxlay ??= createVoxlayClient({ url: location.origin });
  return voxlay;
}

export function getSignaling(): Signaling {
  signaling ??= new Signaling(getVoxlayClient().client);
  return signaling;
}

/** localStorage, or memory where storage is blocked. Shared with the VoiceSession's settings store. */
export function getSettingsStorage(): SettingsStorage {
  if (storage) return storage;
  try {
    storage = window.localStorage; // throws in some privacy modes
  } catch {
    const memory = new Map<string, string>();
    storage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
  return storage;
}

/**
 * Outside a channel the PWA reads and patches the stored settings directly, always from storage:
 * a VoiceSession keeps its own SettingsStore over the same key while it lives, so nothing here
 * may hold a copy that could overwrite what the session saved.
 */
export function readSettings(): VoiceSettings {
  return loadSettings(getSettingsStorage());
}

export function patchSettings(patch: Partial<VoiceSettings>): VoiceSettings {
  const next = { ...readSettings(), ...patch };
  saveSettings(getSettingsStorage(), next);
  return readSettings();
}
