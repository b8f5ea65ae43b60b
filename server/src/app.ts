import { randomUUID } from 'node:crypto';
import { createAuth } from './auth/index.js';
import { ClusterNode } from './cluster/ClusterNode.js';
import { loadConfig, nodeCapacity, redisEndpoint, validateConfig, type ServerConfig } from './config.js';
import type { AppServices } from './graphql/context.js';
import { createVoxlayPubSub } from './graphql/pubsub.js';
import { createVoxlayYoga } from './graphql/yoga.js';
import { startHttpServer, type VoxlayHttpServer } from './http/server.js';
import { ClientAddresses } from './limits/ClientAddresses.js';
import { ClientLimits } from './limits/ClientLimits.js';
import { LobbyFeed } from './lobby/LobbyFeed.js';
import { createLogger } from './logger.js';
import { createMetrics, ForwardingStats, MediaTracker, type VoxlayMetrics } from './metrics/index.js';
import { serverVersion } from './paths.js';
import { ChannelRegistry } from './sfu/ChannelRegistry.js';
import type { ChannelEventData } from './sfu/ChannelTypes.js';
import { WorkerPool } from './sfu/WorkerPool.js';
import { TurnCredentials } from './turn/TurnCredentials.js';
import { ffmpegPath } from './recording/ffmpeg.js';
import { RecordingLinks } from './recording/RecordingLinks.js';
import { RecordingRegistry } from './recording/RecordingRegistry.js';

export type { ServerConfig };
export { loadConfig };
export type { WorkerPool, ChannelRegistry };

export interface VoxlayApp {
  /** http://host:port (127.0.0.1 when listening on every interface). */
  readonly url: string;
  readonly port: number;
  readonly pool: WorkerPool;
  readonly channels: ChannelRegistry;
  /** This node's id (VOXLAY_NODE_ID, or random) and the URL clients reach it at (VOXLAY_PUBLIC_URL, or `url`). */
  readonly node: { readonly id: string; readonly url: string };
  /** Cluster mode (VOXLAY_REDIS_URL or VOXLAY_REDIS_SENTINELS): this node's part in the cluster. */
  readonly cluster: ClusterNode | undefined;
  /**
   * Closes the graphql-ws connections whose Connection matches (all by default), with close `code`
   * (CloseCode.SERVICE_RESTART by default, so clients retry); their participants enter the disconnect grace period.
   * Returns how many were closed. For fault tests and operators.
   */
  dropConnections: VoxlayHttpServer['dropConnections'];
  stop(): Promise<void>;
}

/**
 * Starts everything on one port: workers, the default channel, GraphQL over HTTP and WebSocket,
 * /healthz and the PWA. `overrides` go over loadConfig() (port 0 = an ephemeral port).
 */
export async function startApp(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
  const config: ServerConfig = { ...loadConfig(), ...overrides };
  validateConfig(config);
  // Before any worker starts: an unreadable key or a bad token config stops here.
  const auth = await createAuth(config);
  const logger = createLogger(config.logLevel);
  config.maxParticipantsPerNode ??= nodeCapacity(config.numWorkers);
  const pool = await WorkerPool.create({
    numWorkers: config.numWorkers,
    logger,
    rtc: { listenIp: config.listenIp, announcedAddress: config.announcedAddress, port: config.rtcPort },
  });
  // Before any router exists: the tracker counts media objects as they come and go (metrics/).
  const forwarding = new ForwardingStats();
  const media = new MediaTracker(pool, forwarding);
  let channels: ChannelRegistry | undefined;
  let cluster: ClusterNode | undefined;
  let metrics: VoxlayMetrics | undefined;
  let recordings: RecordingRegistry | undefined;
  try {
    channels = await ChannelRegistry.create({
      pool,
      defaultChannelName: config.defaultChannelName,
      transportSettings: config,
      logger,
      limits: config,
    });
    const node = { id: config.nodeId ?? randomUUID(), url: '' };
    const redis = redisEndpoint(config);
    if (redis !== undefined) {
      cluster = await ClusterNode.create({ redis, nodeId: node.id, channels, logger, lastN: config.lastN });
    }
    const pubsub = createVoxlayPubSub(cluster ? { ...cluster.pubsubClients, nodeId: node.id, logger } : undefined);
    const onChannelEvent = (channelId: string, event: ChannelEventData): void => void pubsub.publish('channelEvent', channelId, event);
    channels.on('channelevent', onChannelEvent);
    const lobby = new LobbyFeed({ channels, pubsub });
    metrics = createMetrics({ pool, channels, media, forwarding, cluster, version: serverVersion() });
    const addresses = new ClientAddresses({
      trustedProxies: config.trustedProxies,
      header: config.clientAddressHeader,
      exempt: config.addressLimitsExempt,
      logger,
    });
    const limits = new ClientLimits(config);
    recordings = new RecordingRegistry({
      dir: config.recordingsDir,
      retentionDays: config.recordingRetentionDays,
      maxRecordings: config.maxRecordings,
      minFreeBytes: config.recordingMinFreeMb * 1024 * 1024,
      maxDurationMs: config.recordingMaxMinutes * 60_000,
      ffmpeg: ffmpegPath(),
      logger,
    });
    const services: AppServices = {
      config,
      logger,
      pool,
      channels,
      pubsub,
      lobby,
      startedAt: Date.now(),
      version: serverVersion(),
      metrics,
      auth,
      addresses,
      limits,
      node,
      cluster,
      turn: config.turn ? new TurnCredentials(config.turn) : undefined,
      recordings,
      recordingLinks: new RecordingLinks(),
    };
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      staticDir: config.staticDir,
      yoga: createVoxlayYoga(services),
      services,
    });
    const registry = channels;
    const clusterNode = cluster;
    const appMetrics = metrics;
    const appRecordings = recordings;
    const urlHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${http.port}`;
    node.url = config.publicUrl ?? url;
    if (clusterNode) {
      try {
        await clusterNode.start(node.url);
      } catch (error) {
        await http.stop();
        throw error;
      }
    }
    let stopping: Promise<void> | undefined;
    return {
      url,
      port: http.port,
      pool,
      channels: registry,
      node,
      cluster: clusterNode,
      dropConnections: (match, code, reason) => http.dropConnections(match, code, reason),
      stop: () => {
        stopping ??= (async () => {
          await http.stop();
          // Before the media closes: the files are padded, closed and mixed (SERVER_SHUTDOWN).
          await appRecordings.close();
          if (clusterNode) {
            // Leave the cluster first (heartbeat gone, channels released), then close the media.
            await clusterNode.close();
            registry.off('channelevent', onChannelEvent);
          }
          lobby.close();
          appMetrics.close();
          registry.close();
          pool.close();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await recordings?.close();
    await cluster?.close();
    metrics?.close();
    media.close();
    forwarding.close();
    channels?.close();
    pool.close();
    throw error;
  }
}
