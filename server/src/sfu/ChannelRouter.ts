import type { types } from 'mediasoup';
import type { ChannelRouterEvents, ChannelRouterOptions } from './ChannelRouterTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type { VoxlayProducer } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import type { WorkerPool } from './WorkerPool.js';
import type { RouterAppData } from './WorkerPoolTypes.js';

/**
 * One mediasoup Router of a channel, on one worker: the participants placed on it, an
 * AudioLevelObserver over the producers native to it, and the producers of the channel's other
 * routers piped into it (one pipe per producer, made on first use; mediasoup closes a pipe
 * producer with its original). close() closes the router and with it everything in it.
 */
export class ChannelRouter extends EnhancedEventEmitter<ChannelRouterEvents> {
  readonly router: types.Router<RouterAppData>;
  readonly worker: PoolWorker;
  readonly #options: ChannelRouterOptions;
  readonly #levels: types.AudioLevelObserver;
  /** Pipes into this router by original producer id: the id to consume here, once piped. */
  readonly #pipes = new Map<string, Promise<string | undefined>>();
  readonly #pipedProducers = new Map<string, types.Producer>();
  #participantCount = 0;
  #closed = false;

  /** A router on the least-loaded live worker, preferring workers not in `avoid`. */
  static async create(pool: WorkerPool, options: ChannelRouterOptions, avoid: ReadonlySet<PoolWorker>): Promise<ChannelRouter> {
    const { router, worker } = await pool.createRouter({ channelId: options.channelId }, avoid);
    try {
      const levels = await router.createAudioLevelObserver({ ...options.audioLevels });
      return new ChannelRouter(options, router, worker, levels);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  private constructor(
    options: ChannelRouterOptions,
    router: types.Router<RouterAppData>,
    worker: PoolWorker,
    levels: types.AudioLevelObserver,
  ) {
    super();
    this.#options = options;
    this.router = router;
    this.worker = worker;
    this.#levels = levels;
    levels.on('volumes', (volumes) => {
      const loud = volumes.flatMap(({ producer, volume }) => {
        const id = (producer.appData as { participantId?: unknown }).participantId;
        return typeof id === 'string' ? [{ id, volume }] : [];
      });
      if (loud.length > 0) this.emit('volumes', loud);
    });
    router.on('workerclose', () => {
      if (this.#closed) return;
      this.#closed = true;
      this.#forget();
      this.emit('workerclose');
      this.emit('@close');
      this.removeAllListeners();
    });
  }

  get id(): string {
    return this.router.id;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Participants placed on this router (joins in progress included). */
  get participantCount(): number {
    return this.#participantCount;
  }

  /** Producers of the channel's other routers piped into this one. */
  get pipedProducerCount(): number {
    return this.#pipedProducers.size;
  }

  /** Counts a participant placed here (before its transports exist, so concurrent joins see it). */
  reserve(): void {
    this.#participantCount += 1;
  }

  release(): void {
    this.#participantCount = Math.max(0, this.#participantCount - 1);
  }

  /** Reports the levels of a producer native to this router. */
  observe(producer: VoxlayProducer): void {
    if (this.#closed || producer.closed) return;
    this.#levels.addProducer({ producerId: producer.id }).catch(() => {
      // The producer or the router closed meanwhile: nothing left to observe.
    });
  }

  /**
   * The id under which `producer` (native to `home`) can be consumed in this router: its own id
   * here, else its pipe producer's (piped on first use). Undefined when it closed meanwhile.
   */
  producerIdFor(producer: VoxlayProducer, home: ChannelRouter): Promise<string | undefined> {
    if (home === this) return Promise.resolve(producer.closed ? undefined : producer.id);
    let pipe = this.#pipes.get(producer.id);
    if (!pipe) {
      pipe = this.#pipe(producer, home);
      this.#pipes.set(producer.id, pipe);
    }
    return pipe;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#forget();
    this.router.close();
    this.emit('@close');
    this.removeAllListeners();
  }

  async #pipe(producer: VoxlayProducer, home: ChannelRouter): Promise<string | undefined> {
    const { listenIp } = this.#options.transportSettings;
    try {
      const { pipeProducer } = await home.router.pipeToRouter({
        producerId: producer.id,
        router: this.router,
        // A new id: a worker cannot hold one producer id twice, and several routers of the channel may
        // share a worker. Consumers report the original id (ConsumerAppData.producerId).
        keepId: false,
        // No port: the worker picks a free loopback port (one pipe pair per pair of routers; never
        // exposed, so outside the firewall rule for VOXLAY_RTC_PORT).
        listenInfo: { protocol: 'udp', ip: loopbackFor(listenIp) },
        enableSctp: false, // audio only: no data channels to pipe
      });
      if (!pipeProducer || pipeProducer.closed) throw new Error('no pipe producer');
      if (this.#closed) {
        pipeProducer.close();
        return undefined;
      }
      this.#pipedProducers.set(producer.id, pipeProducer);
      pipeProducer.observer.once('close', () => {
        this.#pipedProducers.delete(producer.id);
        this.#pipes.delete(producer.id);
      });
      return pipeProducer.id;
    } catch (error) {
      this.#pipes.delete(producer.id);
      if (producer.closed || this.#closed || home.closed) return undefined;
      throw error;
    }
  }

  #forget(): void {
    this.#pipes.clear();
    this.#pipedProducers.clear();
  }
}

/** Pipes join routers of this process's workers: always over loopback (IPv6 when listening on IPv6). */
function loopbackFor(listenIp: string): string {
  return listenIp.includes(':') ? '::1' : '127.0.0.1';
}
