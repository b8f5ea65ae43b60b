import type { types } from 'mediasoup';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';

/** Consumer stats requests in flight at once during a sample (each is one request to the worker). */
const CONCURRENCY = 32;

interface Last {
  packets: number;
  bytes: number;
}

/**
 * Packets and bytes the SFU forwarded to consumers, as monotonic totals. mediasoup keeps those
 * counters per consumer in the worker; reading them costs one worker request per consumer, so a
 * sample is taken at most every `minIntervalMs` (on a scrape), and concurrent scrapes share it.
 * The totals of consumers that closed are kept, so the counters never go down.
 */
export class ForwardingStats {
  readonly #channels: ChannelRegistry;
  readonly #minIntervalMs: number;
  readonly #last = new Map<string, Last>();
  #closedPackets = 0;
  #closedBytes = 0;
  #sampledAt = -Infinity;
  #sampling: Promise<void> | undefined;

  constructor(channels: ChannelRegistry, minIntervalMs = 1000) {
    this.#channels = channels;
    this.#minIntervalMs = minIntervalMs;
  }

  /** Totals, refreshed when the last sample is older than minIntervalMs. */
  async totals(): Promise<{ packets: number; bytes: number }> {
    if (performance.now() - this.#sampledAt >= this.#minIntervalMs) {
      this.#sampling ??= this.#sample().finally(() => {
        this.#sampledAt = performance.now();
        this.#sampling = undefined;
      });
      await this.#sampling;
    }
    let packets = this.#closedPackets;
    let bytes = this.#closedBytes;
    for (const last of this.#last.values()) {
      packets += last.packets;
      bytes += last.bytes;
    }
    return { packets, bytes };
  }

  async #sample(): Promise<void> {
    const consumers: types.Consumer[] = [];
    for (const channel of this.#channels.list()) {
      for (const participant of channel.participants) consumers.push(...participant.consumers);
    }
    let next = 0;
    const work = async (): Promise<void> => {
      while (next < consumers.length) {
        const consumer = consumers[next++]!;
        if (consumer.closed) continue;
        try {
          this.#record(consumer, await consumer.getStats());
        } catch {
          // Closed meanwhile (or its worker died): its last numbers stay counted.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, consumers.length) }, work));
  }

  #record(consumer: types.Consumer, stats: Array<{ type: string; packetCount?: number; byteCount?: number }>): void {
    const outbound = stats.find((s) => s.type === 'outbound-rtp');
    if (!outbound || consumer.closed) return;
    if (!this.#last.has(consumer.id)) {
      consumer.observer.once('close', () => {
        const last = this.#last.get(consumer.id);
        this.#last.delete(consumer.id);
        if (last) {
          this.#closedPackets += last.packets;
          this.#closedBytes += last.bytes;
        }
      });
    }
    this.#last.set(consumer.id, { packets: outbound.packetCount ?? 0, bytes: outbound.byteCount ?? 0 });
  }
}
