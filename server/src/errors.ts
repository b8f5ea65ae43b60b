import type { GraphQLError } from 'graphql';
// Yoga's own constructor: its GraphQLError class is the one maskedErrors recognises, even when a
// test runner loads graphql twice (ESM and CJS builds).
import { createGraphQLError } from 'graphql-yoga';
// The one list of codes (schema.graphql's ErrorCode), written here by codegen.
import { ErrorCode } from './graphql/__generated__/protocol.js';

export { ErrorCode };

export function voxlayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return createGraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string): GraphQLError => voxlayError(ErrorCode.BAD_USER_INPUT, message);
export const notFound = (what: string, id: string): GraphQLError =>
  voxlayError(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(id)} not found`);
export const forbidden = (what: string, id: string): GraphQLError =>
  voxlayError(ErrorCode.FORBIDDEN, `${what} ${JSON.stringify(id)} belongs to another participant`);
export const noSession = (message = 'This operation needs a WebSocket connection: join over the WebSocket at /graphql'): GraphQLError =>
  voxlayError(ErrorCode.NO_SESSION, message);
export const unauthenticated = (message: string): GraphQLError => voxlayError(ErrorCode.UNAUTHENTICATED, message);
export const notAllowed = (message: string): GraphQLError => voxlayError(ErrorCode.FORBIDDEN, message);
export const limitExceeded = (limit: string, max: number, message: string): GraphQLError =>
  voxlayError(ErrorCode.LIMIT_EXCEEDED, message, { limit, max });
export const channelFull = (channelId: string, max: number): GraphQLError =>
  voxlayError(ErrorCode.CHANNEL_FULL, `channel ${channelId} is full (${max} participants)`, { max });
/** `name` looks the same as the existing channel's (confusable skeleton, ignoring case). */
export const nameTaken = (name: string, existing: { id: string; name: string }): GraphQLError =>
  voxlayError(
    ErrorCode.NAME_TAKEN,
    existing.name === name
      ? `a channel named ${JSON.stringify(name)} already exists (${existing.id})`
      : `a channel name ${JSON.stringify(name)} looks the same as the existing channel ${JSON.stringify(existing.name)} (${existing.id})`,
    { channelId: existing.id, channelName: existing.name },
  );
export const alreadyJoined = (): GraphQLError =>
  voxlayError(ErrorCode.ALREADY_JOINED, 'This connection already holds a participant; leave first');

/** The node holds its participant limit (NodeCapacity): nothing was created. */
export const nodeFull = (max: number, retryAfterMs: number): GraphQLError =>
  voxlayError(
    ErrorCode.NODE_FULL,
    `this server holds its limit of ${max} participants; retry in ${retryAfterMs} ms, or create the channel on another node`,
    { max, retryAfterMs },
  );

/**
 * A join whose media worker did not complete it (the worker died or stopped answering, its router
 * or WebRtcServer closed): nothing was kept; the channel moves to a live worker if it must.
 */
export const mediaUnavailable = (channelId: string, retryAfterMs: number): GraphQLError =>
  voxlayError(
    ErrorCode.UNAVAILABLE,
    `channel ${channelId}: the media worker did not complete the join (it stopped or failed); retry in ${retryAfterMs} ms`,
    {
      retryAfterMs,
      channelId,
    },
  );

export const wrongNode = (channelId: string, nodeId: string, nodeUrl: string): GraphQLError =>
  voxlayError(ErrorCode.WRONG_NODE, `channel ${channelId} is hosted on node ${nodeId} (${nodeUrl}): send the request there`, {
    nodeUrl,
    nodeId,
    channelId,
  });
/** A channel being moved to a live node (`channelId`), or the cluster's directory not answering (no channel id). */
export const unavailable = (channelId: string | null, retryAfterMs: number): GraphQLError =>
  channelId === null
    ? voxlayError(ErrorCode.UNAVAILABLE, `the cluster directory does not answer; retry in ${retryAfterMs} ms`, { retryAfterMs })
    : voxlayError(ErrorCode.UNAVAILABLE, `channel ${channelId} is moving to a live node; retry in ${retryAfterMs} ms`, {
        retryAfterMs,
        channelId,
      });

/**
 * Runs a mediasoup call and turns its argument errors (TypeError, UnsupportedError) into
 * BAD_USER_INPUT; anything else propagates (and Yoga masks it as INTERNAL_SERVER_ERROR).
 */
export async function mediasoupCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')) {
      throw badUserInput(error.message);
    }
    throw error;
  }
}
