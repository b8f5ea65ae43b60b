import type { RateLimit } from './ClientLimitsTypes.js';
import { TokenBucket } from './TokenBucket.js';

/** Keys kept at most when none is given (about 200 bytes each). */
export const DEFAULT_MAX_KEYS = 50_000;
/** Least recently used keys checked for idleness on each take. */
const IDLE_CHECKS_PER_TAKE = 4;

/**
 * One token bucket per key (a client address, an identity), created on first use. The map stays
 * bounded whoever cycles through keys: a bucket that has refilled to its burst is as good as none,
 * so the least recently used ones are forgotten once full, and beyond `maxKeys` the least recently
 * used is forgotten anyway (that key starts again with a full bucket).
 */
export class KeyedBuckets {
  readonly #rate: RateLimit;
  readonly #now: () => number;
  readonly #maxKeys: number;
  /** Least recently used first (a take moves its key to the end). */
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(rate: RateLimit, options: { now?: (() => number) | undefined; maxKeys?: number | undefined } = {}) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1)) throw new TypeError('a rate needs perSecond > 0 and burst >= 1');
    const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new TypeError('maxKeys must be a positive integer');
    this.#rate = rate;
    this.#now = options.now ?? (() => performance.now());
    this.#maxKeys = maxKeys;
  }

  /** Keys currently held. */
  get size(): number {
    return this.#buckets.size;
  }

  get burst(): number {
    return this.#rate.burst;
  }

  /** The ms until `key` has `cost` tokens (0: now), taking nothing. */
  wait(key: string, cost = 1): number {
    return this.#buckets.get(key)?.wait(cost) ?? 0;
  }

  /** Takes `cost` tokens of `key` and returns 0, or takes none and returns the ms to wait (TokenBucket.take). */
  take(key: string, cost = 1): number {
    let bucket = this.#buckets.get(key);
    if (bucket) this.#buckets.delete(key);
    else bucket = new TokenBucket(this.#rate.perSecond, this.#rate.burst, this.#now);
    this.#buckets.set(key, bucket);
    const wait = bucket.take(cost);
    this.#forgetIdle();
    return wait;
  }

  #forgetIdle(): void {
    let checks = 0;
    for (const [key, bucket] of this.#buckets) {
      if (this.#buckets.size > this.#maxKeys) {
        this.#buckets.delete(key);
        continue;
      }
      if (checks++ >= IDLE_CHECKS_PER_TAKE || !bucket.full) return;
      this.#buckets.delete(key);
    }
  }
}
