import { createAuth } from './auth/index.js';
import { loadConfig, validateConfig, type ServerConfig } from './config.js';
import type { AppServices } from './graphql/context.js';
import { createVoxlayPubSub } from './graphql/pubsub.js';
import { createVoxlayYoga } from './graphql/yoga.js';
import { startHttpServer, type VoxlayHttpServer } from './http/server.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics/index.js';
import { serverVersion } from './paths.js';
import { ChannelRegistry } from './sfu/ChannelRegistry.js';
import { WorkerPool } from './sfu/WorkerPool.js';

export type { ServerConfig };
export { loadConfig };
export type { WorkerPool, ChannelRegistry };

export interface VoxlayApp {
  /** http://host:port (127.0.0.1 when listening on every interface). */
  readonly url: string;
  readonly port: number;
  readonly pool: WorkerPool;
  readonly channels: ChannelRegistry;
  /**
   * Closes the graphql-ws connections whose Session matches (all by default), with close `code`
   * (1012 by default, so clients retry); their participants enter the disconnect grace period.
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
  const pool = await WorkerPool.create({ numWorkers: config.numWorkers, logger });
  let channels: ChannelRegistry | undefined;
  try {
    channels = await ChannelRegistry.create({
      pool,
      defaultChannelName: config.defaultChannelName,
      transportSettings: config,
      logger,
      limits: config,
    });
    const pubsub = createVoxlayPubSub();
    channels.on('channelevent', (channelId, event) => pubsub.publish('channelEvent', channelId, event));
    const metrics = createMetrics({ pool, channels });
    const services: AppServices = { config, logger, pool, channels, pubsub, startedAt: Date.now(), version: serverVersion(), metrics, auth };
    const http = await startHttpServer({
      host: config.host,
      port: config.port,
      staticDir: config.staticDir,
      yoga: createVoxlayYoga(services),
      services,
    });
    const registry = channels;
    const urlHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${http.port}`,
      port: http.port,
      pool,
      channels: registry,
      dropConnections: (match, code, reason) => http.dropConnections(match, code, reason),
      stop: () => {
        stopping ??= (async () => {
          await http.stop();
          registry.close();
          pool.close();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    channels?.close();
    pool.close();
    throw error;
  }
}
