import type { AudioGraph, LevelMeter } from './AudioGraph';
import { dbfsToLevel } from './levels';
import { LocalMicrophone } from './LocalMicrophone';
import type { VadSensitivity } from '../types';
import { VoiceActivityDetector } from './vad';

/** The local microphone with its meter and voice-activity detector. */
export class LocalAudio {
  private readonly mic: LocalMicrophone;
  private readonly vad: VoiceActivityDetector;
  private meter: LevelMeter | null = null;
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

  /** The current track if live, else opens `deviceId`. */
  async open(deviceId: string): Promise<MediaStreamTrack> {
    const current = this.mic.track;
    if (current && current.readyState === 'live') return current;
    const track = await this.mic.open(deviceId);
    this.attachMeter(track);
    return track;
  }

  /** Opens `deviceId`, lets `replace` put it on the producer, then stops the old track. */
  async switch(deviceId: string, replace: (track: MediaStreamTrack) => Promise<void>): Promise<MediaStreamTrack> {
    const track = await this.mic.acquire(deviceId);
    try {
      await replace(track);
    } catch (error) {
      track.stop();
      throw error;
    }
    this.mic.adopt(track, deviceId);
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
    this.mic.close();
    this.vad.reset();
    this.vadOpen = false;
    this.level = 0;
  }
}
