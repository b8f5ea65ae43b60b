import { useEffect, useState } from 'preact/hooks';
import type { AudioDevice } from '../core';
import { toAudioDevices } from '../core';

/** Whether this browser can choose the speaker of an audio element (HTMLMediaElement.setSinkId). */
export const canChooseSpeaker = (): boolean => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/**
 * The microphones or the speakers, while `enabled`, kept current by `devicechange` and read again
 * when `refreshKey` changes (labels appear once the microphone is allowed, e.g. by the mic test).
 */
export function useAudioDevices(kind: AudioDevice['kind'], enabled: boolean, refreshKey: unknown = null): AudioDevice[] {
  const [devices, setDevices] = useState<AudioDevice[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!enabled || !media) return;
    let live = true;
    const refresh = () =>
      void media
        .enumerateDevices()
        .then((infos) => live && setDevices(toAudioDevices(infos, kind)))
        .catch(() => undefined);
    refresh();
    media.addEventListener('devicechange', refresh);
    return () => {
      live = false;
      media.removeEventListener('devicechange', refresh);
    };
  }, [kind, enabled, refreshKey]);
  return devices;
}
