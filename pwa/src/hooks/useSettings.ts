import { useCallback, useState } from 'preact/hooks';
import type { VoiceSettings } from '../core';
import { patchSettings, readSettings } from '../voxlay';

/**
 * The stored settings outside a channel (read fresh on mount) and a patch-and-save function.
 * In a channel, the VoiceSession owns and persists them (session.settings).
 */
export function useSettings(): [VoiceSettings, (patch: Partial<VoiceSettings>) => void] {
  const [settings, setSettings] = useState(readSettings);
  const update = useCallback((patch: Partial<VoiceSettings>) => setSettings(patchSettings(patch)), []);
  return [settings, update];
}
