// A CPU profile of another Node process over its inspector (started with --inspect=127.0.0.1:0),
// summarised by where the time went: self time per package (node_modules/<name>), per source file
// of this repository, and the engine's own buckets (garbage collector, program, idle). Explanations
// in the report are written from this summary, which is saved beside it.
import WebSocket from 'ws';
import { withTimeout } from './config.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Wall time covered, ms. */
  durationMs: number;
  /** Time the process was not idle, ms. */
  busyMs: number;
  /** Self time per bucket (package, repository file, or engine bucket), ms, largest first. */
  byBucket: Array<{ bucket: string; ms: number; shareOfBusy: number }>;
  /** Self time per function, ms, largest first. */
  byFunction: Array<{ fn: string; bucket: string; ms: number; shareOfBusy: number }>;
}

/** The bucket of a frame: engine buckets, node_modules/<pkg>, a path under the repository, node:internal. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const clean = url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (nm) return nm[1]!;
  if (clean.startsWith('node:')) return 'node (built-in modules)';
  const repo = /\/(server|core|bench|scripts)\/(.+)$/.exec(clean);
  return repo ? `${repo[1]}/${repo[2]}` : clean;
}

export function summarize(profile: Profile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const buckets = new Map<string, number>();
  const fns = new Map<string, { bucket: string; ms: number }>();
  let idle = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    total += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      return;
    }
    const bucket = bucketOf(url, functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${url ? `${bucket}:${lineNumber + 1}` : ''}`.trim();
    const entry = fns.get(key) ?? fns.set(key, { bucket, ms: 0 }).get(key)!;
    entry.ms += ms;
  });
  const busy = total - idle;
  const share = (ms: number) => (busy > 0 ? ms / busy : 0);
  return {
    durationMs: total,
    busyMs: busy,
    byBucket: [...buckets]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([bucket, ms]) => ({ bucket, ms, shareOfBusy: share(ms) })),
    byFunction: [...fns]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([fn, e]) => ({ fn, bucket: e.bucket, ms: e.ms, shareOfBusy: share(e.ms) })),
  };
}

/** A connection to a Node process's inspector (the ws:// URL it prints: "Debugger listening on ws://..."). */
export class InspectorSession {
  readonly #ws: WebSocket;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    });
  }

  static async connect(url: string): Promise<InspectorSession> {
    const ws = new WebSocket(url);
    await withTimeout(
      new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject)),
      10_000,
      'inspector connect',
    );
    return new InspectorSession(ws);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return withTimeout(
      new Promise<T>((resolve, reject) => {
        this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        this.#ws.send(JSON.stringify({ id, method, params }));
      }),
      60_000,
      `inspector ${method}`,
    );
  }

  /** Starts the sampling profiler (interval in µs). */
  async startProfile(intervalUs = 500): Promise<void> {
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.send('Profiler.start');
  }

  async stopProfile(): Promise<Profile> {
    const { profile } = await this.send<{ profile: Profile }>('Profiler.stop');
    await this.send('Profiler.disable');
    return profile;
  }

  close(): void {
    this.#ws.close();
  }
}
