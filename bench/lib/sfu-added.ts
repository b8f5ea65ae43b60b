// What the SFU adds over a direct path between the same pages, measured in the same runs: the
// median over runs of (SFU p50 − direct p50), with a bootstrap interval over runs and the verdict
// on an "at most" goal (mouth-to-ear, glass-to-glass).
import { bootstrap, fmt, type Interval, median, verdictAtMost, withInterval } from './stats.js';
import type { Figure } from './suite.js';

export interface SfuAdded {
  interval: Interval;
  figure: Figure;
  /** The miss or the inconclusive verdict, explained (empty when met). */
  misses: string[];
}

/**
 * `diffs`: per run, SFU p50 − direct p50 (ms). `what` names the measure ("mouth to ear");
 * `detail` is appended to a miss (a decomposition measured in the same run).
 */
export function sfuAddedAtP50(diffs: readonly number[], goalMs: number, what: string, detail: string): SfuAdded {
  const interval = bootstrap([diffs], (d) => median(d!));
  const verdict = verdictAtMost(interval, goalMs);
  const perRun = diffs.map((d) => fmt(d)).join(', ');
  const adds = `${what.charAt(0).toUpperCase()}${what.slice(1)}, the SFU adds ${withInterval(interval, 1, ' ms')} at p50 over the direct path`;
  const misses: string[] = [];
  if (verdict === false) misses.push(`${adds} (goal ≤ ${goalMs} ms; per run: ${perRun}). ${detail}`);
  if (verdict === 'inconclusive')
    misses.push(`${adds}: the interval straddles the goal (≤ ${goalMs} ms), so this run cannot tell (per run: ${perRun}). ${detail}`);
  return {
    interval,
    misses,
    figure: {
      label: `Added by the SFU, ${what}, at p50`,
      value: `${withInterval(interval, 1, ' ms')}; per run ${fmt(Math.min(...diffs))} to ${fmt(Math.max(...diffs))} ms`,
      goal: `≤ ${goalMs} ms`,
      met: verdict,
      source: 'derived',
      how: `median over ${diffs.length} runs of (SFU p50 − P2P p50); interval: bootstrap over runs`,
    },
  };
}
