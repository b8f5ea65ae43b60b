import type { Client, ClientAddress, ClientLimitSettings, ConnectionLease, LimitRefusal, RateLimit } from './ClientLimitsTypes.js';
import { ConnectionCounts } from './ConnectionCounts.js';
import { KeyedBuckets } from './KeyedBuckets.js';
import type { TokenBucket } from './TokenBucket.js';

export interface ClientLimitsOptions {
  /** Clock in ms (performance.now by default). */
  now?: (() => number) | undefined;
  /** Keys each bucket map holds at most (KeyedBuckets). */
  maxKeys?: number | undefined;
}

/** One rate limit kept per address and per identity. */
interface RatePair {
  what: string;
  address: KeyedBuckets;
  identity: KeyedBuckets;
}

/**
 * The limits one client shares over all its connections: its address (every client) and its
 * identity (token mode). A socket more does not buy more: connections are counted per address and
 * per identity, and mutations, joins and channel creations are taken from token buckets keyed by
 * both. A request passes only when every bucket it draws on has enough, and then draws on all of
 * them; a refusal takes nothing. An exempt address (VOXLAY_ADDRESS_LIMITS_EXEMPT) skips the
 * per-address limits only. Pure bookkeeping: an injected clock, no timers.
 */
export class ClientLimits {
  readonly #connections: { address: ConnectionCounts; identity: ConnectionCounts };
  readonly #mutations: RatePair;
  readonly #joins: RatePair;
  readonly #channelCreations: RatePair;

  constructor(settings: ClientLimitSettings, options: ClientLimitsOptions = {}) {
    const pair = (what: string, address: RateLimit, identity: RateLimit): RatePair => ({
      what,
      address: new KeyedBuckets(address, options),
      identity: new KeyedBuckets(identity, options),
    });
    this.#connections = {
      address: new ConnectionCounts(settings.maxConnectionsPerAddress),
      identity: new ConnectionCounts(settings.maxConnectionsPerIdentity),
    };
    this.#mutations = pair('mutations', settings.mutationRatePerAddress, settings.mutationRatePerIdentity);
    this.#joins = pair('joins', settings.joinRatePerAddress, settings.joinRatePerIdentity);
    this.#channelCreations = pair('channelCreations', settings.channelCreationRatePerAddress, settings.channelCreationRatePerIdentity);
  }

  /** Keys held by every map (bounded: open connections, plus the buckets' own bound). */
  get size(): number {
    let size = this.#connections.address.size + this.#connections.identity.size;
    for (const pair of [this.#mutations, this.#joins, this.#channelCreations]) size += pair.address.size + pair.identity.size;
    return size;
  }

  /** Open connections of an address key / an identity. */
  connectionCount(of: { address?: string; identity?: string }): number {
    if (of.address !== undefined) return this.#connections.address.count(of.address);
    return of.identity === undefined ? 0 : this.#connections.identity.count(of.identity);
  }

  /**
   * A WebSocket opened from `address`: counted until the lease closes, or a LIMIT_EXCEEDED refusal
   * (connectionsPerAddress) with nothing counted.
   */
  openConnection(address: ClientAddress): ConnectionLease | LimitRefusal {
    const counts = this.#connections;
    if (!address.exempt && !counts.address.open(address.key)) {
      return exceeded(
        'connectionsPerAddress',
        counts.address.max,
        `too many connections from your address (at most ${counts.address.max})`,
      );
    }
    let identity: string | null = null;
    let closed = false;
    return {
      identify: (subject) => {
        if (closed || identity !== null) return null;
        if (!counts.identity.open(subject)) {
          return exceeded(
            'connectionsPerIdentity',
            counts.identity.max,
            `too many connections for this identity (at most ${counts.identity.max})`,
          );
        }
        identity = subject;
        return null;
      },
      close: () => {
        if (closed) return;
        closed = true;
        if (!address.exempt) counts.address.close(address.key);
        if (identity !== null) counts.identity.close(identity);
      },
    };
  }

  /**
   * `cost` mutations of `client`, also drawn from its connection's own bucket when given: null when
   * every bucket had enough (all are charged), else RATE_LIMITED naming the bucket that waits longest.
   */
  takeMutations(client: Client, cost: number, connection?: TokenBucket): LimitRefusal | null {
    const extra = connection
      ? [{ limit: 'mutationsPerConnection', wait: () => connection.wait(cost), take: () => connection.take(cost) }]
      : [];
    return this.#take(this.#mutations, client, cost, extra, 'mutations');
  }

  /** One join of `client` (RATE_LIMITED joinsPerAddress / joinsPerIdentity). */
  takeJoin(client: Client): LimitRefusal | null {
    return this.#take(this.#joins, client, 1, [], 'joins');
  }

  /** One channel creation of `client` (RATE_LIMITED channelCreationsPerAddress / ...PerIdentity). */
  takeChannelCreation(client: Client): LimitRefusal | null {
    return this.#take(this.#channelCreations, client, 1, [], 'channel creations');
  }

  #take(
    pair: RatePair,
    client: Client,
    cost: number,
    extra: Array<{ limit: string; wait: () => number; take: () => number }>,
    label: string,
  ): LimitRefusal | null {
    const buckets = [...extra];
    const { address, identity } = client;
    if (!address.exempt) {
      buckets.push({
        limit: `${pair.what}PerAddress`,
        wait: () => pair.address.wait(address.key, cost),
        take: () => pair.address.take(address.key, cost),
      });
    }
    if (identity !== null) {
      buckets.push({
        limit: `${pair.what}PerIdentity`,
        wait: () => pair.identity.wait(identity, cost),
        take: () => pair.identity.take(identity, cost),
      });
    }
    let longest: { limit: string; wait: number } | undefined;
    for (const bucket of buckets) {
      const wait = bucket.wait();
      if (wait > 0 && (!longest || wait > longest.wait)) longest = { limit: bucket.limit, wait };
    }
    if (longest) {
      const whose = longest.limit.endsWith('PerAddress')
        ? 'from your address'
        : longest.limit.endsWith('PerIdentity')
          ? 'for this identity'
          : 'on this connection';
      return {
        code: 'RATE_LIMITED',
        limit: longest.limit,
        retryAfterMs: longest.wait,
        message: `too many ${label} ${whose}; retry in ${longest.wait} ms`,
      };
    }
    for (const bucket of buckets) bucket.take();
    return null;
  }
}

function exceeded(limit: string, max: number, message: string): LimitRefusal {
  return { code: 'LIMIT_EXCEEDED', limit, max, message };
}

/** Whether an openConnection answer is a refusal. */
export function isRefusal(value: ConnectionLease | LimitRefusal): value is LimitRefusal {
  return 'code' in value;
}
