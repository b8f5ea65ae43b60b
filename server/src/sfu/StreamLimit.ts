import { limitExceeded } from '../errors.js';

/**
 * How many video streams (CAMERA and SCREEN producers) one channel carries at once. A participant
 * takes a place before its producer is created (so concurrent produces cannot pass the limit
 * together) and gives it back when the producer closes or could not be created.
 */
export class StreamLimit {
  readonly max: number;
  #held = 0;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 0) throw new TypeError(`max must be a non-negative integer, got ${max}`);
    this.max = max;
  }

  /** Places taken, produces in flight included. */
  get held(): number {
    return this.#held;
  }

  /** Takes a place; LIMIT_EXCEEDED (videoStreamsPerChannel) when none is left. */
  acquire(): void {
    if (this.#held >= this.max) {
      throw limitExceeded(
        'videoStreamsPerChannel',
        this.max,
        `the channel carries its limit of ${this.max} video streams (cameras and screens); try again when one stops`,
      );
    }
    this.#held += 1;
  }

  release(): void {
    if (this.#held === 0) throw new RangeError('no stream place is held');
    this.#held -= 1;
  }
}
