import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';

/** How an event's detail travels as a Redis message (cluster/lobbyEventWire.ts's eventSerializer). */
export interface EventSerializer {
  stringify(detail: unknown): string;
  parse(message: string): unknown;
}

export interface NodeEventTargetOptions {
  /** This node: its own messages coming back from Redis are not delivered twice. */
  nodeId: string;
  publishClient: Redis;
  subscribeClient: Redis;
  serializer: EventSerializer;
}

/** The event target yoga's createPubSub takes (what the kept Redis one is). */
type TypedEventTarget<TEvent extends CustomEvent> = ReturnType<typeof createRedisEventTarget<TEvent>>;
type Listener = ((event: CustomEvent) => void) | { handleEvent(event: CustomEvent): void };

const ORIGIN_MEMBER = ',"origin":';

/** `json` (a JSON object with at least one member, as the event serializer writes) with `"origin": nodeId` added last. */
function withOrigin(json: string, nodeId: string): string {
  return `${json.slice(0, -1)}${ORIGIN_MEMBER}${JSON.stringify(nodeId)}}`;
}

/** The event's JSON without its origin member, and the origin ('' from a node of an earlier version). */
function splitOrigin(message: string): { body: string; origin: string } {
  const at = message.lastIndexOf(ORIGIN_MEMBER);
  if (at < 0 || !message.endsWith('"}')) return { body: message, origin: '' };
  return { body: `${message.slice(0, at)}}`, origin: JSON.parse(message.slice(at + ORIGIN_MEMBER.length, -1)) as string };
}

/** A message from Redis: which node published it, and the event's detail. */
interface Envelope {
  origin: string;
  detail: unknown;
}

/**
 * The event target of the cluster's GraphQL pub/sub. An event published on this node reaches this
 * node's subscribers at once, in process, and the other nodes' over Redis pub/sub (the kept
 * @graphql-yoga/redis-event-target); what comes back from Redis that this node published is dropped.
 * So a Redis outage (a restart, a Sentinel failover) loses an event only for the other nodes' subscribers,
 * never for those on the node where it happened, and those get it without a round trip through Redis.
 * On the wire the origin is one more member at the end of the event's JSON object (`"origin"`), which a
 * node of an earlier version reads past.
 */
export class NodeEventTarget {
  readonly #nodeId: string;
  readonly #local = new EventTarget();
  readonly #redis: TypedEventTarget<CustomEvent<Envelope>>;
  /** Per topic, each listener's wrapper on the Redis side (unwraps, skips our own). */
  readonly #fromOthers = new Map<string, Map<Listener, (event: CustomEvent<Envelope>) => void>>();

  constructor({ nodeId, publishClient, subscribeClient, serializer }: NodeEventTargetOptions) {
    this.#nodeId = nodeId;
    this.#redis = createRedisEventTarget<CustomEvent<Envelope>>({
      publishClient,
      subscribeClient,
      serializer: {
        stringify: (detail) => withOrigin(serializer.stringify(detail), nodeId),
        parse: (message): Envelope => {
          const { body, origin } = splitOrigin(message);
          return { origin, detail: serializer.parse(body) };
        },
      },
    });
  }

  addEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    let wrappers = this.#fromOthers.get(type);
    if (wrappers?.has(listener)) return;
    this.#local.addEventListener(type, listener as EventListenerOrEventListenerObject);
    const wrapper = (event: CustomEvent<Envelope>): void => {
      if (event.detail.origin === this.#nodeId) return;
      const unwrapped = new CustomEvent(type, { detail: event.detail.detail });
      if (typeof listener === 'function') listener(unwrapped);
      else listener.handleEvent(unwrapped);
    };
    if (!wrappers) {
      wrappers = new Map();
      this.#fromOthers.set(type, wrappers);
    }
    wrappers.set(listener, wrapper);
    this.#redis.addEventListener(type, wrapper);
  }

  removeEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    this.#local.removeEventListener(type, listener as EventListenerOrEventListenerObject);
    const wrappers = this.#fromOthers.get(type);
    const wrapper = wrappers?.get(listener);
    if (!wrappers || !wrapper) return;
    wrappers.delete(listener);
    if (wrappers.size === 0) this.#fromOthers.delete(type);
    this.#redis.removeEventListener(type, wrapper);
  }

  /** Delivers `event` to this node's subscribers now, and publishes it for the other nodes. */
  dispatchEvent(event: CustomEvent): boolean {
    this.#local.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
    return this.#redis.dispatchEvent(event as CustomEvent<Envelope>);
  }
}
