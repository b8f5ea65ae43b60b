import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { LeaveReason } from '../graphql/__generated__/resolvers-types.js';
import { channelFull, voxlayError, ErrorCode } from '../errors.js';
import type { ChannelEventData, ChannelEvents, ChannelOptions } from './ChannelTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import { Participant } from './Participant.js';
import type { ConsumerOptions, ParticipantPermissions, VoxlayProducer } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import type { WorkerPool } from './WorkerPool.js';
import type { RouterAppData } from './WorkerPoolTypes.js';

const REBUILD_RETRY_MS = 1000;

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

export interface JoinResult {
  participant: Participant;
  consumers: ConsumerOptions[];
  /** The participant's outbox seq the payload reflects. */
  seq: number;
}

/**
 * A voice channel: one mediasoup Router and its Participants. When the router's worker dies, every
 * participant gets ChannelInterrupted and is closed, and the channel moves to a live worker.
 */
export class Channel extends EnhancedEventEmitter<ChannelEvents> {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  readonly createdAt = new Date();
  readonly rtpCapabilities: types.RtpCapabilities;
  readonly #options: ChannelOptions;
  readonly #pool: WorkerPool;
  readonly #logger: Logger;
  readonly #participants = new Map<string, Participant>();
  /** Joins in progress: they count towards the participant limit until they finish. */
  #pendingJoins = 0;
  #router: types.Router<RouterAppData>;
  #worker: PoolWorker;
  /** Resolves once the channel has a router on a live worker again. */
  #ready: Promise<void> = Promise.resolve();
  #closed = false;

  static async create(options: ChannelOptions): Promise<Channel> {
    const { router, worker } = await options.pool.createRouter({ channelId: options.id });
    return new Channel(options, router, worker);
  }

  private constructor(options: ChannelOptions, router: types.Router<RouterAppData>, worker: PoolWorker) {
    super();
    this.#options = options;
    this.id = options.id;
    this.name = options.name;
    this.isDefault = options.isDefault;
    this.#pool = options.pool;
    this.#logger = options.logger.child({ channelId: options.id });
    this.#router = router;
    this.#worker = worker;
    this.rtpCapabilities = router.rtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get router(): types.Router<RouterAppData> {
    return this.#router;
  }

  get worker(): PoolWorker {
    return this.#worker;
  }

  get participants(): Participant[] {
    return [...this.#participants.values()];
  }

  get participantCount(): number {
    return this.#participants.size;
  }

  participant(id: string): Participant | undefined {
    return this.#participants.get(id);
  }

  get maxParticipants(): number {
    return this.#options.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS;
  }

  /**
   * Creates a participant with both transports and, given RTP capabilities, consumers of everyone
   * speaking. CHANNEL_FULL (and nothing created) at the participant limit, joins in flight included.
   */
  async join(options: JoinOptions): Promise<JoinResult> {
    const max = this.maxParticipants;
    if (this.#participants.size + this.#pendingJoins >= max) throw channelFull(this.id, max);
    this.#pendingJoins += 1;
    try {
      return await this.#join(options);
    } finally {
      this.#pendingJoins -= 1;
    }
  }

  async #join({ displayName, rtpCapabilities, permissions, subject }: JoinOptions): Promise<JoinResult> {
    await this.#ready;
    if (this.#closed) throw voxlayError(ErrorCode.NOT_FOUND, `channel ${this.id} was closed`);
    const router = this.#router;
    const participant = await Participant.create({
      id: randomUUID(),
      displayName,
      channelId: this.id,
      router,
      rtpCapabilities,
      transportSettings: this.#options.transportSettings,
      logger: subject === undefined ? this.#logger : this.#logger.child({ sub: subject }),
      permissions,
      maxConsumers: Math.max(0, this.maxParticipants - 1),
    });
    if (this.#closed || router !== this.#router || router.closed) {
      participant.channelClosed();
      throw voxlayError(ErrorCode.INTERNAL_SERVER_ERROR, 'the channel was interrupted while joining; join again');
    }
    this.#adopt(participant);
    const seq = participant.outbox.seq;
    try {
      const consumers = await this.consumeExisting(participant);
      return { participant, consumers, seq };
    } catch (error) {
      participant.close('LEFT');
      throw error;
    }
  }

  /** Consumers (paused) for every producer already in the channel; used by join and setRtpCapabilities. */
  async consumeExisting(participant: Participant): Promise<ConsumerOptions[]> {
    const producers = this.participants
      .filter((other) => other !== participant)
      .flatMap((other) => other.producers);
    const created = await Promise.all(producers.map((producer) => participant.consume(producer)));
    return created.filter((options): options is ConsumerOptions => options !== null);
  }

  /** The worker hosting the router died: interrupt everybody and move to a live worker. */
  workerDied(message: string): void {
    if (this.#closed) return;
    const participants = this.participants;
    this.#participants.clear();
    for (const participant of participants) {
      participant.pushEvent({ __typename: 'ChannelInterrupted', channelId: this.id, message });
      participant.channelClosed();
      this.emit('event', { __typename: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason: 'CHANNEL_CLOSED' });
    }
    this.#ready = this.#rebuild();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const participant of this.#participants.values()) participant.channelClosed();
    this.#participants.clear();
    this.#router.close();
    this.emit('@close');
    this.removeAllListeners();
  }

  async #rebuild(): Promise<void> {
    while (!this.#closed) {
      try {
        const { router, worker } = await this.#pool.createRouter({ channelId: this.id });
        if (this.#closed) {
          router.close();
          return;
        }
        this.#router = router;
        this.#worker = worker;
        this.#logger.info({ routerId: router.id, workerIndex: worker.index, workerPid: worker.pid }, 'channel moved to a live worker');
        return;
      } catch (error) {
        if (this.#closed || this.#pool.closed) return;
        this.#logger.error({ err: error }, 'could not rebuild the channel router; retrying');
        await new Promise((resolve) => setTimeout(resolve, REBUILD_RETRY_MS).unref());
      }
    }
  }

  #adopt(participant: Participant): void {
    this.#participants.set(participant.id, participant);
    participant.on('producer', (producer) => this.#fanOut(participant, producer));
    participant.on('producerclose', (producer) =>
      this.#broadcast(
        { __typename: 'ProducerClosed', channelId: this.id, producerId: producer.id, participantId: participant.id },
        participant,
      ),
    );
    participant.on('mutechange', (muted) =>
      this.#broadcast({ __typename: 'MuteChanged', channelId: this.id, participantId: participant.id, muted }),
    );
    participant.once('@close', (reason: LeaveReason) => {
      this.#participants.delete(participant.id);
      this.#broadcast({ __typename: 'ParticipantLeft', channelId: this.id, participantId: participant.id, reason });
    });
    this.#broadcast({ __typename: 'ParticipantJoined', channelId: this.id, participant }, participant);
  }

  /** ProducerAdded to the others, then a paused consumer (ConsumerAdded) for each who can receive it. */
  #fanOut(owner: Participant, producer: VoxlayProducer): void {
    this.#broadcast({ __typename: 'ProducerAdded', channelId: this.id, producer }, owner);
    for (const other of this.#participants.values()) {
      if (other === owner) continue;
      other.consume(producer).then(
        (consumer) => {
          if (consumer) other.pushEvent({ __typename: 'ConsumerAdded', consumer });
        },
        (error: unknown) => this.#logger.error({ err: error, participantId: other.id }, 'could not create a consumer'),
      );
    }
  }

  /** To every participant (but `except`) and to the public channel events. */
  #broadcast(event: ChannelEventData, except?: Participant): void {
    for (const participant of this.#participants.values()) {
      if (participant !== except) participant.pushEvent(event);
    }
    this.emit('event', event);
  }
}
