import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { EnhancedEventEmitter } from '../sfu/EnhancedEventEmitter.js';
import { keys } from './keys.js';
import { MAX_RECONNECT_DELAY_MS } from './redis.js';
import type { NodeHeartbeat, NodeInfo, NodeLoad, NodeRegistryEvents, NodeRegistryOptions } from './NodeRegistryTypes.js';

const DEFAULT_HEARTBEAT_MS = 500;
const DEFAULT_TTL_MS = 1500;

/**
 * The live nodes of the cluster. This node's heartbeat is a key with a short TTL (refreshed every
 * heartbeatMs, expiring after ttlMs), carrying its URL and load; a node whose key expired is dead.
 */
export class NodeRegistry extends EnhancedEventEmitter<NodeRegistryEvents> {
  readonly nodeId: string;
  readonly url: string;
  readonly #redis: Redis;
  readonly #logger: Logger;
  readonly #load: () => NodeLoad;
  readonly #heartbeatMs: number;
  readonly #ttlMs: number;
  #timer: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;
  #failing = false;
  /** When a heartbeat was written again after failing (Date.now()). */
  #resumedAt: number | undefined;
  #closed = false;

  constructor(options: NodeRegistryOptions) {
    super();
    this.nodeId = options.nodeId;
    this.url = options.url;
    this.#redis = options.redis;
    this.#logger = options.logger.child({ component: 'NodeRegistry' });
    this.#load = options.load;
    this.#heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  /**
   * True while this node's heartbeat fails and for a while after it is written again: Redis was away
   * (restarted, or failed over to a replica) for every node, so the others' heartbeats may have
   * expired too, and a missing one does not mean a dead node until each had time to reconnect and
   * beat again (its TTL, a beat and the longest reconnection delay). Meanwhile nothing is claimed.
   */
  get recovering(): boolean {
    if (this.#failing) return true;
    return this.#resumedAt !== undefined && Date.now() - this.#resumedAt < this.#ttlMs + this.#heartbeatMs + MAX_RECONNECT_DELAY_MS;
  }

  /** Writes the first heartbeat (rejects if Redis refuses it), then refreshes it every heartbeatMs. */
  async start(): Promise<void> {
    await this.beat();
    this.#timer = setInterval(() => {
      this.#beating ??= this.beat()
        .then(() => {
          if (this.#failing) {
            this.#logger.info('heartbeat written again');
            this.#resumedAt = Date.now();
          }
          this.#failing = false;
        })
        .catch((error: unknown) => {
          // Logged once per outage; the event fires on every failed beat.
          if (!this.#failing) this.#logger.warn({ err: error }, 'heartbeat failed');
          this.#failing = true;
          this.emit('heartbeaterror', error as Error);
        })
        .finally(() => (this.#beating = undefined));
    }, this.#heartbeatMs);
    this.#timer.unref();
  }

  async beat(): Promise<void> {
    if (this.#closed) return;
    const heartbeat: NodeHeartbeat = { id: this.nodeId, url: this.url, ...this.#load(), at: Date.now() };
    // The set and URL too, every time: a Redis restarted empty learns this node again at the next beat.
    const results = await this.#redis
      .multi()
      .set(keys.node(this.nodeId), JSON.stringify(heartbeat), 'PX', this.#ttlMs)
      .sadd(keys.nodes, this.nodeId)
      .hset(keys.nodeUrls, this.nodeId, this.url)
      .exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('heartbeat transaction aborted');
  }

  /** Every node whose heartbeat is alive, this one included, by id. Forgets nodes that died. */
  async list(): Promise<NodeInfo[]> {
    const ids = (await this.#redis.smembers(keys.nodes)).sort();
    if (ids.length === 0) return [];
    const beats = await this.#redis.mget(ids.map((id) => keys.node(id)));
    const alive: NodeInfo[] = [];
    const dead: string[] = [];
    ids.forEach((id, index) => {
      const raw = beats[index];
      if (raw) alive.push({ ...(JSON.parse(raw) as NodeHeartbeat), alive: true });
      else dead.push(id);
    });
    if (dead.length > 0) await this.#redis.srem(keys.nodes, ...dead);
    return alive;
  }

  /** One node: its live heartbeat, or (dead) its last known URL with alive false; undefined if never seen. */
  async get(nodeId: string): Promise<NodeInfo | undefined> {
    const [raw, url] = await Promise.all([this.#redis.get(keys.node(nodeId)), this.#redis.hget(keys.nodeUrls, nodeId)]);
    if (raw) return { ...(JSON.parse(raw) as NodeHeartbeat), alive: true };
    if (url === null) return undefined;
    return { id: nodeId, url, channelCount: 0, participantCount: 0, participantCapacity: 0, acceptingJoins: false, at: 0, alive: false };
  }

  /** Stops the heartbeat and removes this node's key, so the others see it gone at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#beating;
    await this.#redis
      .multi()
      .del(keys.node(this.nodeId))
      .srem(keys.nodes, this.nodeId)
      .exec()
      .catch((error: unknown) => this.#logger.warn({ err: error }, 'could not remove the heartbeat'));
    this.removeAllListeners();
  }
}
