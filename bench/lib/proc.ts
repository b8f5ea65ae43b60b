// CPU time and memory of processes, from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used; NaN when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in bytes (VmRSS); NaN when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Measures the share of one core each process used between start() and stop(). */
export class CpuMeter {
  #t0 = 0;
  #cpu0 = new Map<number, number>();

  constructor(private readonly pids: readonly number[]) {}

  start(): this {
    this.#t0 = performance.now();
    for (const pid of this.pids) this.#cpu0.set(pid, cpuSeconds(pid));
    return this;
  }

  /** pid → cores used (1 = one full core) over the window. */
  stop(): Map<number, number> {
    const seconds = (performance.now() - this.#t0) / 1000;
    const out = new Map<number, number>();
    for (const pid of this.pids) out.set(pid, (cpuSeconds(pid) - (this.#cpu0.get(pid) ?? Number.NaN)) / seconds);
    return out;
  }
}

/** Total CPU seconds of the whole machine (all cores, busy only) — to see contention. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = line as number[];
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / CLK_TCK;
}

/**
 * CPU seconds used by `rootPid` and every process below it, including the children already reaped
 * (their time is in their parent's cutime/cstime): the benchmark's own share of the machine.
 */
export function treeCpuSeconds(rootPid: number = process.pid): number {
  const parents = new Map<number, number>();
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(pid, Number(fields[1]));
      times.set(pid, (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLK_TCK);
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parents.get(p), hops++)
      if (p === rootPid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, t] of times) if (inTree(pid)) sum += t;
  return sum;
}
