import type { types } from 'mediasoup';

export type TrackedDirection = 'send' | 'recv';
export type DtlsStateLabel = types.DtlsState;
/** Why a client-facing transport counts as failed (voxlay_transport_failures_total). */
export type TransportFailureReason =
  /** DTLS went to 'failed' (handshake refused, certificate fingerprint mismatch). */
  | 'dtls_failed'
  /** ICE was connected, then went to 'disconnected' (consent expired: the client's network went away). */
  | 'ice_disconnected'
  /** The client gave its DTLS parameters (connectTransport) but ICE never connected before the transport closed. */
  | 'never_connected';

export const DTLS_STATES: readonly DtlsStateLabel[] = ['new', 'connecting', 'connected', 'failed', 'closed'];
export const DIRECTIONS: readonly TrackedDirection[] = ['send', 'recv'];
export const FAILURE_REASONS: readonly TransportFailureReason[] = ['dtls_failed', 'ice_disconnected', 'never_connected'];
/** mediasoup scores go from 0 (everything lost) to 10 (nothing lost). */
export const SCORES = 11;

/** What the tracker hands on about consumers (the forwarding counters sample them). */
export interface ConsumerSink {
  add(consumer: types.Consumer): void;
}
