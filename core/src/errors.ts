import type { CombinedError } from '@urql/core';

/**
 * Stable string error codes. The first group is shared with the server's GraphQL
 * `extensions.code` (schema.graphql); the second is raised by the client itself.
 */
export const ErrorCode = {
  // Server (extensions.code)
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  NO_SESSION: 'NO_SESSION',
  ALREADY_JOINED: 'ALREADY_JOINED',
  CHANNEL_FULL: 'CHANNEL_FULL',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Clustered: the channel lives on another node; `extensions.nodeUrl` is where to send the same request. */
  WRONG_NODE: 'WRONG_NODE',
  /** Clustered: the channel's node stopped answering and the channel is being moved; `extensions.retryAfterMs`. */
  UNAVAILABLE: 'UNAVAILABLE',
  // Client
  NETWORK_ERROR: 'NETWORK_ERROR',
  MICROPHONE_DENIED: 'MICROPHONE_DENIED',
  MICROPHONE_NOT_FOUND: 'MICROPHONE_NOT_FOUND',
  MICROPHONE_ERROR: 'MICROPHONE_ERROR',
  DEVICE_UNSUPPORTED: 'DEVICE_UNSUPPORTED',
  TRANSPORT_FAILED: 'TRANSPORT_FAILED',
  RECONNECT_FAILED: 'RECONNECT_FAILED',
  CHANNEL_INTERRUPTED: 'CHANNEL_INTERRUPTED',
  INVALID_STATE: 'INVALID_STATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error core throws or reports carries a string `code`. */
export class VoxlayError extends Error {
  readonly code: string;
  /** The server's `extensions` besides the code (WRONG_NODE: nodeUrl; UNAVAILABLE: retryAfterMs), or {}. */
  readonly extensions: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, options?: { cause?: unknown; extensions?: Record<string, unknown> }) {
    super(message, options);
    this.name = 'VoxlayError';
    this.code = code;
    this.extensions = options?.extensions ?? {};
  }
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Use after close() / wrong lifecycle step. */
export class InvalidStateError extends VoxlayError {
  constructor(message: string) {
    super(ErrorCode.INVALID_STATE, message);
    this.name = 'InvalidStateError';
  }
}

/** An urql CombinedError → VoxlayError with the server's `extensions.code` (or NETWORK_ERROR). */
export function fromCombinedError(error: CombinedError): VoxlayError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = first.extensions?.['code'];
    return new VoxlayError(typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR, first.message, {
      cause: error,
      extensions: { ...first.extensions },
    });
  }
  return new VoxlayError(ErrorCode.NETWORK_ERROR, error.networkError?.message ?? error.message, { cause: error });
}

/** getUserMedia's DOMException names → codes the UI can explain. */
export function fromMediaError(error: unknown): VoxlayError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new VoxlayError(ErrorCode.MICROPHONE_DENIED, message || 'Microphone permission denied', { cause: error });
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new VoxlayError(ErrorCode.MICROPHONE_NOT_FOUND, message || 'No microphone found', { cause: error });
  }
  return new VoxlayError(ErrorCode.MICROPHONE_ERROR, message || 'Microphone error', { cause: error });
}

/** Anything thrown → VoxlayError (keeps an existing code). */
export function toVoxlayError(error: unknown, fallbackCode: string = ErrorCode.INTERNAL_SERVER_ERROR): VoxlayError {
  if (error instanceof VoxlayError) return error;
  if (error instanceof Error) return new VoxlayError(fallbackCode, error.message, { cause: error });
  return new VoxlayError(fallbackCode, String(error));
}
