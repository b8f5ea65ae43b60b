import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { badUserInput, channelFull, mediaUnavailable, notFound, voxlayError, ErrorCode } from '../errors.js';
import { ActiveSpeakerSet, DEFAULT_LAST_N } from './ActiveSpeakerSet.js';
import type { ActiveSpeakerChange } from './ActiveSpeakerSetTypes.js';
import type { ChannelRouter } from './ChannelRouter.js';
import { DEFAULT_AUDIO_LEVELS } from './ChannelRouterTypes.js';
import { ChannelRouters } from './ChannelRouters.js';
import type {
  ChannelCreator,
  ChannelEventData,
  ChannelEvents,
  ChannelObserverEvents,
  ChannelOptions,
  RecordingEventData,
} from './ChannelTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import { InvalidStateError } from './errors.js';
import { Participant } from './Participant.js';
import type { ConsumerOptions, LeaveReason, ParticipantPermissions, VoxlayProducer } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import { StreamLimit } from './StreamLimit.js';
import type { RouterAppData } from './WorkerPoolTypes.js';

export interface JoinOptions {
  displayName: string;
  rtpCapabilities?: types.RtpCapabilities | undefined;
  /** What the participant may do (token rights); everything when absent. */
  permissions?: ParticipantPermissions | undefined;
  /** The token's subject, for logs. */
  subject?: string | undefined;
}

/** Participants per channel when the options name no limit. */
export const DEFAULT_MAX_PARTICIPANTS = 1000;
/** Participants per router before a channel spans another router, when the options name no limit. */
export const DEFAULT_MAX_PARTICIPANTS_PER_ROUTER = 250;
/** Video streams (cameras and screens) a channel carries at once when the options name no limit. */
export const DEFAULT_MAX_VIDEO_STREAMS = 25;
/** Streams one participant watches at once when the options name no limit. */
export const DEFAULT_MAX_WATCHED_STREAMS = 25;
/** How long a join that lost its worker should wait before trying again (a replacement starts in well under a second). */
const MEDIA_RETRY_AFTER_MS = 1000;

export interface JoinResult {
  participant: Participant;
  consumers: ConsumerOptions[];
  /** The participant's outbox seq the payload reflects. */
  seq: number;
}

/**
 * A voice channel: its Participants on one or more routers (ChannelRouters, joined by pipes) and
 * the last-N active speakers (ActiveSpeakerSet) every listener receives: consumers exist only for
 * those, so they grow as participants x lastN. When a worker dies, the participants on its routers get
 * ChannelInterrupted and are closed; the channel keeps its other routers (or moves to a live worker).
 */
export class Channel extends EnhancedEventEmitter<ChannelEvents> {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  /** Who created it (null: the default channel, or unknown). */
  readonly createdBy: ChannelCreator | null;
  /** Whether it expires once it has been empty for a while (ChannelRegistry). */
  readonly expires: boolean;
  readonly createdAt = new Date();
  readonly rtpCapabilities: types.RtpCapabilities;
  readonly lastN: number;
  /** Watchers' events (ChannelObserverEvents). */
  readonly observer: EnhancedEventEmitter<ChannelObserverEvents>;
  readonly #options: ChannelOptions;
  readonly #logger: Logger;
  readonly #routers: ChannelRouters;
  readonly #speakers: ActiveSpeakerSet;
  readonly #participants = new Map<string, Participant>();
  /** The router each participant is placed on. */
  readonly #homes = new Map<string, ChannelRouter>();
  /** The producers the active set chooses from, by participant id. */
  readonly #speakerProducers = new Map<string, VoxlayProducer>();
  /** The producers watched on demand (CAMERA, SCREEN, SCREEN_AUDIO), by producer id. */
  readonly #streams = new Map<string, VoxlayProducer>();
  /** The channel's video stream places, shared by its participants. */
  readonly #streamLimit: StreamLimit;
  /** Joins in progress: they count towards the participant limit until they finish. */
  #pendingJoins = 0;
  /** The last join of each identity (token `sub`): its next join waits for it, then replaces its participant. */
  readonly #identityJoins = new Map<string, Promise<void>>();
  /** Resolves once the channel has a router on a live worker again. */
  #ready: Promise<void> = Promise.resolve();
  #closed = false;

  static async create(options: ChannelOptions): Promise<Channel> {
    const lastN = options.lastN ?? DEFAULT_LAST_N;
    const routers = await ChannelRouters.create({
      channelId: options.id,
      pool: options.pool,
      transportSettings: options.transportSettings,
      audioLevels: { ...DEFAULT_AUDIO_LEVELS, maxEntries: Math.max(lastN, DEFAULT_AUDIO_LEVELS.maxEntries), ...options.audioLevels },
      maxParticipantsPerRouter: options.maxParticipantsPerRouter ?? DEFAULT_MAX_PARTICIPANTS_PER_ROUTER,
      logger: options.logger.child({ channelId: options.id }),
    });
    return new Channel(options, routers, lastN);
  }

  private constructor(options: ChannelOptions, routers: ChannelRouters, lastN: number) {
    const logger = options.logger.child({ channelId: options.id });
    super(logger);
    this.observer = new EnhancedEventEmitter(logger);
    this.#options = options;
    this.id = options.id;
    this.name = options.name;
    this.isDefault = options.isDefault;
    this.createdBy = options.creator ?? null;
    this.expires = !options.isDefault && (options.expires ?? false);
    this.lastN = lastN;
    this.#logger = logger;
    this.#routers = routers;
    this.rtpCapabilities = routers.first.router.rtpCapabilities;
    this.#speakers = new ActiveSpeakerSet({ size: lastN, holdMs: options.speakerHoldMs });
    this.#streamLimit = new StreamLimit(options.maxVideoStreams ?? DEFAULT_MAX_VIDEO_STREAMS, options.maxVideoBitrate);
    routers.on('volumes', (levels) => this.#applySpeakers(this.#speakers.loud(levels)));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The oldest live router (the schema's Channel.routerId; Channel.routers lists them all). */
  get router(): types.Router<RouterAppData> {
    return this.#routers.first.router;
  }

  /** The worker of the oldest live router (the schema's Channel.worker). */
  get worker(): PoolWorker {
    return this.#routers.first.worker;
  }

  /** Every live router of the channel, oldest first. */
  get routers(): ChannelRouter[] {
    return this.#routers.list;
  }

  /** The participants listeners receive, most recently loud first. */
  get activeSpeakerIds(): string[] {
    return this.#speakers.ids;
  }

  get participants(): Participant[] {
    return [...this.#participants.values()];
  }

  get participantCount(): number {
    return this.#participants.size;
  }

  /** Joins started and not finished yet: they hold a place (channel and node limits). */
  get pendingJoinCount(): number {
    return this.#pendingJoins;
  }

  /** Nobody in it and no join in progress. */
  get empty(): boolean {
    return this.#participants.size === 0 && this.#pendingJoins === 0;
  }

  participant(id: string): Participant | undefined {
    return this.#participants.get(id);
  }

  /** The router a participant is placed on. */
  routerOf(participant: Participant): ChannelRouter | undefined {
    return this.#homes.get(participant.id);
  }

  /** Video streams (CAMERA and SCREEN producers) live now, produces in flight included. */
  get videoStreamCount(): number {
    return this.#streamLimit.held;
  }

  /** Bits per second its video streams count for together (StreamLimit), produces in flight included. */
  get videoBitrate(): number {
    return this.#streamLimit.heldBitrate;
  }

  get maxParticipants(): number {
    return this.#options.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS;
  }

  /**
   * Creates a participant with both transports on the least-loaded router with room and, given RTP
   * capabilities, consumers of the active speakers. Nothing is created beyond a limit, joins in
   * flight included: CHANNEL_FULL at the channel's, NODE_FULL at the node's (NodeCapacity).
   * A join whose worker or router goes away half-way gets UNAVAILABLE (retryAfterMs), never an
   * internal error. One participant per identity (`subject`): a join
   * of an identity already here replaces its participant, which is told (its own ParticipantLeft,
   * REPLACED) and closed first, so the others see it leave and the new one join; joins of one
   * identity run one after another.
   */
  join(options: JoinOptions): Promise<JoinResult> {
    const subject = options.subject;
    if (subject === undefined) return this.#admit(options);
    const takeOver = (): Promise<JoinResult> => {
      this.#replace(subject);
      return this.#admit(options);
    };
    const joined = (this.#identityJoins.get(subject) ?? Promise.resolve()).then(takeOver);
    const settled = joined.then(
      () => undefined,
      () => undefined,
    );
    this.#identityJoins.set(subject, settled);
    void settled.then(() => {
      if (this.#identityJoins.get(subject) === settled) this.#identityJoins.delete(subject);
    });
    return joined;
  }

  /** Closes the participant of `subject` (another device of the same identity), telling it why. */
  #replace(subject: string): void {
    for (const participant of [...this.#participants.values()]) {
      if (participant.subject !== subject) continue;
      this.#logger.info({ participantId: participant.id, sub: subject }, 'participant replaced by a new join of the same identity');
      participant.pushEvent({ type: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason: 'REPLACED' });
      participant.close('REPLACED');
    }
  }

  async #admit(options: JoinOptions): Promise<JoinResult> {
    const max = this.maxParticipants;
    if (this.#participants.size + this.#pendingJoins >= max) throw channelFull(this.id, max);
    // Checked and counted in the same tick: concurrent joins cannot pass the node's limit together.
    this.#options.capacity?.admit();
    this.#pendingJoins += 1;
    try {
      return await this.#join(options);
    } finally {
      this.#pendingJoins -= 1;
    }
  }

  async #join({ displayName, rtpCapabilities, permissions, subject }: JoinOptions): Promise<JoinResult> {
    await this.#ready;
    if (this.#closed) throw this.#closedError();
    let home: ChannelRouter;
    try {
      home = await this.#routers.place();
    } catch (error) {
      throw this.#joinFailed(error);
    }
    let participant: Participant;
    try {
      participant = await Participant.create({
        id: randomUUID(),
        displayName,
        channelId: this.id,
        router: home.router,
        webRtcServer: home.worker.webRtcServer,
        rtpCapabilities,
        logger: subject === undefined ? this.#logger : this.#logger.child({ sub: subject }),
        permissions,
        maxConsumers: this.lastN,
        streamLimit: this.#streamLimit,
        maxWatchedStreams: this.#options.maxWatchedStreams ?? DEFAULT_MAX_WATCHED_STREAMS,
        maxStreamBitrate: this.#options.maxStreamBitrate,
        maxReceiveBitrate: this.#options.maxReceiveBitrate,
        subject,
      });
    } catch (error) {
      this.#routers.release(home);
      throw this.#joinFailed(error);
    }
    if (this.#closed || home.closed) {
      participant.channelClosed();
      this.#routers.release(home);
      throw this.#closed ? this.#closedError() : mediaUnavailable(this.id, MEDIA_RETRY_AFTER_MS);
    }
    this.#adopt(participant, home);
    const seq = participant.outbox.seq;
    try {
      const consumers = await this.consumeExisting(participant);
      return { participant, consumers, seq };
    } catch (error) {
      participant.close('LEFT');
      throw this.#joinFailed(error);
    }
  }

  #closedError(): Error {
    return voxlayError(ErrorCode.NOT_FOUND, `channel ${this.id} was closed`);
  }

  /**
   * The answer to a join whose media could not be created: its own code when it has one; the
   * channel closed: NOT_FOUND; anything else (the worker died or stopped answering, a router or the
   * WebRtcServer closed under it) is logged and answers UNAVAILABLE, so the client retries.
   */
  #joinFailed(error: unknown): Error {
    if (typeof (error as { extensions?: { code?: unknown } }).extensions?.code === 'string') return error as Error;
    if (this.#closed) return this.#closedError();
    this.#logger.error({ err: error }, 'join failed in the media worker');
    return mediaUnavailable(this.id, MEDIA_RETRY_AFTER_MS);
  }

  /** Consumers (paused) of the active speakers; used by join and setRtpCapabilities. */
  async consumeExisting(participant: Participant): Promise<ConsumerOptions[]> {
    if (this.#closed) throw new InvalidStateError(`channel ${this.id} is closed (consumeExisting)`);
    const producers = this.#speakers.ids.filter((id) => id !== participant.id).flatMap((id) => this.#speakerProducers.get(id) ?? []);
    const created = await Promise.all(
      producers.map((producer) =>
        this.#consumeFor(participant, producer).catch((error: unknown) => {
          // One speaker that cannot be received does not fail the join; it is logged.
          this.#logger.error({ err: error, participantId: participant.id, producerId: producer.id }, 'could not create a consumer');
          return null;
        }),
      ),
    );
    return created.filter((options): options is ConsumerOptions => options !== null);
  }

  /**
   * A worker died: the participants on its routers get ChannelInterrupted and are closed (the others
   * see ParticipantLeft, CHANNEL_CLOSED). The channel keeps its other routers, or moves to a live worker.
   */
  workerDied(worker: PoolWorker, message: string): void {
    if (this.#closed) return;
    const lost = this.participants.filter((participant) => {
      const home = this.#homes.get(participant.id);
      return !home || home.closed || home.worker === worker;
    });
    const routersLost = this.#routers.list.filter((router) => router.worker === worker);
    if (lost.length === 0 && routersLost.length === 0 && this.#routers.list.length > 0) return;
    for (const participant of lost) {
      this.#participants.delete(participant.id);
      this.#homes.delete(participant.id);
      participant.pushEvent({ type: 'ChannelInterrupted', channelId: this.id, message });
      participant.channelClosed();
    }
    for (const router of routersLost) router.close();
    for (const participant of lost) {
      this.#forgetSpeaker(participant.id);
      this.#forgetStreams(participant.id);
    }
    for (const participant of lost) {
      this.#broadcast({ type: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason: 'CHANNEL_CLOSED' });
    }
    if (this.#routers.list.length === 0) this.#ready = this.#routers.rebuild();
  }

  /**
   * Closes the channel and every participant in it. With a reason (deleteChannel: CHANNEL_DELETED),
   * each participant first receives its own ParticipantLeft with it, and watchers of the channel's
   * public events see every participant leave.
   */
  close(reason?: 'CHANNEL_DELETED'): void {
    if (this.#closed) return;
    this.#closed = true;
    if (reason) {
      for (const participant of this.#participants.values()) {
        const left = { type: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason } as const;
        participant.pushEvent(left);
        this.safeEmit('event', left);
      }
    }
    for (const participant of this.#participants.values()) participant.channelClosed(reason);
    this.#participants.clear();
    this.#homes.clear();
    this.#speakerProducers.clear();
    this.#streams.clear();
    this.#routers.close();
    this.emit('@close');
    this.removeAllListeners();
    this.observer.safeEmit('close');
  }

  #adopt(participant: Participant, home: ChannelRouter): void {
    this.#participants.set(participant.id, participant);
    this.#homes.set(participant.id, home);
    participant.on('producer', (producer) => {
      if (producer.appData.source !== 'MICROPHONE') {
        // Watched on demand: nobody consumes it until they ask (watchStream).
        this.#streams.set(producer.id, producer);
        this.#broadcast({ type: 'StreamStarted', channelId: this.id, producer }, participant);
        return;
      }
      this.#broadcast({ type: 'ProducerAdded', channelId: this.id, producer }, participant);
      home.observe(producer);
      this.#speakerProducers.set(participant.id, producer);
      this.#applySpeakers(this.#speakers.add(participant.id, producer.paused));
    });
    participant.on('producerclose', (producer) => {
      const { source } = producer.appData;
      if (source === 'MICROPHONE') {
        this.#broadcast(
          { type: 'ProducerClosed', channelId: this.id, producerId: producer.id, participantId: participant.id },
          participant,
        );
        this.#forgetSpeaker(participant.id);
        return;
      }
      this.#streams.delete(producer.id);
      const stopped = {
        type: 'StreamStopped',
        channelId: this.id,
        producerId: producer.id,
        participantId: participant.id,
        source,
      } as const;
      this.#broadcast(stopped, participant);
    });
    participant.on('mutechange', (muted) => {
      // Muted is silent: the speaker keeps its place (its consumers carry no packets) until a loud one
      // needs it. Unmuted counts as loud: in at once when there is room or someone has been silent long enough.
      // The set first: its consumer requests reach the worker before a thousand MuteChanged events are sent.
      this.#applySpeakers(this.#speakers.setPaused(participant.id, muted));
      this.#broadcast({ type: 'MuteChanged', channelId: this.id, participantId: participant.id, muted });
    });
    participant.on('watchchange', (producerId) => this.#viewersChanged(producerId));
    participant.on('statechange', () => {
      this.#broadcast({ type: 'ParticipantStateChanged', channelId: this.id, participant });
    });
    participant.once('@close', (reason: LeaveReason) => {
      this.#forgetStreams(participant.id);
      this.#participants.delete(participant.id);
      this.#homes.delete(participant.id);
      this.#forgetSpeaker(participant.id);
      this.#routers.release(home);
      this.#broadcast({ type: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason });
    });
    this.#broadcast({ type: 'ParticipantJoined', channelId: this.id, participant }, participant);
    this.observer.safeEmit('newparticipant', participant);
  }

  /**
   * `viewer` watches the stream `producerId` of another participant of this channel (watchStream):
   * a paused consumer on the viewer's receive transport, piping the producer into the viewer's router
   * first when it lives on another one. Only viewers get video consumers. Coded refusals: NOT_FOUND
   * for an unknown or closed producer, BAD_USER_INPUT for a microphone or one's own stream, and
   * those of Participant.watch.
   */
  async watch(viewer: Participant, producerId: string): Promise<ConsumerOptions> {
    if (this.#closed) throw this.#closedError();
    const producer = this.#streams.get(producerId);
    if (!producer || producer.closed) {
      if ([...this.#speakerProducers.values()].some((microphone) => microphone.id === producerId)) {
        throw badUserInput('a microphone is received through the active speakers (last-N), not watched');
      }
      throw notFound('Producer', producerId);
    }
    const senderId = producer.appData.participantId;
    if (senderId === viewer.id) throw badUserInput('a participant does not watch its own stream');
    // Refused viewers cost nothing: the pipe to the viewer's router comes after its own checks.
    viewer.assertMayWatch(producerId);
    const viewerHome = this.#homes.get(viewer.id);
    const senderHome = this.#homes.get(senderId);
    if (!viewerHome || !senderHome) throw notFound('Producer', producerId);
    const localId = await viewerHome.producerIdFor(producer, senderHome);
    if (localId === undefined || producer.closed) throw notFound('Producer', producerId);
    return viewer.watch(producer, localId);
  }

  /** Who watches the stream `producerId` (participant ids, in the order they started); empty for any other producer. */
  viewersOf(producerId: string): string[] {
    if (!this.#streams.has(producerId)) return [];
    const viewers: [string, number][] = [];
    for (const participant of this.#participants.values()) {
      const since = participant.watchingSince(producerId);
      if (since !== undefined) viewers.push([participant.id, since]);
    }
    return viewers.sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** A viewer started or stopped watching: everybody sees who watches now (not once the stream stopped). */
  #viewersChanged(producerId: string): void {
    const producer = this.#streams.get(producerId);
    if (this.#closed || !producer || producer.closed) return;
    this.#broadcast({
      type: 'StreamViewersChanged',
      channelId: this.id,
      producerId,
      participantId: producer.appData.participantId,
      viewerIds: this.viewersOf(producerId),
    });
  }

  /** The participant is gone: its streams can no longer be watched. */
  #forgetStreams(participantId: string): void {
    for (const producer of [...this.#streams.values()]) {
      if (producer.appData.participantId === participantId) this.#streams.delete(producer.id);
    }
  }

  /** The participant no longer produces (closed, left): out of the active set at once. */
  #forgetSpeaker(participantId: string): void {
    const change = this.#speakers.remove(participantId);
    this.#applySpeakers(change);
    this.#speakerProducers.delete(participantId);
  }

  /**
   * Applies a change of the active set: every listener stops receiving who left (ConsumerClosed)
   * and gets a paused consumer of who entered (ConsumerAdded); everybody sees ActiveSpeakersChanged.
   */
  #applySpeakers(change: ActiveSpeakerChange | undefined): void {
    if (!change || this.#closed) return;
    const left = change.left.flatMap((id) => this.#speakerProducers.get(id) ?? []);
    const entered = change.entered.flatMap((id) => this.#speakerProducers.get(id) ?? []);
    // One listener at a time (its old consumer closed, then the new one requested), listeners that
    // can hear right now first: in a thousand-participant channel the worker handles these requests in
    // order, so participants still connecting do not delay those who are listening.
    for (const listener of this.#listenersReadyFirst()) {
      for (const producer of left) listener.stopConsuming(producer.id);
      for (const producer of entered) {
        if (listener.id === producer.appData.participantId) continue;
        this.#consumeFor(listener, producer).then(
          (consumer) => {
            if (consumer) listener.pushEvent({ type: 'ConsumerAdded', consumer });
          },
          (error: unknown) => this.#logger.error({ err: error, participantId: listener.id }, 'could not create a consumer'),
        );
      }
    }
    this.#logger.debug({ entered: change.entered, left: change.left }, 'active speakers changed');
    this.#broadcast({ type: 'ActiveSpeakersChanged', channelId: this.id, participantIds: change.ids });
  }

  /** Participants whose receive transport is connected (they hear now), then the others, each in join order. */
  #listenersReadyFirst(): Participant[] {
    const ready: Participant[] = [];
    const connecting: Participant[] = [];
    for (const participant of this.#participants.values()) {
      (participant.recvTransport.dtlsState === 'connected' ? ready : connecting).push(participant);
    }
    return ready.concat(connecting);
  }

  /**
   * A paused consumer of an active speaker's producer for `listener`, piping the producer into the
   * listener's router first when it lives on another one. Null when it cannot (or no longer should)
   * be consumed: no capabilities, the speaker left the active set or either side left.
   */
  async #consumeFor(listener: Participant, producer: VoxlayProducer): Promise<ConsumerOptions | null> {
    const speakerId = producer.appData.participantId;
    const stillWanted = () =>
      !listener.closed && !producer.closed && this.#speakers.has(speakerId) && this.#speakerProducers.get(speakerId) === producer;
    const listenerHome = this.#homes.get(listener.id);
    const speakerHome = this.#homes.get(speakerId);
    if (!listenerHome || !speakerHome || !listener.rtpCapabilities || !listener.permissions.subscribe) return null;
    const localId = await listenerHome.producerIdFor(producer, speakerHome);
    if (localId === undefined || !stillWanted()) return null;
    const consumer = await listener.consume(producer, localId);
    if (!consumer) return null;
    if (!stillWanted() || listener.consumerOf(producer.id)?.id !== consumer.id) {
      listener.stopConsuming(producer.id, false);
      return null;
    }
    return consumer;
  }

  /** Tells everybody in the channel, and the public channel events, that a recording started or stopped. */
  announceRecording(event: RecordingEventData): void {
    if (this.#closed) return;
    this.#broadcast(event);
  }

  /** To every participant (but `except`), listeners already connected first, and to the public channel events. */
  #broadcast(event: ChannelEventData, except?: Participant): void {
    // Those who hear now first: each push costs a GraphQL execution, and a thousand participants still
    // connecting should not hold up the event for those already listening.
    for (const participant of this.#listenersReadyFirst()) {
      if (participant !== except) participant.pushEvent(event);
    }
    this.safeEmit('event', event);
  }
}
