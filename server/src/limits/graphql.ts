import type { Socket } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { getOperationAST, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerConfig } from '../config.js';
import { ErrorCode, voxlayError } from '../errors.js';
import type { Session } from '../session/Session.js';
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
  session?: Session | null;
  req?: { socket: Socket };
}

/**
 * Mutations per connection: a token bucket per graphql-ws connection (on its Session) and per HTTP
 * (keep-alive) connection; each root field of a mutation costs one token. Over the limit the whole
 * operation is refused with RATE_LIMITED (`extensions.retryAfterMs`) and nothing runs; other
 * connections are not affected.
 */
export function mutationRatePlugin(limits: RateLimits): Plugin {
  const httpBuckets = new WeakMap<Socket, TokenBucket>();
  const bucketFor = (context: RateContext): TokenBucket | undefined => {
    if (context.session) return context.session.mutationBucket;
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
      const bucket = bucketFor(args.contextValue as RateContext);
      if (!bucket) return;
      const retryAfterMs = bucket.take(Math.max(1, operation.selectionSet.selections.length));
      if (retryAfterMs > 0) {
        setResultAndStopExecution({
          errors: [
            voxlayError(ErrorCode.RATE_LIMITED, `too many mutations on this connection; retry in ${retryAfterMs} ms`, { retryAfterMs }),
          ],
        });
      }
    },
  };
}
