// Percentiles, median and spread of a set of measurements.

/** Least-squares slope of y over x; NaN when every x is the same. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

/** Linear-interpolated percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface Summary {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  return {
    n: values.length,
    min: values.length ? Math.min(...values) : Number.NaN,
    p25: percentile(values, 25),
    median: percentile(values, 50),
    p75: percentile(values, 75),
    p95: percentile(values, 95),
    max: values.length ? Math.max(...values) : Number.NaN,
    mean,
  };
}

/** A number with `digits` decimals, or "n/a". */
export function fmt(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** "median (min–max, n runs)". */
export function spread(values: readonly number[], digits = 1, unit = ''): string {
  const s = summarize(values);
  return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)}, n=${s.n})`;
}

/** A small seeded PRNG (mulberry32), so a report's confidence intervals are reproducible from its data. */
export function seededRandom(seed = 0x5eed): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** The confidence level, e.g. 0.95. */
  level: number;
}

/**
 * Percentile bootstrap confidence interval of `statistic` over one or more samples (each resampled
 * with replacement on its own, so a ratio of two medians gets an interval too).
 */
export function bootstrap(
  samples: ReadonlyArray<readonly number[]>,
  statistic: (...resampled: number[][]) => number,
  options: { iterations?: number; level?: number; seed?: number } = {},
): Interval {
  const iterations = options.iterations ?? 2000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed);
  const estimate = statistic(...samples.map((s) => [...s]));
  if (samples.some((s) => s.length === 0)) return { estimate, low: Number.NaN, high: Number.NaN, level };
  const values: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const resampled = samples.map((s) => Array.from({ length: s.length }, () => s[Math.floor(random() * s.length)]!));
    const v = statistic(...resampled);
    if (Number.isFinite(v)) values.push(v);
  }
  const alpha = (1 - level) / 2;
  return { estimate, low: percentile(values, alpha * 100), high: percentile(values, (1 - alpha) * 100), level };
}

/**
 * The verdict on an "at most `goal`" target from an interval: met when the whole interval is at or
 * under the goal, missed when all of it is over, 'inconclusive' when it straddles the goal.
 */
export function verdictAtMost(interval: Interval, goal: number): boolean | 'inconclusive' | null {
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return null;
  if (interval.high <= goal) return true;
  if (interval.low > goal) return false;
  return 'inconclusive';
}

/** The same for an "at least `goal`" target. */
export function verdictAtLeast(interval: Interval, goal: number): boolean | 'inconclusive' | null {
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return null;
  if (interval.low >= goal) return true;
  if (interval.high < goal) return false;
  return 'inconclusive';
}

/** "12.3 (95% CI 10.1–14.0)". */
export function withInterval(interval: Interval, digits = 1, unit = ''): string {
  return `${fmt(interval.estimate, digits)}${unit} (${Math.round(interval.level * 100)}% CI ${fmt(interval.low, digits)}–${fmt(interval.high, digits)}${unit})`;
}
