import { fromMediaError } from '../errors';
import { AudioGraph } from './AudioGraph';
import { computeDbfs, dbfsToLevel } from './levels';
import { MICROPHONE_CONSTRAINTS } from './LocalMicrophone';

export interface MicrophoneTestOptions {
  /** The microphone ('' = system default). */
  deviceId: string;
  /** Input gain 0..2, as the call would send it. */
  gain: number;
  /** The speaker to play it back on ('' = system default; ignored where setSinkId is missing). */
  outputDeviceId: string;
  mediaDevices?: MediaDevices;
}

/**
 * "Let me hear myself": the microphone through the input gain, measured (level 0..1) and played back
 * on the chosen speaker, in its own AudioContext, apart from any call. close() stops all of it.
 */
export class MicrophoneTest {
  private closedValue = false;
  private readonly buffer: Float32Array<ArrayBuffer>;

  private constructor(
    private readonly track: MediaStreamTrack,
    private readonly context: AudioContext,
    private readonly gainNode: GainNode,
    private readonly analyser: AnalyserNode,
    private readonly element: HTMLAudioElement,
  ) {
    this.buffer = new Float32Array(analyser.fftSize);
  }

  /** Opens the microphone and starts the playback; rejects with a VoxlayError (MICROPHONE_*) when it cannot. */
  static async start(options: MicrophoneTestOptions): Promise<MicrophoneTest> {
    const mediaDevices = options.mediaDevices ?? globalThis.navigator?.mediaDevices;
    let stream: MediaStream;
    try {
      if (!mediaDevices) throw Object.assign(new Error('getUserMedia unavailable'), { name: 'NotFoundError' });
      stream = await mediaDevices.getUserMedia({
        audio: { ...MICROPHONE_CONSTRAINTS, ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}) },
        video: false,
      });
    } catch (error) {
      throw fromMediaError(error);
    }
    const track = stream.getAudioTracks()[0]!;
    const context = new AudioContext({ latencyHint: 'interactive' });
    const gain = context.createGain();
    gain.gain.value = options.gain;
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0;
    const destination = context.createMediaStreamDestination();
    context.createMediaStreamSource(stream).connect(gain);
    gain.connect(analyser);
    gain.connect(destination);
    const element = new Audio();
    element.srcObject = destination.stream;
    const test = new MicrophoneTest(track, context, gain, analyser, element);
    await test.setOutputDevice(options.outputDeviceId).catch(() => undefined); // a speaker gone: the default plays
    await context.resume().catch(() => undefined);
    await element.play().catch(() => undefined);
    return test;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** The level heard right now, 0..1 (as the meters show it). */
  get level(): number {
    if (this.closedValue) return 0;
    this.analyser.getFloatTimeDomainData(this.buffer);
    return dbfsToLevel(computeDbfs(this.buffer));
  }

  set gain(value: number) {
    this.gainNode.gain.setTargetAtTime(value, this.context.currentTime, 0.02);
  }

  /** Plays back on the speaker `deviceId` ('' = system default) where the browser can choose. */
  async setOutputDevice(deviceId: string): Promise<void> {
    if (AudioGraph.canChooseOutput) await this.element.setSinkId(deviceId);
  }

  close(): void {
    if (this.closedValue) return;
    this.closedValue = true;
    this.element.pause();
    this.element.srcObject = null;
    this.track.stop();
    void this.context.close().catch(() => undefined);
  }
}
