import type { AudioGraph, GainPipeline, LevelMeter } from './AudioGraph';
import { dbfsToLevel } from './levels';
import { LocalMicrophone } from './LocalMicrophone';
import type { VadSensitivity } from '../types';
import { VoiceActivityDetector } from './vad';

/** The local microphone with its meter and voice-activity detector. */
export class LocalAudio {
  private readonly mic: LocalMicrophone;
  private readonly vad: VoiceActivityDetector;
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
  ) {
    this.vad = new VoiceActivityDetector({ sensitivity });
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

  /** The track sent: the microphone's, or the gain pipeline's. */
  get sentTrack(): MediaStreamTrack | null {
    return this.pipeline?.track ?? this.mic.track;
  }

  /** The track to send if live, else opens `deviceId`. */
  async open(deviceId: string): Promise<MediaStreamTrack> {
    const current = this.mic.track;
    if (current && current.readyState === 'live') return this.sentTrack!;
    const track = this.outgoing(await this.mic.open(deviceId));
    this.attachMeter(track);
    return track;
  }

  /** Opens `deviceId`, lets `replace` put it (through the gain) on the producer, then stops the old track. */
  async switch(deviceId: string, replace: (track: MediaStreamTrack) => Promise<void>): Promise<MediaStreamTrack> {
    let mic: MediaStreamTrack;
    try {
      mic = await this.mic.acquire(deviceId);
    } catch (error) {
      this.rerouting = false;
      throw error;
    }
    const previous = this.pipeline;
    this.pipeline = null;
    const track = this.outgoing(mic);
    try {
      await replace(track);
    } catch (error) {
      this.closePipeline();
      this.pipeline = previous;
      mic.stop();
      throw error;
    }
    previous?.close();
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
    const open = this.vad.push(dbfs, elapsedMs);
    const changed = level !== this.level || open !== this.vadOpen;
    this.level = level;
    this.vadOpen = open;
    return changed;
  }

  close(): void {
    this.meter?.close();
    this.meter = null;
    this.closePipeline();
    this.mic.close();
    this.vad.reset();
    this.vadOpen = false;
    this.level = 0;
  }
}
