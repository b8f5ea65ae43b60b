import type { Logger } from 'pino';
import type { Principal } from '../auth/access.js';
import type { ClusterNode } from '../cluster/ClusterNode.js';
import type { AuthService } from '../auth/index.js';
import type { ClientAddresses } from '../limits/ClientAddresses.js';
import type { ClientLimits } from '../limits/ClientLimits.js';
import type { ClientAddress } from '../limits/ClientLimitsTypes.js';
import type { VoxlayMetrics } from '../metrics/index.js';
import type { ServerConfig } from '../config.js';
import { noSession } from '../errors.js';
import type { Connection } from '../connection/Connection.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { WorkerPool } from '../sfu/WorkerPool.js';
import type { TurnCredentials } from '../turn/TurnCredentials.js';
import type { LobbyFeed } from '../lobby/LobbyFeed.js';
import type { VoxlayPubSub } from './pubsub.js';
import type { RecordingRegistry } from '../recording/RecordingRegistry.js';
import type { RecordingLinks } from '../recording/RecordingLinks.js';

/** What the resolvers share for the lifetime of the app. */
export interface AppServices {
  config: ServerConfig;
  logger: Logger;
  pool: WorkerPool;
  channels: ChannelRegistry;
  pubsub: VoxlayPubSub;
  /** What lobbies follow (Subscription.lobbyEvents): this node's channels' joins, leaves, creations and deletions. */
  lobby: LobbyFeed;
  startedAt: number;
  version: string;
  /** Access control: auth mode, token verification, origin allowlist (auth/). */
  auth: AuthService;
  /** Who is asking: the client address of a connection or request (trusted proxies, exemptions). */
  addresses: ClientAddresses;
  /** The limits a client shares over its connections: per address and per identity (limits/). */
  limits: ClientLimits;
  /** Prometheus metrics (GET /metrics); absent when the app runs without them. */
  metrics?: VoxlayMetrics | undefined;
  /** This node: its id and the URL clients reach it at (set once the HTTP server listens). */
  node: { readonly id: string; url: string };
  /** Cluster mode (VOXLAY_REDIS_URL): this node's part in the cluster; absent on a single server. */
  cluster?: ClusterNode | undefined;
  /** TURN credentials for the joins (config.turn); absent when no TURN is configured. */
  turn?: TurnCredentials | undefined;
  /** This node's recordings (recording/). */
  recordings: RecordingRegistry;
  /** Signed download links of recording files. */
  recordingLinks: RecordingLinks;
}

export interface GraphQLContext {
  services: AppServices;
  /** The graphql-ws Connection the operation came over; null over HTTP. */
  connection: Connection | null;
  /** Who asks: the connection's token (WebSocket) or the Authorization header (HTTP); see auth/access.ts. */
  principal: Principal;
  /** Where from: the connection's or the request's client address (limits/ClientAddresses.ts). */
  address: ClientAddress;
}

/** The Connection of a WebSocket operation; NO_SESSION over HTTP. */
export function requireConnection(context: GraphQLContext): Connection {
  if (!context.connection) throw noSession();
  return context.connection;
}
