import { TypedEmitter } from '../../events';

/**
 * Where the RNNoise assets are: the worklet script (core's rnnoise.worklet.ts, bundled) and the wasm
 * (@jitsi/rnnoise-wasm's dist/rnnoise.wasm). The app gives them (a Vite `?url` / `?worker&url`
 * import) so that neither is fetched until noise suppression is used, and core stays bundler-free.
 */
export interface NoiseSuppressionAssets {
  workletUrl: string;
  wasmUrl: string;
}

/** RNNoise's frame, and the delay its buffering adds: 448 samples at 48 kHz (rnnoise.worklet.ts). */
export const NOISE_SUPPRESSION_DELAY_MS = (448 / 48_000) * 1000;

/** How long frames take in the worklet (the last second's 100 frames). */
export interface NoiseSuppressionStats {
  frames: number;
  /** p95 time per 10 ms frame, in ms (whole ms where the worklet has no performance.now()). */
  p95Ms: number;
  /** Mean time per frame, in ms (a fair estimate even from whole-ms times). */
  meanMs: number;
  maxMs: number;
  /** Frames that took longer than one render quantum (2.67 ms). */
  slow: number;
  /** Whether the times come from performance.now() (sub-millisecond) rather than Date.now(). */
  fine: boolean;
}

export interface NoiseSuppressorEvents {
  /** The worklet does not keep up (over 20% of frames over a render quantum, 5 s in a row): turn it off. */
  overrun: () => void;
  stats: (stats: NoiseSuppressionStats) => void;
}

type WorkletMessage =
  | { type: 'vad'; probability: number }
  | { type: 'error'; message: string }
  | ({ type: 'stats' } & NoiseSuppressionStats)
  | { type: 'overrun' };

/** How long the worklet has to process its first frames before create() gives up. */
const FIRST_FRAMES_MS = 2_000;

const wasmModules = new Map<string, Promise<WebAssembly.Module>>();

/**
 * rnnoise.wasm fetched and compiled here, once per URL: the worklet only instantiates it (an extension
 * page's AudioWorkletGlobalScope refused to compile it in the tests; the page itself may).
 */
function loadWasm(url: string): Promise<WebAssembly.Module> {
  let module = wasmModules.get(url);
  if (!module) {
    module = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`RNNoise wasm: HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    });
    module.catch(() => wasmModules.delete(url));
    wasmModules.set(url, module);
  }
  return module;
}

/**
 * A microphone track through RNNoise: track → its own AudioContext (48 kHz, RNNoise's rate) →
 * AudioWorkletNode ('voxlay-rnnoise') → MediaStreamAudioDestinationNode → `track`, the one to send.
 * Also the model's voice probability (voiceProbability(): the mean since the last read).
 * close() stops the output track and frees the nodes, the wasm state and the AudioContext; the
 * microphone track given stays the caller's.
 */
export class NoiseSuppressor {
  private readonly emitter = new TypedEmitter<NoiseSuppressorEvents>();
  /** The voice probabilities reported since the last read: their sum and count. */
  private probabilitySum = 0;
  private probabilityCount = 0;
  private closedValue = false;
  lastStats: NoiseSuppressionStats | null = null;

  private constructor(
    private readonly context: AudioContext,
    private readonly source: MediaStreamAudioSourceNode,
    private readonly node: AudioWorkletNode,
    private readonly destination: MediaStreamAudioDestinationNode,
  ) {
    node.port.onmessage = (event: MessageEvent<WorkletMessage>) => this.onMessage(event.data);
  }

  /** Loads and compiles the wasm ahead (cached per URL): create() then costs the worklet set-up only. */
  static preload(assets: NoiseSuppressionAssets): Promise<void> {
    return loadWasm(assets.wasmUrl).then(() => undefined);
  }

  /** Whether this browser can run it at all (AudioWorklet and WebAssembly). */
  static get supported(): boolean {
    return typeof AudioWorkletNode !== 'undefined' && typeof WebAssembly !== 'undefined' && typeof AudioContext !== 'undefined';
  }

  /** Rejects when the assets cannot be loaded or the worklet cannot start (the caller falls back). */
  static async create(track: MediaStreamTrack, assets: NoiseSuppressionAssets): Promise<NoiseSuppressor> {
    if (!NoiseSuppressor.supported) throw new Error('AudioWorklet or WebAssembly unavailable');
    const context = new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });
    try {
      const [module] = await Promise.all([loadWasm(assets.wasmUrl), context.audioWorklet.addModule(assets.workletUrl)]);
      const node = new AudioWorkletNode(context, 'voxlay-rnnoise', {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: 'explicit',
        processorOptions: { module },
      });
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const destination = context.createMediaStreamDestination();
      destination.channelCount = 1;
      source.connect(node).connect(destination);
      if (context.state === 'suspended') await context.resume().catch(() => undefined);
      // The first frames must come out (a context that does not render would send silence): else fall back.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the noise-suppression worklet does not run (context ${context.state})`)),
          FIRST_FRAMES_MS,
        );
        node.onprocessorerror = () => reject(new Error('the noise-suppression worklet failed'));
        node.port.onmessage = (event: MessageEvent<WorkletMessage>) => {
          clearTimeout(timer);
          if (event.data.type === 'error') reject(new Error(event.data.message));
          else resolve();
        };
      });
      return new NoiseSuppressor(context, source, node, destination);
    } catch (error) {
      void context.close().catch(() => undefined);
      throw error;
    }
  }

  /** The suppressed microphone: what to send. */
  get track(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0]!;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /**
   * The mean voice probability (0..1) the model gave since the last call (0 when none came). The mean,
   * not the highest: one frame's spike on a click or a bump must not open the gate in a single
   * level tick (a tick lasts longer than the gate's attack, and longer still on a loaded machine).
   */
  voiceProbability(): number {
    const p = this.probabilityCount === 0 ? 0 : this.probabilitySum / this.probabilityCount;
    this.probabilitySum = 0;
    this.probabilityCount = 0;
    return p;
  }

  on<K extends keyof NoiseSuppressorEvents>(event: K, listener: NoiseSuppressorEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  private onMessage(message: WorkletMessage): void {
    if (this.closedValue) return;
    if (message.type === 'vad') {
      this.probabilitySum += message.probability;
      this.probabilityCount++;
    } else if (message.type === 'overrun') this.emitter.emit('overrun');
    else if (message.type === 'error') return;
    else {
      const { type: _type, ...stats } = message;
      this.lastStats = stats;
      this.emitter.emit('stats', stats);
    }
  }

  close(): void {
    if (this.closedValue) return;
    this.closedValue = true;
    this.track.stop();
    this.node.port.postMessage({ type: 'close' });
    this.node.port.onmessage = null;
    this.source.disconnect();
    this.node.disconnect();
    this.emitter.removeAllListeners();
    void this.context.close().catch(() => undefined);
  }
}
