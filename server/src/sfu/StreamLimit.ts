import { limitExceeded } from '../errors.js';

/**
 * What video one channel carries at once: how many streams (CAMERA and SCREEN producers) and their
 * bitrates together (each stream counted at what it declares, at most the per-stream cap its sender's
 * transport enforces). A participant takes a place before its producer is created (so concurrent
 * produces cannot pass the limits together) and gives it back when the producer closes or could not
 * be created.
 */
export class StreamLimit {
  readonly max: number;
  /** Bits per second of all streams together (Infinity: no limit). */
  readonly maxBitrate: number;
  #held = 0;
  #heldBitrate = 0;

  constructor(max: number, maxBitrate = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(max) || max < 0) throw new TypeError(`max must be a non-negative integer, got ${max}`);
    if (!(maxBitrate >= 0)) throw new TypeError(`maxBitrate must be a non-negative number, got ${maxBitrate}`);
    this.max = max;
    this.maxBitrate = maxBitrate;
  }

  /** Places taken, produces in flight included. */
  get held(): number {
    return this.#held;
  }

  /** Bits per second the places taken count for. */
  get heldBitrate(): number {
    return this.#heldBitrate;
  }

  /**
   * Takes a place for a stream of `bitrate` bits per second; LIMIT_EXCEEDED videoStreamsPerChannel
   * when no place is left, videoBitratePerChannel when the bitrate would not fit.
   */
  acquire(bitrate = 0): void {
    if (this.#held >= this.max) {
      throw limitExceeded(
        'videoStreamsPerChannel',
        this.max,
        `the channel carries its limit of ${this.max} video streams (cameras and screens); try again when one stops`,
      );
    }
    if (this.#heldBitrate + bitrate > this.maxBitrate) {
      throw limitExceeded(
        'videoBitratePerChannel',
        this.maxBitrate,
        `the channel's video streams already use ${Math.round(this.#heldBitrate / 1000)} of ${Math.round(this.maxBitrate / 1000)} kbps; ` +
          `send at a lower bitrate (${Math.round((this.maxBitrate - this.#heldBitrate) / 1000)} kbps left) or try again when a stream stops`,
      );
    }
    this.#held += 1;
    this.#heldBitrate += bitrate;
  }

  /** Gives back a place taken with `bitrate`. */
  release(bitrate = 0): void {
    if (this.#held === 0) throw new RangeError('no stream place is held');
    this.#held -= 1;
    this.#heldBitrate = Math.max(0, this.#heldBitrate - bitrate);
  }
}
