import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VoiceSettings } from '../core';
import { useVoxlay } from '../voxlay';

/** The app's shared settings (the store every Channel also uses) and a patch-and-save function. */
export function useSettings(): [VoiceSettings, (patch: Partial<VoiceSettings>) => void] {
  const store = useVoxlay().settings;
  const [settings, setSettings] = useState(() => store.settings);
  useEffect(() => {
    setSettings(store.settings); // it may have changed between render and effect
    return store.subscribe(setSettings);
  }, [store]);
  const update = useCallback((patch: Partial<VoiceSettings>) => void store.update(patch), [store]);
  return [settings, update];
}
