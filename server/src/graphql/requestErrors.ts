import type { ExecutionResult, GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Gives BAD_USER_INPUT to the uncoded errors of a request that never ran (no `data`). */
function codeRequestErrors(result: ExecutionResult, setResult: (result: ExecutionResult) => void): void {
  if ('data' in result || !result.errors?.length) return;
  if (result.errors.every((error) => error.extensions?.code !== undefined)) return;
  setResult({
    ...result,
    errors: result.errors.map((error: GraphQLError) =>
      error.extensions?.code !== undefined
        ? error
        : createGraphQLError(error.message, {
            ...(error.nodes ? { nodes: error.nodes } : {}),
            ...(error.source ? { source: error.source } : {}),
            ...(error.positions ? { positions: error.positions } : {}),
            ...(error.originalError ? { originalError: error.originalError } : {}),
            extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT },
          }),
    ),
  });
}

/**
 * Variables of the wrong type (`null` for a non-null argument, an object for an ID, ...) are refused
 * by graphql-js before any resolver runs, with no `extensions.code`. This gives them
 * BAD_USER_INPUT, like every other bad argument, over HTTP and WebSocket, for operations and
 * subscriptions alike (server/test/fuzz checks it).
 */
export function codedRequestErrors(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) codeRequestErrors(result, setResult);
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) codeRequestErrors(result, setResult);
      },
    }),
  };
}
