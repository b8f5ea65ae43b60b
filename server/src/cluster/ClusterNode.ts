import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { lookUpChannel, type Principal } from '../auth/access.js';
import { nameTaken, notFound, unavailable, wrongNode } from '../errors.js';
import type { Channel } from '../sfu/Channel.js';
import type { ChannelRegistry, CreateChannelOptions } from '../sfu/ChannelRegistry.js';
import type { ChannelDeleteReason } from '../sfu/ChannelRegistryTypes.js';
import { parseName } from '../sfu/validation.js';
import { ChannelDirectory } from './ChannelDirectory.js';
import type { ChannelRecord, DirectoryEntry } from './ChannelDirectoryTypes.js';
import type { ClusterNodeOptions } from './ClusterNodeTypes.js';
import { participantRecord } from './channelEventWire.js';
import { ParticipantSync } from './ParticipantSync.js';
import { NodeRegistry } from './NodeRegistry.js';
import { OrphanSweeper } from './OrphanSweeper.js';
import { closeRedis, connectRedis, createRedisConnection, describeRedisEndpoint } from './redis.js';

/** How long a client should wait before asking again while a dead node's channel is being claimed. */
const RETRY_AFTER_MS = 500;
/** The same while Redis does not answer. */
const REDIS_RETRY_AFTER_MS = 1000;
/** A node not hosting the default channel registers it again only after it has been missing this long. */
const DEFAULT_RESTORE_DELAY_MS = 3000;
/** How long a channel deleted here is remembered, so that a sweep listing from before the deletion does not host it again. */
const DELETED_MEMORY_MS = 60_000;

/**
 * This process as one node of a Voxlay cluster over Redis: its heartbeat (NodeRegistry), the
 * cluster's channels and participant lists (ChannelDirectory, ParticipantSync), and the claim of channels
 * whose node died (OrphanSweeper). Joins for a channel hosted elsewhere answer WRONG_NODE.
 */
export class ClusterNode {
  readonly nodeId: string;
  readonly directory: ChannelDirectory;
  readonly #options: ClusterNodeOptions;
  readonly #logger: Logger;
  readonly #channels: ChannelRegistry;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #hosted = new Set<string>();
  readonly #adopting = new Map<string, Promise<Channel>>();
  /** Channels deleted here (id -> when): never hosted again. */
  readonly #deleted = new Map<string, number>();
  #nodes: NodeRegistry | undefined;
  #sweeper: OrphanSweeper | undefined;
  #participantSync: ParticipantSync | undefined;
  #closing: Promise<void> | undefined;
  #defaultMissingSince: number | undefined;
  /** The command connection came back (Redis restarted, or a replica was promoted): check everything we wrote. */
  #resyncPending = false;

  /** Connects to Redis (rejects within a few seconds when it is unreachable); start() joins the cluster. */
  static async create(options: ClusterNodeOptions): Promise<ClusterNode> {
    const logger = options.logger.child({ component: 'ClusterNode', nodeId: options.nodeId });
    const redis = createRedisConnection(options.redis, 'command', options.nodeId, logger);
    const subscriber = createRedisConnection(options.redis, 'subscribe', options.nodeId, logger);
    try {
      await Promise.all([connectRedis(redis), connectRedis(subscriber)]);
    } catch (error) {
      redis.disconnect();
      subscriber.disconnect();
      throw new Error(`cannot reach Redis at ${describeRedisEndpoint(options.redis)}: ${(error as Error).message}`);
    }
    return new ClusterNode(options, logger, redis, subscriber);
  }

  private constructor(options: ClusterNodeOptions, logger: Logger, redis: Redis, subscriber: Redis) {
    this.#options = options;
    this.nodeId = options.nodeId;
    this.#logger = logger;
    this.#channels = options.channels;
    this.#redis = redis;
    this.#subscriber = subscriber;
    this.directory = new ChannelDirectory({ redis, nodeId: options.nodeId });
    this.#channels.on('channeldelete', this.#onChannelDelete);
    // Connected already (create()): every 'ready' from here on is a reconnection.
    this.#redis.on('ready', this.#onRedisReconnected);
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** The clients of the GraphQL pub/sub (@graphql-yoga/redis-event-target). */
  get pubsubClients(): { publishClient: Redis; subscribeClient: Redis } {
    return { publishClient: this.#redis, subscribeClient: this.#subscriber };
  }

  get nodes(): NodeRegistry {
    if (!this.#nodes) throw new Error('the cluster node has not started');
    return this.#nodes;
  }

  /** This node's public URL (after start). */
  get url(): string {
    return this.nodes.url;
  }

  isHosted(channelId: string): boolean {
    return this.#hosted.has(channelId);
  }

  /** The local channels this node hosts for the cluster. */
  hostedChannels(): Channel[] {
    return [...this.#hosted].map((id) => this.#channels.get(id)).filter((channel): channel is Channel => channel !== undefined);
  }

  /** Starts the heartbeat (with this node's public URL), registers the default channel and starts sweeping. */
  async start(url: string): Promise<void> {
    const nodes = new NodeRegistry({
      redis: this.#redis,
      nodeId: this.nodeId,
      url,
      logger: this.#logger,
      load: () => ({
        channelCount: this.#hosted.size,
        participantCount: this.hostedChannels().reduce((sum, channel) => sum + channel.participantCount, 0),
        participantCapacity: this.#channels.capacity.maxParticipants,
        acceptingJoins: this.#channels.capacity.acceptingJoins,
      }),
      heartbeatMs: this.#options.heartbeatMs,
      ttlMs: this.#options.heartbeatTtlMs,
    });
    this.#nodes = nodes;
    const lobby = this.#channels.defaultChannel;
    await this.directory.registerDefault(this.#record(lobby));
    this.#participantSync = new ParticipantSync({
      channels: this.#channels,
      directory: this.directory,
      isHosted: (id) => this.isHosted(id),
      logger: this.#logger,
    });
    await nodes.start();
    this.#sweeper = new OrphanSweeper({
      nodeId: this.nodeId,
      directory: this.directory,
      nodes,
      logger: this.#logger,
      hosted: () => this.#hosted,
      adopt: (record) => (this.#deleted.has(record.id) ? Promise.resolve() : this.#adopt(record)),
      lose: (id) => this.#lose(id),
      restore: (listed) => this.#restore(listed),
      intervalMs: this.#options.sweepMs,
    });
    this.#sweeper.start();
    this.#logger.info({ url }, 'joined the cluster');
  }

  /**
   * Before a join: the channel must be hosted here. Hosted by another live node: WRONG_NODE with its
   * URL. Its node is dead (or let go): claim it and host it here; another node won that claim:
   * WRONG_NODE to it, or UNAVAILABLE while it is not alive yet. NOT_FOUND for an unknown channel.
   */
  routeJoin(channelId: string, principal: Principal): Promise<void> {
    return this.#answering(() => this.#routeJoin(channelId, principal), 'could not route a join', channelId);
  }

  /**
   * Runs `operation`: a coded GraphQL error (WRONG_NODE, NOT_FOUND, FORBIDDEN...) is its answer; anything
   * else is Redis failing (unreachable, too slow): UNAVAILABLE with retryAfterMs.
   */
  async #answering<T>(operation: () => Promise<T>, what: string, channelId: string | null): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (typeof (error as { extensions?: { code?: unknown } }).extensions?.code === 'string') throw error;
      this.#logger.warn({ err: error, channelId }, what);
      throw unavailable(channelId, REDIS_RETRY_AFTER_MS);
    }
  }

  async #routeJoin(channelId: string, principal: Principal): Promise<void> {
    // Auth before lookup: a token that does not grant the channel is FORBIDDEN whether or not it exists.
    const lookUp = async (id: string): Promise<(ChannelRecord & { entry: DirectoryEntry }) | undefined> => {
      const found = await this.directory.get(id);
      return found && { ...found.record, entry: found };
    };
    const entry = (await lookUpChannel(principal, channelId, lookUp, 'join'))?.entry;
    if (!entry) throw notFound('Channel', channelId);
    if (entry.host === this.nodeId) {
      await this.#adopt(entry.record);
      return;
    }
    if (entry.host !== null) {
      const node = await this.nodes.get(entry.host);
      if (node?.alive) throw wrongNode(channelId, node.id, node.url);
      // Redis was just away: its host may only not have beaten again yet.
      if (this.nodes.recovering) throw unavailable(channelId, RETRY_AFTER_MS);
    }
    // A full node leaves the orphan to a node with room (the client asks another node).
    if (!this.#channels.capacity.acceptingJoins) throw this.#channels.capacity.refusal();
    const claim = await this.directory.claim(channelId);
    if (claim.outcome === 'missing') throw notFound('Channel', channelId);
    if (claim.outcome === 'taken') {
      const node = await this.nodes.get(claim.host);
      if (node?.alive) throw wrongNode(channelId, node.id, node.url);
      throw unavailable(channelId, RETRY_AFTER_MS);
    }
    if (claim.outcome === 'claimed') this.#logger.info({ channelId, previousHost: entry.host }, 'claimed an orphaned channel for a join');
    try {
      await this.#adopt(entry.record);
    } catch (error) {
      await this.directory.release([channelId]).catch(() => undefined);
      throw error;
    }
  }

  /**
   * createChannel: a name unique by look in the whole cluster (NAME_TAKEN names the channel that
   * looks the same), the channel hosted here (UNAVAILABLE while Redis does not answer). A full node
   * refuses (NODE_FULL): its channel could take nobody; create it on a node whose
   * Node.acceptingJoins is true.
   */
  createChannel(rawName: string, options: Omit<CreateChannelOptions, 'id'> = {}): Promise<Channel> {
    const name = parseName(rawName, 'channel name');
    if (!this.#channels.capacity.acceptingJoins) return Promise.reject(this.#channels.capacity.refusal());
    return this.#answering(() => this.#createChannel(name, options), 'could not create a channel', null);
  }

  async #createChannel(name: string, options: Omit<CreateChannelOptions, 'id'>): Promise<Channel> {
    const id = randomUUID();
    const holderId = await this.directory.takeName(name, id);
    if (holderId !== undefined) {
      const holder = await this.directory.get(holderId);
      throw nameTaken(name, { id: holderId, name: holder?.record.name ?? name });
    }
    let channel: Channel | undefined;
    try {
      channel = await this.#channels.create(name, { ...options, id });
      this.#hosted.add(id);
      await this.directory.register(this.#record(channel));
    } catch (error) {
      if (channel) {
        this.#hosted.delete(id);
        channel.close();
      }
      await this.directory.releaseName(name, id).catch(() => undefined);
      throw error;
    }
    return channel;
  }

  /**
   * deleteChannel: hosted here (or orphaned, then claimed first), it leaves the directory (every
   * node stops listing it, its name is free) and is closed here with its participants told.
   * Hosted by another live node: WRONG_NODE; being claimed by another node: UNAVAILABLE.
   */
  deleteChannel(channelId: string): Promise<void> {
    return this.#answering(() => this.#deleteChannel(channelId), 'could not delete a channel', channelId);
  }

  async #deleteChannel(channelId: string): Promise<void> {
    const entry = await this.directory.get(channelId);
    if (!entry) throw notFound('Channel', channelId);
    if (entry.host !== this.nodeId) {
      if (entry.host !== null) {
        const node = await this.nodes.get(entry.host);
        if (node?.alive) throw wrongNode(channelId, node.id, node.url);
        if (this.nodes.recovering) throw unavailable(channelId, RETRY_AFTER_MS);
      }
      const claim = await this.directory.claim(channelId);
      if (claim.outcome === 'missing') throw notFound('Channel', channelId);
      if (claim.outcome === 'taken') {
        const node = await this.nodes.get(claim.host);
        if (node?.alive) throw wrongNode(channelId, node.id, node.url);
        throw unavailable(channelId, RETRY_AFTER_MS);
      }
    }
    // Forgotten first, so that neither a sweep nor a restore hosts or registers it again meanwhile.
    this.#forgetDeleted(channelId);
    await this.directory.unregister(entry.record);
    this.#channels.delete(channelId, 'deleted');
  }

  /**
   * Leaves the cluster: stops sweeping, removes the heartbeat (the others see this node gone at once),
   * lets go of its channels (the next join or sweep elsewhere claims them) and closes the connections.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#channels.off('channeldelete', this.#onChannelDelete);
      this.#redis.off('ready', this.#onRedisReconnected);
      this.#participantSync?.close();
      await this.#sweeper?.close();
      await this.#nodes?.close();
      await this.directory
        .release([...this.#hosted])
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'could not release channels'));
      this.#hosted.clear();
      await Promise.all([closeRedis(this.#redis), closeRedis(this.#subscriber)]);
    })();
    return this.#closing;
  }

  #record(channel: Channel): ChannelRecord {
    return {
      id: channel.id,
      name: channel.name,
      isDefault: channel.isDefault,
      createdAt: channel.createdAt.toISOString(),
      lastN: this.#options.lastN,
      // The identity only: a client address stays on the node it connected to.
      createdBy: channel.createdBy ? { subject: channel.createdBy.subject } : null,
      expires: channel.expires,
    };
  }

  /** This node will not host `channelId` again (it was deleted). */
  #forgetDeleted(channelId: string): void {
    this.#hosted.delete(channelId);
    const now = Date.now();
    for (const [id, at] of this.#deleted) if (now - at > DELETED_MEMORY_MS) this.#deleted.delete(id);
    this.#deleted.set(channelId, now);
  }

  /** A channel hosted here expired (or was deleted locally): it leaves the directory too. */
  readonly #onChannelDelete = (channel: Channel, reason: ChannelDeleteReason): void => {
    if (!this.#hosted.has(channel.id)) return;
    this.#forgetDeleted(channel.id);
    this.directory.unregister(channel).then(
      () => this.#logger.info({ channelId: channel.id, reason }, 'channel removed from the directory'),
      (error: unknown) =>
        this.#logger.warn({ err: error, channelId: channel.id, reason }, 'could not remove a deleted channel from the directory'),
    );
  };

  /** Hosts a channel of the directory here (idempotent): the default channel exists on every node already. */
  #adopt(record: ChannelRecord): Promise<Channel> {
    const local = this.#channels.get(record.id);
    if (local && this.#hosted.has(record.id)) return Promise.resolve(local);
    let adopting = this.#adopting.get(record.id);
    if (!adopting) {
      adopting = (async () => {
        const channel =
          record.isDefault && record.id === this.#channels.defaultChannel.id
            ? this.#channels.defaultChannel
            : await this.#channels.create(record.name, {
                id: record.id,
                creator: record.createdBy ? { subject: record.createdBy.subject, address: null } : null,
                expires: record.expires ?? false,
              });
        if (this.closed) throw new Error('the node is stopping');
        this.#hosted.add(channel.id);
        this.#logger.info({ channelId: channel.id, name: channel.name }, 'hosting channel');
        return channel;
      })().finally(() => this.#adopting.delete(record.id));
      this.#adopting.set(record.id, adopting);
    }
    return adopting;
  }

  readonly #onRedisReconnected = (): void => {
    this.#resyncPending = true;
  };

  /**
   * Registers again what Redis forgot: the default channel and the channels hosted here (Redis
   * restarted without persistence). After a reconnection also what it may have lost of the rest
   * (a replica promoted before the last writes reached it, writes refused while it was away): each
   * channel hosted here is claimed again and its participant list rewritten from the local one.
   */
  async #restore(listed: ReadonlySet<string>): Promise<void> {
    const resync = this.#resyncPending;
    this.#resyncPending = false;
    try {
      await this.#registerMissing(listed);
      if (resync) await this.#resync(listed);
    } catch (error) {
      if (resync) this.#resyncPending = true;
      throw error;
    }
  }

  /** Claims again the listed channels hosted here, or lets go of those a live node took; rewrites their participant lists. */
  async #resync(listed: ReadonlySet<string>): Promise<void> {
    let rewritten = 0;
    for (const channel of this.hostedChannels()) {
      if (!listed.has(channel.id) || this.closed) continue;
      const claim = await this.directory.claim(channel.id);
      if (claim.outcome === 'missing') continue; // deleted meanwhile: the next sweep sees it
      if (claim.outcome === 'taken') {
        this.#lose(channel.id);
        continue;
      }
      await this.directory.resetParticipants(
        channel.id,
        channel.participants.map((participant) => participantRecord(participant)),
      );
      rewritten += 1;
    }
    this.#logger.info({ channels: rewritten }, 'Redis reconnected: hosted channels and participant lists written again');
  }

  async #registerMissing(listed: ReadonlySet<string>): Promise<void> {
    const lobby = this.#channels.defaultChannel;
    if (listed.has(lobby.id)) {
      this.#defaultMissingSince = undefined;
    } else if (!this.isHosted(lobby.id)) {
      // Its host registers it again at once (below); the others only if it stays missing, so that
      // none of them claims it as an orphan first.
      this.#defaultMissingSince ??= Date.now();
      if (Date.now() - this.#defaultMissingSince >= DEFAULT_RESTORE_DELAY_MS) await this.directory.registerDefault(this.#record(lobby));
    }
    for (const channel of this.hostedChannels()) {
      if (listed.has(channel.id) || this.closed) continue;
      if (!channel.isDefault && (await this.directory.wasDeleted(channel.id))) {
        // Deleted by another node while this one held it (it was cut off and the channel orphaned).
        this.#logger.warn({ channelId: channel.id }, 'the channel was deleted elsewhere; closing it here');
        this.#forgetDeleted(channel.id);
        this.#channels.delete(channel.id, 'deleted');
        continue;
      }
      if (channel.isDefault) {
        await this.directory.registerDefault(this.#record(channel));
        await this.directory.claim(channel.id);
      } else if ((await this.directory.takeName(channel.name, channel.id)) === undefined) {
        await this.directory.register(this.#record(channel));
      } else {
        // Somebody created a channel of that name meanwhile: this one cannot be listed; close it.
        this.#lose(channel.id);
        continue;
      }
      this.#logger.warn({ channelId: channel.id }, 'the channel was missing from Redis; registered it again');
      await Promise.all(channel.participants.map((participant) => this.directory.setParticipant(participantRecord(participant))));
    }
  }

  #lose(channelId: string): void {
    if (!this.#hosted.delete(channelId)) return;
    const channel = this.#channels.get(channelId);
    this.#logger.warn({ channelId }, 'another node hosts this channel now; closing it here');
    if (channel && !channel.isDefault) channel.close();
  }
}
