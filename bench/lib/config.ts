// Sizes of every suite: the full run (`npm run bench`) and the smoke run (`BENCH_QUICK=1`).

export const QUICK = process.env.BENCH_QUICK === '1';

/** Suites to run (BENCH_ONLY=join,capacity), default all. */
export const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects when `promise` takes longer than `ms` (every wait in the benchmarks is bounded). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/**
 * Port ranges of the capacity load generator's plain transports, away from the server default
 * (40000 + worker). Voxlay servers and raw WebRTC transports use WebRtcServers on free ports.
 */
export const PORTS = {
  sfuPlain: { min: 52000, max: 53999 },
  generator: { min: 54000, max: 55999 },
};
