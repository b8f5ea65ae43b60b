import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentNode, ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { originVerifier } from '../auth/origins.js';
import type { AppServices } from '../graphql/context.js';
import { GraphiQLConsole } from '../console/GraphiQLConsole.js';
import { CloseCode } from '../graphql/__generated__/protocol.js';
import type { VoxlayYoga } from '../graphql/yoga.js';
import { healthSnapshot } from '../health.js';
import { isRefusal } from '../limits/ClientLimits.js';
import type { ClientAddress, ConnectionLease } from '../limits/ClientLimitsTypes.js';
import { openConnection, operationGuard, parseOperation, refuseConnection, toWsErrors } from '../connection/connect.js';
import type { Connection } from '../connection/Connection.js';
import { serveRecording } from './recordings.js';
import { StaticFiles } from './StaticFiles.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  staticDir?: string | undefined;
  /** The console's built files (default server/dist/graphiql; see console/GraphiQLConsole.ts). */
  consoleDir?: string | undefined;
  yoga: VoxlayYoga;
  services: AppServices;
}

export interface VoxlayHttpServer {
  readonly port: number;
  /** Closes the WebSockets whose Connection matches (all by default) with `code`; returns how many (fault tests, operators). */
  dropConnections(match?: (connection: Connection) => boolean, code?: number, reason?: string): number;
  stop(): Promise<void>;
}

type Enveloped = ReturnType<VoxlayYoga['getEnveloped']>;
interface RootValue {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

/**
 * One port: GET /healthz and /readyz, /metrics, /graphql (HTTP via Yoga, WebSocket via graphql-ws,
 * the GraphiQL console for browsers with its files under /graphiql/), and the PWA's static files
 * when a static dir is configured.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<VoxlayHttpServer> {
  const { yoga, services } = options;
  const logger = services.logger.child({ component: 'http' });
  const staticFiles = options.staticDir === undefined ? undefined : new StaticFiles(options.staticDir);
  const graphiql = new GraphiQLConsole({
    tokenMode: services.config.authMode === 'token',
    defaultChannelId: services.channels.defaultChannel.id,
    dir: options.consoleDir,
    logger,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/healthz' || pathname === '/readyz') {
      // /healthz: live (a full node still serves its calls: 200); /readyz: admits joins (full: 503).
      const health = healthSnapshot(services);
      const up = pathname === '/healthz' ? health.ok : health.acceptingJoins;
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(health));
      return;
    }
    if (pathname === '/metrics' && services.metrics) {
      // Prometheus text format; see docs/operations.md#metrics.
      if (!metricsAuthorized(req, services.config.metricsToken)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="voxlay-metrics"' });
        res.end('401 Unauthorized: /metrics needs Authorization: Bearer <VOXLAY_METRICS_TOKEN>\n');
        return;
      }
      const body = await services.metrics.render();
      res.writeHead(200, { 'content-type': services.metrics.contentType, 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    // Recording files (recordings.ts): a signed link, or a token with the record right.
    if (await serveRecording(req, res, pathname, services)) return;
    // The operator console (GraphiQL): a cached page and files, never rendered per request.
    if (await graphiql.serve(req, res, pathname)) return;
    if (pathname === '/graphql' || pathname.startsWith('/graphql/')) {
      await yoga(req, res);
      return;
    }
    if (staticFiles && (await staticFiles.serve(req, res))) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };

  const server = createServer((req, res) => {
    // A browser Origin not on the allowlist gets 403 (auth/origins.ts).
    if (!services.auth.origins.checkHttp(req, res)) return;
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    // A bigger message closes that socket only (1009); the handshake needs an allowed Origin (403).
    maxPayload: services.config.wsMaxPayloadBytes,
    verifyClient: originVerifier(services.auth.origins),
  });
  // Every WebSocket counts for its client address from the moment it opens (before graphql-ws sees
  // it, so sockets that never initialise count too); over the limit it is closed with
  // CloseCode.TOO_MANY_CONNECTIONS and graphql-ws never opens a Connection for it.
  const admissions = new WeakMap<WebSocket, { address: ClientAddress; lease: ConnectionLease }>();
  wss.on('connection', (socket, request) => {
    const address = services.addresses.resolve(request.socket.remoteAddress, request.headers);
    const lease = services.limits.openConnection(address);
    if (isRefusal(lease)) {
      refuseConnection(services, socket, address, lease);
      return;
    }
    admissions.set(socket, { address, lease });
    socket.once('close', () => lease.close());
  });
  // graphql-ws with Yoga's envelop: https://the-guild.dev/graphql/yoga-server/docs/features/subscriptions
  const connectionsBySocket = new WeakMap<object, Connection>();
  useServer<Record<string, unknown> | undefined, { connection: Connection }>(
    {
      execute: (args: ExecutionArgs) => (args.rootValue as RootValue).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as RootValue).subscribe(args),
      // Token mode: connectionParams.token must verify, else close CloseCode.UNAUTHENTICATED (`UNAUTHENTICATED: <why>`).
      onConnect: async (ctx) => {
        const admission = admissions.get(ctx.extra.socket);
        // Refused at the socket's opening (connection limit): already closing.
        if (!admission) return false;
        const connection = await openConnection(services, ctx.connectionParams, ctx.extra.socket, admission);
        if (!connection) return false;
        ctx.extra.connection = connection;
        connectionsBySocket.set(ctx.extra.socket, connection);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const refused = operationGuard(ctx);
        if (refused) return refused;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connection: ctx.extra.connection,
        });
        const document = parseOperation(parse, payload.query);
        if (Array.isArray(document)) return document;
        const args = {
          schema,
          operationName: payload.operationName,
          document: document as DocumentNode,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return toWsErrors(errors);
        return args;
      },
      onClose: (ctx) => ctx.extra.connection?.closeSocket(),
    },
    wss,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  services.auth.origins.setPort(port);
  logger.info({ host: options.host, port }, 'listening');

  let stopping: Promise<void> | undefined;
  return {
    port,
    dropConnections: (match = () => true, code: number = CloseCode.SERVICE_RESTART, reason = 'connection dropped by the server') => {
      let dropped = 0;
      for (const client of wss.clients) {
        const connection = connectionsBySocket.get(client);
        if (connection && match(connection) && client.readyState === client.OPEN) {
          client.close(code, reason);
          dropped++;
        }
      }
      return dropped;
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

/** No token configured: open. Otherwise `Authorization: Bearer <token>`, compared in constant time. */
function metricsAuthorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(token));
}
