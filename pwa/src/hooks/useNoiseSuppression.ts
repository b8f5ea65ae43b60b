import { useMemo, useState } from 'preact/hooks';
import { NoiseSuppressionChoices, noiseSuppressionNotice } from '@voxlay/core/noise-suppression';
import type { CallControls, ChannelState } from '@voxlay/core';

/**
 * "Noise suppression" for the settings: in a call the Channel's state and control (applied live,
 * remembered for the microphone in use); in the lobby the choice for the chosen microphone, saved
 * for the next join.
 */
export function useNoiseSuppression(microphoneId: string, call?: { state: ChannelState; controls: CallControls }) {
  const choices = useMemo(() => new NoiseSuppressionChoices(globalThis.localStorage), []);
  const [, setVersion] = useState(0);
  if (call) {
    return {
      enabled: call.state.noiseSuppression?.enabled ?? false,
      state: call.state.noiseSuppression,
      notice: noiseSuppressionNotice(call.state.noiseSuppression),
      set: (on: boolean) => void call.controls.setNoiseSuppression(on).catch((e: unknown) => console.warn('[voxlay]', e)),
    };
  }
  return {
    enabled: choices.enabledFor(microphoneId),
    state: undefined,
    notice: null,
    set: (on: boolean) => {
      choices.set(microphoneId, on);
      setVersion((v) => v + 1);
    },
  };
}
