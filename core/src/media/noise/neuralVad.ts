import { VadSensitivity } from '../../types';
import { DEFAULT_VAD_ATTACK_MS, DEFAULT_VAD_HANGOVER_MS, VAD_THRESHOLDS } from '../vad';

/** Open / close thresholds on RNNoise's voice probability per sensitivity: "high" opens on less certain speech. */
export const NEURAL_VAD_THRESHOLDS: Record<VadSensitivity, { open: number; close: number }> = {
  [VadSensitivity.High]: { open: 0.7, close: 0.4 },
  [VadSensitivity.Medium]: { open: 0.9, close: 0.5 },
  [VadSensitivity.Low]: { open: 0.97, close: 0.8 },
};

/**
 * The voice-activity gate driven by the model's voice probability (0..1): it opens when the model
 * hears voice AND the level is above the energy gate's close threshold for the same sensitivity (the
 * model alone opened on faint noise after suppression in the fixtures), and stays open while the
 * probability stays above its close threshold. The same attack and hangover as the energy gate
 * (VoiceActivityDetector). Pure: fed samples with the time since the last.
 */
export class NeuralVoiceActivityDetector {
  private open = false;
  private aboveMs = 0;
  private quietMs = 0;
  private thresholds: { open: number; close: number };
  private minDb: number;

  constructor(
    sensitivity: VadSensitivity = VadSensitivity.Medium,
    readonly attackMs = DEFAULT_VAD_ATTACK_MS,
    readonly hangoverMs = DEFAULT_VAD_HANGOVER_MS,
  ) {
    this.thresholds = NEURAL_VAD_THRESHOLDS[sensitivity];
    this.minDb = VAD_THRESHOLDS[sensitivity].closeDb;
  }

  get isOpen(): boolean {
    return this.open;
  }

  setSensitivity(sensitivity: VadSensitivity): void {
    this.thresholds = NEURAL_VAD_THRESHOLDS[sensitivity];
    this.minDb = VAD_THRESHOLDS[sensitivity].closeDb;
  }

  /** Feed the mean voice probability since the previous sample and the level (dBFS); returns whether the gate is open. */
  push(probability: number, dbfs: number, elapsedMs: number): boolean {
    if (!(probability >= 0 && probability <= 1)) throw new TypeError(`voice probability out of 0..1: ${probability}`);
    const { open, close } = this.thresholds;
    if (!this.open) {
      if (probability >= open && dbfs >= this.minDb) {
        this.aboveMs += elapsedMs;
        if (this.aboveMs >= this.attackMs) {
          this.open = true;
          this.quietMs = 0;
        }
      } else {
        this.aboveMs = 0;
      }
    } else if (probability >= close) {
      this.quietMs = 0;
    } else {
      this.quietMs += elapsedMs;
      if (this.quietMs >= this.hangoverMs) {
        this.open = false;
        this.aboveMs = 0;
      }
    }
    return this.open;
  }

  reset(): void {
    this.open = false;
    this.aboveMs = 0;
    this.quietMs = 0;
  }
}
