import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterNode } from '../cluster/ClusterNode.js';
import { ErrorCode } from '../errors.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { WorkerPool } from '../sfu/WorkerPool.js';
import type { ForwardingStats } from './ForwardingStats.js';
import type { MediaTracker } from './MediaTracker.js';
import { DIRECTIONS, DTLS_STATES, FAILURE_REASONS, SCORES } from './MediaTrackerTypes.js';

export interface MetricsOptions {
  pool: WorkerPool;
  channels: ChannelRegistry;
  /** Counts of the media objects, kept up to date as they come and go (created right after the pool). */
  media: MediaTracker;
  /** Forwarded packet/byte totals, sampled in the background. */
  forwarding: ForwardingStats;
  /** Cluster mode: this node's Redis connections are reported. */
  cluster?: ClusterNode | undefined;
  version: string;
  /** Node.js process metrics (process_*, nodejs_*); default true. */
  defaultMetrics?: boolean;
}

export interface VoxlayMetrics {
  readonly registry: Registry;
  readonly joinDuration: Histogram<never>;
  readonly joinRefusals: Counter<'code'>;
  readonly graphqlOperations: Counter<'operation_name' | 'operation_type'>;
  readonly graphqlErrors: Counter<'operation_name' | 'operation_type' | 'code'>;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
  close(): void;
}

/**
 * One prom-client Registry per app. Nothing on a scrape walks the participants or asks a worker:
 * media objects are counted as they come and go (MediaTracker), forwarded packets come from the
 * background sampler (ForwardingStats), and the rest are counters or small lists (workers, channels).
 */
export function createMetrics(options: MetricsOptions): VoxlayMetrics {
  const { pool, channels, media, forwarding, cluster } = options;
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'voxlay_build_info',
    help: 'Always 1; the server version as a label',
    labelNames: ['version'],
    registers,
  }).set({ version: options.version }, 1);

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
  const workerDeaths = new Counter({
    name: 'voxlay_worker_deaths_total',
    help: 'mediasoup worker processes that died (each is replaced at the same index)',
    labelNames: ['worker'],
    registers,
  });
  // Every series exists from the start, so increase() sees the first death.
  for (const w of pool.workers) workerDeaths.inc({ worker: String(w.index) }, 0);
  const onWorkerDied = (slot: { index: number }): void => workerDeaths.inc({ worker: String(slot.index) });
  pool.on('workerdied', onWorkerDied);
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
      this.set({ state: 'active' }, media.producers('active'));
      this.set({ state: 'paused' }, media.producers('paused'));
    },
  });
  new Gauge({
    name: 'voxlay_consumers',
    help: 'Consumers (forwarded streams), by state: active, or paused (by the receiver or because the producer is paused)',
    labelNames: ['state'],
    registers,
    collect() {
      this.set({ state: 'active' }, media.consumers('active'));
      this.set({ state: 'paused' }, media.consumers('paused'));
    },
  });
  new Gauge({
    name: 'voxlay_transports',
    help: 'WebRTC transports, by direction and DTLS state (new, connecting, connected, failed, closed)',
    labelNames: ['direction', 'dtls_state'],
    registers,
    collect() {
      for (const direction of DIRECTIONS) {
        for (const state of DTLS_STATES) this.set({ direction, dtls_state: state }, media.transports(direction, state));
      }
    },
  });
  new Counter({
    name: 'voxlay_transports_created_total',
    help: 'WebRTC transports created (two per join: send and recv)',
    labelNames: ['direction'],
    registers,
    collect() {
      this.reset();
      for (const direction of DIRECTIONS) this.inc({ direction }, media.transportsCreated(direction));
    },
  });
  new Counter({
    name: 'voxlay_transport_failures_total',
    help: 'WebRTC transports that failed: dtls_failed (DTLS went to failed), ice_disconnected (ICE was connected, then lost), never_connected (the client sent its DTLS parameters but ICE never connected before the transport closed)',
    labelNames: ['direction', 'reason'],
    registers,
    collect() {
      this.reset();
      for (const direction of DIRECTIONS) {
        for (const reason of FAILURE_REASONS) this.inc({ direction, reason }, media.transportFailures(direction, reason));
      }
    },
  });
  new Gauge({
    name: 'voxlay_producer_scores',
    help: 'Active producers by the score mediasoup gives their inbound stream (10 = no loss; 9 ≈ 1-4% loss, 7 or less ≈ over 7% lost on the way from the client)',
    labelNames: ['score'],
    registers,
    collect() {
      for (let score = 0; score < SCORES; score++) this.set({ score: String(score) }, media.producersWithScore(score));
    },
  });
  new Gauge({
    name: 'voxlay_consumer_scores',
    help: "Active consumers by the score mediasoup gives their outbound stream from the receiver's RTCP reports (10 = no loss; 7 or less ≈ over 7% lost on the way to the client)",
    labelNames: ['score'],
    registers,
    collect() {
      for (let score = 0; score < SCORES; score++) this.set({ score: String(score) }, media.consumersWithScore(score));
    },
  });

  new Counter({
    name: 'voxlay_forwarded_packets_total',
    help: 'RTP packets sent to consumers (each consumer re-read by a background sampler every 1-10 s)',
    registers,
    collect() {
      this.reset();
      this.inc(forwarding.totals().packets);
    },
  });
  new Counter({
    name: 'voxlay_forwarded_bytes_total',
    help: 'RTP bytes sent to consumers (each consumer re-read by a background sampler every 1-10 s)',
    registers,
    collect() {
      this.reset();
      this.inc(forwarding.totals().bytes);
    },
  });

  if (cluster) {
    const { publishClient, subscribeClient } = cluster.pubsubClients;
    new Gauge({
      name: 'voxlay_redis_connected',
      help: "Cluster mode: 1 while this node's Redis connection is ready (command: reads, writes, heartbeats; subscribe: channel events)",
      labelNames: ['connection'],
      registers,
      collect() {
        this.set({ connection: 'command' }, publishClient.status === 'ready' ? 1 : 0);
        this.set({ connection: 'subscribe' }, subscribeClient.status === 'ready' ? 1 : 0);
      },
    });
  }

  const joinDuration = new Histogram({
    name: 'voxlay_join_duration_seconds',
    help: 'Server time of successful joinChannel mutations (participant, both transports, consumers of everyone speaking)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const joinRefusals = new Counter({
    name: 'voxlay_join_refusals_total',
    help: 'joinChannel mutations answered with an error, by its code (extensions.code)',
    labelNames: ['code'] as const,
    registers,
  });
  for (const code of Object.values(ErrorCode)) joinRefusals.inc({ code }, 0);
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
    joinRefusals,
    graphqlOperations,
    graphqlErrors,
    render: () => registry.metrics(),
    contentType: registry.contentType,
    close: () => {
      pool.off('workerdied', onWorkerDied);
      media.close();
      forwarding.close();
    },
  };
}
