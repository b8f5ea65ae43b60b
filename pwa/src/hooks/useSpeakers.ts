import { useEffect, useState } from 'preact/hooks';
import type { AudioDevice } from '../core';
import { toAudioDevices } from '../core';

/** Whether this browser can choose the speaker of an audio element (HTMLMediaElement.setSinkId). */
export const canChooseSpeaker = (): boolean => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** The speakers (audio outputs), kept current by `devicechange`, while `enabled`. Labels appear once the microphone is allowed. */
export function useSpeakers(enabled: boolean): AudioDevice[] {
  const [speakers, setSpeakers] = useState<AudioDevice[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!enabled || !media) return;
    let live = true;
    const refresh = () =>
      void media
        .enumerateDevices()
        .then((infos) => live && setSpeakers(toAudioDevices(infos, 'audiooutput')))
        .catch(() => undefined);
    refresh();
    media.addEventListener('devicechange', refresh);
    return () => {
      live = false;
      media.removeEventListener('devicechange', refresh);
    };
  }, [enabled]);
  return speakers;
}
