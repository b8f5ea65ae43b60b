import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

export type Events = Record<string, unknown[]>;

/** What safeEmit reports when a listener throws (the event's name and the error). */
export type ListenerErrorEvents = {
  listenererror: [eventName: string, error: Error];
};

/**
 * A typed EventEmitter (the pattern mediasoup uses). emit() lets a throwing listener throw into the
 * emitter's caller: for private bookkeeping (`@close`) between a parent and its child. safeEmit() is
 * for events other components listen to: every listener runs, and one that throws is logged (and
 * reported as `listenererror`) instead of failing the operation that emitted.
 */
export class EnhancedEventEmitter<E extends Events> extends EventEmitter {
  readonly #logger: Logger | undefined;

  /** `logger`: where safeEmit logs a throwing listener when nobody listens to `listenererror`. */
  constructor(logger?: Logger) {
    super();
    this.#logger = logger;
    this.setMaxListeners(Infinity);
  }

  override emit<K extends keyof E & string>(eventName: K, ...args: E[K]): boolean {
    return super.emit(eventName, ...args);
  }

  /** Calls every listener of `eventName`; a listener that throws is logged and does not stop the others. */
  safeEmit<K extends keyof E & string>(eventName: K, ...args: E[K]): boolean {
    const listeners = this.rawListeners(eventName) as ((...args: unknown[]) => unknown)[];
    for (const listener of listeners) {
      try {
        listener.apply(this, args);
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        this.#logger?.error({ err: error, eventName }, 'an event listener threw');
        try {
          super.emit('listenererror', eventName, error);
        } catch {
          // A throwing listenererror listener changes nothing: the error is logged already.
        }
      }
    }
    return listeners.length > 0;
  }

  override on<K extends keyof (E & ListenerErrorEvents) & string>(
    eventName: K,
    listener: (...args: (E & ListenerErrorEvents)[K]) => void,
  ): this {
    return super.on(eventName, listener as (...args: unknown[]) => void);
  }

  override once<K extends keyof (E & ListenerErrorEvents) & string>(
    eventName: K,
    listener: (...args: (E & ListenerErrorEvents)[K]) => void,
  ): this {
    return super.once(eventName, listener as (...args: unknown[]) => void);
  }

  override off<K extends keyof (E & ListenerErrorEvents) & string>(
    eventName: K,
    listener: (...args: (E & ListenerErrorEvents)[K]) => void,
  ): this {
    return super.off(eventName, listener as (...args: unknown[]) => void);
  }
}
