import type { types } from 'mediasoup';
import type { PoolWorker } from '../sfu/PoolWorker.js';
import type { WorkerPool } from '../sfu/WorkerPool.js';
import { SCORES, type ConsumerSink, type DtlsStateLabel, type TrackedDirection, type TransportFailureReason } from './MediaTrackerTypes.js';

type State = 'active' | 'paused';

/** A stream's place in the counts: its state, and its score while it is active (undefined: none reported yet). */
interface StreamEntry {
  state: State;
  score: number | undefined;
}

/**
 * Follows the media objects of a WorkerPool through mediasoup's observer events (worker → router →
 * WebRTC transport → producer and consumer) and keeps their counts up to date as they are created,
 * change state and close, so a /metrics scrape reads numbers instead of walking every object or
 * asking the workers. Only client-facing (WebRTC) transports and their producers and consumers
 * count; the pipes between a channel's routers do not. Create it right after the pool, before any
 * router exists: objects made before it are not seen.
 */
export class MediaTracker {
  readonly #pool: WorkerPool;
  readonly #sink: ConsumerSink | undefined;
  #routers = 0;
  /** Transports by `${direction}:${dtlsState}`. */
  readonly #transports = new Map<string, number>();
  readonly #transportsCreated = new Map<TrackedDirection, number>();
  /** Failures by `${direction}:${reason}`. */
  readonly #failures = new Map<string, number>();
  readonly #producers = { active: 0, paused: 0 };
  readonly #consumers = { active: 0, paused: 0 };
  /** Active producers and consumers by their last reported score (index 0..10). */
  readonly #producerScores = new Array<number>(SCORES).fill(0);
  readonly #consumerScores = new Array<number>(SCORES).fill(0);
  readonly #attached = new WeakSet<types.Worker>();
  #closed = false;

  constructor(pool: WorkerPool, sink?: ConsumerSink) {
    this.#pool = pool;
    this.#sink = sink;
    for (const worker of pool.workers) this.#attachWorker(worker);
    pool.on('workerreplaced', this.#onWorkerReplaced);
  }

  get routers(): number {
    return this.#routers;
  }

  /** Open WebRTC transports with this direction and DTLS state. */
  transports(direction: TrackedDirection, dtlsState: DtlsStateLabel): number {
    return this.#transports.get(`${direction}:${dtlsState}`) ?? 0;
  }

  /** WebRTC transports created so far (a counter). */
  transportsCreated(direction: TrackedDirection): number {
    return this.#transportsCreated.get(direction) ?? 0;
  }

  /** Transport failures so far (a counter). */
  transportFailures(direction: TrackedDirection, reason: TransportFailureReason): number {
    return this.#failures.get(`${direction}:${reason}`) ?? 0;
  }

  producers(state: State): number {
    return this.#producers[state];
  }

  consumers(state: State): number {
    return this.#consumers[state];
  }

  /** Active (unpaused) producers whose inbound stream has this score. */
  producersWithScore(score: number): number {
    return this.#producerScores[score] ?? 0;
  }

  /** Active consumers whose outbound stream has this score. */
  consumersWithScore(score: number): number {
    return this.#consumerScores[score] ?? 0;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pool.off('workerreplaced', this.#onWorkerReplaced);
  }

  readonly #onWorkerReplaced = (slot: PoolWorker): void => {
    if (!this.#closed) this.#attachWorker(slot);
  };

  #attachWorker(slot: PoolWorker): void {
    const worker = slot.worker;
    if (this.#attached.has(worker)) return;
    this.#attached.add(worker);
    worker.observer.on('newrouter', (router) => {
      this.#routers += 1;
      router.observer.once('close', () => (this.#routers -= 1));
      router.observer.on('newtransport', (transport) => {
        if (transport.type === 'webrtc') this.#trackTransport(transport as types.WebRtcTransport);
      });
    });
  }

  #trackTransport(transport: types.WebRtcTransport): void {
    const direction: TrackedDirection = (transport.appData as { direction?: string }).direction === 'SEND' ? 'send' : 'recv';
    bump(this.#transportsCreated, direction, 1);
    let dtlsState = transport.dtlsState;
    let iceConnected = false;
    bump(this.#transports, `${direction}:${dtlsState}`, 1);
    const fail = (reason: TransportFailureReason) => bump(this.#failures, `${direction}:${reason}`, 1);
    transport.observer.on('dtlsstatechange', (state) => {
      bump(this.#transports, `${direction}:${dtlsState}`, -1);
      bump(this.#transports, `${direction}:${state}`, 1);
      dtlsState = state;
      if (state === 'failed') fail('dtls_failed');
    });
    transport.observer.on('icestatechange', (state) => {
      if (state === 'connected' || state === 'completed') iceConnected = true;
      else if (state === 'disconnected' && iceConnected) fail('ice_disconnected');
    });
    transport.observer.once('close', () => {
      bump(this.#transports, `${direction}:${dtlsState}`, -1);
      if (!iceConnected && (transport.appData as { connectRequested?: boolean }).connectRequested) fail('never_connected');
    });
    transport.observer.on('newproducer', (producer) => this.#trackProducer(producer));
    transport.observer.on('newconsumer', (consumer) => this.#trackConsumer(consumer));
  }

  #trackProducer(producer: types.Producer): void {
    const entry: StreamEntry = { state: producer.paused ? 'paused' : 'active', score: producerScore(producer.score) };
    this.#enter(this.#producers, this.#producerScores, entry);
    const update = (next: Partial<StreamEntry>) => this.#move(this.#producers, this.#producerScores, entry, next);
    producer.observer.on('pause', () => update({ state: 'paused' }));
    producer.observer.on('resume', () => update({ state: 'active' }));
    producer.observer.on('score', (scores) => update({ score: producerScore(scores) }));
    producer.observer.once('close', () => this.#leave(this.#producers, this.#producerScores, entry));
  }

  #trackConsumer(consumer: types.Consumer): void {
    const stateOf = (): State => (consumer.paused || consumer.producerPaused ? 'paused' : 'active');
    const entry: StreamEntry = { state: stateOf(), score: clampScore(consumer.score.score) };
    this.#enter(this.#consumers, this.#consumerScores, entry);
    const update = (next: Partial<StreamEntry>) => this.#move(this.#consumers, this.#consumerScores, entry, next);
    // mediasoup's observer says 'pause'/'resume' for the consumer's own pause and for its producer's.
    consumer.observer.on('pause', () => update({ state: stateOf() }));
    consumer.observer.on('resume', () => update({ state: stateOf() }));
    consumer.observer.on('score', (score) => update({ score: clampScore(score.score) }));
    consumer.observer.once('close', () => this.#leave(this.#consumers, this.#consumerScores, entry));
    this.#sink?.add(consumer);
  }

  #enter(states: Record<State, number>, scores: number[], entry: StreamEntry): void {
    states[entry.state] += 1;
    if (entry.state === 'active' && entry.score !== undefined) scores[entry.score]! += 1;
  }

  #leave(states: Record<State, number>, scores: number[], entry: StreamEntry): void {
    states[entry.state] -= 1;
    if (entry.state === 'active' && entry.score !== undefined) scores[entry.score]! -= 1;
  }

  #move(states: Record<State, number>, scores: number[], entry: StreamEntry, next: Partial<StreamEntry>): void {
    this.#leave(states, scores, entry);
    Object.assign(entry, next);
    this.#enter(states, scores, entry);
  }
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** An audio producer has one encoding: its score, or undefined before the first report. */
function producerScore(scores: types.ProducerScore[]): number | undefined {
  const score = scores[0]?.score;
  return score === undefined ? undefined : clampScore(score);
}

function clampScore(score: number): number {
  return Math.max(0, Math.min(SCORES - 1, Math.round(score)));
}
