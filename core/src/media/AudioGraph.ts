import { computeDbfs } from './levels';

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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
