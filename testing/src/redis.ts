// A real redis-server for one test file (or `npm run cluster`): a free loopback port, persistence off,
// its working directory under a temp dir; stop() ends it and removes the directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-process.js';
import { freePort } from './ports.js';

export const REDIS_SERVER_BIN = process.env.VOXLAY_REDIS_SERVER ?? '/usr/bin/redis-server';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class RedisServer {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly port: number;

  private constructor(child: ChildProcess, dir: string, port: number) {
    this.#child = child;
    this.#dir = dir;
    this.port = port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Starts redis-server on `port` (a free one when absent) and waits until it accepts connections. */
  static async start(port?: number): Promise<RedisServer> {
    const chosen = port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-redis-'));
    const child = spawn(
      REDIS_SERVER_BIN,
      ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await waitForPort(chosen, child, START_TIMEOUT_MS);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start: ${(error as Error).message}\n${output}`);
    }
    return new RedisServer(child, dir, chosen);
  }

  async stop(): Promise<void> {
    await stopChild(this.#child, STOP_TIMEOUT_MS);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Polls the port with a Redis PING until it answers PONG (bounded by timeoutMs). */
async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const done = (ok: boolean): void => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(500, () => done(false));
      socket.once('error', () => done(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
    if (pong) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no PONG on port ${port} within ${timeoutMs} ms`);
}
