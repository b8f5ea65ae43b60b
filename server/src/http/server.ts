import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../graphql/context.js';
import type { VoxlayYoga } from '../graphql/yoga.js';
import { healthSnapshot } from '../health.js';
import { Session } from '../session/Session.js';
import { serveStatic } from './static.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  staticDir?: string | undefined;
  yoga: VoxlayYoga;
  services: AppServices;
}

export interface VoxlayHttpServer {
  readonly port: number;
  stop(): Promise<void>;
}

type Enveloped = ReturnType<VoxlayYoga['getEnveloped']>;
interface RootValue {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

/**
 * One port: GET /healthz, /graphql (HTTP via Yoga, WebSocket via graphql-ws), and the PWA's
 * static files when a static dir is configured.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<VoxlayHttpServer> {
  const { yoga, services } = options;
  const logger = services.logger.child({ component: 'http' });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/healthz') {
      const health = healthSnapshot(services);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(health));
      return;
    }
    if (pathname === '/graphql' || pathname.startsWith('/graphql/')) {
      await yoga(req, res);
      return;
    }
    if (options.staticDir !== undefined && (await serveStatic(options.staticDir, req, res))) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ server, path: '/graphql' });
  // graphql-ws with Yoga's envelop: https://the-guild.dev/graphql/yoga-server/docs/features/subscriptions
  useServer<Record<string, unknown> | undefined, { session: Session }>(
    {
      execute: (args: ExecutionArgs) => (args.rootValue as RootValue).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as RootValue).subscribe(args),
      onConnect: (ctx) => {
        ctx.extra.session = new Session({
          registry: services.channels,
          disconnectGraceMs: services.config.disconnectGraceMs,
          logger: services.logger,
        });
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          session: ctx.extra.session,
        });
        const args = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
      onClose: (ctx) => ctx.extra.session?.closeSocket(),
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
  logger.info({ host: options.host, port }, 'listening');

  let stopping: Promise<void> | undefined;
  return {
    port,
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
