import { NoiseSuppressionStatus, type NoiseSuppressionState } from '../../types';

/** The sentence the settings show under "Noise suppression" when it does not run as chosen, or null. */
export function noiseSuppressionNotice(state: NoiseSuppressionState | undefined): string | null {
  switch (state?.status) {
    case NoiseSuppressionStatus.Overrun:
      return 'Noise suppression was turned off: this device could not keep up. The browser’s own noise suppression is used.';
    case NoiseSuppressionStatus.Unavailable:
      return state.enabled ? 'Noise suppression could not start here; the browser’s own noise suppression is used.' : null;
    default:
      return null;
  }
}
