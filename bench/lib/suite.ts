// What every benchmark suite returns; bench/run.ts turns it into docs/benchmarks.{md,json} and SVGs.

export interface Figure {
  label: string;
  value: string;
  goal?: string;
  /**
   * true: goal met; false: missed; null: not measurable in this run; 'inconclusive': the spread
   * measured (a confidence interval, or the range over runs) straddles the goal, so this run cannot
   * tell met from missed.
   */
  met?: boolean | null | 'inconclusive';
  /**
   * Where the value comes from. Absent or 'measured': read in this run. 'derived': computed from
   * figures measured in this run (say how in `how`). 'extrapolated': beyond what was measured (say
   * from what in `how`); never carries a verdict of its own.
   */
  source?: 'measured' | 'derived' | 'extrapolated';
  /** For a derived or extrapolated value: how it was obtained, in one sentence. */
  how?: string;
}

export interface Chart {
  /** File name under docs/bench/. */
  file: string;
  alt: string;
  svg: string;
}

export interface SuiteResult {
  id: string;
  title: string;
  /** Markdown paragraphs: how it was measured. */
  method: string[];
  figures: Figure[];
  /** Markdown tables or paragraphs with the detail. */
  details: string[];
  charts: Chart[];
  /** Measurements saved beside the report (docs/bench/<file>), e.g. a profile summary the text cites. */
  files?: Array<{ file: string; content: string }>;
  /** Each missed goal, with the reason (shown in the file, never hidden). */
  misses: string[];
  notes: string[];
  /** Raw numbers for docs/benchmarks.json. */
  data: unknown;
  /** Set by bench/run.ts: how busy the machine was while the suite ran, and who used it. */
  load?: SuiteLoad;
}

export interface SuiteLoad {
  seconds: number;
  /** Busy cores of the whole machine, on average over the suite (2 = both cores of this machine). */
  machineCores: number;
  /** Of those, the benchmark's own process tree (its Node process, servers, workers, browsers). */
  benchCores: number;
  /** The rest: other processes on the machine, competing with what is measured. */
  otherCores: number;
  loadAverageAtEnd: number[];
}

export interface SuiteContext {
  quick: boolean;
  log(message: string): void;
}

export interface Suite {
  id: string;
  title: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

/** A markdown table. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
