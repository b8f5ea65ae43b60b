import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { badUserInput, limitExceeded, mediasoupCall, notAllowed, notFound } from '../errors.js';
import { type ConnectionQuality, gradeInboundStream } from './ConnectionQuality.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type { ParticipantEventData } from './ChannelTypes.js';
import { EventOutbox } from './EventOutbox.js';
import { InvalidStateError } from './errors.js';
import type {
  ConsumerAppData,
  ConsumerOptions,
  LeaveReason,
  MediaObjectKind,
  MediaSource,
  MediaObjects,
  ParticipantEvents,
  ParticipantObserverEvents,
  ParticipantOptions,
  ParticipantPermissions,
  ParticipantVoiceState,
  ProduceOptions,
  TransportDirection,
  TransportOptions,
  VoxlayConsumer,
  VoxlayProducer,
  VoxlayTransport,
} from './ParticipantTypes.js';
import { SOURCE_KINDS } from './ParticipantTypes.js';
import type { StreamLimit } from './StreamLimit.js';

/** How often a participant's producer is graded (one getStats worker request each time it sends). */
export const QUALITY_SAMPLE_MS = 2_000;

/** Closed consumers still found by id (see #recentlyClosed). */
const RECENTLY_CLOSED_CONSUMERS = 32;

/**
 * One person in a channel: a send and a receive WebRtcTransport, at most one Producer per
 * MediaSource (its microphone, a camera, a screen and its sound), the Consumers of the active
 * speakers (last-N) and of the streams it watches, and an outbox of numbered events.
 * close() (own decision: left, disconnected) tells the channel via '@close';
 * channelClosed() is the path when the channel closes it. Either way `observer` emits 'close'.
 * Methods that act on media throw InvalidStateError once it is closed.
 */
export class Participant extends EnhancedEventEmitter<ParticipantEvents> {
  readonly id: string;
  readonly displayName: string;
  readonly channelId: string;
  readonly joinedAt = new Date();
  readonly router: types.Router;
  readonly sendTransport: VoxlayTransport;
  readonly recvTransport: VoxlayTransport;
  readonly outbox: EventOutbox<ParticipantEventData>;
  readonly permissions: ParticipantPermissions;
  /** Token mode: the identity it joined as (undefined in open mode). */
  readonly subject: string | undefined;
  /** Watchers' events (ParticipantObserverEvents). */
  readonly observer: EnhancedEventEmitter<ParticipantObserverEvents>;
  readonly #maxConsumers: number;
  readonly #maxWatched: number;
  readonly #streamLimit: StreamLimit | undefined;
  readonly #logger: Logger;
  readonly #consumers = new Map<string, VoxlayConsumer>();
  /** Producer ids consumed or being consumed, so no producer is consumed twice. */
  readonly #consumedProducerIds = new Set<string>();
  /** Producer ids whose consumer, still being created, is no longer wanted (the speaker left the active set). */
  readonly #cancelledProducerIds = new Set<string>();
  /** The part of #consumedProducerIds opened with watch() (streams), which last-N does not count. */
  readonly #watchedProducerIds = new Set<string>();
  /** watch() calls in flight by producer id: asking twice at once gets the one consumer. */
  readonly #watching = new Map<string, Promise<ConsumerOptions>>();
  /**
   * The last consumers closed under the client (speaker left the active set, producer closed), still
   * found by id: a resumeConsumers or pauseConsumers racing with their ConsumerClosed is a no-op for
   * them rather than NOT_FOUND for the whole request (the recv transport's connect carries one).
   */
  readonly #recentlyClosed = new Map<string, VoxlayConsumer>();
  /** Transports whose DTLS parameters were given (dtlsState stays 'new' until ICE completes). */
  readonly #connectedTransportIds = new Set<string>();
  #rtpCapabilities: types.RtpCapabilities | undefined;
  readonly #producers = new Map<MediaSource, VoxlayProducer>();
  /** Sources whose producer is being created. */
  readonly #producing = new Set<MediaSource>();
  #closed = false;
  #leaveReason: LeaveReason | undefined;
  #voice: ParticipantVoiceState = { selfMuted: false, deafened: false, listenOnly: false, voiceMode: 'ALWAYS_ON' };
  #quality: ConnectionQuality | null = null;
  readonly #qualityTimer: ReturnType<typeof setInterval>;

  /** Creates both transports; if the second fails, the first is closed (nothing half-created). */
  /** Both transports are asked of the worker at once (one round trip on the join's path, not two). */
  static async create(options: ParticipantOptions): Promise<Participant> {
    const settled = await Promise.allSettled([createTransport(options, 'SEND'), createTransport(options, 'RECV')]);
    const [send, recv] = settled;
    if (send.status === 'fulfilled' && recv.status === 'fulfilled') return new Participant(options, send.value, recv.value);
    for (const result of settled) if (result.status === 'fulfilled') result.value.close();
    throw settled.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason;
  }

  private constructor(options: ParticipantOptions, send: VoxlayTransport, recv: VoxlayTransport) {
    const logger = options.logger.child({ participantId: options.id });
    super(logger);
    this.observer = new EnhancedEventEmitter(logger);
    this.id = options.id;
    this.displayName = options.displayName;
    this.channelId = options.channelId;
    this.router = options.router;
    this.#rtpCapabilities = options.rtpCapabilities;
    this.permissions = options.permissions ?? { publish: true, subscribe: true };
    this.subject = options.subject;
    this.#maxConsumers = options.maxConsumers ?? Number.POSITIVE_INFINITY;
    this.#maxWatched = options.maxWatchedStreams ?? Number.POSITIVE_INFINITY;
    this.#streamLimit = options.streamLimit;
    this.#logger = logger;
    this.outbox = new EventOutbox(options.outboxCapacity);
    this.sendTransport = send;
    this.recvTransport = recv;
    for (const transport of [send, recv]) {
      transport.on('icestatechange', (iceState) => this.#logger.debug({ transportId: transport.id, iceState }, 'ice state'));
      transport.on('dtlsstatechange', (dtlsState) => {
        this.#logger.debug({ transportId: transport.id, dtlsState }, 'dtls state');
        if (dtlsState === 'failed' || dtlsState === 'closed')
          this.#logger.warn({ transportId: transport.id, dtlsState }, 'transport dtls down');
      });
    }
    this.#qualityTimer = setInterval(() => void this.#sampleQuality(), options.qualitySampleMs ?? QUALITY_SAMPLE_MS);
    this.#qualityTimer.unref?.();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Why it closed (undefined while open). */
  get leaveReason(): LeaveReason | undefined {
    return this.#leaveReason;
  }

  get rtpCapabilities(): types.RtpCapabilities | undefined {
    return this.#rtpCapabilities;
  }

  /** Its microphone producer. */
  get producer(): VoxlayProducer | undefined {
    return this.#producers.get('MICROPHONE');
  }

  get producers(): VoxlayProducer[] {
    return [...this.#producers.values()];
  }

  /** Its producers others watch on demand (every source but MICROPHONE). */
  get streams(): VoxlayProducer[] {
    return this.producers.filter((producer) => producer.appData.source !== 'MICROPHONE');
  }

  /** Shares a screen. */
  get live(): boolean {
    return this.#producers.has('SCREEN');
  }

  get cameraOn(): boolean {
    return this.#producers.has('CAMERA');
  }

  get consumers(): VoxlayConsumer[] {
    return [...this.#consumers.values()];
  }

  get transports(): VoxlayTransport[] {
    return [this.sendTransport, this.recvTransport];
  }

  /** No microphone producer, or it is paused. */
  get muted(): boolean {
    const microphone = this.producer;
    return microphone === undefined || microphone.paused;
  }

  get selfMuted(): boolean {
    return this.#voice.selfMuted;
  }

  get deafened(): boolean {
    return this.#voice.deafened;
  }

  get listenOnly(): boolean {
    return this.#voice.listenOnly;
  }

  get voiceMode(): ParticipantVoiceState['voiceMode'] {
    return this.#voice.voiceMode;
  }

  /** Its producer's last grade (null before the first packet was graded). */
  get quality(): ConnectionQuality | null {
    return this.#quality;
  }

  /**
   * Changes the fields of `patch` that are given (setParticipantState); 'statechange' when one did.
   * Returns whether anything changed. Producing again clears `listenOnly` by itself.
   */
  setState(patch: Partial<ParticipantVoiceState>): boolean {
    this.#assertOpen('setState');
    const next: ParticipantVoiceState = { ...this.#voice };
    for (const key of ['selfMuted', 'deafened', 'listenOnly', 'voiceMode'] as const) {
      const value = patch[key];
      if (value !== undefined) (next as Record<typeof key, unknown>)[key] = value;
    }
    const changed = (Object.keys(next) as (keyof ParticipantVoiceState)[]).some((key) => next[key] !== this.#voice[key]);
    if (!changed) return false;
    this.#voice = next;
    this.safeEmit('statechange');
    return true;
  }

  /** Grades what the worker received on the producer; 'statechange' when the grade changed. Skipped while paused. */
  async #sampleQuality(): Promise<void> {
    const producer = this.producer;
    if (!producer || producer.closed || producer.paused || this.#closed) return;
    const stats = await producer.getStats().catch(() => null);
    const inbound = stats?.find((stat): stat is types.RtpStreamRecvStats => stat.type === 'inbound-rtp');
    if (!inbound || this.#closed) return;
    const previous = this.#quality?.level;
    this.#quality = gradeInboundStream(inbound, new Date());
    if (this.#quality.level !== previous) this.safeEmit('statechange');
  }

  /** One of this participant's own media objects, or undefined. */
  find<K extends MediaObjectKind>(kind: K, id: string): MediaObjects[K] | undefined {
    const found: MediaObjects[MediaObjectKind] | undefined =
      kind === 'transport'
        ? this.transports.find((transport) => transport.id === id)
        : kind === 'producer'
          ? this.producers.find((producer) => producer.id === id)
          : (this.#consumers.get(id) ?? this.#recentlyClosed.get(id));
    return found as MediaObjects[K] | undefined;
  }

  pushEvent(event: ParticipantEventData): void {
    this.outbox.push(event);
  }

  setRtpCapabilities(rtpCapabilities: types.RtpCapabilities): void {
    this.#assertOpen('setRtpCapabilities');
    if (this.#rtpCapabilities) throw badUserInput('rtpCapabilities were already set for this participant');
    this.#rtpCapabilities = rtpCapabilities;
  }

  async connectTransport(transport: VoxlayTransport, dtlsParameters: types.DtlsParameters): Promise<void> {
    this.#assertOpen('connectTransport');
    if (this.#connectedTransportIds.has(transport.id)) throw badUserInput(`transport ${transport.id} is already connected`);
    this.#connectedTransportIds.add(transport.id);
    transport.appData.connectRequested = true;
    try {
      await mediasoupCall(() => transport.connect({ dtlsParameters }));
    } catch (error) {
      this.#connectedTransportIds.delete(transport.id);
      throw error;
    }
  }

  async restartIce(transport: VoxlayTransport): Promise<types.IceParameters> {
    this.#assertOpen('restartIce');
    return mediasoupCall(() => transport.restartIce());
  }

  /**
   * Creates a producer of `options.source` (MICROPHONE when absent) and tells the channel
   * ('producer', which fans it out). The kind and the codecs must match the source; one producer per
   * source; a CAMERA or SCREEN takes one of the channel's stream places (StreamLimit) until it
   * closes. The producer exists once this resolves, whatever a listener of 'producer' does.
   */
  async produce(transport: VoxlayTransport, options: ProduceOptions): Promise<VoxlayProducer> {
    this.#assertOpen('produce');
    if (!this.permissions.publish) throw notAllowed('your token lacks the publish right');
    if (transport !== this.sendTransport) throw badUserInput('produce on the send transport');
    const source = options.source ?? 'MICROPHONE';
    const kind = SOURCE_KINDS[source];
    if (options.kind !== kind) throw badUserInput(`a ${source} producer is ${kind}, not ${options.kind}`);
    const prefix = kind === 'AUDIO' ? 'audio/' : 'video/';
    if (!options.rtpParameters.codecs.every((codec) => codec.mimeType.toLowerCase().startsWith(prefix))) {
      throw badUserInput(`a ${kind} producer sends ${prefix}* codecs only`);
    }
    if (this.#producers.has(source) || this.#producing.has(source)) {
      throw limitExceeded('producersPerParticipant', 1, `already sending a ${source} producer (one per source); close it first`);
    }
    const stream = kind === 'VIDEO' ? this.#streamLimit : undefined;
    stream?.acquire();
    let kept = false;
    this.#producing.add(source);
    try {
      const producer = await mediasoupCall(() =>
        transport.produce<{ participantId: string; source: MediaSource }>({
          kind: kind === 'AUDIO' ? 'audio' : 'video',
          rtpParameters: options.rtpParameters,
          paused: options.paused,
          appData: { participantId: this.id, source },
        }),
      );
      if (this.#closed) {
        producer.close();
        throw badUserInput('the participant left while producing');
      }
      kept = true;
      this.#producers.set(source, producer);
      if (stream) producer.observer.once('close', () => stream.release());
      producer.on('transportclose', () => this.#producerGone(producer));
      this.safeEmit('producer', producer);
      if (source === 'MICROPHONE' && this.#voice.listenOnly) {
        this.#voice = { ...this.#voice, listenOnly: false };
        this.safeEmit('statechange');
      } else if (source === 'SCREEN' || source === 'CAMERA') {
        this.safeEmit('statechange');
      }
      return producer;
    } finally {
      this.#producing.delete(source);
      if (!kept) stream?.release();
    }
  }

  async setProducerPaused(producer: VoxlayProducer, paused: boolean): Promise<VoxlayProducer> {
    this.#assertOpen('setProducerPaused');
    if (producer.paused === paused) return producer;
    await (paused ? producer.pause() : producer.resume());
    if (producer.appData.source === 'MICROPHONE') this.safeEmit('mutechange', paused);
    return producer;
  }

  closeProducer(producer: VoxlayProducer): void {
    producer.close();
    this.#producerGone(producer);
  }

  async setConsumersPaused(consumers: VoxlayConsumer[], paused: boolean): Promise<VoxlayConsumer[]> {
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
    this.#assertOpen('setPreferredLayers');
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
   * Creates a paused consumer of `producer` on the receive transport, when this participant has
   * RTP capabilities that can receive it; null when not (or when already consuming it).
   * `localProducerId` is the id the producer has in this participant's router (a pipe producer's
   * when the producer lives on another router of the channel); clients always see the original id.
   */
  async consume(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions | null> {
    const rtpCapabilities = this.#rtpCapabilities;
    if (this.#closed || producer.closed || !rtpCapabilities) return null;
    if (this.#consumedProducerIds.has(producer.id)) {
      // Wanted again while a cancelled creation is still in flight: let that one finish.
      this.#cancelledProducerIds.delete(producer.id);
      return null;
    }
    if (!this.permissions.subscribe) return null;
    // Cancelled creations still in flight and watched streams do not count: last-N bounds speakers.
    if (this.#speakerConsumerCount() >= this.#maxConsumers) {
      this.#logger.warn({ producerId: producer.id, max: this.#maxConsumers }, 'consumer limit reached; not consuming');
      return null;
    }
    if (!this.router.canConsume({ producerId: localProducerId, rtpCapabilities })) return null;
    return this.#createConsumer(producer, localProducerId, rtpCapabilities, false);
  }

  /**
   * The coded refusal watch() would give this participant, thrown before anything is set up for it
   * (the channel checks it before piping a stream to its router): closed, no subscribe right, no RTP
   * capabilities yet, or already watching as many streams as allowed (unless `producerId` is one).
   */
  assertMayWatch(producerId: string): void {
    this.#assertOpen('watch');
    if (!this.permissions.subscribe) throw notAllowed('your token lacks the subscribe right');
    if (!this.#rtpCapabilities) throw badUserInput('send your RTP capabilities first (joinChannel or setRtpCapabilities)');
    if (this.consumerOf(producerId) || this.#watching.has(producerId)) return;
    if (this.#watchedProducerIds.size >= this.#maxWatched) {
      throw limitExceeded(
        'watchedStreamsPerParticipant',
        this.#maxWatched,
        `already watching ${this.#maxWatched} streams; stop watching one first`,
      );
    }
  }

  /**
   * Watches a stream (watchStream): a paused consumer of `producer` (CAMERA, SCREEN, SCREEN_AUDIO),
   * or the one it already has. Coded refusals: FORBIDDEN without the subscribe right,
   * BAD_USER_INPUT without RTP capabilities or when they cannot receive it, LIMIT_EXCEEDED
   * watchedStreamsPerParticipant, NOT_FOUND when the producer closed (or stopWatching) meanwhile.
   */
  watch(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions> {
    this.assertMayWatch(producer.id);
    const rtpCapabilities = this.#rtpCapabilities!;
    const existing = this.consumerOf(producer.id);
    if (existing) return Promise.resolve(consumerOptions(existing));
    const inFlight = this.#watching.get(producer.id);
    if (inFlight) return inFlight;
    if (!this.router.canConsume({ producerId: localProducerId, rtpCapabilities })) {
      throw badUserInput(`your RTP capabilities cannot receive producer ${producer.id}`);
    }
    const watching = this.#createConsumer(producer, localProducerId, rtpCapabilities, true)
      .then((options) => {
        if (!options) throw notFound('Producer', producer.id);
        return options;
      })
      .finally(() => this.#watching.delete(producer.id));
    this.#watching.set(producer.id, watching);
    return watching;
  }

  /** Stops watching a stream (stopWatching): closes its consumer. False when it was not watched. */
  stopWatching(producerId: string): boolean {
    if (!this.#watchedProducerIds.has(producerId)) return false;
    this.stopConsuming(producerId, false);
    return true;
  }

  #speakerConsumerCount(): number {
    let count = 0;
    for (const id of this.#consumedProducerIds) {
      if (!this.#watchedProducerIds.has(id) && !this.#cancelledProducerIds.has(id)) count += 1;
    }
    return count;
  }

  async #createConsumer(
    producer: VoxlayProducer,
    localProducerId: string,
    rtpCapabilities: types.RtpCapabilities,
    watched: boolean,
  ): Promise<ConsumerOptions | null> {
    this.#consumedProducerIds.add(producer.id);
    this.#cancelledProducerIds.delete(producer.id);
    if (watched) this.#watchedProducerIds.add(producer.id);
    let consumer: VoxlayConsumer;
    try {
      consumer = await mediasoupCall(() =>
        this.recvTransport.consume<ConsumerAppData>({
          producerId: localProducerId,
          rtpCapabilities,
          paused: true,
          appData: {
            participantId: this.id,
            producerParticipantId: producer.appData.participantId,
            producerId: producer.id,
            source: producer.appData.source,
            watched,
          },
        }),
      );
    } catch (error) {
      this.#releaseProducerId(producer.id);
      if (this.#closed || producer.closed) return null;
      throw error;
    }
    if (this.#closed || producer.closed || consumer.closed || this.#cancelledProducerIds.has(producer.id)) {
      consumer.close();
      this.#releaseProducerId(producer.id);
      return null;
    }
    this.#consumers.set(consumer.id, consumer);
    consumer.on('transportclose', () => this.#forgetConsumer(consumer));
    consumer.on('producerclose', () => {
      this.#forgetConsumer(consumer);
      this.pushEvent({ type: 'ConsumerClosed', consumerId: consumer.id, producerId: consumer.appData.producerId });
    });
    return consumerOptions(consumer);
  }

  #releaseProducerId(producerId: string): void {
    this.#consumedProducerIds.delete(producerId);
    this.#cancelledProducerIds.delete(producerId);
    this.#watchedProducerIds.delete(producerId);
  }

  /** The open consumer of a producer (by its original id), if any. */
  consumerOf(producerId: string): VoxlayConsumer | undefined {
    for (const consumer of this.#consumers.values()) {
      if (consumer.appData.producerId === producerId) return consumer;
    }
    return undefined;
  }

  /**
   * Stops receiving a producer (its speaker left the active set): closes the consumer and reports
   * ConsumerClosed (unless `report` is false: the client never heard of it), or makes a consumer
   * still being created close as soon as it exists.
   */
  stopConsuming(producerId: string, report = true): void {
    const consumer = this.consumerOf(producerId);
    if (consumer) {
      consumer.close();
      this.#forgetConsumer(consumer);
      if (report) this.pushEvent({ type: 'ConsumerClosed', consumerId: consumer.id, producerId });
    } else if (this.#consumedProducerIds.has(producerId)) {
      this.#cancelledProducerIds.add(producerId);
    }
  }

  /** Closes everything (left, disconnected) and tells the channel. Idempotent. */
  close(reason: LeaveReason): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#leaveReason = reason;
    this.#logger.debug({ reason }, 'participant closed');
    this.#closeMedia(true);
    this.outbox.close();
    this.emit('@close', reason);
    this.observer.safeEmit('close', reason);
  }

  /** The channel closes this participant (channel closed or deleted, worker died): nothing is reported back. */
  channelClosed(reason: LeaveReason = 'CHANNEL_CLOSED'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#leaveReason = reason;
    this.#closeMedia(false);
    this.outbox.close();
    this.observer.safeEmit('close', reason);
  }

  #assertOpen(method: string): void {
    if (this.#closed) throw new InvalidStateError(`participant ${this.id} is closed (${method})`);
  }

  #closeMedia(report: boolean): void {
    clearInterval(this.#qualityTimer);
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#consumers.clear();
    this.#consumedProducerIds.clear();
    this.#cancelledProducerIds.clear();
    this.#watchedProducerIds.clear();
    this.#recentlyClosed.clear();
    const producers = this.producers;
    this.#producers.clear();
    for (const producer of producers) {
      producer.close();
      if (report) this.safeEmit('producerclose', producer);
    }
    this.sendTransport.close();
    this.recvTransport.close();
    this.removeAllListeners('producer');
  }

  #producerGone(producer: VoxlayProducer): void {
    const { source } = producer.appData;
    if (this.#producers.get(source) !== producer) return;
    this.#producers.delete(source);
    if (this.#closed) return;
    this.safeEmit('producerclose', producer);
    if (source === 'SCREEN' || source === 'CAMERA') this.safeEmit('statechange');
  }

  #forgetConsumer(consumer: VoxlayConsumer): void {
    if (!this.#consumers.delete(consumer.id)) return;
    this.#releaseProducerId(consumer.appData.producerId);
    this.#recentlyClosed.set(consumer.id, consumer);
    if (this.#recentlyClosed.size > RECENTLY_CLOSED_CONSUMERS) {
      this.#recentlyClosed.delete(this.#recentlyClosed.keys().next().value!);
    }
  }
}

/** A transport on the worker's WebRtcServer: no port of its own (ICE tells its packets apart). */
async function createTransport(options: ParticipantOptions, direction: TransportDirection): Promise<VoxlayTransport> {
  return options.router.createWebRtcTransport<{ participantId: string; direction: TransportDirection }>({
    webRtcServer: options.webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    appData: { participantId: options.id, direction },
  });
}

export function transportOptions(transport: VoxlayTransport): TransportOptions {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  };
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
