import type { SettingsStorage } from '../../settings';

export const NOISE_SUPPRESSION_KEY = 'voxlay.noiseSuppression.v1';

/** Which voice-activity gate runs while noise suppression is on ('neural': the model's voice probability). */
export enum VadEngine {
  Energy = 'energy',
  Neural = 'neural',
}

interface Stored {
  /** The choice per microphone deviceId ('' = the system default). */
  devices: Record<string, boolean>;
  vadEngine: VadEngine;
}

/**
 * Noise suppression on by default where the CPU allows: AudioWorklet and WebAssembly, and at least
 * 4 logical cores (2-core machines run it only when asked: RNNoise costs a share of a core there,
 * and an overrun turns it off anyway).
 */
export function noiseSuppressionByDefault(nav: { hardwareConcurrency?: number } | undefined = globalThis.navigator): boolean {
  const cores = nav?.hardwareConcurrency ?? 0;
  return cores >= 4 && typeof AudioWorkletNode !== 'undefined' && typeof WebAssembly !== 'undefined';
}

/**
 * "Noise suppression" on or off per microphone (deviceId), remembered in the settings storage under
 * its own key. Read from storage on every call: the extension's pages and its offscreen document
 * share the storage, so a choice made in one is seen by the others.
 */
export class NoiseSuppressionChoices {
  constructor(
    private readonly storage: SettingsStorage,
    private readonly byDefault: boolean = noiseSuppressionByDefault(),
  ) {}

  private read(): Stored {
    let raw: unknown = null;
    try {
      raw = JSON.parse(this.storage.getItem(NOISE_SUPPRESSION_KEY) ?? 'null');
    } catch {
      raw = null; // corrupt or unavailable: the defaults
    }
    const devices: Record<string, boolean> = {};
    const value = typeof raw === 'object' && raw !== null ? (raw as Partial<Stored>) : {};
    if (typeof value.devices === 'object' && value.devices !== null) {
      for (const [id, on] of Object.entries(value.devices)) if (typeof on === 'boolean') devices[id] = on;
    }
    const vadEngine = value.vadEngine === VadEngine.Energy ? VadEngine.Energy : VadEngine.Neural;
    return { devices, vadEngine };
  }

  private write(stored: Stored): void {
    try {
      this.storage.setItem(NOISE_SUPPRESSION_KEY, JSON.stringify(stored));
    } catch {
      // storage refused (quota, private mode): the choice holds until the page closes
    }
  }

  /** Whether noise suppression is on for the microphone `deviceId` ('' = default). */
  enabledFor(deviceId: string): boolean {
    return this.read().devices[deviceId] ?? this.byDefault;
  }

  set(deviceId: string, enabled: boolean): void {
    const stored = this.read();
    stored.devices[deviceId] = enabled;
    this.write(stored);
  }

  /** The gate used while suppression is on (neural unless set otherwise; the energy gate runs without it). */
  get vadEngine(): VadEngine {
    return this.read().vadEngine;
  }

  setVadEngine(engine: VadEngine): void {
    this.write({ ...this.read(), vadEngine: engine });
  }
}
