/** Pluggable retry timing (LiveKit `ReconnectPolicy`): the delay before attempt `attempt` (0-based), or null to give up. */
export interface ReconnectPolicy {
  nextRetryDelayMs(attempt: number): number | null;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [0, 300, 1000, 2000, 5000];

/** A delay table; past its end the last delay repeats until `maxAttempts`. */
export class DefaultReconnectPolicy implements ReconnectPolicy {
  constructor(
    private readonly delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
    private readonly maxAttempts = 30,
  ) {
    if (delays.length === 0) throw new TypeError('delays must not be empty');
  }

  nextRetryDelayMs(attempt: number): number | null {
    if (!Number.isInteger(attempt) || attempt < 0) throw new TypeError(`invalid attempt ${attempt}`);
    if (attempt >= this.maxAttempts) return null;
    return this.delays[Math.min(attempt, this.delays.length - 1)] ?? null;
  }
}
