import type { types } from 'mediasoup';
import type { ConsumerSink } from './MediaTrackerTypes.js';

export interface ForwardingStatsOptions {
  /** Each consumer is re-read at most this often (ms) while there are few. */
  minPeriodMs?: number;
  /** Worker requests per second at most; with more consumers than this the period grows. */
  maxRequestsPerSecond?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Sampling stops when nobody read the totals for this long (ms), and resumes at the next read. */
  idleAfterMs?: number;
}

interface Entry {
  consumer: types.Consumer;
  packets: number;
  bytes: number;
}

const TICK_MS = 1000;

/**
 * Packets and bytes the SFU forwarded to consumers, as monotonic totals. mediasoup keeps those
 * counters per consumer in the worker, one request each. A scrape never waits for them: it reads
 * totals kept here, which a background sampler refreshes round-robin at a bounded rate (every
 * consumer each `minPeriodMs` up to `maxRequestsPerSecond`, so 5,000 consumers at 500/s are each
 * re-read every 10 s). Each sample adds the growth of a consumer's counters since its previous
 * sample, so a consumer that closes keeps what was counted; what it sent after its last sample is
 * not counted. The sampler runs only while someone reads the totals (a scrape in the last
 * `idleAfterMs`).
 */
export class ForwardingStats implements ConsumerSink {
  readonly #entries = new Map<string, Entry>();
  readonly #minPeriodMs: number;
  readonly #maxRequestsPerSecond: number;
  readonly #concurrency: number;
  readonly #idleAfterMs: number;
  readonly #timer: NodeJS.Timeout;
  #cursor: Iterator<Entry> | undefined;
  #packets = 0;
  #bytes = 0;
  #readAt = -Infinity;
  #sampling = false;
  #closed = false;

  constructor(options: ForwardingStatsOptions = {}) {
    this.#minPeriodMs = options.minPeriodMs ?? 1000;
    this.#maxRequestsPerSecond = options.maxRequestsPerSecond ?? 500;
    this.#concurrency = options.concurrency ?? 16;
    this.#idleAfterMs = options.idleAfterMs ?? 120_000;
    this.#timer = setInterval(() => void this.#tick(), TICK_MS);
    this.#timer.unref();
  }

  /** Consumers being followed. */
  get size(): number {
    return this.#entries.size;
  }

  add(consumer: types.Consumer): void {
    if (this.#closed || consumer.closed) return;
    this.#entries.set(consumer.id, { consumer, packets: 0, bytes: 0 });
    consumer.observer.once('close', () => this.#entries.delete(consumer.id));
  }

  /** The totals as last sampled; wakes the sampler up if it was idle. Never asks a worker. */
  totals(): { packets: number; bytes: number } {
    const wasIdle = performance.now() - this.#readAt > this.#idleAfterMs;
    this.#readAt = performance.now();
    if (wasIdle) void this.#tick();
    return { packets: this.#packets, bytes: this.#bytes };
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#entries.clear();
  }

  async #tick(): Promise<void> {
    if (this.#sampling || this.#closed || this.#entries.size === 0) return;
    if (performance.now() - this.#readAt > this.#idleAfterMs) return;
    this.#sampling = true;
    try {
      const perTick = Math.ceil((this.#entries.size * TICK_MS) / this.#minPeriodMs);
      const batch = this.#next(Math.min(perTick, Math.ceil((this.#maxRequestsPerSecond * TICK_MS) / 1000), this.#entries.size));
      let index = 0;
      const lane = async (): Promise<void> => {
        while (index < batch.length) {
          const entry = batch[index++]!;
          if (entry.consumer.closed) continue;
          const stats = await entry.consumer.getStats().catch(() => undefined);
          if (stats) this.#record(entry, stats);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.#concurrency, batch.length) }, lane));
    } finally {
      this.#sampling = false;
    }
  }

  /** The next `count` (at most all) consumers, round-robin over the map (insertion order; new ones join the end). */
  #next(count: number): Entry[] {
    const batch: Entry[] = [];
    let restarted = false;
    while (batch.length < count) {
      this.#cursor ??= this.#entries.values();
      const step = this.#cursor.next();
      if (step.done) {
        this.#cursor = undefined;
        if (restarted) break;
        restarted = true;
        continue;
      }
      batch.push(step.value);
    }
    return batch;
  }

  #record(entry: Entry, stats: Array<{ type: string; packetCount?: number; byteCount?: number }>): void {
    const outbound = stats.find((s) => s.type === 'outbound-rtp');
    if (!outbound) return;
    const packets = outbound.packetCount ?? 0;
    const bytes = outbound.byteCount ?? 0;
    // Counters only grow in the worker; a smaller number would be a new stream, counted from zero.
    this.#packets += packets >= entry.packets ? packets - entry.packets : packets;
    this.#bytes += bytes >= entry.bytes ? bytes - entry.bytes : bytes;
    entry.packets = packets;
    entry.bytes = bytes;
  }
}
