// What the click → hearing suites share (issue 14: "hearing within a blink of the click"): the goal,
// its verdict on a set of joins, and the per-step table, for the PWA (suites/click-to-hearing.ts)
// and the extension (suites/extension-click.ts).
import type { Browser, Page } from 'playwright-core';
import { pageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import { closePage, openBenchPage, pageServerFor, VOICE_PAGE } from './browser.js';
import { bootstrap, fmt, percentile, summarize, verdictAtMost, withInterval } from './stats.js';
import { table, type Figure, type SuiteResult } from './suite.js';

export const GOAL_P50_MS = 250;
export const GOAL_P95_MS = 400;

/** Milliseconds from the click to each step of one join; a step missing did not happen within the wait. */
export type StepTimes<K extends string> = Partial<Record<K, number>>;

export function values<K extends string>(list: ReadonlyArray<StepTimes<K>>, key: K): number[] {
  return list.map((s) => s[key]).filter((v): v is number => v !== undefined);
}

/**
 * The goal's figure for click → first audible sample over `joins` joins: missed when a join was never
 * heard, or the median or the p95 is over the goal; else the median's 95% bootstrap interval decides.
 */
export function hearingFigure(label: string, audible: readonly number[], joins: number): { figure: Figure; p50: number; p95: number } {
  const missing = joins - audible.length;
  const p50 = bootstrap([audible], (v) => percentile(v, 50));
  const p95 = percentile(audible, 95);
  const verdict50 = verdictAtMost(p50, GOAL_P50_MS);
  const met: Figure['met'] = missing > 0 || verdict50 === false || p95 > GOAL_P95_MS ? false : verdict50;
  return {
    figure: {
      label,
      value: `${withInterval(p50, 0, ' ms')} / ${fmt(p95, 0)} ms${missing ? ` (${missing} of ${joins} never heard within 10 s)` : ''}`,
      goal: `p50 ≤ ${GOAL_P50_MS} ms and p95 ≤ ${GOAL_P95_MS} ms`,
      met,
    },
    p50: p50.estimate,
    p95,
  };
}

/** One row per variant and step: n, min, p50, p95, max of the times from the click. */
export function stepTable<V extends string, K extends string>(
  samples: Record<V, ReadonlyArray<StepTimes<K>>>,
  variants: readonly V[],
  steps: ReadonlyArray<{ key: K; label: string }>,
): string {
  const rows = variants.flatMap((variant) =>
    steps.map(({ key, label }) => {
      const s = summarize(values(samples[variant], key));
      return [variant, label, s.n, fmt(s.min, 0), fmt(s.median, 0), fmt(s.p95, 0), fmt(s.max, 0)];
    }),
  );
  return table(['variant', 'from the click to', 'n', 'min', 'p50', 'p95', 'max'], rows);
}

/**
 * The people already talking when the user clicks: one bench voice page per name in `browser`, each
 * joined to `channelId` with a continuous 440 Hz tone (-12 dBFS) as its microphone. Returns the undo.
 */
export async function startSpeakers(
  browser: Browser,
  serverUrl: string,
  channelId: string,
  names: readonly string[],
): Promise<() => Promise<void>> {
  const voiceUrl = (await pageServerFor(VOICE_PAGE)).url;
  const speakers: Page[] = [];
  const stop = async (): Promise<void> => {
    for (const speaker of speakers) await closePage(speaker);
  };
  try {
    for (const name of names) {
      const speaker = await openBenchPage(browser, voiceUrl, name, { mic: 'tone' });
      speakers.push(speaker);
      await pageApi<VoicePageApi>(speaker, 'voice').join(serverUrl, channelId, name);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/**
 * One unrecorded warm-up join per variant (the server's and the browser's first-use costs are not a
 * user's click), then `runs` rounds of one join per variant, alternating the order; `logRound` after each.
 */
export async function alternateJoins<V extends string, S>(
  variants: readonly V[],
  runs: number,
  join: (variant: V, label: string) => Promise<S>,
  logRound: (round: number, samples: Record<V, S[]>) => void,
): Promise<Record<V, S[]>> {
  const samples = Object.fromEntries(variants.map((v) => [v, [] as S[]])) as Record<V, S[]>;
  for (const variant of variants) await join(variant, `warm-up ${variant}`);
  for (let r = 0; r < runs; r++) {
    for (const variant of r % 2 === 0 ? variants : [...variants].reverse()) samples[variant].push(await join(variant, `${variant} ${r}`));
    logRound(r, samples);
  }
  return samples;
}

/** How a click → hearing suite describes its joins. */
export interface ClickReport<V extends string, K extends string> {
  id: string;
  title: string;
  /** Markdown paragraphs: how it was measured. */
  method: string[];
  runs: number;
  variants: readonly V[];
  steps: ReadonlyArray<{ key: K; label: string }>;
  samples: Record<V, ReadonlyArray<StepTimes<K>>>;
  /** The hearing figure's label for a variant. */
  hearing: (variant: V) => string;
  /** The step the hearing goal is judged on; default 'audible' (the first audible sample). */
  heardAt?: K;
  /** The label of the UI showing a remote participant speaking (step 'ring'). */
  ring: (variant: V) => string;
  /** Where the time went, for a missed goal. */
  breakdown: (list: ReadonlyArray<StepTimes<K>>) => string;
}

/**
 * The suite's result: per variant, the hearing goal's figure (with the miss, explained by
 * `breakdown`) and the UI's figure, then the per-step table.
 */
export function clickReport<V extends string, K extends string>(r: ClickReport<V, K | 'audible' | 'ring'>): SuiteResult {
  const figures: Figure[] = [];
  const misses: string[] = [];
  for (const variant of r.variants) {
    const list = r.samples[variant];
    const label = r.hearing(variant);
    const { figure, p50, p95 } = hearingFigure(`${label}: p50 / p95`, values(list, r.heardAt ?? 'audible'), list.length);
    figures.push(figure);
    if (figure.met === false) {
      misses.push(
        `${label}: p50 ${fmt(p50, 0)} ms, p95 ${fmt(p95, 0)} ms (goal p50 ≤ ${GOAL_P50_MS}, p95 ≤ ${GOAL_P95_MS} ms). ${r.breakdown(list)}`,
      );
    }
    const ring = values(list, 'ring');
    figures.push({ label: `${r.ring(variant)}: p50 / p95`, value: `${fmt(percentile(ring, 50), 0)} / ${fmt(percentile(ring, 95), 0)} ms` });
  }
  return {
    id: r.id,
    title: r.title,
    method: r.method,
    figures,
    details: [stepTable(r.samples, r.variants, r.steps), '(ms from the click)'],
    charts: [],
    misses,
    notes: [],
    data: { runs: r.runs, samples: r.samples },
  };
}
