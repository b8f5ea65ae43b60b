import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { nodeCapacity } from '../config.js';
import { limitExceeded, nameTaken } from '../errors.js';
import { confusableKeys } from '../names/skeleton.js';
import { Channel, DEFAULT_MAX_PARTICIPANTS } from './Channel.js';
import { ChannelExpiry } from './ChannelExpiry.js';
import type { ChannelDeleteReason, ChannelRegistryEvents, ChannelRegistryOptions } from './ChannelRegistryTypes.js';
import type { ChannelCreator } from './ChannelTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';
import type { Participant } from './Participant.js';
import { NodeCapacity } from './NodeCapacity.js';
import type { MediaObjectKind } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import { parseName } from './validation.js';

const DEFAULT_MAX_CHANNELS = 1000;

/**
 * The default channel's id, derived from its name (case-insensitive): it survives a restart and
 * every node of a cluster agrees on it. A UUID (version 5 layout) of the SHA-1 of the name.
 */
export function defaultChannelId(name: string): string {
  const hash = createHash('sha1').update(`voxlay:default-channel:${name.toLowerCase()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CreateChannelOptions {
  /** The channel's id (a clustered node hosting a channel registered elsewhere); a new UUID when absent. */
  id?: string | undefined;
  /** Who creates it. */
  creator?: ChannelCreator | null | undefined;
  /** Deleted after staying empty for the empty-channel time (see ChannelLimits.emptyChannelTtlMs). */
  expires?: boolean | undefined;
  /**
   * Channels the creator may hold at once, counted by its subject and by its address
   * (LIMIT_EXCEEDED channelsPerIdentity / channelsPerAddress); no limit when absent.
   */
  maxOwned?: { perSubject?: number | undefined; perAddress?: number | undefined } | undefined;
}

/**
 * Every channel by id. Channels are created one at a time so names stay unique by look (the
 * confusable skeleton, ignoring case); the default channel always exists and is never deleted. A
 * channel created to expire is deleted once it has stayed empty for the empty-channel time (a
 * timer per empty channel, cancelled by a join).
 */
export class ChannelRegistry extends EnhancedEventEmitter<ChannelRegistryEvents> {
  /** The node's participant limit, shared by every channel (NODE_FULL). */
  readonly capacity: NodeCapacity;
  readonly #options: ChannelRegistryOptions;
  readonly #logger: Logger;
  readonly #channels = new Map<string, Channel>();
  /** Each channel's name keys (confusableKeys), computed once. */
  readonly #nameKeys = new WeakMap<Channel, readonly [string, string]>();
  readonly #defaultChannel: Channel;
  readonly #expiry: ChannelExpiry;
  #creating: Promise<unknown> = Promise.resolve();
  #closed = false;

  static async create(options: ChannelRegistryOptions): Promise<ChannelRegistry> {
    const name = parseName(options.defaultChannelName, 'default channel name');
    // The registry counts for it, once it exists (the default channel is created first, empty).
    let registry: ChannelRegistry | undefined;
    const capacity = new NodeCapacity({
      maxParticipants: options.limits?.maxParticipantsPerNode ?? nodeCapacity(options.pool.workers.length),
      held: () => registry?.heldParticipantCount ?? 0,
      alive: () => registry !== undefined && !registry.closed && options.pool.aliveCount > 0,
    });
    const defaultChannel = await Channel.create({
      capacity,
      id: defaultChannelId(name),
      name,
      isDefault: true,
      pool: options.pool,
      transportSettings: options.transportSettings,
      logger: options.logger,
      maxParticipants: options.limits?.maxParticipantsPerChannel ?? DEFAULT_MAX_PARTICIPANTS,
      lastN: options.limits?.lastN,
      maxParticipantsPerRouter: options.limits?.maxParticipantsPerRouter,
      maxVideoStreams: options.limits?.maxVideoStreamsPerChannel,
      maxWatchedStreams: options.limits?.maxWatchedStreamsPerParticipant,
      maxVideoBitrate: options.limits?.maxVideoBitratePerChannel,
      maxStreamBitrate: options.limits?.maxStreamBitrate,
      maxReceiveBitrate: options.limits?.maxReceiveBitrate,
    });
    registry = new ChannelRegistry(options, defaultChannel, capacity);
    return registry;
  }

  private constructor(options: ChannelRegistryOptions, defaultChannel: Channel, capacity: NodeCapacity) {
    const logger = options.logger.child({ component: 'ChannelRegistry' });
    super(logger);
    this.#options = options;
    this.capacity = capacity;
    this.#logger = logger;
    this.#defaultChannel = defaultChannel;
    this.#expiry = new ChannelExpiry({ ttlMs: options.limits?.emptyChannelTtlMs ?? 0 });
    this.#expiry.on('expire', this.#onExpire);
    this.#add(defaultChannel);
    options.pool.on('workerdied', this.#onWorkerDied);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get defaultChannel(): Channel {
    return this.#defaultChannel;
  }

  /** The default channel first, then by creation time. */
  list(): Channel[] {
    return [...this.#channels.values()].sort(
      (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.createdAt.getTime() - b.createdAt.getTime(),
    );
  }

  get(id: string): Channel | undefined {
    return this.#channels.get(id);
  }

  get participantCount(): number {
    let count = 0;
    for (const channel of this.#channels.values()) count += channel.participantCount;
    return count;
  }

  /** Participants in every channel plus the joins in flight: what the node's limit counts. */
  get heldParticipantCount(): number {
    let count = 0;
    for (const channel of this.#channels.values()) count += channel.participantCount + channel.pendingJoinCount;
    return count;
  }

  get maxChannels(): number {
    return this.#options.limits?.maxChannels ?? DEFAULT_MAX_CHANNELS;
  }

  /** How long an expiring channel may stay empty (0: forever). */
  get emptyChannelTtlMs(): number {
    return this.#expiry.ttlMs;
  }

  /** Whether the channel is empty and waiting to expire. */
  expiring(id: string): boolean {
    return this.#expiry.has(id);
  }

  /**
   * Creates a channel; BAD_USER_INPUT for an invalid name, NAME_TAKEN when an existing channel's name
   * looks the same, LIMIT_EXCEEDED at the channel limit or the creator's (options.maxOwned).
   * With `options.id` of a channel that exists here already, returns that one.
   */
  create(rawName: string, options: CreateChannelOptions = {}): Promise<Channel> {
    const name = parseName(rawName, 'channel name');
    const created = this.#creating.then(async () => {
      const existing = options.id === undefined ? undefined : this.#channels.get(options.id);
      if (existing) return existing;
      this.#checkOwned(options);
      const max = this.maxChannels;
      if (this.#channels.size >= max) throw limitExceeded('channels', max, `the server holds its limit of ${max} channels`);
      const holder = this.nameHolder(name);
      if (holder) throw nameTaken(name, holder);
      const channel = await Channel.create({
        id: options.id ?? randomUUID(),
        name,
        isDefault: false,
        creator: options.creator,
        expires: options.expires,
        pool: this.#options.pool,
        transportSettings: this.#options.transportSettings,
        logger: this.#options.logger,
        capacity: this.capacity,
        maxParticipants: this.#options.limits?.maxParticipantsPerChannel ?? DEFAULT_MAX_PARTICIPANTS,
        lastN: this.#options.limits?.lastN,
        maxParticipantsPerRouter: this.#options.limits?.maxParticipantsPerRouter,
        maxVideoStreams: this.#options.limits?.maxVideoStreamsPerChannel,
        maxWatchedStreams: this.#options.limits?.maxWatchedStreamsPerParticipant,
        maxVideoBitrate: this.#options.limits?.maxVideoBitratePerChannel,
        maxStreamBitrate: this.#options.limits?.maxStreamBitrate,
        maxReceiveBitrate: this.#options.limits?.maxReceiveBitrate,
      });
      if (this.#closed) {
        channel.close();
        throw new Error('server is stopping');
      }
      this.#add(channel);
      this.#logger.info({ channelId: channel.id, name }, 'channel created');
      return channel;
    });
    this.#creating = created.catch(() => undefined);
    return created;
  }

  /**
   * The channel whose name looks the same as `name` (the same confusable skeleton, ignoring case:
   * names/skeleton.ts), if any. Names are unique by look, not by code points.
   */
  nameHolder(name: string): Channel | undefined {
    const [visual, caseless] = confusableKeys(name);
    for (const channel of this.#channels.values()) {
      const [v, c] = this.#keysOf(channel);
      if (v === visual || c === caseless) return channel;
    }
    return undefined;
  }

  #keysOf(channel: Channel): readonly [string, string] {
    let keys = this.#nameKeys.get(channel);
    if (!keys) {
      keys = confusableKeys(channel.name);
      this.#nameKeys.set(channel, keys);
    }
    return keys;
  }

  /**
   * Deletes a channel (never the default one): its participants are told (ParticipantLeft
   * CHANNEL_DELETED) and closed with all their media, its routers closed; 'channeldelete' follows.
   * Returns the channel, or undefined when there is none with that id here.
   */
  delete(id: string, reason: ChannelDeleteReason): Channel | undefined {
    const channel = this.#channels.get(id);
    if (!channel) return undefined;
    if (channel.isDefault) throw new TypeError('the default channel cannot be deleted');
    const participants = channel.participantCount;
    channel.close('CHANNEL_DELETED');
    this.#logger.info({ channelId: id, name: channel.name, reason, participants }, 'channel deleted');
    this.safeEmit('channeldelete', channel, reason);
    return channel;
  }

  /** The participant owning a transport/producer/consumer id, in any channel. */
  ownerOf(kind: MediaObjectKind, id: string): Participant | undefined {
    for (const channel of this.#channels.values()) {
      for (const participant of channel.participants) {
        if (participant.find(kind, id)) return participant;
      }
    }
    return undefined;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.pool.off('workerdied', this.#onWorkerDied);
    this.#expiry.close();
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
    this.removeAllListeners();
  }

  #add(channel: Channel): void {
    this.#channels.set(channel.id, channel);
    channel.on('event', (event) => this.safeEmit('channelevent', channel.id, event));
    if (channel.expires) {
      channel.observer.on('newparticipant', (participant) => {
        this.#expiry.occupied(channel.id);
        participant.observer.once('close', () => {
          if (channel.participantCount === 0 && !channel.closed) this.#expiry.empty(channel.id);
        });
      });
    }
    channel.once('@close', () => {
      this.#channels.delete(channel.id);
      this.#expiry.occupied(channel.id);
    });
    // Empty from the start: it expires unless somebody joins in time.
    if (channel.expires) this.#expiry.empty(channel.id);
  }

  /** LIMIT_EXCEEDED when the creator holds its limit of channels (by subject, then by address). */
  #checkOwned({ creator, maxOwned }: CreateChannelOptions): void {
    if (!creator || !maxOwned) return;
    const held = (key: 'subject' | 'address'): number => {
      let count = 0;
      for (const channel of this.#channels.values()) if (channel.createdBy?.[key] === creator[key]) count += 1;
      return count;
    };
    const { perSubject, perAddress } = maxOwned;
    if (perSubject !== undefined && creator.subject !== null && held('subject') >= perSubject) {
      throw limitExceeded(
        'channelsPerIdentity',
        perSubject,
        `you hold ${perSubject} channels already (the most one identity may); delete one first`,
      );
    }
    if (perAddress !== undefined && creator.address !== null && held('address') >= perAddress) {
      throw limitExceeded(
        'channelsPerAddress',
        perAddress,
        `your address holds ${perAddress} channels already (the most one address may); delete one first`,
      );
    }
  }

  readonly #onExpire = (id: string): void => {
    const channel = this.#channels.get(id);
    if (!channel || channel.closed) return;
    // A join still in progress: wait another full period.
    if (!channel.empty) {
      this.#expiry.empty(id);
      return;
    }
    this.delete(id, 'expired');
  };

  readonly #onWorkerDied = (worker: PoolWorker, error: Error): void => {
    const message = `the media worker process died (${error.message}); join again`;
    // Each channel checks whether any of its routers (or participants) was on that worker.
    for (const channel of this.#channels.values()) channel.workerDied(worker, message);
  };
}
