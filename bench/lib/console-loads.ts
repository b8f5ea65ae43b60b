// The ops suite's instruments around a burst of console loads: the load generator in a child process
// of low priority (console-loads-child.ts), /healthz probes in their own processes, and a control
// server (a bare Node HTTP server answering every request with a few bytes) probed the same way, so
// a report can tell the server's own delay from what the loaded machine adds to any process.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ConsoleLoadsRequest, ConsoleLoadsResult } from './console-loads-child.js';

const LOADS_CHILD = fileURLToPath(new URL('./console-loads-child.ts', import.meta.url));

/** The load generator's niceness: below the server, the probes and the control (all at 0). */
export const LOAD_GENERATOR_NICENESS = 19;

/** Runs the loads in a child process at LOAD_GENERATOR_NICENESS; rejects after `timeoutMs`. */
export function consoleLoadsInChild(request: ConsoleLoadsRequest, timeoutMs: number): Promise<ConsoleLoadsResult> {
  const child = fork(LOADS_CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<ConsoleLoadsResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${request.loads} console loads took over ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (result: ConsoleLoadsResult) => {
      clearTimeout(timer);
      resolve(result);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the load generator exited (${code}) without a result`));
    });
    child.once('spawn', () => {
      if (child.pid !== undefined) setPriority(child.pid, LOAD_GENERATOR_NICENESS);
      child.send(request);
    });
  });
}

/**
 * GETs `url` every 20 ms from a separate Node process over one keep-alive connection for `seconds`;
 * each sample is [epoch ms at start, latency ms].
 */
export function probe(url: string, seconds: number): Promise<Array<[number, number]>> {
  const code = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const end = Date.now() + ${seconds * 1000};
const out = [];
const once = () => new Promise((resolve) => {
  const t0 = Date.now(); const p0 = performance.now();
  http.get(${JSON.stringify(url)}, { agent }, (res) => { res.resume(); res.on('end', () => { out.push([t0, performance.now() - p0]); resolve(); }); })
    .on('error', () => { out.push([t0, performance.now() - p0]); resolve(); });
});
(async () => { while (Date.now() < end) { await once(); await new Promise((r) => setTimeout(r, 20)); } process.stdout.write(JSON.stringify(out)); agent.destroy(); })();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.once('exit', () => {
      try {
        resolve(JSON.parse(text) as Array<[number, number]>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** A bare Node HTTP server in its own process (the control): every request gets `{"ok":true}`. */
export class ControlServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<ControlServer> {
    const code = `const s = require('node:http').createServer((q, r) => r.end('{"ok":true}'));
s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (c: Buffer) => resolve(Number(c.toString().trim())));
      child.once('exit', (code) => reject(new Error(`the control server exited (${code})`)));
    });
    return new ControlServer(child, `http://127.0.0.1:${port}`);
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}
