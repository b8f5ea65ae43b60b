import type { types } from 'mediasoup';
import { mediaCodecs } from './mediaCodecs.js';
import type { RouterAppData } from './WorkerPoolTypes.js';

/** One mediasoup worker process in the pool, with its routers and CPU/memory samples. */
export class PoolWorker {
  readonly index: number;
  readonly worker: types.Worker;
  readonly #routers = new Set<types.Router<RouterAppData>>();
  #cpuTimeMs = 0;
  #cpuLoad = 0;
  #maxRssBytes = 0;
  #sampledAt: number | undefined;

  constructor(index: number, worker: types.Worker) {
    this.index = index;
    this.worker = worker;
  }

  get pid(): number {
    return this.worker.pid;
  }

  get alive(): boolean {
    return !this.worker.died && !this.worker.closed;
  }

  get routerCount(): number {
    return this.#routers.size;
  }

  /** The channels with a router here, once each (a large channel may have several routers on one worker). */
  get channelIds(): string[] {
    return [...new Set([...this.#routers].map((router) => router.appData.channelId))];
  }

  get cpuTimeMs(): number {
    return this.#cpuTimeMs;
  }

  get cpuLoad(): number {
    return this.#cpuLoad;
  }

  get maxRssBytes(): number {
    return this.#maxRssBytes;
  }

  async createRouter(appData: RouterAppData): Promise<types.Router<RouterAppData>> {
    const router = await this.worker.createRouter<RouterAppData>({ mediaCodecs, appData });
    this.#routers.add(router);
    router.observer.once('close', () => this.#routers.delete(router));
    return router;
  }

  /** Samples CPU time (user + system) and max RSS; cpuLoad is the share of one core since the last sample. */
  async sample(): Promise<void> {
    if (!this.alive) return;
    const usage = await this.worker.getResourceUsage();
    const now = performance.now();
    const cpuTimeMs = usage.ru_utime + usage.ru_stime;
    if (this.#sampledAt !== undefined && now > this.#sampledAt) {
      this.#cpuLoad = Math.max(0, Math.min(1, (cpuTimeMs - this.#cpuTimeMs) / (now - this.#sampledAt)));
    }
    this.#cpuTimeMs = cpuTimeMs;
    this.#sampledAt = now;
    this.#maxRssBytes = usage.ru_maxrss * 1024;
  }

  close(): void {
    this.worker.close();
    this.#routers.clear();
  }
}
