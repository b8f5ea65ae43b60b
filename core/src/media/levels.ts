import { Logger } from '../logger';
import { rmsToDbfs } from './vad';

const logger = new Logger('LevelLoop');

/** Level shown in meters: -60 dBFS → 0, 0 dBFS → 1. */
export const LEVEL_FLOOR_DBFS = -60;

export function computeRms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

export function computeDbfs(samples: ArrayLike<number>): number {
  return rmsToDbfs(computeRms(samples));
}

/** dBFS → 0..1 for display, rounded to 0.01 so tiny changes do not re-render. */
export function dbfsToLevel(dbfs: number): number {
  const level = (dbfs - LEVEL_FLOOR_DBFS) / -LEVEL_FLOOR_DBFS;
  return Math.round(Math.min(1, Math.max(0, level)) * 100) / 100;
}

export interface LevelLoopEnv {
  now(): number;
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const browserEnv = (): LevelLoopEnv => ({
  now: () => performance.now(),
  ...(typeof requestAnimationFrame === 'function'
    ? { requestAnimationFrame: (cb) => requestAnimationFrame(cb), cancelAnimationFrame: (h) => cancelAnimationFrame(h) }
    : {}),
  setInterval: (cb, ms) => setInterval(cb, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
});

/** Called with the time since the previous tick (ms). */
export type LevelTick = (elapsedMs: number) => void;

/**
 * ONE loop for every level meter: requestAnimationFrame while frames come (display rate at most),
 * and a ~10 Hz timer that takes over when they stop (hidden tab, offscreen document), so voice
 * activity detection keeps working in the background.
 */
export class LevelLoop {
  private readonly ticks = new Set<LevelTick>();
  private readonly env: LevelLoopEnv;
  private raf: number | null = null;
  private timer: unknown = null;
  private last = 0;

  constructor(
    env?: LevelLoopEnv,
    private readonly fallbackMs = 100,
  ) {
    this.env = env ?? browserEnv();
  }

  add(tick: LevelTick): () => void {
    this.ticks.add(tick);
    if (this.ticks.size === 1) this.start();
    return () => {
      this.ticks.delete(tick);
      if (this.ticks.size === 0) this.stop();
    };
  }

  get running(): boolean {
    return this.timer !== null;
  }

  private start(): void {
    this.last = this.env.now();
    this.timer = this.env.setInterval(() => {
      // Only when animation frames stopped coming.
      if (this.env.now() - this.last >= this.fallbackMs * 0.9) this.tick();
    }, this.fallbackMs);
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    const raf = this.env.requestAnimationFrame;
    if (!raf) return;
    this.raf = raf(() => {
      this.raf = null;
      this.tick();
      if (this.timer !== null) this.scheduleFrame();
    });
  }

  private tick(): void {
    const now = this.env.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    for (const tick of [...this.ticks]) {
      try {
        tick(elapsed);
      } catch (error) {
        logger.error('level tick threw', error);
      }
    }
  }

  private stop(): void {
    if (this.timer !== null) this.env.clearInterval(this.timer);
    this.timer = null;
    if (this.raf !== null) this.env.cancelAnimationFrame?.(this.raf);
    this.raf = null;
  }

  close(): void {
    this.ticks.clear();
    this.stop();
  }
}
