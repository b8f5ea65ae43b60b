import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { WorkerPool } from '../sfu/WorkerPool.js';
import { ForwardingStats } from './forwarding.js';

export interface MetricsOptions {
  pool: WorkerPool;
  channels: ChannelRegistry;
  /** Node.js process metrics (process_*, nodejs_*); default true. */
  defaultMetrics?: boolean;
  /** Forwarded packet/byte counters are re-read from the workers at most this often (ms). */
  forwardingMinIntervalMs?: number;
}

export interface VoxlayMetrics {
  readonly registry: Registry;
  readonly joinDuration: Histogram<never>;
  readonly graphqlOperations: Counter<'operation_name' | 'operation_type'>;
  readonly graphqlErrors: Counter<'operation_name' | 'operation_type' | 'code'>;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
}

/**
 * One prom-client Registry per app. Gauges read the worker pool and the channels on each scrape
 * (nothing is kept up to date in between); forwarded packets/bytes come from the consumers' stats.
 */
export function createMetrics(options: MetricsOptions): VoxlayMetrics {
  const { pool, channels } = options;
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'voxlay_workers',
    help: 'mediasoup worker processes in the pool, by state (alive or dead)',
    labelNames: ['state'],
    registers,
    collect() {
      const alive = pool.aliveCount;
      this.set({ state: 'alive' }, alive);
      this.set({ state: 'dead' }, pool.workers.length - alive);
    },
  });
  new Gauge({
    name: 'voxlay_worker_cpu_load',
    help: 'Share of one CPU core each mediasoup worker used over the last sampling interval (0..1, sampled every 2 s)',
    labelNames: ['worker'],
    registers,
    collect() {
      this.reset();
      for (const w of pool.workers) this.set({ worker: String(w.index) }, w.cpuLoad);
    },
  });
  new Counter({
    name: 'voxlay_worker_cpu_seconds_total',
    help: 'CPU time (user + system) of each mediasoup worker process; resets when a worker is replaced',
    labelNames: ['worker'],
    registers,
    collect() {
      this.reset();
      for (const w of pool.workers) this.inc({ worker: String(w.index) }, w.cpuTimeMs / 1000);
    },
  });
  new Gauge({
    name: 'voxlay_worker_routers',
    help: 'Routers on each mediasoup worker (one per channel, more for a channel spanning several workers)',
    labelNames: ['worker'],
    registers,
    collect() {
      this.reset();
      for (const w of pool.workers) this.set({ worker: String(w.index) }, w.routerCount);
    },
  });
  new Gauge({
    name: 'voxlay_worker_max_rss_bytes',
    help: 'Peak resident memory of each mediasoup worker process',
    labelNames: ['worker'],
    registers,
    collect() {
      this.reset();
      for (const w of pool.workers) this.set({ worker: String(w.index) }, w.maxRssBytes);
    },
  });

  new Gauge({
    name: 'voxlay_channels',
    help: 'Voice channels',
    registers,
    collect() {
      this.set(channels.list().length);
    },
  });
  new Gauge({
    name: 'voxlay_channel_routers',
    help: 'Routers of all channels, and producers piped between the routers of a channel',
    labelNames: ['kind'],
    registers,
    collect() {
      let routers = 0;
      let piped = 0;
      for (const channel of channels.list()) {
        for (const router of channel.routers) {
          routers += 1;
          piped += router.pipedProducerCount;
        }
      }
      this.set({ kind: 'routers' }, routers);
      this.set({ kind: 'piped_producers' }, piped);
    },
  });
  new Gauge({
    name: 'voxlay_participants',
    help: 'Participants in all channels',
    registers,
    collect() {
      this.set(channels.participantCount);
    },
  });
  new Gauge({
    name: 'voxlay_producers',
    help: 'Audio producers, by state (active, or paused = muted)',
    labelNames: ['state'],
    registers,
    collect() {
      let active = 0;
      let paused = 0;
      for (const channel of channels.list()) {
        for (const p of channel.participants) for (const producer of p.producers) producer.paused ? paused++ : active++;
      }
      this.set({ state: 'active' }, active);
      this.set({ state: 'paused' }, paused);
    },
  });
  new Gauge({
    name: 'voxlay_consumers',
    help: 'Consumers (forwarded streams), by state: active, or paused (by the receiver or because the producer is paused)',
    labelNames: ['state'],
    registers,
    collect() {
      let active = 0;
      let paused = 0;
      for (const channel of channels.list()) {
        for (const p of channel.participants) for (const c of p.consumers) c.paused || c.producerPaused ? paused++ : active++;
      }
      this.set({ state: 'active' }, active);
      this.set({ state: 'paused' }, paused);
    },
  });
  new Gauge({
    name: 'voxlay_transports',
    help: 'WebRTC transports, by direction and DTLS state (new, connecting, connected, failed, closed)',
    labelNames: ['direction', 'dtls_state'],
    registers,
    collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const channel of channels.list()) {
        for (const p of channel.participants) {
          for (const t of p.transports) {
            const key = `${t.appData.direction.toLowerCase()}\u0000${t.dtlsState}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
      }
      for (const direction of ['send', 'recv']) {
        for (const state of ['new', 'connecting', 'connected', 'failed', 'closed']) {
          this.set({ direction, dtls_state: state }, counts.get(`${direction}\u0000${state}`) ?? 0);
        }
      }
    },
  });

  const forwarding = new ForwardingStats(channels, options.forwardingMinIntervalMs);
  let forwarded: Promise<{ packets: number; bytes: number }> | undefined;
  const forwardedTotals = () => (forwarded ??= forwarding.totals().finally(() => (forwarded = undefined)));
  new Counter({
    name: 'voxlay_forwarded_packets_total',
    help: 'RTP packets sent to consumers (read from the workers at most once a second, on scrape)',
    registers,
    async collect() {
      const { packets } = await forwardedTotals();
      this.reset();
      this.inc(packets);
    },
  });
  new Counter({
    name: 'voxlay_forwarded_bytes_total',
    help: 'RTP bytes sent to consumers (read from the workers at most once a second, on scrape)',
    registers,
    async collect() {
      const { bytes } = await forwardedTotals();
      this.reset();
      this.inc(bytes);
    },
  });

  const joinDuration = new Histogram({
    name: 'voxlay_join_duration_seconds',
    help: 'Server time of successful joinChannel mutations (participant, both transports, consumers of everyone speaking)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const graphqlOperations = new Counter({
    name: 'voxlay_graphql_operations_total',
    help: 'GraphQL operations executed (HTTP and WebSocket), by operation name and type',
    labelNames: ['operation_name', 'operation_type'] as const,
    registers,
  });
  const graphqlErrors = new Counter({
    name: 'voxlay_graphql_errors_total',
    help: 'GraphQL errors returned, by operation name, type and error code (extensions.code)',
    labelNames: ['operation_name', 'operation_type', 'code'] as const,
    registers,
  });

  return {
    registry,
    joinDuration,
    graphqlOperations,
    graphqlErrors,
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
