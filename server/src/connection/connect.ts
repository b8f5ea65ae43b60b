import type { DocumentNode, GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { WebSocket } from 'ws';
import type { AppServices } from '../graphql/context.js';
import { CloseCode } from '../graphql/__generated__/protocol.js';
import type { ClientAddress, ConnectionLease, LimitRefusal } from '../limits/ClientLimitsTypes.js';
import { Connection } from './Connection.js';

/**
 * graphql-ws onConnect: checks the connection's token (token mode), counts it for its identity and
 * opens its Connection. A refused token closes it with CloseCode.UNAUTHENTICATED (4403) and a reason
 * naming the code (`UNAUTHENTICATED: token expired`); an identity over its connection limit with
 * CloseCode.TOO_MANY_CONNECTIONS (4429). Nothing is created for it, and graphql-ws runs no
 * operation on an unacknowledged connection.
 */
export async function openConnection(
  services: AppServices,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  socket: WebSocket,
  admission: { address: ClientAddress; lease: ConnectionLease },
): Promise<Connection | null> {
  const result = await services.auth.connect(connectionParams);
  if (!result.ok) {
    services.logger.info({ reason: result.reason, ip: admission.address.ip }, 'websocket refused');
    socket.close(result.code, result.reason);
    return null;
  }
  // Token mode: the connection counts for its identity too (CloseCode.TOO_MANY_CONNECTIONS beyond).
  const subject = result.principal.mode === 'token' ? result.principal.identity?.subject : undefined;
  const refusal = subject === undefined ? null : admission.lease.identify(subject);
  if (refusal) {
    refuseConnection(services, socket, admission.address, refusal, subject);
    return null;
  }
  return new Connection({
    registry: services.channels,
    disconnectGraceMs: services.config.disconnectGraceMs,
    logger: services.logger,
    principal: result.principal,
    mutationRatePerSecond: services.config.mutationRatePerSecond,
    mutationBurst: services.config.mutationBurst,
    address: admission.address,
    limits: services.limits,
  });
}

/**
 * Closes a connection over a connection limit with CloseCode.TOO_MANY_CONNECTIONS (4429) and the
 * reason `LIMIT_EXCEEDED: <limit> ...`; nothing was created for it.
 */
export function refuseConnection(
  services: AppServices,
  socket: WebSocket,
  address: ClientAddress,
  refusal: LimitRefusal,
  subject?: string,
): void {
  services.logger.info({ ip: address.ip, sub: subject, limit: refusal.limit }, 'websocket refused: connection limit');
  socket.close(CloseCode.TOO_MANY_CONNECTIONS, closeReason(`${refusal.code}: ${refusal.limit} (${refusal.message})`));
}

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * Parses an operation for graphql-ws: a syntax error or a graphql-armor token-limit rejection
 * becomes the operation's errors instead of closing the whole connection (4500).
 */
export function parseOperation(parse: (source: string) => DocumentNode, query: string): DocumentNode | GraphQLError[] {
  try {
    return parse(query);
  } catch (error) {
    if (isGraphQLErrorLike(error)) return toWsErrors([error]);
    throw error;
  }
}

function isGraphQLErrorLike(error: unknown): error is GraphQLError {
  return error instanceof Error && 'extensions' in error && 'locations' in error;
}

/**
 * graphql-ws checks `instanceof GraphQLError` against the graphql it imports; a test runner may load
 * another copy for our own modules. Rebuild each error with Yoga's constructor, which uses the same
 * copy as graphql-ws (see errors.ts).
 */
export function toWsErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((error) =>
    createGraphQLError(error.message, {
      extensions: error.extensions,
      ...(error.source === undefined ? {} : { source: error.source }),
      ...(error.positions === undefined ? {} : { positions: error.positions }),
    }),
  );
}

/** Operations (subscriptions included) one connection may have running at once. */
export const MAX_OPERATIONS_PER_CONNECTION = 100;

/**
 * graphql-ws onSubscribe guard: LIMIT_EXCEEDED beyond MAX_OPERATIONS_PER_CONNECTION running
 * operations (`subscriptions` holds them, this one included), so one socket cannot pile up
 * subscriptions; and no operation at all without a Connection (a refused socket never gets here).
 */
export function operationGuard(ctx: { subscriptions: Record<string, unknown>; extra: { connection?: unknown } }): GraphQLError[] | null {
  if (!ctx.extra.connection) {
    return [createGraphQLError('connection not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
  }
  const running = Object.keys(ctx.subscriptions).length;
  if (running > MAX_OPERATIONS_PER_CONNECTION) {
    return [
      createGraphQLError(`at most ${MAX_OPERATIONS_PER_CONNECTION} operations may run at once on one connection`, {
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'operationsPerConnection', max: MAX_OPERATIONS_PER_CONNECTION },
      }),
    ];
  }
  return null;
}
