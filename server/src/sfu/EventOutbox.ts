/** One event of a participant's outbox, numbered from 1. */
export interface OutboxMessage<E> {
  seq: number;
  event: E;
}

interface OutboxListener<E> {
  message(message: OutboxMessage<E>): void;
  close(): void;
}

export const DEFAULT_OUTBOX_CAPACITY = 512;

/**
 * A bounded buffer of numbered events with live subscribers. Subscribing replays the buffered
 * events after a given seq, then delivers live ones; iterators finish (after draining what was
 * queued) when the outbox closes.
 */
export class EventOutbox<E> {
  readonly #capacity: number;
  readonly #buffer: OutboxMessage<E>[] = [];
  readonly #listeners = new Set<OutboxListener<E>>();
  #seq = 0;
  #closed = false;

  constructor(capacity: number = DEFAULT_OUTBOX_CAPACITY) {
    this.#capacity = capacity;
  }

  /** The seq of the last event pushed (0 before the first). */
  get seq(): number {
    return this.#seq;
  }

  get closed(): boolean {
    return this.#closed;
  }

  push(event: E): void {
    if (this.#closed) return;
    const message = { seq: ++this.#seq, event };
    this.#buffer.push(message);
    if (this.#buffer.length > this.#capacity) this.#buffer.shift();
    for (const listener of this.#listeners) listener.message(message);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#listeners) listener.close();
    this.#listeners.clear();
  }

  subscribe(afterSeq: number | null | undefined): AsyncIterableIterator<OutboxMessage<E>> {
    const after = afterSeq ?? 0;
    const queue = this.#buffer.filter((message) => message.seq > after);
    const waiting: Array<(result: IteratorResult<OutboxMessage<E>>) => void> = [];
    let done = this.#closed;
    const finish = (): void => {
      done = true;
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    const listener: OutboxListener<E> = {
      message: (message) => {
        const resolve = waiting.shift();
        if (resolve) resolve({ value: message, done: false });
        else queue.push(message);
      },
      close: finish,
    };
    if (!done) this.#listeners.add(listener);

    const iterator: AsyncIterableIterator<OutboxMessage<E>> = {
      next: () => {
        const message = queue.shift();
        if (message) return Promise.resolve({ value: message, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: () => {
        this.#listeners.delete(listener);
        queue.length = 0;
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
