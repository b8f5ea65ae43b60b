/** A token bucket's settings: refilled at `perSecond`, holding at most `burst` (config syntax `N/s:B`, `N/min:B`, `N/h:B`). */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Where a request comes from, as the per-address limits see it (ClientAddresses.resolve). */
export interface ClientAddress {
  /** The client's IP (an IPv4-mapped IPv6 address written as IPv4), through trusted proxies. */
  readonly ip: string;
  /** What the per-address limits count: the IP, or for IPv6 its /64 (what one subscriber usually gets). */
  readonly key: string;
  /** Listed in VOXLAY_ADDRESS_LIMITS_EXEMPT: no per-address limit applies (the per-identity ones still do). */
  readonly exempt: boolean;
}

/** Who is asking: the address, and in token mode the identity (the token's `sub`; null in open mode). */
export interface Client {
  readonly address: ClientAddress;
  readonly identity: string | null;
}

/** The per-address and per-identity limits (server config, docs/security.md). */
export interface ClientLimitSettings {
  /** Open WebSocket connections per client address / per identity. */
  maxConnectionsPerAddress: number;
  maxConnectionsPerIdentity: number;
  /** Mutations (each root field costs one) per client address / per identity, over every connection. */
  mutationRatePerAddress: RateLimit;
  mutationRatePerIdentity: RateLimit;
  /** joinChannel calls that get as far as creating a participant. */
  joinRatePerAddress: RateLimit;
  joinRatePerIdentity: RateLimit;
  /** createChannel calls (token-mode admins excepted). */
  channelCreationRatePerAddress: RateLimit;
  channelCreationRatePerIdentity: RateLimit;
}

/** Why a request was refused: the GraphQL error (or close reason) the caller gets. */
export type LimitRefusal =
  | { readonly code: 'RATE_LIMITED'; readonly limit: string; readonly retryAfterMs: number; readonly message: string }
  | { readonly code: 'LIMIT_EXCEEDED'; readonly limit: string; readonly max: number; readonly message: string };

/** One WebSocket connection as counted per address and, once its token is known, per identity. */
export interface ConnectionLease {
  /** Token mode: counts the connection for `identity` too; a refusal (and nothing counted for it) at that limit. */
  identify(identity: string): LimitRefusal | null;
  /** The connection closed: it no longer counts. Idempotent. */
  close(): void;
}
