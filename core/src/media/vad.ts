import { VadSensitivity } from '../types';

/** Open / close thresholds in dBFS per sensitivity: "high" opens on quieter input. */
export const VAD_THRESHOLDS: Record<VadSensitivity, { openDb: number; closeDb: number }> = {
  [VadSensitivity.High]: { openDb: -55, closeDb: -62 },
  [VadSensitivity.Medium]: { openDb: -45, closeDb: -52 },
  [VadSensitivity.Low]: { openDb: -35, closeDb: -42 },
};

export interface VadOptions {
  sensitivity?: VadSensitivity;
  /** Time the level must stay above the open threshold before the gate opens (rejects clicks). */
  attackMs?: number;
  /** Time the gate stays open after the level falls below the close threshold (keeps words whole). */
  hangoverMs?: number;
}

export const DEFAULT_VAD_ATTACK_MS = 40;
export const DEFAULT_VAD_HANGOVER_MS = 400;

/** 20·log10(rms), floored at -100 dBFS. */
export function rmsToDbfs(rms: number): number {
  if (!(rms > 0)) return -100;
  return Math.max(-100, 20 * Math.log10(rms));
}

/**
 * A pure voice-activity gate fed level samples (dBFS, or linear RMS via pushRms) with the time
 * since the previous sample. Hysteresis: separate open / close thresholds; attack: the level must
 * stay above the open threshold for `attackMs`; hangover: the gate stays open `hangoverMs` after
 * the level falls below the close threshold, so the gaps between syllables do not chop words.
 * Time-based, so it works at display rate (~16 ms) as well as with a 10 Hz background timer.
 */
export class VoiceActivityDetector {
  private open = false;
  private aboveMs = 0;
  private quietMs = 0;
  private thresholds: { openDb: number; closeDb: number };
  readonly attackMs: number;
  readonly hangoverMs: number;

  constructor(options: VadOptions = {}) {
    this.thresholds = VAD_THRESHOLDS[options.sensitivity ?? VadSensitivity.Medium];
    this.attackMs = options.attackMs ?? DEFAULT_VAD_ATTACK_MS;
    this.hangoverMs = options.hangoverMs ?? DEFAULT_VAD_HANGOVER_MS;
  }

  get isOpen(): boolean {
    return this.open;
  }

  setSensitivity(sensitivity: VadSensitivity): void {
    this.thresholds = VAD_THRESHOLDS[sensitivity];
  }

  /** Feed one level sample in dBFS; returns whether the gate is open afterwards. */
  push(dbfs: number, elapsedMs: number): boolean {
    const { openDb, closeDb } = this.thresholds;
    if (!this.open) {
      if (dbfs >= openDb) {
        this.aboveMs += elapsedMs;
        if (this.aboveMs >= this.attackMs) {
          this.open = true;
          this.quietMs = 0;
        }
      } else {
        this.aboveMs = 0;
      }
    } else if (dbfs >= closeDb) {
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

  /** Feed one linear RMS sample (0..1). */
  pushRms(rms: number, elapsedMs: number): boolean {
    return this.push(rmsToDbfs(rms), elapsedMs);
  }

  reset(): void {
    this.open = false;
    this.aboveMs = 0;
    this.quietMs = 0;
  }
}
