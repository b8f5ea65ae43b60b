// Writes docs/benchmarks.md, docs/benchmarks.json and docs/bench/*.svg from the suites' results.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MachineInfo } from './machine.js';
import type { Figure, SuiteResult } from './suite.js';

export interface RunReport {
  machine: MachineInfo;
  quick: boolean;
  durationSec: number;
  results: SuiteResult[];
  failed: Array<{ id: string; title: string; error: string }>;
}

const mark = (met: Figure['met']) =>
  met === true ? '✅ met' : met === false ? '❌ missed' : met === 'inconclusive' ? '❔ inconclusive' : met === null ? '— not measured' : '';

/** The value as shown: derived and extrapolated figures say so, and how. */
const shown = (f: Figure) =>
  f.source === 'derived' || f.source === 'extrapolated' ? `${f.value} *(${f.source}: ${f.how ?? 'see the method'})*` : f.value;

/** A result as docs/benchmarks.json keeps it: charts by file name (their alt text beside), and when it was measured. */
type StoredResult = Omit<SuiteResult, 'charts' | 'files'> & {
  charts: string[];
  chartAlts?: string[];
  files?: string[];
  measuredAt?: string;
  quick?: boolean;
};
interface StoredReport {
  machine: MachineInfo;
  quick: boolean;
  results: StoredResult[];
  failed: RunReport['failed'] & Array<{ measuredAt?: string }>;
}
/** When a result shown was measured, for those kept from an earlier run. */
type Carried = Map<string, { measuredAt: string; quick: boolean }>;

/**
 * Merges the previous docs/benchmarks.json into a partial run (BENCH_ONLY=...): the suites this run did not
 * run keep their earlier results (in their earlier order, marked with their date); the ones it ran replace theirs.
 */
function mergePrevious(docsDir: string, report: RunReport): { report: RunReport; carried: Carried } {
  const carried: Carried = new Map();
  const file = join(docsDir, 'benchmarks.json');
  if (!existsSync(file)) return { report, carried };
  let previous: StoredReport;
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as StoredReport;
  } catch {
    return { report, carried };
  }
  const ran = new Set([...report.results.map((r) => r.id), ...report.failed.map((f) => f.id)]);
  const results: SuiteResult[] = [];
  for (const old of previous.results ?? []) {
    const now = report.results.find((r) => r.id === old.id);
    if (now) results.push(now);
    else if (!ran.has(old.id)) {
      const { chartAlts, measuredAt, quick, files, ...rest } = old;
      carried.set(old.id, { measuredAt: measuredAt ?? previous.machine.date, quick: quick ?? previous.quick });
      // Kept files stay on disk as they are (only their names are in the JSON).
      void files;
      results.push({ ...rest, charts: old.charts.map((f, i) => ({ file: f, alt: chartAlts?.[i] ?? f, svg: '' })) });
    }
  }
  for (const r of report.results) if (!results.includes(r)) results.push(r);
  const failed = [...report.failed];
  for (const f of previous.failed ?? []) {
    if (ran.has(f.id) || results.some((r) => r.id === f.id)) continue;
    failed.push(f);
    carried.set(f.id, { measuredAt: f.measuredAt ?? previous.machine.date, quick: previous.quick });
  }
  return { report: { ...report, results, failed }, carried };
}

export function writeReport(docsDir: string, runReport: RunReport): void {
  const chartDir = join(docsDir, 'bench');
  mkdirSync(chartDir, { recursive: true });
  for (const r of runReport.results) for (const c of r.charts) writeFileSync(join(chartDir, c.file), c.svg);
  for (const r of runReport.results) for (const f of r.files ?? []) writeFileSync(join(chartDir, f.file), f.content);
  const { report, carried } = mergePrevious(docsDir, runReport);
  const stamp = (id: string) => carried.get(id) ?? { measuredAt: report.machine.date, quick: report.quick };
  writeFileSync(
    join(docsDir, 'benchmarks.json'),
    `${JSON.stringify(
      {
        machine: report.machine,
        quick: report.quick,
        durationSec: report.durationSec,
        results: report.results.map(({ charts, files, ...rest }) => ({
          ...rest,
          charts: charts.map((c) => c.file),
          chartAlts: charts.map((c) => c.alt),
          files: (files ?? []).map((f) => f.file),
          ...stamp(rest.id),
        })),
        failed: report.failed.map((f) => ({ ...f, measuredAt: stamp(f.id).measuredAt })),
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(docsDir, 'benchmarks.md'), markdown(report, carried));
}

/** "7 suites from the full run of <date>, 1 from the quick run of <date>". */
function keptRuns(carried: Carried): string {
  const runs = new Map<string, number>();
  for (const c of carried.values()) {
    const key = `${c.quick ? 'quick' : 'full'} run of ${c.measuredAt}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
  }
  return [...runs].map(([run, n]) => `${n} suite${n === 1 ? '' : 's'} from the ${run}`).join(', ');
}

function markdown(report: RunReport, carried: Carried): string {
  const m = report.machine;
  const lines: string[] = [
    '# Voxlay benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts). Do not edit by hand: re-run it. -->',
    '',
    report.quick
      ? '> **Quick run** (`BENCH_QUICK=1`): small counts and short windows, a smoke test of every suite. The figures are indicative only; the full run (`npm run bench`) replaces this file.'
      : '> Full run (`npm run bench`).',
    '',
    `- **Date**: ${m.date}`,
    `- **Machine**: ${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Linux ${m.kernel}`,
    `- **Software**: Node ${m.node}, mediasoup ${m.mediasoup} (worker built by scripts/mediasoup-worker), ${m.chromium ?? 'Chromium'} (headless, loopback 127.0.0.1)`,
    `- **Load average**: ${m.loadAverageAtStart.join(' / ')} when the run started, ${(m.loadAverageAtEnd ?? []).join(' / ')} at the end (1/5/15 min; the benchmarks themselves add about one)`,
    `- **Duration**: ${Math.round(report.durationSec)} s`,
    ...(carried.size
      ? [
          `- **Partial run** (\`BENCH_ONLY\`): the date, machine and load above are this run's, which measured ${
            report.results
              .filter((r) => !carried.has(r.id))
              .map((r) => r.title)
              .join(', ') || 'nothing'
          }; the other sections are kept from earlier runs (${keptRuns(carried)}) and say so.`,
        ]
      : []),
    '',
    ...(m.loadAverageAtStart[0]! > m.cores * 0.5
      ? [
          `> **The machine was not idle**: a 1-minute load average of ${m.loadAverageAtStart[0]} on ${m.cores} cores when the run started means other processes competed for the CPU. Latencies and CPU figures are inflated by it; re-run on an idle machine before comparing with the goals.`,
          '',
        ]
      : []),
    ...howWeMeasure(report, carried),
    'Reproduce: `npm run bench` (about 15 minutes on 2 cores; it rebuilds the PWA and the extension first, `BENCH_BUILD=0` skips that; `BENCH_QUICK=1 npm run bench` for a 3-minute smoke run; `BENCH_ONLY=join,capacity` for some suites). Benchmarks never run in `npm test`.',
    '',
    '## Summary',
    '',
    '| # | Figure | Measured | Goal | |',
    '|---|---|---|---|---|',
  ];
  report.results.forEach((r, i) => {
    for (const f of r.figures) lines.push(`| ${i + 1} | ${f.label} | ${shown(f)} | ${f.goal ?? ''} | ${mark(f.met)} |`);
  });
  for (const f of report.failed) lines.push(`| | ${f.title} | **suite failed**: ${f.error.replace(/\|/g, '\\|').slice(0, 200)} | | ❌ |`);
  const misses = report.results.flatMap((r) => r.misses.map((m) => `- **${r.title}**: ${m}`));
  lines.push('', '## Missed goals', '');
  if (misses.length === 0 && report.failed.length === 0) lines.push('None in this run.');
  lines.push(
    ...misses,
    ...report.failed.map((f) => `- **${f.title}**: the suite failed (${f.error.slice(0, 300)}), so its goals are unverified.`),
  );
  report.results.forEach((r, i) => {
    lines.push('', `## ${i + 1}. ${r.title}`, '');
    const kept = carried.get(r.id);
    if (kept) lines.push(`*Kept from an earlier ${kept.quick ? 'quick ' : ''}run (${kept.measuredAt}): not re-run this time.*`, '');
    lines.push('**Method.**', '');
    for (const p of r.method) lines.push(p, '');
    lines.push('**Results.**', '');
    for (const f of r.figures)
      lines.push(
        `- ${f.label}: **${f.value}**${f.source === 'derived' || f.source === 'extrapolated' ? ` *(${f.source}: ${f.how ?? 'see the method'})*` : ''}${f.goal ? ` (goal: ${f.goal}${f.met === undefined ? '' : `, ${mark(f.met)}`})` : ''}`,
      );
    lines.push('');
    for (const d of r.details) lines.push(d, '');
    for (const c of r.charts) lines.push(`![${c.alt}](bench/${c.file})`, '');
    if (r.misses.length) {
      lines.push('**Missed:**', '');
      for (const m of r.misses) lines.push(`- ${m}`);
      lines.push('');
    }
    if (r.notes.length) {
      lines.push('**Notes:**', '');
      for (const n of r.notes) lines.push(`- ${n}`);
      lines.push('');
    }
  });
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

export function ensureDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}

/**
 * The "How we measure" section: the rules every suite follows (start lines, measured vs derived,
 * repetitions and spread), then how busy the machine was while each suite ran, and who made it busy.
 */
function howWeMeasure(report: RunReport, carried: Carried): string[] {
  const rows = report.results.map((r, i) => {
    const l = r.load;
    const when = carried.get(r.id)?.measuredAt ?? report.machine.date;
    if (!l) return `| ${i + 1} | ${r.title} | ${when} | not recorded | | | |`;
    const disturbed = l.otherCores > 0.1 ? ' ⚠️' : '';
    return `| ${i + 1} | ${r.title} | ${when} | ${l.seconds.toFixed(0)} s | ${(l.machineCores * 100).toFixed(0)}% | ${(l.benchCores * 100).toFixed(0)}% | ${(l.otherCores * 100).toFixed(0)}%${disturbed} |`;
  });
  return [
    '## How we measure',
    '',
    '- **Same start line.** A comparison (Voxlay against raw mediasoup, the SFU against a direct connection) times both paths from the same state, on the same machine, in the same run, alternating their order so background load hits both alike. Where a path can start prepared or cold, both variants are reported and the verdict names the one it uses.',
    "- **Measured, derived or extrapolated.** A figure is measured in the run unless it says otherwise: a derived one (a ratio, a rate per core) is marked *derived* with how it was computed, an extrapolation (beyond the largest load measured) is marked *extrapolated* and never carries a verdict. Counts of packets come from counters (the workers' own, the browsers' inbound-rtp, the load generator's sinks), not from formulas. An explanation of a result is written only from a profile or a measurement taken in the same run and saved beside this file (`docs/bench/`), or not at all.",
    '- **Repetitions and spread.** Each suite says how many repetitions it ran and what the independent unit is (a join, a run with fresh pages, a pass over the load steps). Figures with a goal carry a 95% bootstrap interval over those units; the verdict is ✅ met when the whole interval is within the goal, ❌ missed when all of it is outside, and ❔ inconclusive when it straddles the goal (the run cannot tell; more repetitions or a more precise method are needed).',
    '- **"Heard" means audible**: suites that time hearing report the first packet and the first decoded output above -50 dBFS separately.',
    "- **The machine's load.** Every suite records how busy the machine was while it ran, and how much of that was the benchmark's own processes (its Node process, the servers and workers it started, the browsers) versus anything else. ⚠️ marks a suite during which other processes used more than 10% of a core: its latencies and CPU figures are inflated by them.",
    '',
    "| # | Suite | Measured at | Duration | Machine busy (of one core) | Benchmark's processes | Other processes |",
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
