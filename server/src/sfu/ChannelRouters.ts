import type { Logger } from 'pino';
import type { SpeakerLevel } from './ActiveSpeakerSetTypes.js';
import { ChannelRouter } from './ChannelRouter.js';
import type { AudioLevelSettings } from './ChannelRouterTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type { TransportSettings } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import type { WorkerPool } from './WorkerPool.js';

const REBUILD_RETRY_MS = 1000;

export interface ChannelRoutersOptions {
  channelId: string;
  pool: WorkerPool;
  transportSettings: TransportSettings;
  audioLevels: AudioLevelSettings;
  /** Participants per router before the channel spans another one. */
  maxParticipantsPerRouter: number;
  logger: Logger;
}

export type ChannelRoutersEvents = {
  /** Loud participants reported by one of the routers. */
  volumes: [SpeakerLevel[]];
};

/**
 * The routers of one channel. A participant goes to the least-loaded router with room; when all are
 * full, a new router is made on the least-loaded worker, preferring one the channel does not use
 * yet (routers are made one at a time). A router left empty is closed unless it is the last one;
 * a router whose worker died is dropped, and a channel left without any gets a new one.
 */
export class ChannelRouters extends EnhancedEventEmitter<ChannelRoutersEvents> {
  readonly #options: ChannelRoutersOptions;
  readonly #routers: ChannelRouter[] = [];
  /** The first router last seen, so `first` has an answer while the channel rebuilds. */
  #lastFirst: ChannelRouter;
  #adding: Promise<ChannelRouter> | undefined;
  #closed = false;

  static async create(options: ChannelRoutersOptions): Promise<ChannelRouters> {
    const first = await ChannelRouter.create(options.pool, routerOptions(options), new Set());
    return new ChannelRouters(options, first);
  }

  private constructor(options: ChannelRoutersOptions, first: ChannelRouter) {
    super();
    this.#options = options;
    this.#lastFirst = first;
    this.#adopt(first);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Live routers, oldest first. */
  get list(): ChannelRouter[] {
    return [...this.#routers];
  }

  /** The oldest live router (Channel.router, Channel.worker). */
  get first(): ChannelRouter {
    return this.#routers[0] ?? this.#lastFirst;
  }

  get workers(): Set<PoolWorker> {
    return new Set(this.#routers.map((router) => router.worker));
  }

  /** Picks (and reserves a place on) the least-loaded router with room, adding a router when all are full. */
  async place(): Promise<ChannelRouter> {
    for (let attempt = 0; attempt < 8; attempt++) {
      if (this.#closed) throw new Error('channel closed');
      const open = this.#routers
        .filter((router) => !router.closed && router.participantCount < this.#options.maxParticipantsPerRouter)
        .sort((a, b) => a.participantCount - b.participantCount)[0];
      if (open) {
        open.reserve();
        return open;
      }
      await this.#add();
    }
    throw new Error('could not place the participant on a router');
  }

  /** A participant placed on `router` left: an empty router closes unless it is the channel's last. */
  release(router: ChannelRouter): void {
    router.release();
    if (router.participantCount === 0 && this.#routers.length > 1 && this.#routers.includes(router)) {
      this.#options.logger.info({ routerId: router.id, workerIndex: router.worker.index }, 'closing an empty channel router');
      router.close();
    }
  }

  /** After a worker died: makes sure a router exists again (retrying until it works or the channel closes). */
  async rebuild(): Promise<void> {
    while (!this.#closed && this.#routers.length === 0) {
      try {
        const router = await this.#add();
        this.#options.logger.info({ routerId: router.id, workerIndex: router.worker.index }, 'channel moved to a live worker');
      } catch (error) {
        if (this.#closed || this.#options.pool.closed) return;
        this.#options.logger.error({ err: error }, 'could not rebuild the channel router; retrying');
        await new Promise((resolve) => setTimeout(resolve, REBUILD_RETRY_MS).unref());
      }
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const router of this.list) router.close();
    this.#routers.length = 0;
    this.removeAllListeners();
  }

  #add(): Promise<ChannelRouter> {
    this.#adding ??= ChannelRouter.create(this.#options.pool, routerOptions(this.#options), this.workers)
      .then((router) => {
        if (this.#closed) {
          router.close();
          throw new Error('channel closed');
        }
        this.#adopt(router);
        this.#options.logger.info(
          { routerId: router.id, workerIndex: router.worker.index, routers: this.#routers.length },
          'channel spans a new router',
        );
        return router;
      })
      .finally(() => (this.#adding = undefined));
    return this.#adding;
  }

  #adopt(router: ChannelRouter): void {
    this.#routers.push(router);
    if (this.#routers.length === 1) this.#lastFirst = router;
    router.on('volumes', (levels) => this.emit('volumes', levels));
    router.once('@close', () => {
      const index = this.#routers.indexOf(router);
      if (index >= 0) this.#routers.splice(index, 1);
      if (this.#routers[0]) this.#lastFirst = this.#routers[0];
    });
  }
}

function routerOptions(options: ChannelRoutersOptions) {
  return { channelId: options.channelId, audioLevels: options.audioLevels, transportSettings: options.transportSettings };
}
