import { NAME_MAX_GRAPHEMES, truncateGraphemes } from './names';
import { VadSensitivity, VoiceMode, type VoiceSettings } from './types';

export const SETTINGS_KEY = 'voxlay.settings.v1';

/** The part of the Web Storage API settings need (localStorage, or an extension storage shim). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const DEFAULT_SETTINGS: Readonly<VoiceSettings> = Object.freeze({
  displayName: '',
  mode: VoiceMode.AlwaysOn,
  vadSensitivity: VadSensitivity.Medium,
  pttKey: 'Space',
  microphoneId: '',
  participantVolumes: {},
  outputDeviceId: '',
  inputGain: 1,
  muteKey: 'KeyM',
  deafenKey: 'KeyD',
  keepScreenOn: false,
});

/** Most user-perceived characters in a display name (names.ts). */
export const MAX_DISPLAY_NAME_LENGTH = NAME_MAX_GRAPHEMES;
const modes: readonly string[] = Object.values(VoiceMode);
const sensitivities: readonly string[] = Object.values(VadSensitivity);

export function clampVolume(volume: number): number {
  return Number.isFinite(volume) ? Math.min(2, Math.max(0, volume)) : 1;
}

/** Microphone gain: 0..2, 1 when not a finite number. */
export const clampGain = clampVolume;

/** A KeyboardEvent.code as a shortcut setting: '' (none) or a code of at most 32 characters. */
const isKeyCode = (v: unknown): v is string => typeof v === 'string' && v.length <= 32;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates any value field by field: bad fields take their default, unknown fields are dropped. */
export function sanitizeSettings(value: unknown): VoiceSettings {
  const d = DEFAULT_SETTINGS;
  if (!isRecord(value)) return { ...d, participantVolumes: {} };
  const str = (v: unknown): v is string => typeof v === 'string';
  const volumes: Record<string, number> = {};
  if (isRecord(value.participantVolumes)) {
    for (const [name, volume] of Object.entries(value.participantVolumes)) {
      if (typeof volume === 'number' && Number.isFinite(volume)) volumes[name] = clampVolume(volume);
    }
  }
  const displayName = value.displayName;
  const mode = value.mode;
  const sensitivity = value.vadSensitivity;
  const pttKey = value.pttKey;
  const microphoneId = value.microphoneId;
  const { outputDeviceId, inputGain, muteKey, deafenKey, keepScreenOn } = value;
  return {
    displayName: str(displayName) ? truncateGraphemes(displayName.trim(), MAX_DISPLAY_NAME_LENGTH) : d.displayName,
    mode: str(mode) && modes.includes(mode) ? (mode as VoiceMode) : d.mode,
    vadSensitivity: str(sensitivity) && sensitivities.includes(sensitivity) ? (sensitivity as VadSensitivity) : d.vadSensitivity,
    pttKey: str(pttKey) && pttKey.length > 0 && pttKey.length <= 32 ? pttKey : d.pttKey,
    microphoneId: str(microphoneId) ? microphoneId : d.microphoneId,
    participantVolumes: volumes,
    outputDeviceId: str(outputDeviceId) ? outputDeviceId : d.outputDeviceId,
    inputGain: typeof inputGain === 'number' ? clampGain(inputGain) : d.inputGain,
    muteKey: isKeyCode(muteKey) ? muteKey : d.muteKey,
    deafenKey: isKeyCode(deafenKey) ? deafenKey : d.deafenKey,
    keepScreenOn: typeof keepScreenOn === 'boolean' ? keepScreenOn : d.keepScreenOn,
  };
}

/** Reads the stored settings; missing, corrupt or old data gives the defaults. */
export function loadSettings(storage: SettingsStorage): VoiceSettings {
  let raw: string | null = null;
  try {
    raw = storage.getItem(SETTINGS_KEY);
  } catch {
    raw = null; // storage unavailable (private mode, revoked extension context)
  }
  if (raw === null) return sanitizeSettings(undefined);
  try {
    return sanitizeSettings(JSON.parse(raw));
  } catch {
    return sanitizeSettings(undefined);
  }
}

/** Writes settings; returns false when the storage refused (quota, private mode). */
export function saveSettings(storage: SettingsStorage, settings: VoiceSettings): boolean {
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(sanitizeSettings(settings)));
    return true;
  } catch {
    return false;
  }
}

/** Load once, update by patch, persist on every change. */
export class SettingsStore {
  private current: VoiceSettings;
  private readonly listeners = new Set<(settings: VoiceSettings) => void>();

  constructor(private readonly storage: SettingsStorage) {
    this.current = loadSettings(storage);
  }

  get settings(): VoiceSettings {
    return this.current;
  }

  update(patch: Partial<VoiceSettings>): VoiceSettings {
    this.current = sanitizeSettings({ ...this.current, ...patch });
    saveSettings(this.storage, this.current);
    for (const listener of [...this.listeners]) listener(this.current);
    return this.current;
  }

  subscribe(listener: (settings: VoiceSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
