import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { armorPlugin, mutationRatePlugin } from '../limits/graphql.js';
import { useVoxlayMetrics } from '../metrics/index.js';
import type { Connection } from '../connection/Connection.js';
import type { AppServices, GraphQLContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { codedRequestErrors } from './requestErrors.js';
import { loadTypeDefs } from './schema.js';

/** What the server hands Yoga per request: node req/res over HTTP, the connection over graphql-ws. */
export interface ServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  connection?: Connection;
}

export type VoxlayYoga = YogaServerInstance<ServerContext, GraphQLContext>;

export function createVoxlayYoga(services: AppServices): VoxlayYoga {
  const schema = createSchema<GraphQLContext & ServerContext>({ typeDefs: loadTypeDefs(), resolvers });
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    // Unexpected errors become INTERNAL_SERVER_ERROR without a stack; GraphQLErrors pass through.
    maskedErrors: true,
    // The WebSocket message limit applies to HTTP bodies too (413 REQUEST_ENTITY_TOO_LARGE).
    maxRequestBodySize: services.config.wsMaxPayloadBytes,
    logging: services.logger.child({ component: 'yoga' }),
    // The HTTP server answers browsers with the cached console (console/GraphiQLConsole.ts) before Yoga.
    graphiql: false,
    // Over graphql-ws the connection's token (checked once in onConnect); over HTTP the Authorization header.
    context: async ({ connection, request, req }): Promise<GraphQLContext> => ({
      services,
      connection: connection ?? null,
      principal: connection ? connection.principal : await services.auth.principalFromHeader(request.headers.get('authorization')),
      address: connection ? connection.address : services.addresses.resolve(req?.socket.remoteAddress, req?.headers ?? {}),
    }),
    plugins: [
      ...(services.metrics ? [useVoxlayMetrics(services.metrics)] : []),
      // Query depth, cost, aliases, tokens (QUERY_TOO_COMPLEX); mutations per connection, address and identity (RATE_LIMITED).
      armorPlugin(services.config),
      mutationRatePlugin(services.config, services.limits),
      // Variables of the wrong type: BAD_USER_INPUT instead of an error without a code.
      codedRequestErrors(),
    ],
  });
}
