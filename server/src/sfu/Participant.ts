import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { badUserInput, limitExceeded, mediasoupCall, notAllowed } from '../errors.js';
import { type ConnectionQuality, gradeInboundStream } from './ConnectionQuality.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type { ParticipantEventData } from './ChannelTypes.js';
import { EventOutbox } from './EventOutbox.js';
import { InvalidStateError } from './errors.js';
import type {
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
import { ParticipantConsumers } from './ParticipantConsumers.js';
import type { StreamLimit } from './StreamLimit.js';

/** How often a participant's producer is graded (one getStats worker request each time it sends). */
export const QUALITY_SAMPLE_MS = 2_000;

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
  /** Its consumers: the active speakers' microphones and the streams it watches. */
  readonly #consumers: ParticipantConsumers;
  readonly #streamLimit: StreamLimit | undefined;
  /** What one video stream may send (its sender's transport is capped to it); unbounded when absent. */
  readonly #maxStreamBitrate: number;
  /** The server's cap on what it sends this participant (0: none). */
  readonly #serverReceiveBitrate: number;
  /** The participant's own cap (setReceiveBitrate; 0: none). */
  #ownReceiveBitrate = 0;
  /** What each video producer counts for in the channel's bitrate (StreamLimit), by source. */
  readonly #streamBitrates = new Map<MediaSource, number>();
  readonly #logger: Logger;
  /** Transports whose DTLS parameters were given (dtlsState stays 'new' until ICE completes). */
  readonly #connectedTransportIds = new Set<string>();
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
    this.permissions = options.permissions ?? { publish: true, subscribe: true };
    this.subject = options.subject;
    this.#streamLimit = options.streamLimit;
    this.#maxStreamBitrate = options.maxStreamBitrate ?? Number.POSITIVE_INFINITY;
    this.#serverReceiveBitrate = options.maxReceiveBitrate ?? 0;
    this.#logger = logger;
    this.outbox = new EventOutbox(options.outboxCapacity);
    this.sendTransport = send;
    this.recvTransport = recv;
    this.#consumers = new ParticipantConsumers({
      transport: recv,
      router: options.router,
      participantId: options.id,
      permissions: this.permissions,
      rtpCapabilities: options.rtpCapabilities,
      maxConsumers: options.maxConsumers,
      maxWatched: options.maxWatchedStreams,
      logger,
    });
    this.#consumers.on('producerclose', (consumer) =>
      this.pushEvent({ type: 'ConsumerClosed', consumerId: consumer.id, producerId: consumer.appData.producerId }),
    );
    this.#consumers.on('layerschange', (consumer, layers) =>
      this.pushEvent({
        type: 'ConsumerLayersChanged',
        channelId: this.channelId,
        consumerId: consumer.id,
        producerId: consumer.appData.producerId,
        layers: layers ?? null,
      }),
    );
    this.#consumers.on('watchchange', (producerId) => this.safeEmit('watchchange', producerId));
    for (const transport of [send, recv]) {
      transport.on('icestatechange', (iceState) => this.#logger.debug({ transportId: transport.id, iceState }, 'ice state'));
      transport.on('dtlsstatechange', (dtlsState) => {
        this.#logger.debug({ transportId: transport.id, dtlsState }, 'dtls state');
        if (dtlsState === 'failed' || dtlsState === 'closed')
          this.#logger.warn({ transportId: transport.id, dtlsState }, 'transport dtls down');
      });
    }
    if (this.#serverReceiveBitrate > 0) void this.#applyReceiveBitrate().catch(() => undefined);
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
    return this.#consumers.rtpCapabilities;
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
    return this.#consumers.all;
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
          : this.#consumers.find(id);
    return found as MediaObjects[K] | undefined;
  }

  pushEvent(event: ParticipantEventData): void {
    this.outbox.push(event);
  }

  setRtpCapabilities(rtpCapabilities: types.RtpCapabilities): void {
    this.#assertOpen('setRtpCapabilities');
    this.#consumers.setRtpCapabilities(rtpCapabilities);
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
    const bitrate = kind === 'VIDEO' ? declaredBitrate(options.rtpParameters, this.#maxStreamBitrate) : 0;
    stream?.acquire(bitrate);
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
      if (stream) producer.observer.once('close', () => stream.release(bitrate));
      if (kind === 'VIDEO') {
        this.#streamBitrates.set(source, bitrate);
        producer.observer.once('close', () => {
          this.#streamBitrates.delete(source);
          void this.#applySendBitrate().catch(() => undefined);
        });
        // The producer exists whatever the cap does (the transport may close meanwhile).
        await this.#applySendBitrate().catch((error: unknown) => this.#logger.warn({ err: error }, 'send bitrate cap not set'));
      }
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
      if (!kept) stream?.release(bitrate);
    }
  }

  /**
   * Caps what this participant receives (setReceiveBitrate): `bitsPerSecond` from 100 kbps to 100 Mbps,
   * or null for no cap of its own (the server's still applies). Returns the cap in force (0: none).
   */
  async setReceiveBitrate(bitsPerSecond: number | null): Promise<number> {
    this.#assertOpen('setReceiveBitrate');
    if (
      bitsPerSecond !== null &&
      !(Number.isInteger(bitsPerSecond) && bitsPerSecond >= MIN_RECEIVE_BITRATE && bitsPerSecond <= MAX_RECEIVE_BITRATE)
    ) {
      throw badUserInput(`bitsPerSecond is an integer from ${MIN_RECEIVE_BITRATE} to ${MAX_RECEIVE_BITRATE}, or null`);
    }
    this.#ownReceiveBitrate = bitsPerSecond ?? 0;
    return this.#applyReceiveBitrate();
  }

  /** The cap in force on what this participant receives (0: none). */
  get receiveBitrate(): number {
    const caps = [this.#ownReceiveBitrate, this.#serverReceiveBitrate].filter((cap) => cap > 0);
    return caps.length > 0 ? Math.min(...caps) : 0;
  }

  async #applyReceiveBitrate(): Promise<number> {
    const cap = this.receiveBitrate;
    await mediasoupCall(() => this.recvTransport.setMaxOutgoingBitrate(cap));
    return cap;
  }

  /** The send transport takes the microphone and its video streams' counted bitrates, no more. */
  async #applySendBitrate(): Promise<void> {
    if (this.#closed || !Number.isFinite(this.#maxStreamBitrate)) return;
    let total = 0;
    for (const bitrate of this.#streamBitrates.values()) total += bitrate;
    await mediasoupCall(() => this.sendTransport.setMaxIncomingBitrate(total > 0 ? AUDIO_ALLOWANCE_BITRATE + total : 0));
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

  setConsumersPaused(consumers: VoxlayConsumer[], paused: boolean): Promise<VoxlayConsumer[]> {
    return this.#consumers.setPaused(consumers, paused);
  }

  /** setPreferredLayers: see ParticipantConsumers.setPreferredLayers. */
  setPreferredLayers(consumer: VoxlayConsumer, layers: types.ConsumerLayers): Promise<VoxlayConsumer> {
    this.#assertOpen('setPreferredLayers');
    return this.#consumers.setPreferredLayers(consumer, layers);
  }

  /** A paused consumer of a speaker's microphone (last-N), or null: see ParticipantConsumers.consume. */
  consume(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions | null> {
    if (this.#closed) return Promise.resolve(null);
    return this.#consumers.consume(producer, localProducerId);
  }

  /** The coded refusal watch() would give (see ParticipantConsumers.assertMayWatch), or nothing. */
  assertMayWatch(producerId: string): void {
    this.#assertOpen('watch');
    this.#consumers.assertMayWatch(producerId);
  }

  /** Watches a stream (watchStream): see ParticipantConsumers.watch. */
  watch(producer: VoxlayProducer, localProducerId: string = producer.id): Promise<ConsumerOptions> {
    this.#assertOpen('watch');
    return this.#consumers.watch(producer, localProducerId);
  }

  /** Stops watching a stream (stopWatching): closes its consumer. False when it was not watched. */
  stopWatching(producerId: string): boolean {
    return this.#consumers.stopWatching(producerId);
  }

  /** When it started watching `producerId` (ms since the epoch); undefined when it does not watch it. */
  watchingSince(producerId: string): number | undefined {
    return this.#consumers.watchingSince(producerId);
  }

  /** The open consumer of a producer (by its original id), if any. */
  consumerOf(producerId: string): VoxlayConsumer | undefined {
    return this.#consumers.consumerOf(producerId);
  }

  /**
   * Stops receiving a producer (its speaker left the active set): closes the consumer and reports
   * ConsumerClosed (unless `report` is false: the client never heard of it), or makes a consumer
   * still being created close as soon as it exists.
   */
  stopConsuming(producerId: string, report = true): void {
    const consumer = this.#consumers.stop(producerId, report);
    if (consumer) this.pushEvent({ type: 'ConsumerClosed', consumerId: consumer.id, producerId });
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
    this.#consumers.close();
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

/** What a send transport carries besides its video streams (a microphone and a screen's sound, Opus). */
const AUDIO_ALLOWANCE_BITRATE = 256_000;
const MIN_RECEIVE_BITRATE = 100_000;
const MAX_RECEIVE_BITRATE = 100_000_000;

/**
 * What a video producer counts for in its channel's bitrate: the sum of its encodings' maxBitrate
 * when every encoding declares one, else `cap` (the most its sender's transport lets through).
 */
export function declaredBitrate(rtpParameters: types.RtpParameters, cap: number): number {
  const encodings = rtpParameters.encodings ?? [];
  const declares = encodings.length > 0 && encodings.every((encoding) => (encoding.maxBitrate ?? 0) > 0);
  const declared = declares ? encodings.reduce((sum, encoding) => sum + (encoding.maxBitrate ?? 0), 0) : Number.POSITIVE_INFINITY;
  const counted = Math.min(declared, cap);
  return Number.isFinite(counted) ? counted : 0;
}
