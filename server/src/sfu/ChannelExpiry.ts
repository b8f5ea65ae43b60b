import type { ChannelExpiryEvents, ChannelExpiryOptions, ExpiryTimers } from './ChannelExpiryTypes.js';
import { EnhancedEventEmitter } from './EnhancedEventEmitter.js';

const GLOBAL_TIMERS: ExpiryTimers = {
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One timer per empty channel: empty() arms it (an armed channel keeps its deadline), occupied()
 * cancels it; when it runs out the channel 'expire's. With a ttl of 0 nothing ever expires.
 */
export class ChannelExpiry extends EnhancedEventEmitter<ChannelExpiryEvents> {
  readonly ttlMs: number;
  readonly #timers: ExpiryTimers;
  readonly #armed = new Map<string, unknown>();
  #closed = false;

  constructor({ ttlMs, timers }: ChannelExpiryOptions) {
    super();
    if (!Number.isInteger(ttlMs) || ttlMs < 0) throw new TypeError('ttlMs must be a non-negative integer');
    this.ttlMs = ttlMs;
    this.#timers = timers ?? GLOBAL_TIMERS;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Channels waiting to expire. */
  get size(): number {
    return this.#armed.size;
  }

  has(channelId: string): boolean {
    return this.#armed.has(channelId);
  }

  /** The channel is empty: it expires after ttlMs unless occupied() comes first. */
  empty(channelId: string): void {
    if (this.#closed || this.ttlMs === 0 || this.#armed.has(channelId)) return;
    const handle = this.#timers.setTimeout(() => {
      if (this.#armed.get(channelId) !== handle) return;
      this.#armed.delete(channelId);
      this.emit('expire', channelId);
    }, this.ttlMs);
    this.#armed.set(channelId, handle);
  }

  /** Somebody joined (or the channel is gone): no expiry. */
  occupied(channelId: string): void {
    const handle = this.#armed.get(channelId);
    if (handle === undefined) return;
    this.#armed.delete(channelId);
    this.#timers.clearTimeout(handle);
  }

  /** Cancels every timer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const handle of this.#armed.values()) this.#timers.clearTimeout(handle);
    this.#armed.clear();
    this.removeAllListeners();
  }
}
