import type { AudioGraph, GainPipeline, LevelMeter } from './AudioGraph';
import { dbfsToLevel } from './levels';
import { LocalMicrophone } from './LocalMicrophone';
import { NoiseSuppressionStatus, type VadSensitivity } from '../types';
import { VoiceActivityDetector } from './vad';
import { NeuralVoiceActivityDetector } from './noise/neuralVad';
import { type NoiseSuppressionAssets, NoiseSuppressor } from './noise/NoiseSuppressor';
import { type NoiseSuppressionChoices, VadEngine } from './noise/noiseSuppressionChoices';

/** Noise suppression for LocalAudio: the per-device choices, the assets (none: unavailable), and what to do on an overrun. */
export interface LocalAudioNoiseOptions {
  choices: NoiseSuppressionChoices;
  assets?: NoiseSuppressionAssets | undefined;
  /** The worklet did not keep up: the caller turns suppression off for this device. */
  onOverrun: () => void;
}

/**
 * The local microphone with its meter and voice-activity detector, and its noise suppression:
 * microphone → NoiseSuppressor (RNNoise, when on for that device) → gain → the track sent. With
 * suppression on the browser's own noiseSuppression is off; it stays on when RNNoise is off or fails.
 */
export class LocalAudio {
  private readonly mic: LocalMicrophone;
  private readonly vad: VoiceActivityDetector;
  private readonly neuralVad: NeuralVoiceActivityDetector;
  private suppressor: NoiseSuppressor | null = null;
  private vadEngine = VadEngine.Energy;
  private noiseStatusValue = NoiseSuppressionStatus.Off;
  /** Why RNNoise could not start the last time it was asked to (shown with the notice), or null. */
  noiseReason: string | null = null;

  private meter: LevelMeter | null = null;
  /** The input gain (0..2); at 1 with no pipeline yet, the microphone track is sent as it is. */
  private gainValue = 1;
  private pipeline: GainPipeline | null = null;
  /** setGain() asked for the track to be replaced and it has not been yet: do not ask twice. */
  private rerouting = false;
  level = 0;
  vadOpen = false;

  constructor(
    private readonly graph: AudioGraph,
    sensitivity: VadSensitivity,
    onTrackEnded: () => void,
    private readonly noise: LocalAudioNoiseOptions,
  ) {
    this.vad = new VoiceActivityDetector({ sensitivity });
    this.neuralVad = new NeuralVoiceActivityDetector(sensitivity);
    this.mic = new LocalMicrophone(onTrackEnded);
  }

  get track(): MediaStreamTrack | null {
    return this.mic.track;
  }

  /** The deviceId asked for ('' = system default). */
  get deviceId(): string {
    return this.mic.deviceId;
  }

  setSensitivity(sensitivity: VadSensitivity): void {
    this.vad.setSensitivity(sensitivity);
    this.neuralVad.setSensitivity(sensitivity);
  }

  /** What noise suppression does for the open microphone. */
  get noiseStatus(): NoiseSuppressionStatus {
    return this.noiseStatusValue;
  }

  /** The voice-activity gate in use: 'neural' while RNNoise runs (unless set otherwise), else 'energy'. */
  get activeVadEngine(): VadEngine {
    return this.suppressor ? this.vadEngine : VadEngine.Energy;
  }

  /** The worklet's last timing report (null without suppression). */
  get noiseStats() {
    return this.suppressor?.lastStats ?? null;
  }

  /** The overrun was handled (suppression turned off for the device and the track replaced): show why. */
  markOverrun(): void {
    this.noiseStatusValue = NoiseSuppressionStatus.Overrun;
  }

  /** Whether RNNoise should run for `deviceId`, with the wasm loaded; else the status says why not. */
  private async prepareSuppression(deviceId: string): Promise<NoiseSuppressionStatus> {
    if (!this.noise.choices.enabledFor(deviceId)) return NoiseSuppressionStatus.Off;
    if (!this.noise.assets || !NoiseSuppressor.supported) return NoiseSuppressionStatus.Unavailable;
    try {
      await NoiseSuppressor.preload(this.noise.assets);
      this.noiseReason = null;
      return NoiseSuppressionStatus.On;
    } catch (error) {
      this.noiseReason = error instanceof Error ? error.message : String(error);
      return NoiseSuppressionStatus.Unavailable;
    }
  }

  /** `mic` through RNNoise when `status` is On; null (and the browser's suppression back on) when it cannot start. */
  private async suppress(mic: MediaStreamTrack, status: NoiseSuppressionStatus): Promise<NoiseSuppressor | null> {
    if (status !== NoiseSuppressionStatus.On || !this.noise.assets) return null;
    try {
      return await NoiseSuppressor.create(mic, this.noise.assets);
    } catch (error) {
      this.noiseReason = error instanceof Error ? error.message : String(error);
      await mic.applyConstraints({ noiseSuppression: true }).catch(() => undefined);
      return null;
    }
  }

  private adoptSuppressor(suppressor: NoiseSuppressor | null, status: NoiseSuppressionStatus): void {
    this.suppressor?.close();
    this.suppressor = suppressor;
    this.noiseStatusValue = status === NoiseSuppressionStatus.On && !suppressor ? NoiseSuppressionStatus.Unavailable : status;
    this.neuralVad.reset();
    this.vadEngine = this.noise.choices.vadEngine;
    suppressor?.on('overrun', () => this.noise.onOverrun());
  }

  /**
   * Sets the input gain (0..2). True when the track being sent must be replaced for it to apply
   * (the microphone is sent as it is and the gain is no longer 1: switch() to the same device).
   */
  setGain(gain: number): boolean {
    this.gainValue = gain;
    if (this.pipeline) {
      this.pipeline.gain = gain;
      return false;
    }
    if (this.rerouting || gain === 1 || this.mic.track === null) return false;
    this.rerouting = true;
    return true;
  }

  /** What to send for the microphone `track`: itself at gain 1, else through a GainNode (the meter measures what is sent). */
  private outgoing(track: MediaStreamTrack): MediaStreamTrack {
    this.rerouting = false;
    this.closePipeline();
    if (this.gainValue !== 1) {
      try {
        this.pipeline = this.graph.createGain(track, this.gainValue);
      } catch {
        this.pipeline = null; // no AudioContext: send the microphone as it is
      }
    }
    return this.pipeline?.track ?? track;
  }

  private closePipeline(): void {
    this.pipeline?.close();
    this.pipeline = null;
  }

  /** The track sent: the microphone's, the suppressed one, or the gain pipeline's. */
  get sentTrack(): MediaStreamTrack | null {
    if (!this.mic.track) return null;
    return this.pipeline?.track ?? this.suppressor?.track ?? this.mic.track;
  }

  /** The track to send if live, else opens `deviceId`. */
  async open(deviceId: string): Promise<MediaStreamTrack> {
    const current = this.mic.track;
    if (current && current.readyState === 'live') return this.sentTrack!;
    const status = await this.prepareSuppression(deviceId);
    const mic = await this.mic.open(deviceId, status !== NoiseSuppressionStatus.On);
    const suppressor = await this.suppress(mic, status);
    this.adoptSuppressor(suppressor, status);
    const track = this.outgoing(suppressor?.track ?? mic);
    this.attachMeter(track);
    return track;
  }

  /** Opens `deviceId`, lets `replace` put it (through the gain) on the producer, then stops the old track. */
  async switch(deviceId: string, replace: (track: MediaStreamTrack) => Promise<void>): Promise<MediaStreamTrack> {
    let mic: MediaStreamTrack;
    const status = await this.prepareSuppression(deviceId);
    try {
      mic = await this.mic.acquire(deviceId, status !== NoiseSuppressionStatus.On);
    } catch (error) {
      this.rerouting = false;
      throw error;
    }
    const suppressor = await this.suppress(mic, status);
    const previous = this.pipeline;
    this.pipeline = null;
    const track = this.outgoing(suppressor?.track ?? mic);
    try {
      await replace(track);
    } catch (error) {
      this.closePipeline();
      this.pipeline = previous;
      suppressor?.close();
      mic.stop();
      throw error;
    }
    previous?.close();
    this.adoptSuppressor(suppressor, status);
    this.mic.adopt(mic, deviceId);
    this.attachMeter(track);
    return track;
  }

  private attachMeter(track: MediaStreamTrack): void {
    this.meter?.close();
    try {
      this.meter = this.graph.createMeter(track);
    } catch {
      this.meter = null; // no AudioContext: no level, VAD stays closed
    }
  }

  /** One level-loop tick; returns true when level or the VAD changed. */
  sample(elapsedMs: number): boolean {
    if (!this.meter) return false;
    const dbfs = this.meter.readDbfs();
    const level = dbfsToLevel(dbfs);
    const energyOpen = this.vad.push(dbfs, elapsedMs);
    const neural = this.suppressor && this.vadEngine === VadEngine.Neural;
    const open = neural ? this.neuralVad.push(this.suppressor!.voiceProbability(), dbfs, elapsedMs) : energyOpen;
    const changed = level !== this.level || open !== this.vadOpen;
    this.level = level;
    this.vadOpen = open;
    return changed;
  }

  close(): void {
    this.meter?.close();
    this.meter = null;
    this.closePipeline();
    this.adoptSuppressor(null, NoiseSuppressionStatus.Off);
    this.mic.close();
    this.vad.reset();
    this.vadOpen = false;
    this.level = 0;
  }
}
