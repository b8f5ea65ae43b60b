/** A token bucket: `burst` tokens, refilled at `ratePerSecond`. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    if (!(ratePerSecond > 0) || !(burst >= 1))
      throw new TypeError(`a token bucket needs a positive rate and a burst of at least 1 (got ${ratePerSecond}, ${burst})`);
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /** Refilled to its burst: as good as a new bucket (a keyed map may forget it). */
  get full(): boolean {
    this.#refill();
    return this.#tokens >= this.#burst;
  }

  /**
   * Takes `cost` tokens (at most the whole bucket) if there are enough and returns 0; else takes
   * none and returns the ms to wait.
   */
  take(cost = 1): number {
    const wait = this.wait(cost);
    if (wait === 0) this.#tokens -= Math.min(cost, this.#burst);
    return wait;
  }

  /** The ms until `cost` tokens (at most the whole bucket) are there, 0 when they are now; takes nothing. */
  wait(cost = 1): number {
    const need = Math.min(cost, this.#burst);
    this.#refill();
    if (this.#tokens >= need) return 0;
    return Math.max(1, Math.ceil(((need - this.#tokens) / this.#rate) * 1000));
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
  }
}
