import { nodeFull } from '../errors.js';

/** How long a client refused with NODE_FULL should wait before it asks this node again. */
export const NODE_FULL_RETRY_AFTER_MS = 5000;

export interface NodeCapacityOptions {
  /** Participants this node admits in all its channels together. */
  maxParticipants: number;
  /** Participants held now in every channel, joins in flight included. */
  held: () => number;
  /** False when the node cannot take anyone (no live worker, stopping). */
  alive: () => boolean;
}

/**
 * The node's participant limit (VOXLAY_MAX_PARTICIPANTS_PER_NODE): a channel asks admit() before it
 * creates anything for a join, and gets NODE_FULL when every place is taken. Participants are
 * counted where they live (the channels), so nothing here needs releasing.
 */
export class NodeCapacity {
  readonly maxParticipants: number;
  readonly #held: () => number;
  readonly #alive: () => boolean;

  constructor(options: NodeCapacityOptions) {
    this.maxParticipants = options.maxParticipants;
    this.#held = options.held;
    this.#alive = options.alive;
  }

  /** Participants held (joins in flight included). */
  get participants(): number {
    return this.#held();
  }

  /** Whether a join would be admitted now. */
  get acceptingJoins(): boolean {
    return this.#alive() && this.participants < this.maxParticipants;
  }

  /** NODE_FULL when the node holds its limit; call it in the same tick as counting the join. */
  admit(): void {
    if (this.participants >= this.maxParticipants) throw this.refusal();
  }

  /** The NODE_FULL answer (a coded error of ../errors.ts). */
  refusal(): Error {
    return nodeFull(this.maxParticipants, NODE_FULL_RETRY_AFTER_MS);
  }
}
