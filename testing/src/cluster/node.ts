// One Voxlay node in its own process: the server child (server-child.ts, also the soak test's,
// startApp with overrides from VOXLAY_SOAK_CONFIG, driven over IPC), so a test can SIGKILL it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '../../../server/src/app.js';
import { TEST_SERVER_DEFAULTS } from '../server.js';

/** The child's script (run with `node --import tsx`; the soak test runs it with --expose-gc too). */
export const SERVER_CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-child.ts');
const START_TIMEOUT_MS = 60_000;
const CALL_TIMEOUT_MS = 15_000;

/** What server-child.ts answers to `state`. */
export interface NodeState {
  participants: number;
  resumeTokens: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Channel request and notification handlers of the worker: every router, transport, producer and consumer. */
  handlers: number;
}

export class NodeProcess {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly lobby: string,
    readonly nodeId: string,
  ) {
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id!);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
    child.once('exit', () => {
      for (const { reject } of this.#pending.values()) reject(new Error('node process exited'));
      this.#pending.clear();
    });
  }

  /** Starts a node with `config` over the test defaults (loopback, one worker, ephemeral port, free RTC ports). */
  static async start(nodeId: string, config: Partial<ServerConfig>): Promise<NodeProcess> {
    const overrides: Partial<ServerConfig> = { ...TEST_SERVER_DEFAULTS, logLevel: 'warn', disconnectGraceMs: 500, nodeId, ...config };
    const child = fork(SERVER_CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, VOXLAY_SOAK_CONFIG: JSON.stringify(overrides) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const ready = await new Promise<{ url: string; lobby: string }>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`node ${nodeId} did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
        child.once('message', (message: { ready?: boolean; url: string; lobby: string }) =>
          message.ready ? resolve(message) : reject(new Error('not ready')),
        );
        child.once('exit', (code) => reject(new Error(`node ${nodeId} exited (${code})`)));
      });
      return new NodeProcess(child, ready.url, ready.lobby, nodeId);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Counts of the node, and the mediasoup objects of one channel's router (the default channel's when absent). */
  state(channelId?: string): Promise<NodeState> {
    return this.#call<NodeState>('state', channelId === undefined ? {} : { channelId });
  }

  /** SIGKILL: no goodbye to Redis; the node's heartbeat simply expires. Resolves once it exited. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.#exited;
  }

  /** Graceful stop (heartbeat removed, channels released), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    await this.#call('stop').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.#exited;
    clearTimeout(timer);
  }

  #call<T>(type: 'state' | 'stop', extra: { channelId?: string } = {}): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`node ${this.nodeId}: ${type} timed out`));
      }, CALL_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ id, type, ...extra });
    });
  }
}
