import type { ActiveSpeakerChange, ActiveSpeakerSetOptions, SpeakerLevel } from './ActiveSpeakerSetTypes.js';

interface Candidate {
  /** Order of becoming a candidate (ties are broken by it, oldest first). */
  readonly order: number;
  /** The last time it was reported loud; undefined when never. */
  lastLoudAt: number | undefined;
  /** When it entered the set (undefined while outside). */
  enteredAt: number | undefined;
  /** Muted: silent, and the last choice to fill a free place. */
  paused: boolean;
}

/** Speakers a listener receives at once when the options name no size. */
export const DEFAULT_LAST_N = 5;
/** How long a member must stay silent before a loud speaker may take its place. */
export const DEFAULT_HOLD_MS = 1500;

/**
 * Last-N selection, pure logic with an injected clock. Candidates are the participants with a
 * producer. The set always holds up to `size` of them: a new candidate enters while there is room;
 * when the set is full, a loud candidate replaces the member silent the longest, but only one
 * silent for at least `holdMs` (nobody is cut mid-word). A muted (paused) member is simply silent:
 * it keeps its place until a loud speaker needs it after the hold time; unmuting counts as being
 * loud (the intent to speak), so it need not wait for a level report. A candidate whose producer
 * closes leaves at once, and the most recently loud candidate outside (unmuted first) fills its place.
 * Every method returns what changed, or undefined.
 */
export class ActiveSpeakerSet {
  readonly size: number;
  readonly holdMs: number;
  readonly #now: () => number;
  readonly #candidates = new Map<string, Candidate>();
  readonly #members = new Set<string>();
  #order = 0;

  constructor(options: ActiveSpeakerSetOptions = {}) {
    const size = options.size ?? DEFAULT_LAST_N;
    const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`size must be a positive integer, got ${size}`);
    if (!(holdMs >= 0)) throw new TypeError(`holdMs must be >= 0, got ${holdMs}`);
    this.size = size;
    this.holdMs = holdMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Members, most recently loud (or entered) first. */
  get ids(): string[] {
    return [...this.#members].sort((a, b) => this.#compareRecent(a, b));
  }

  has(id: string): boolean {
    return this.#members.has(id);
  }

  isCandidate(id: string): boolean {
    return this.#candidates.has(id);
  }

  /** `id` produces: it enters at once when there is room. */
  add(id: string, paused = false): ActiveSpeakerChange | undefined {
    if (this.#candidates.has(id)) return undefined;
    this.#candidates.set(id, { order: this.#order++, lastLoudAt: undefined, enteredAt: undefined, paused });
    if (this.#members.size >= this.size) return undefined;
    this.#enter(id);
    return this.#change([id], []);
  }

  /**
   * `id` muted or unmuted. Muting changes nothing at once (a muted member is silent). Unmuting is the
   * intent to speak: it counts as loud now, so the speaker enters at once when there is room or a
   * member has been silent for the hold time (without waiting for the first level report).
   */
  setPaused(id: string, paused: boolean): ActiveSpeakerChange | undefined {
    const candidate = this.#candidates.get(id);
    if (!candidate || candidate.paused === paused) return undefined;
    candidate.paused = paused;
    return paused ? undefined : this.loud([{ id, volume: 0 }]);
  }

  /** `id` stopped producing (closed, left): it leaves at once and its place is filled. */
  remove(id: string): ActiveSpeakerChange | undefined {
    if (!this.#candidates.delete(id)) return undefined;
    if (!this.#members.delete(id)) return undefined;
    const entered = this.#fill();
    return this.#change(entered, [id]);
  }

  /**
   * Levels reported loud now (an audio level observer's 'volumes'): refreshes them, then lets the
   * loudest candidates outside in, into free room or in place of members silent for the hold time.
   */
  loud(levels: readonly SpeakerLevel[]): ActiveSpeakerChange | undefined {
    const now = this.#now();
    const outside: SpeakerLevel[] = [];
    for (const level of levels) {
      const candidate = this.#candidates.get(level.id);
      if (!candidate) continue;
      candidate.lastLoudAt = now;
      if (!this.#members.has(level.id)) outside.push(level);
    }
    outside.sort((a, b) => b.volume - a.volume);
    const entered: string[] = [];
    const left: string[] = [];
    for (const { id } of outside) {
      if (this.#members.size >= this.size) {
        const evicted = this.#evictable(now);
        if (evicted === undefined) break;
        this.#members.delete(evicted);
        this.#candidates.get(evicted)!.enteredAt = undefined;
        left.push(evicted);
      }
      this.#enter(id);
      entered.push(id);
    }
    return this.#change(entered, left);
  }

  /** The member silent the longest, if it has been silent for at least the hold time. */
  #evictable(now: number): string | undefined {
    let oldest: string | undefined;
    let oldestAt = Number.POSITIVE_INFINITY;
    for (const id of this.#members) {
      const at = this.#lastActive(id);
      if (at < oldestAt) {
        oldest = id;
        oldestAt = at;
      }
    }
    return oldest !== undefined && now - oldestAt >= this.holdMs ? oldest : undefined;
  }

  /** Fills free room with the candidates outside: unmuted first, then most recently loud, then oldest. */
  #fill(): string[] {
    const entered: string[] = [];
    if (this.#members.size >= this.size) return entered;
    const outside = [...this.#candidates.keys()].filter((id) => !this.#members.has(id));
    outside.sort((a, b) => {
      const ca = this.#candidates.get(a)!;
      const cb = this.#candidates.get(b)!;
      return Number(ca.paused) - Number(cb.paused) || (cb.lastLoudAt ?? -Infinity) - (ca.lastLoudAt ?? -Infinity) || ca.order - cb.order;
    });
    for (const id of outside) {
      if (this.#members.size >= this.size) break;
      this.#enter(id);
      entered.push(id);
    }
    return entered;
  }

  #enter(id: string): void {
    this.#members.add(id);
    this.#candidates.get(id)!.enteredAt = this.#now();
  }

  /** The last time a member was loud or entered (a silent newcomer is protected for the hold time too). */
  #lastActive(id: string): number {
    const candidate = this.#candidates.get(id);
    if (!candidate) return Number.NEGATIVE_INFINITY;
    return Math.max(candidate.lastLoudAt ?? Number.NEGATIVE_INFINITY, candidate.enteredAt ?? Number.NEGATIVE_INFINITY);
  }

  #compareRecent(a: string, b: string): number {
    return this.#lastActive(b) - this.#lastActive(a) || this.#candidates.get(a)!.order - this.#candidates.get(b)!.order;
  }

  #change(entered: string[], left: string[]): ActiveSpeakerChange | undefined {
    if (entered.length === 0 && left.length === 0) return undefined;
    return { entered, left, ids: this.ids };
  }
}
