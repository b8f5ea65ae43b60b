// The RNNoise AudioWorkletProcessor ('voxlay-rnnoise'): runs in the AudioWorkletGlobalScope, where
// there is no fetch and no importScripts. The main thread fetches the wasm (@jitsi/rnnoise-wasm's
// dist/rnnoise.wasm), compiles it, and hands the WebAssembly.Module in processorOptions; it is
// instantiated here synchronously. The 128-sample render quantum is buffered into RNNoise's 480-sample (10 ms) frames:
// the output is delayed by FRAME_DELAY samples (448 = 9.3 ms at 48 kHz), the least that never runs dry.
//
// Messages to the main thread (port): { type: 'vad', probability } every VAD_EVERY frames (the
// highest voice probability among them), { type: 'stats', ... } every STATS_EVERY frames (the time
// each frame took), { type: 'overrun' } once frames keep taking longer than a render quantum (5 s).

interface ProcessorOptions {
  /** rnnoise.wasm compiled by the main thread (a worklet of an extension page may not compile wasm itself). */
  module?: WebAssembly.Module;
  /** Or its bytes, compiled here. */
  wasm?: ArrayBuffer;
}

interface WorkletGlobals {
  AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(name: string, processor: unknown): void;
  sampleRate: number;
  performance?: { now(): number };
}

/** The exports of rnnoise.wasm (emscripten names minified: see @jitsi/rnnoise-wasm's dist/rnnoise.js). */
interface RnnoiseExports {
  c: WebAssembly.Memory;
  /** __wasm_call_ctors */
  d(): void;
  /** rnnoise_create(model = 0) → DenoiseState* */
  f(model: number): number;
  /** malloc */
  g(size: number): number;
  /** rnnoise_destroy */
  h(state: number): void;
  /** free */
  i(ptr: number): void;
  /** rnnoise_process_frame(state, out, in) → voice probability */
  j(state: number, out: number, input: number): number;
}

const FRAME = 480;
const QUANTUM = 128;
/** max over k of (128·k mod 480): the output delay that keeps 128 samples ready at every quantum. */
const FRAME_DELAY = 448;
const VAD_EVERY = 2;
const STATS_EVERY = 100;
/** RNNoise works on float samples in the int16 range. */
const SCALE = 32_768;

const scope = globalThis as unknown as WorkletGlobals;
const clock = (): number => (scope.performance ? scope.performance.now() : Date.now());

function instantiate(options: ProcessorOptions): RnnoiseExports {
  const module = options.module ?? new WebAssembly.Module(options.wasm ?? new ArrayBuffer(0));
  let memory: WebAssembly.Memory | null = null;
  const imports = {
    a: {
      // emscripten_resize_heap(requested): grow the memory by whole pages.
      a: (requested: number): number => {
        if (!memory) return 0;
        const need = (requested >>> 0) - memory.buffer.byteLength;
        try {
          memory.grow(Math.ceil(need / 65_536));
          return 1;
        } catch {
          return 0;
        }
      },
      // emscripten_memcpy_big(dest, src, num)
      b: (dest: number, src: number, num: number): void => {
        if (memory) new Uint8Array(memory.buffer).copyWithin(dest, src, src + num);
      },
    },
  };
  const exports = new WebAssembly.Instance(module, imports).exports as unknown as RnnoiseExports;
  memory = exports.c;
  exports.d();
  return exports;
}

class RnnoiseProcessor extends scope.AudioWorkletProcessor {
  private readonly rnn: RnnoiseExports;
  private readonly state: number;
  private readonly inPtr: number;
  private readonly outPtr: number;
  private readonly input = new Float32Array(FRAME);
  private inputFill = 0;
  /** A ring of processed samples waiting to be played. */
  private readonly output = new Float32Array(FRAME * 2);
  private outRead = 0;
  private outFill = FRAME_DELAY;
  private frames = 0;
  private vadMax = 0;
  private readonly times: number[] = [];
  /** Consecutive stats windows where frames took longer than a render quantum. */
  private slowWindows = 0;
  private stopped = false;

  constructor(options: { processorOptions: ProcessorOptions }) {
    super();
    try {
      this.rnn = instantiate(options.processorOptions);
    } catch (error) {
      // Say why (a CSP without 'wasm-unsafe-eval', no memory) before the node reports a bare processorerror.
      this.port.postMessage({ type: 'error', message: String(error) });
      throw error;
    }
    this.state = this.rnn.f(0);
    this.inPtr = this.rnn.g(FRAME * 4);
    this.outPtr = this.rnn.g(FRAME * 4);
    this.port.onmessage = (event: MessageEvent<{ type: string }>) => {
      if (event.data.type === 'close') this.stop();
    };
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.rnn.i(this.inPtr);
    this.rnn.i(this.outPtr);
    this.rnn.h(this.state);
  }

  private processFrame(): void {
    const started = clock();
    const heap = new Float32Array(this.rnn.c.buffer);
    const base = this.inPtr >> 2;
    for (let i = 0; i < FRAME; i++) heap[base + i] = this.input[i]! * SCALE;
    const probability = this.rnn.j(this.state, this.outPtr, this.inPtr);
    const out = new Float32Array(this.rnn.c.buffer, this.outPtr, FRAME);
    const ring = this.output;
    let write = (this.outRead + this.outFill) % ring.length;
    for (let i = 0; i < FRAME; i++) {
      ring[write] = out[i]! / SCALE;
      write = write + 1 === ring.length ? 0 : write + 1;
    }
    this.outFill += FRAME;
    this.times.push(clock() - started);
    this.frames++;
    this.vadMax = Math.max(this.vadMax, probability);
    if (this.frames % VAD_EVERY === 0) {
      this.port.postMessage({ type: 'vad', probability: this.vadMax });
      this.vadMax = 0;
    }
    if (this.times.length >= STATS_EVERY) this.report();
  }

  private report(): void {
    const sorted = this.times.sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const budgetMs = (QUANTUM / scope.sampleRate) * 1000;
    const slow = sorted.filter((t) => t > budgetMs).length;
    // Without performance.now() (Chromium's worklet scope) each time is a whole millisecond; their mean
    // over 100 frames still estimates the mean time per frame to about 0.01 ms.
    const meanMs = sorted.reduce((a, t) => a + t, 0) / sorted.length;
    this.port.postMessage({
      type: 'stats',
      frames: sorted.length,
      p95Ms: p95,
      meanMs,
      maxMs: sorted.at(-1) ?? 0,
      slow,
      fine: scope.performance !== undefined,
    });
    this.times.length = 0;
    // More than 20% of the frames over a render quantum, 5 seconds in a row: the worklet does not keep up.
    // (Times are wall-clock and often whole milliseconds: a busy machine's preemptions alone must not trip it.)
    this.slowWindows = slow > sorted.length * 0.2 ? this.slowWindows + 1 : 0;
    if (this.slowWindows === 5) this.port.postMessage({ type: 'overrun' });
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channel = inputs[0]?.[0];
    const target = outputs[0]?.[0];
    if (!target) return true;
    const samples = channel ?? new Float32Array(target.length);
    for (let i = 0; i < samples.length; i++) {
      this.input[this.inputFill++] = samples[i]!;
      if (this.inputFill === FRAME) {
        this.processFrame();
        this.inputFill = 0;
      }
    }
    const ring = this.output;
    const n = Math.min(target.length, this.outFill);
    for (let i = 0; i < n; i++) {
      target[i] = ring[this.outRead]!;
      this.outRead = this.outRead + 1 === ring.length ? 0 : this.outRead + 1;
    }
    this.outFill -= n;
    for (let i = 1; i < (outputs[0]?.length ?? 0); i++) outputs[0]![i]!.set(target);
    return true;
  }
}

scope.registerProcessor('voxlay-rnnoise', RnnoiseProcessor);
