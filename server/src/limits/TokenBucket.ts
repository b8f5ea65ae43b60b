/** A token bucket: `burst` tokens, refilled at `ratePerSecond`. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /**
   * Takes `cost` tokens (at most the whole bucket) if there are enough and returns 0; else takes
   * none and returns the ms to wait.
   */
  take(cost = 1): number {
    const need = Math.min(cost, this.#burst);
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens >= need) {
      this.#tokens -= need;
      return 0;
    }
    return Math.max(1, Math.ceil(((need - this.#tokens) / this.#rate) * 1000));
  }
}
