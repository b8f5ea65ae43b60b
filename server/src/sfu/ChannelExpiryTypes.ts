/** The timer functions ChannelExpiry uses (injected by tests; the global ones by default). */
export interface ExpiryTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ChannelExpiryOptions {
  /** How long a channel may stay empty; 0 disables expiry. */
  ttlMs: number;
  timers?: ExpiryTimers | undefined;
}

export type ChannelExpiryEvents = {
  /** The channel stayed empty for the whole time (its timer is gone: arm it again to wait more). */
  expire: [string];
};
