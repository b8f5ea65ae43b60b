import { computeDbfs } from './levels';

/** A microphone track sent through a GainNode: `track` is what to send, `gain` can change live. */
export interface GainPipeline {
  readonly track: MediaStreamTrack;
  gain: number;
  close(): void;
}

/** Reads the current level of one track. */
export interface LevelMeter {
  readDbfs(): number;
  close(): void;
}

/**
 * ONE shared AudioContext for the Channel, with an AnalyserNode per track (the local microphone and
 * each remote participant). Analysers are not connected to the destination: they only measure;
 * remote audio is played by <audio> elements (RemoteParticipant).
 */
export class AudioGraph {
  private context: AudioContext | null = null;
  private closed = false;
  /** The speaker remote audio plays on ('' = system default) and the elements playing it. */
  private outputId = '';
  private readonly outputs = new Set<HTMLMediaElement>();

  /** Whether this browser can choose the speaker of a media element (HTMLMediaElement.setSinkId). */
  static get canChooseOutput(): boolean {
    return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  }

  /** The speaker deviceId remote audio plays on ('' = system default). */
  get outputDeviceId(): string {
    return this.outputId;
  }

  /**
   * Plays `element` (a remote participant's audio) on the chosen speaker, now and after every
   * setOutputDevice(), until it stops playing (no srcObject) or the graph closes.
   */
  playThrough(element: HTMLMediaElement): void {
    this.outputs.add(element);
    if (this.outputId) void this.applyOutput(element).catch(() => undefined); // a speaker gone: the default plays
  }

  /**
   * Moves every remote audio element to the speaker `deviceId` ('' = system default). Where the
   * browser cannot choose (no setSinkId) the system default stays. Rejects when the device is gone.
   */
  async setOutputDevice(deviceId: string): Promise<void> {
    this.outputId = deviceId;
    for (const element of this.outputs) if (!element.srcObject) this.outputs.delete(element);
    await Promise.all([...this.outputs].map((element) => this.applyOutput(element)));
  }

  private applyOutput(element: HTMLMediaElement): Promise<void> {
    return AudioGraph.canChooseOutput ? element.setSinkId(this.outputId) : Promise.resolve();
  }

  private getContext(): AudioContext {
    if (this.closed) throw new Error('AudioGraph closed');
    this.context ??= new AudioContext({ latencyHint: 'interactive' });
    return this.context;
  }

  /**
   * Creates the context ahead of the click (prepare()), suspended until resume(): its creation
   * costs the page a couple of milliseconds that the join then does not pay.
   */
  warm(): void {
    if (typeof AudioContext === 'undefined' || this.closed) return;
    this.getContext();
  }

  /** Call from a user gesture (join button) so the autoplay policy lets the context run. */
  async resume(): Promise<void> {
    if (typeof AudioContext === 'undefined') return;
    const context = this.getContext();
    if (context.state === 'suspended') await context.resume().catch(() => undefined);
  }

  createMeter(track: MediaStreamTrack): LevelMeter {
    const context = this.getContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    let closed = false;
    return {
      readDbfs: () => {
        if (closed) return -100;
        analyser.getFloatTimeDomainData(buffer);
        return computeDbfs(buffer);
      },
      close: () => {
        if (closed) return;
        closed = true;
        source.disconnect();
        analyser.disconnect();
      },
    };
  }

  /**
   * `track` through a GainNode into a new track (MediaStreamAudioDestinationNode): the input gain.
   * The context must run (resume() in the join's gesture) for the new track to carry sound.
   */
  createGain(track: MediaStreamTrack, gain: number): GainPipeline {
    const context = this.getContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const node = context.createGain();
    node.gain.value = gain;
    const destination = context.createMediaStreamDestination();
    destination.channelCount = 1;
    source.connect(node).connect(destination);
    const out = destination.stream.getAudioTracks()[0]!;
    return {
      track: out,
      get gain() {
        return node.gain.value;
      },
      set gain(value: number) {
        node.gain.setTargetAtTime(value, context.currentTime, 0.02);
      },
      close: () => {
        out.stop();
        source.disconnect();
        node.disconnect();
      },
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.outputs.clear();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
