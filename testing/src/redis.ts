// A real redis-server for one test file (or `npm run cluster`): a free loopback port, persistence off,
// its working directory under a temp dir; stop() ends it and removes the directory. The same process
// handling starts replicas and sentinels (redis-sentinel.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-process.js';
import { freePort } from './ports.js';

export const REDIS_SERVER_BIN = process.env.VOXLAY_REDIS_SERVER ?? '/usr/bin/redis-server';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RedisServerOptions {
  /** The port (a free one when absent). */
  port?: number | undefined;
  /** Starts a replica of the primary on this loopback port (`--replicaof`). */
  replicaOf?: number | undefined;
  /**
   * The command line after the binary, given the working directory (a sentinel writes its config
   * file there and starts with `<file> --sentinel`); a plain data server when absent.
   */
  args?: ((dir: string, port: number) => string[]) | undefined;
}

export class RedisServer {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #exited: Promise<void>;
  readonly port: number;

  private constructor(child: ChildProcess, dir: string, port: number) {
    this.#child = child;
    this.#dir = dir;
    this.port = port;
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Starts redis-server (on `port`, a free one when absent) and waits until it accepts connections. */
  static async start(port?: number): Promise<RedisServer>;
  static async start(options: RedisServerOptions): Promise<RedisServer>;
  static async start(portOrOptions: number | RedisServerOptions = {}): Promise<RedisServer> {
    const options = typeof portOrOptions === 'number' ? { port: portOrOptions } : portOrOptions;
    const chosen = options.port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-redis-'));
    const replica = options.replicaOf === undefined ? [] : ['--replicaof', '127.0.0.1', String(options.replicaOf)];
    const args = options.args?.(dir, chosen) ?? [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
      ...replica,
    ];
    const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

  /** SIGKILL (a crash: no goodbye to replicas, sentinels or clients); resolves once it exited. Keeps the directory until stop(). */
  async kill(): Promise<void> {
    if (this.alive) this.#child.kill('SIGKILL');
    await this.#exited;
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
