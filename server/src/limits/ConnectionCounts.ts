/**
 * Open connections per key (a client address, an identity), at most `max` each. A key whose last
 * connection closed is forgotten, so the map holds only keys with open connections.
 */
export class ConnectionCounts {
  readonly max: number;
  readonly #counts = new Map<string, number>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new TypeError('max must be a positive integer');
    this.max = max;
  }

  /** Keys with at least one open connection. */
  get size(): number {
    return this.#counts.size;
  }

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  /** Counts one more connection of `key`; false, and nothing counted, when it holds `max` already. */
  open(key: string): boolean {
    const count = this.count(key);
    if (count >= this.max) return false;
    this.#counts.set(key, count + 1);
    return true;
  }

  /** One connection of `key` closed (a key with none is ignored). */
  close(key: string): void {
    const count = this.count(key);
    if (count <= 1) this.#counts.delete(key);
    else this.#counts.set(key, count - 1);
  }
}
