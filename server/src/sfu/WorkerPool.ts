import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import { PoolWorker } from './PoolWorker.js';
import type { RouterAppData, RtcPorts, WorkerPoolEvents, WorkerPoolOptions } from './WorkerPoolTypes.js';

const RESPAWN_RETRY_MS = 1000;

/**
 * N mediasoup workers, each with its WebRtcServer: worker i listens on UDP and TCP port
 * `rtc.port + i` (or on free ports when `rtc.port` is 0). Routers go to the least-loaded live
 * worker. A worker that dies is logged and replaced at the same index, listening on the same ports;
 * 'workerdied' lets the channels on it rebuild. A port that is taken fails create() (RtcPortError).
 */
export class WorkerPool extends EnhancedEventEmitter<WorkerPoolEvents> {
  readonly #logger: Logger;
  readonly #options: WorkerPoolOptions;
  readonly #slots: PoolWorker[] = [];
  readonly #replacements = new Map<number, Promise<PoolWorker>>();
  #sampleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let index = 0; index < options.numWorkers; index++) {
        pool.#slots.push(await pool.#spawn(index));
      }
    } catch (error) {
      pool.close();
      throw error;
    }
    pool.#startSampling();
    return pool;
  }

  private constructor(options: WorkerPoolOptions) {
    const logger = options.logger.child({ component: 'WorkerPool' });
    super(logger);
    this.#options = options;
    this.#logger = logger;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get workers(): PoolWorker[] {
    return [...this.#slots];
  }

  get aliveCount(): number {
    return this.#slots.filter((slot) => slot.alive).length;
  }

  /**
   * A router on the least-loaded live worker, preferring workers not in `avoid` (a channel spanning
   * several routers asks for a worker it does not use yet). Waits for a replacement when none is alive.
   */
  async createRouter(
    appData: RouterAppData,
    avoid: ReadonlySet<PoolWorker> = new Set(),
  ): Promise<{ router: types.Router<RouterAppData>; worker: PoolWorker }> {
    for (;;) {
      if (this.#closed) throw new Error('worker pool closed');
      const live = this.#slots.filter((slot) => slot.alive);
      const worker = live.sort(
        (a, b) => Number(avoid.has(a)) - Number(avoid.has(b)) || a.routerCount - b.routerCount || a.index - b.index,
      )[0];
      if (worker) return { router: await worker.createRouter(appData), worker };
      if (this.#replacements.size === 0) throw new Error('no live mediasoup worker');
      await Promise.race(this.#replacements.values());
    }
  }

  async sampleNow(): Promise<void> {
    await Promise.all(
      this.#slots.map((slot) =>
        slot.sample().catch((error: unknown) => this.#logger.debug({ err: error, index: slot.index }, 'sample failed')),
      ),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sampleTimer);
    for (const slot of this.#slots) slot.close();
    this.#slots.length = 0;
    this.removeAllListeners();
  }

  /** The UDP and TCP ports of each worker, by index. */
  get ports(): RtcPorts[] {
    return this.#slots.map((slot) => slot.ports);
  }

  /** `ports`: a replacement's (the ports of the worker it replaces); else from the configured base. */
  async #spawn(index: number, ports?: RtcPorts): Promise<PoolWorker> {
    const worker = await mediasoup.createWorker({ logLevel: this.#options.workerLogLevel ?? 'warn' });
    const { rtc } = this.#options;
    const port = rtc.port === 0 ? 0 : rtc.port + index;
    const slot = await PoolWorker.create(index, worker, rtc, ports ?? { udp: port, tcp: port });
    worker.on('died', (error) => this.#onDied(slot, error));
    if (this.#closed) worker.close();
    this.#logger.info({ index, workerPid: worker.pid, udpPort: slot.ports.udp, tcpPort: slot.ports.tcp }, 'mediasoup worker started');
    return slot;
  }

  #onDied(slot: PoolWorker, error: Error): void {
    if (this.#closed) return;
    this.#logger.error({ index: slot.index, workerPid: slot.pid, err: error }, 'mediasoup worker died; replacing it');
    const replacement = this.#respawn(slot.index, slot.ports);
    this.#replacements.set(slot.index, replacement);
    void replacement.then(
      (fresh) => {
        this.#replacements.delete(slot.index);
        if (this.#closed) return;
        this.#slots[slot.index] = fresh;
        this.safeEmit('workerreplaced', fresh);
      },
      () => this.#replacements.delete(slot.index),
    );
    this.safeEmit('workerdied', slot, error);
  }

  /** Spawns until it works (or the pool closes), on the ports of the worker it replaces. */
  async #respawn(index: number, ports: RtcPorts): Promise<PoolWorker> {
    for (;;) {
      try {
        return await this.#spawn(index, ports);
      } catch (error) {
        if (this.#closed) throw error;
        this.#logger.error({ index, err: error }, 'could not spawn a replacement worker; retrying');
        await new Promise((resolve) => setTimeout(resolve, RESPAWN_RETRY_MS).unref());
      }
    }
  }

  #startSampling(): void {
    void this.sampleNow();
    this.#sampleTimer = setInterval(() => void this.sampleNow(), this.#options.sampleIntervalMs ?? 2000);
    this.#sampleTimer.unref();
  }
}
