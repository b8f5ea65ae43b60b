import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Session } from '../session/Session.js';
import type { AppServices, GraphQLContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';

/** What the server hands Yoga per request: node req/res over HTTP, the session over graphql-ws. */
export interface ServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  session?: Session;
}

export type VoxlayYoga = YogaServerInstance<ServerContext, GraphQLContext>;

export function createVoxlayYoga(services: AppServices): VoxlayYoga {
  const schema = createSchema<GraphQLContext & ServerContext>({ typeDefs: loadTypeDefs(), resolvers });
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    // Unexpected errors become INTERNAL_SERVER_ERROR without a stack; GraphQLErrors pass through.
    maskedErrors: true,
    logging: services.logger.child({ component: 'yoga' }),
    // GraphiQL bundled in @graphql-yoga/render-graphiql: works offline, no CDN.
    renderGraphiQL,
    graphiql: { title: 'Voxlay', subscriptionsProtocol: 'WS' },
    context: ({ session }): GraphQLContext => ({ services, session: session ?? null }),
  });
}
