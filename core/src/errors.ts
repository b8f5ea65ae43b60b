import type { CombinedError } from '@urql/core';
import { ErrorCode as ServerErrorCode } from './graphql/__generated__/protocol';

/** The codes core raises itself (the server's come from schema.graphql's ErrorCode). */
export const ClientErrorCode = {
  /** The server could not be reached (the WebSocket or an HTTP request failed). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  MICROPHONE_DENIED: 'MICROPHONE_DENIED',
  /** The permission prompt was closed without an answer (Chromium: "Permission dismissed"). */
  MICROPHONE_DISMISSED: 'MICROPHONE_DISMISSED',
  MICROPHONE_NOT_FOUND: 'MICROPHONE_NOT_FOUND',
  /** The microphone exists but cannot be opened: another application holds it, or the OS refuses (NotReadableError). */
  MICROPHONE_BUSY: 'MICROPHONE_BUSY',
  MICROPHONE_ERROR: 'MICROPHONE_ERROR',
  /** The camera is blocked by the browser or the system. */
  CAMERA_DENIED: 'CAMERA_DENIED',
  /** The camera's permission prompt was closed without an answer. */
  CAMERA_DISMISSED: 'CAMERA_DISMISSED',
  CAMERA_NOT_FOUND: 'CAMERA_NOT_FOUND',
  /** The camera exists but cannot be opened: another application holds it, or the OS refuses. */
  CAMERA_BUSY: 'CAMERA_BUSY',
  CAMERA_ERROR: 'CAMERA_ERROR',
  /** The screen picker was closed without choosing a screen, window or tab. */
  SCREEN_CANCELLED: 'SCREEN_CANCELLED',
  /** Screen capture is blocked by the browser, a policy or the system. */
  SCREEN_DENIED: 'SCREEN_DENIED',
  /** Nothing could be captured (nothing to share, the source in use, or another failure). */
  SCREEN_ERROR: 'SCREEN_ERROR',
  /** This browser cannot run mediasoup-client (no WebRTC, an unsupported engine). */
  DEVICE_UNSUPPORTED: 'DEVICE_UNSUPPORTED',
  TRANSPORT_FAILED: 'TRANSPORT_FAILED',
  RECONNECT_FAILED: 'RECONNECT_FAILED',
  CHANNEL_INTERRUPTED: 'CHANNEL_INTERRUPTED',
  /** The same identity joined this channel from another connection or device: this Channel stopped (no rejoin). */
  PARTICIPANT_REPLACED: 'PARTICIPANT_REPLACED',
  /** The channel was deleted: this Channel stopped (no rejoin). */
  CHANNEL_DELETED: 'CHANNEL_DELETED',
  INVALID_STATE: 'INVALID_STATE',
} as const;

/**
 * Every code a VoxlayError carries: the server's `extensions.code` (schema.graphql's ErrorCode,
 * written by codegen) and the client's own.
 */
export const ErrorCode = { ...ServerErrorCode, ...ClientErrorCode } as const;
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

/**
 * The server removed our participant (its own ParticipantLeft, or resumeParticipant's NOT_FOUND with
 * `extensions.reason`): the error to show, or null when the reason is not a removal. A removed
 * Channel must not join again by itself: another device took over, or the channel is gone.
 */
export function removalError(reason: unknown): VoxlayError | null {
  if (reason === 'REPLACED') return new VoxlayError(ErrorCode.PARTICIPANT_REPLACED, 'You joined this channel from another device or tab');
  if (reason === 'CHANNEL_DELETED') return new VoxlayError(ErrorCode.CHANNEL_DELETED, 'This channel was deleted');
  return null;
}

/** An urql CombinedError → VoxlayError with the server's `extensions.code` (or NETWORK_ERROR). */
export function fromCombinedError(error: CombinedError): VoxlayError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = first.extensions?.code;
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
  if (error instanceof VoxlayError) return error;
  if ((name === 'NotAllowedError' || name === 'SecurityError') && /dismiss/i.test(message)) {
    return new VoxlayError(ErrorCode.MICROPHONE_DISMISSED, 'The microphone prompt was closed without an answer', { cause: error });
  }
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new VoxlayError(ErrorCode.MICROPHONE_DENIED, 'Microphone access is blocked', { cause: error });
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new VoxlayError(ErrorCode.MICROPHONE_NOT_FOUND, 'No microphone was found', { cause: error });
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new VoxlayError(ErrorCode.MICROPHONE_BUSY, 'The microphone is in use or cannot be opened', { cause: error });
  }
  return new VoxlayError(ErrorCode.MICROPHONE_ERROR, message || 'Microphone error', { cause: error });
}

/** Anything thrown → VoxlayError (keeps an existing code). */
export function toVoxlayError(error: unknown, fallbackCode: string = ErrorCode.INTERNAL_SERVER_ERROR): VoxlayError {
  if (error instanceof VoxlayError) return error;
  if (error instanceof Error) return new VoxlayError(fallbackCode, error.message, { cause: error });
  return new VoxlayError(fallbackCode, String(error));
}

/**
 * getUserMedia / getDisplayMedia failures of a camera or a screen → their own codes (CAMERA_*,
 * SCREEN_*), so the UI never gives microphone advice for them. A screen picker closed without
 * choosing (NotAllowedError not "by system") is SCREEN_CANCELLED.
 */
export function fromVideoError(error: unknown, what: 'camera' | 'screen'): VoxlayError {
  if (error instanceof VoxlayError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  if (what === 'screen') {
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return /system/i.test(message)
        ? new VoxlayError(ErrorCode.SCREEN_DENIED, 'Screen sharing is blocked by the browser or the system', options)
        : new VoxlayError(ErrorCode.SCREEN_CANCELLED, 'Screen sharing was cancelled', options);
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return new VoxlayError(ErrorCode.SCREEN_ERROR, 'Nothing to share was found', options);
    }
    if (name === 'NotReadableError' || name === 'AbortError') {
      return new VoxlayError(ErrorCode.SCREEN_ERROR, 'What you chose to share cannot be captured', options);
    }
    return new VoxlayError(ErrorCode.SCREEN_ERROR, message || 'Screen sharing failed', options);
  }
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    if (/dismiss/i.test(message))
      return new VoxlayError(ErrorCode.CAMERA_DISMISSED, 'The camera prompt was closed without an answer', options);
    return new VoxlayError(ErrorCode.CAMERA_DENIED, 'The camera is blocked by the browser or the system', options);
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new VoxlayError(ErrorCode.CAMERA_NOT_FOUND, 'No camera was found', options);
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new VoxlayError(ErrorCode.CAMERA_BUSY, 'The camera is in use or cannot be opened', options);
  }
  return new VoxlayError(ErrorCode.CAMERA_ERROR, message || 'The camera failed', options);
}
