import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { badUserInput, limitExceeded, mediasoupCall, notAllowed, notFound } from '../errors.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type {
  ConsumerAppData,
  ConsumerOptions,
  ParticipantPermissions,
  VoxlayConsumer,
  VoxlayProducer,
  VoxlayTransport,
} from './ParticipantTypes.js';

/** Closed consumers still found by id (see #recentlyClosed). */
const RECENTLY_CLOSED_CONSUMERS = 32;

export interface ParticipantConsumersOptions {
  /** The participant's receive transport: every consumer is created on it. */
  transport: VoxlayTransport;
  /** The participant's router (canConsume). */
  router: types.Router;
  participantId: string;
  permissions: ParticipantPermissions;
  rtpCapabilities?: types.RtpCapabilities | undefined;
  /** Speakers received at once (the channel's last-N); unbounded when absent. */
  maxConsumers?: number | undefined;
  /** Streams watched at once (watchStream); unbounded when absent. */
  maxWatched?: number | undefined;
  logger: Logger;
}

export type ParticipantConsumersEvents = {
  /** A consumer closed because its producer did: the client must hear of it (ConsumerClosed). */
  producerclose: [VoxlayConsumer];
  /** A watched video consumer's current layers changed (undefined: no layer sent). */
  layerschange: [VoxlayConsumer, types.ConsumerLayers | undefined];
  /** A stream started or stopped being watched (`producerId`, the original id). */
  watchchange: [string];
};

/**
 * One participant's consumers on its receive transport: the active speakers' microphones (last-N,
 * bounded by `maxConsumers`) and the streams it watches (watchStream, bounded by `maxWatched`). A
 * producer is consumed at most once; a creation still in flight when its speaker leaves the active
 * set closes as soon as it exists. close() closes them all; nothing works afterwards.
 */
export class ParticipantConsumers extends EnhancedEventEmitter<ParticipantConsumersEvents> {
  readonly #transport: VoxlayTransport;
  readonly #router: types.Router;
  readonly #participantId: string;
  readonly #permissions: ParticipantPermissions;
  readonly #maxConsumers: number;
  readonly #maxWatched: number;
  readonly #logger: Logger;
  #rtpCapabilities: types.RtpCapabilities | undefined;
  readonly #consumers = new Map<string, VoxlayConsumer>();
  /** Producer ids consumed or being consumed, so no producer is consumed twice. */
  readonly #consumedProducerIds = new Set<string>();
  /** Producer ids whose consumer, still being created, is no longer wanted (the speaker left the active set). */
  readonly #cancelledProducerIds = new Set<string>();
  /** The part of #consumedProducerIds opened with watch() (streams), which last-N does not count, with when it started. */
  readonly #watchedSince = new Map<string, number>();
  /** watch() calls in flight by producer id: asking twice at once gets the one consumer. */
  readonly #watching = new Map<string, Promise<ConsumerOptions>>();
  /**
   * The last consumers closed under the client (speaker left the active set, producer closed), still
   * found by id: a resumeConsumers or pauseConsumers racing with their ConsumerClosed is a no-op for
   * them rather than NOT_FOUND for the whole request (the recv transport's connect carries one).
   */
  readonly #recentlyClosed = new Map<string, VoxlayConsumer>();
  #closed = false;

  constructor(options: ParticipantConsumersOptions) {
    super(options.logger);
    this.#transport = options.transport;
    this.#router = options.router;
    this.#participantId = options.participantId;
    this.#permissions = options.permissions;
    this.#rtpCapabilities = options.rtpCapabilities;
    this.#maxConsumers = options.maxConsumers ?? Number.POSITIVE_INFINITY;
    this.#maxWatched = options.maxWatched ?? Number.POSITIVE_INFINITY;
    this.#logger = options.logger;
  }

  get rtpCapabilities(): types.RtpCapabilities | undefined {
    return this.#rtpCapabilities;
  }

  /** Sets the capabilities consumers are created for, once (BAD_USER_INPUT the second time). */
  setRtpCapabilities(rtpCapabilities: types.RtpCapabilities): void {
    if (this.#rtpCapabilities) throw badUserInput('rtpCapabilities were already set for this participant');
    this.#rtpCapabilities = rtpCapabilities;
  }

  get all(): VoxlayConsumer[] {
    return [...this.#consumers.values()];
  }

  /** An open consumer, or one closed lately under the client, by id. */
  find(id: string): VoxlayConsumer | undefined {
    return this.#consumers.get(id) ?? this.#recentlyClosed.get(id);
  }

  /** The open consumer of a producer (by its original id), if any. */
  consumerOf(producerId: string): VoxlayConsumer | undefined {
    for (const consumer of this.#consumers.values()) {
      if (consumer.appData.producerId === producerId) return consumer;
    }
    return undefined;
  }

  /** When this participant started watching `producerId` (ms since the epoch); undefined when it does not. */
  watchingSince(producerId: string): number | undefined {
    return this.#watchedSince.get(producerId);
  }

  async setPaused(consumers: VoxlayConsumer[], paused: boolean): Promise<VoxlayConsumer[]> {
    await Promise.all(
      consumers.map(async (consumer) => {
        try {
          await (paused ? consumer.pause() : consumer.resume());
        } catch (error) {
          // Its producer closed meanwhile (ConsumerClosed is on its way): nothing left to pause or resume.
          if (!consumer.closed) throw error;
        }
      }),
    );
    return consumers;
  }

  /**
   * The best layers `consumer` should receive (setPreferredLayers): only a simulcast or SVC consumer
   * has layers (BAD_USER_INPUT otherwise, and for negative layers); the worker sends the highest
   * layers up to these that the bandwidth allows. A consumer closed meanwhile is left as it is.
   */
  async setPreferredLayers(consumer: VoxlayConsumer, layers: types.ConsumerLayers): Promise<VoxlayConsumer> {
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') {
      throw badUserInput(`consumer ${consumer.id} has no layers (a ${consumer.kind} ${consumer.type} consumer)`);
    }
    const { spatialLayer, temporalLayer } = layers;
    if (
      !Number.isInteger(spatialLayer) ||
      spatialLayer < 0 ||
      (temporalLayer !== undefined && (!Number.isInteger(temporalLayer) || temporalLayer < 0))
    ) {
      throw badUserInput('layers are integers from 0');
    }
    try {
      await mediasoupCall(() =>
        consumer.setPreferredLayers(temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer }),
      );
    } catch (error) {
      if (!consumer.closed) throw error;
    }
    return consumer;
  }

  /**
   * Creates a paused consumer of a speaker's `producer` when the capabilities can receive it; null
   * when not (no capabilities, no subscribe right, last-N full, or already consuming it).
   * `localProducerId` is the id the producer has in this router (a pipe producer's when the producer
   * lives on another router of the channel); clients always see the original id.
   */
  async consume(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions | null> {
    const rtpCapabilities = this.#rtpCapabilities;
    if (this.#closed || producer.closed || !rtpCapabilities) return null;
    if (this.#consumedProducerIds.has(producer.id)) {
      // Wanted again while a cancelled creation is still in flight: let that one finish.
      this.#cancelledProducerIds.delete(producer.id);
      return null;
    }
    if (!this.#permissions.subscribe) return null;
    // Cancelled creations still in flight and watched streams do not count: last-N bounds speakers.
    if (this.#speakerCount() >= this.#maxConsumers) {
      this.#logger.warn({ producerId: producer.id, max: this.#maxConsumers }, 'consumer limit reached; not consuming');
      return null;
    }
    if (!this.#router.canConsume({ producerId: localProducerId, rtpCapabilities })) return null;
    return this.#create(producer, localProducerId, rtpCapabilities, false);
  }

  /**
   * The coded refusal watch() would give, thrown before anything is set up (the channel checks it
   * before piping a stream to this router): no subscribe right, no RTP capabilities yet, or already
   * watching as many streams as allowed (unless `producerId` is one of them).
   */
  assertMayWatch(producerId: string): void {
    if (!this.#permissions.subscribe) throw notAllowed('your token lacks the subscribe right');
    if (!this.#rtpCapabilities) throw badUserInput('send your RTP capabilities first (joinChannel or setRtpCapabilities)');
    if (this.consumerOf(producerId) || this.#watching.has(producerId)) return;
    if (this.#watchedSince.size >= this.#maxWatched) {
      throw limitExceeded(
        'watchedStreamsPerParticipant',
        this.#maxWatched,
        `already watching ${this.#maxWatched} streams; stop watching one first`,
      );
    }
  }

  /**
   * Watches a stream: a paused consumer of `producer` (CAMERA, SCREEN, SCREEN_AUDIO), or the one it
   * already has. The refusals of assertMayWatch, BAD_USER_INPUT when the capabilities cannot receive
   * it, NOT_FOUND when the producer closed (or stopWatching came) meanwhile.
   */
  watch(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions> {
    this.assertMayWatch(producer.id);
    const rtpCapabilities = this.#rtpCapabilities!;
    const existing = this.consumerOf(producer.id);
    if (existing) return Promise.resolve(consumerOptions(existing));
    const inFlight = this.#watching.get(producer.id);
    if (inFlight) return inFlight;
    if (!this.#router.canConsume({ producerId: localProducerId, rtpCapabilities })) {
      throw badUserInput(`your RTP capabilities cannot receive producer ${producer.id}`);
    }
    const watching = this.#create(producer, localProducerId, rtpCapabilities, true)
      .then((options) => {
        if (!options) throw notFound('Producer', producer.id);
        return options;
      })
      .finally(() => this.#watching.delete(producer.id));
    this.#watching.set(producer.id, watching);
    return watching;
  }

  /** Stops watching a stream: closes its consumer. False when it was not watched. */
  stopWatching(producerId: string): boolean {
    if (!this.#watchedSince.has(producerId)) return false;
    this.stop(producerId, false);
    return true;
  }

  /**
   * Stops receiving a producer (its speaker left the active set): closes the consumer and returns it
   * (the caller reports ConsumerClosed when `report`), or makes a consumer still being created close
   * as soon as it exists.
   */
  stop(producerId: string, report = true): VoxlayConsumer | undefined {
    const consumer = this.consumerOf(producerId);
    if (consumer) {
      consumer.close();
      this.#forget(consumer);
      return report ? consumer : undefined;
    }
    if (this.#consumedProducerIds.has(producerId)) this.#cancelledProducerIds.add(producerId);
    return undefined;
  }

  /** Closes every consumer (the participant left); the streams it watched get 'watchchange'. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const watched = [...this.#watchedSince.keys()];
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#consumers.clear();
    this.#consumedProducerIds.clear();
    this.#cancelledProducerIds.clear();
    this.#watchedSince.clear();
    this.#recentlyClosed.clear();
    for (const producerId of watched) this.safeEmit('watchchange', producerId);
    this.removeAllListeners();
  }

  #speakerCount(): number {
    let count = 0;
    for (const id of this.#consumedProducerIds) {
      if (!this.#watchedSince.has(id) && !this.#cancelledProducerIds.has(id)) count += 1;
    }
    return count;
  }

  async #create(
    producer: VoxlayProducer,
    localProducerId: string,
    rtpCapabilities: types.RtpCapabilities,
    watched: boolean,
  ): Promise<ConsumerOptions | null> {
    this.#consumedProducerIds.add(producer.id);
    this.#cancelledProducerIds.delete(producer.id);
    if (watched) this.#watchedSince.set(producer.id, Date.now());
    let consumer: VoxlayConsumer;
    try {
      consumer = await mediasoupCall(() =>
        this.#transport.consume<ConsumerAppData>({
          producerId: localProducerId,
          rtpCapabilities,
          paused: true,
          appData: {
            participantId: this.#participantId,
            producerParticipantId: producer.appData.participantId,
            producerId: producer.id,
            source: producer.appData.source,
            watched,
          },
        }),
      );
    } catch (error) {
      this.#release(producer.id);
      if (this.#closed || producer.closed) return null;
      throw error;
    }
    if (this.#closed || producer.closed || consumer.closed || this.#cancelledProducerIds.has(producer.id)) {
      consumer.close();
      this.#release(producer.id);
      return null;
    }
    this.#consumers.set(consumer.id, consumer);
    consumer.on('transportclose', () => this.#forget(consumer));
    consumer.on('producerclose', () => {
      this.#forget(consumer);
      this.safeEmit('producerclose', consumer);
    });
    if (watched) {
      if (consumer.kind === 'video') consumer.on('layerschange', (layers) => this.safeEmit('layerschange', consumer, layers));
      this.safeEmit('watchchange', producer.id);
    }
    return consumerOptions(consumer);
  }

  #release(producerId: string): void {
    this.#consumedProducerIds.delete(producerId);
    this.#cancelledProducerIds.delete(producerId);
    this.#watchedSince.delete(producerId);
  }

  #forget(consumer: VoxlayConsumer): void {
    if (!this.#consumers.delete(consumer.id)) return;
    this.#release(consumer.appData.producerId);
    this.#recentlyClosed.set(consumer.id, consumer);
    if (this.#recentlyClosed.size > RECENTLY_CLOSED_CONSUMERS) {
      this.#recentlyClosed.delete(this.#recentlyClosed.keys().next().value!);
    }
    if (consumer.appData.watched && !this.#closed) this.safeEmit('watchchange', consumer.appData.producerId);
  }
}

export function consumerOptions(consumer: VoxlayConsumer): ConsumerOptions {
  return {
    id: consumer.id,
    producerId: consumer.appData.producerId,
    producerParticipantId: consumer.appData.producerParticipantId,
    kind: consumer.kind === 'video' ? 'VIDEO' : 'AUDIO',
    source: consumer.appData.source,
    rtpParameters: consumer.rtpParameters,
    producerPaused: consumer.producerPaused,
  };
}
