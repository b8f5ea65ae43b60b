import type { Socket } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { getOperationAST, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerConfig } from '../config.js';
import { ErrorCode, voxlayError } from '../errors.js';
import type { Principal } from '../auth/access.js';
import type { Connection } from '../connection/Connection.js';
import type { ClientLimits } from './ClientLimits.js';
import type { Client, ClientAddress, LimitRefusal } from './ClientLimitsTypes.js';
import { TokenBucket } from './TokenBucket.js';

type ArmorLimits = Pick<ServerConfig, 'graphqlMaxDepth' | 'graphqlMaxAliases' | 'graphqlMaxCost' | 'graphqlMaxTokens'>;

/** Directives per document (not configurable: Voxlay's own documents use none). */
const MAX_DIRECTIVES = 20;

/**
 * graphql-armor on every document, HTTP and WebSocket: depth, cost, aliases, tokens and directives.
 * A rejection is a QUERY_TOO_COMPLEX error whose `extensions.limit` names the rule (depth, cost,
 * aliases, tokens, directives); introspection (GraphiQL) is exempt from depth and cost. Field
 * suggestions ("Did you mean ...") are removed from error messages.
 */
export function armorPlugin(limits: ArmorLimits): Plugin {
  const reject =
    (limit: string) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      const coded = voxlayError(ErrorCode.QUERY_TOO_COMPLEX, error.message.replace(/^Syntax Error: /, ''), { limit });
      // Validation rules report into the context; the token limit runs in the parser, which has none.
      if (context) context.reportError(coded);
      else throw coded;
    };
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.graphqlMaxDepth, onReject: [reject('depth')], propagateOnRejection: false },
    costLimit: { maxCost: limits.graphqlMaxCost, onReject: [reject('cost')], propagateOnRejection: false },
    maxAliases: { n: limits.graphqlMaxAliases, onReject: [reject('aliases')], propagateOnRejection: false },
    maxTokens: { n: limits.graphqlMaxTokens, onReject: [reject('tokens')], propagateOnRejection: false },
    maxDirectives: { n: MAX_DIRECTIVES, onReject: [reject('directives')], propagateOnRejection: false },
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
}

type RateLimits = Pick<ServerConfig, 'mutationRatePerSecond' | 'mutationBurst'>;

interface RateContext {
  connection?: Connection | null;
  req?: { socket: Socket };
  /** Set by the context factory (graphql/yoga.ts) for every operation. */
  principal: Principal;
  address: ClientAddress;
}

/** The GraphQL error of a refusal (RATE_LIMITED with retryAfterMs, or LIMIT_EXCEEDED with max), naming the limit. */
export function limitError(refusal: LimitRefusal): GraphQLError {
  return refusal.code === 'RATE_LIMITED'
    ? voxlayError(ErrorCode.RATE_LIMITED, refusal.message, { limit: refusal.limit, retryAfterMs: refusal.retryAfterMs })
    : voxlayError(ErrorCode.LIMIT_EXCEEDED, refusal.message, { limit: refusal.limit, max: refusal.max });
}

/** Who is asking, as the limits see it: the request's address and, in token mode, the identity. */
export function clientOf(principal: Principal, address: ClientAddress): Client {
  return { address, identity: principal.mode === 'token' ? (principal.identity?.subject ?? null) : null };
}

/**
 * Mutations per connection, per client address and per identity: a token bucket per graphql-ws
 * connection (on its Connection) or HTTP (keep-alive) connection, plus the buckets its address and
 * identity share over all their connections (ClientLimits); each root field of a mutation costs
 * one token of each. Over any of them the whole operation is refused with RATE_LIMITED
 * (`extensions.retryAfterMs`, `extensions.limit`), nothing runs and no bucket is charged; other
 * clients are not affected.
 */
export function mutationRatePlugin(limits: RateLimits, clientLimits: ClientLimits): Plugin {
  const httpBuckets = new WeakMap<Socket, TokenBucket>();
  const bucketFor = (context: RateContext): TokenBucket | undefined => {
    if (context.connection) return context.connection.mutationBucket;
    const socket = context.req?.socket;
    if (!socket) return undefined;
    let bucket = httpBuckets.get(socket);
    if (!bucket) {
      bucket = new TokenBucket(limits.mutationRatePerSecond, limits.mutationBurst);
      httpBuckets.set(socket, bucket);
    }
    return bucket;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue as unknown as RateContext;
      const cost = Math.max(1, operation.selectionSet.selections.length);
      const connection = bucketFor(context);
      const refusal = clientLimits.takeMutations(clientOf(context.principal, context.address), cost, connection);
      if (refusal) setResultAndStopExecution({ errors: [limitError(refusal)] });
    },
  };
}
