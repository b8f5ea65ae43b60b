import { loadSettings, saveSettings } from '@voxlay/core/settings';
import type { VoiceSettings } from '@voxlay/core/types';

/**
 * Core's VoiceSettings live in the extension origin's localStorage, which the popup, the options
 * page and the offscreen document share. While a Channel lives it keeps its own copy, so pages
 * patch storage and also send the matching command (see Options).
 */
export function readVoiceSettings(): VoiceSettings {
  return loadSettings(localStorage);
}

export function patchVoiceSettings(patch: Partial<VoiceSettings>): VoiceSettings {
  saveSettings(localStorage, { ...readVoiceSettings(), ...patch });
  return readVoiceSettings();
}
