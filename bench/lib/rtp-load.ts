// The capacity load generator, light enough not to be the bottleneck, driving real WebRTC
// participants on an SFU path (capacity-sfu.ts: Voxlay over GraphQL, or raw mediasoup):
//  - the source (rtp-source.ts) sends `speakers` streams from a child process to PlainTransports of
//    worker G1: audio (Opus-sized RTP with the ssrc-audio-level header extension) or video (VP8
//    frames); it can pause, so a measurement knows exactly how many packets each stream carried;
//  - each speaker (video: each streamer) is a participant of the path whose send WebRtcTransport is
//    connected, through the ICE relay (capacity-relay.ts), to a peer WebRtcTransport in G1 that
//    consumes its source stream: G1 encrypts (SRTP, keys from the DTLS handshake), the SFU producer
//    receives real SRTP; audio listeners receive the active speakers (last-N), video viewers watch
//    every stream (watchStream on Voxlay, a consumer per stream on raw mediasoup);
//  - every participant's receive WebRtcTransport is connected the same way to a peer in worker G2
//    (which only does the DTLS handshake). The relay counts the RTP the SFU sends to a sample of
//    listeners (the first 20 participants, then one in 25); the others are parked on never-read
//    sockets (capacity-drop-sink.ts), where the kernel drops what the SFU sends at no CPU cost to the
//    generator. The SFU does the same work for both; only the counting is sampled.
import { readFileSync } from 'node:fs';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import { iceEndpoint, IceRelay, type RelayCounts } from './capacity-relay.js';
import type { SfuParticipant, SfuPath, TransportInfo } from './capacity-sfu.js';
import { sleep, withTimeout } from './config.js';
import { RtpSource, type SourceCount, type SourceMedia } from './rtp-source.js';
import type { Vp8Profile } from './rtp-vp8.js';

/**
 * Base level (-dBov) of the speakers the active set should hold (speech), and of the others
 * (background noise under Voxlay's -70 dBov threshold: the level observer reads every packet of theirs
 * but never reports them loud, so they never compete for the set, even when the worker falls behind).
 */
const LOUD_LEVEL = 15;
const QUIET_LEVEL = 80;
/** Sampled participants: the first ones, then one in this many (audio; video passes its own). */
const AUDIO_SAMPLING: Sampling = { first: 20, every: 25 };
const JOIN_CONCURRENCY = 24;
const DTLS_TIMEOUT_MS = 10_000;
const MAX_FAILED_JOINS = 20;
const ACTIVE_SET_TIMEOUT_MS = 15_000;

/**
 * Port ranges of the capacity suite (the SFU's WebRtcTransports hold a UDP and a TCP port each, so a
 * range of N ports carries N transports: about N / 2 participants).
 */
export const CAPACITY_PORTS = {
  app: { min: 52000, max: 54499 },
  raw: { min: 54500, max: 56999 },
  generator: { min: 57000, max: 57999 },
};
const GENERATOR_LISTEN: types.TransportListenInfo = { protocol: 'udp', ip: '127.0.0.1', portRange: CAPACITY_PORTS.generator };

/** UDP datagrams the kernel dropped because a receive buffer was full (whole machine, /proc/net/snmp). */
export function udpReceiveBufferErrors(): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const head = lines[0]!.split(/\s+/);
  const values = lines[1]!.split(/\s+/);
  return Number(values[head.indexOf('RcvbufErrors')]);
}

/** Kernel receive drops per local UDP port (the "drops" column of /proc/net/udp). */
export function udpDropsByPort(): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 13) continue;
    const port = parseInt(f[1]!.split(':')[1]!, 16);
    out.set(port, (out.get(port) ?? 0) + Number(f[f.length - 1]));
  }
  return out;
}

/** Drops between two readings, summed over the ports `include` accepts. */
export function dropsWhere(before: Map<number, number>, after: Map<number, number>, include: (port: number) => boolean): number {
  let sum = 0;
  for (const [port, n] of after) if (include(port)) sum += Math.max(0, n - (before.get(port) ?? 0));
  return sum;
}

/** Which receiving participants the relay counts: the first `first`, then one in `every`. */
export interface Sampling {
  first: number;
  every: number;
}

interface LoadParticipant {
  index: number;
  participant: SfuParticipant;
  /** Relay pairs of the send (speakers) and receive transports. */
  pairs: number[];
  /** The receive side's relay pair while its RTP is counted (a sampled participant). */
  countedPair?: number | undefined;
  /** Generator-side peer transports to close on detach. */
  peers: types.WebRtcTransport[];
}

/** Counters read while the source is paused (so each is exact): the load's side and the SFU's own. */
export interface LoadSnapshot {
  /** Packets the source sent, per stream, and its pacing units (audio: packets; video: frames). */
  sent: number;
  units: number;
  /** Video: key frames the source sent per stream (on schedule and on request); audio: 0. */
  keyFrames: number;
  /** Streams the consumers carry: the active (loud) speakers'. */
  activeStreams: number;
  /** Packets G1's source producers of those streams received from Node. */
  source: number;
  /** Packets the SFU's producers of those streams received. */
  ingest: number;
  /** Packets the SFU's consumers sent: all of them, the synthetic participants', the sampled participants'. */
  forwarded: number;
  /** Bytes the SFU's consumers sent (all of them). */
  forwardedBytes: number;
  syntheticForwarded: number;
  sampledForwarded: number;
  /** Of the synthetic consumers: those on the speakers' router, and those on other routers (fed through pipes). */
  homeForwarded: number;
  homeConsumers: number;
  /** Local UDP ports of the synthetic participants' SFU transports (the SFU's other sockets are pipes). */
  transportPorts: number[];
  /** RTP datagrams the relay received for the sampled participants. */
  sink: number;
  /** Consumer objects in the SFU: all (Chromium pages included), the synthetic participants', the sampled ones'. */
  consumers: number;
  syntheticConsumers: number;
  sampledConsumers: number;
  /** getStats() requests that failed (their counts are missing from the sums). */
  statErrors: number;
  relay: RelayCounts;
  /** ICE disconnections and DTLS failures of those transports so far. */
  transportDrops: number;
  /** The synthetic participants' connected transports (ICE, DTLS and which tuple each sends to). */
  transports: { connected: number; iceUp: number; dtlsUp: number; toRelay: number; toParked: number };
}

type Stats = { getStats(): Promise<Array<{ type: string; packetCount?: number; byteCount?: number }>> };
/** The packet and byte counts of `o`'s stats entries of `type`; NaN when getStats failed. */
const counts = async (o: Stats, type: string): Promise<{ packets: number; bytes: number }> => {
  const stats = await o.getStats().catch(() => undefined);
  if (!stats) return { packets: Number.NaN, bytes: Number.NaN };
  const mine = stats.filter((s) => s.type === type);
  return { packets: mine.reduce((n, s) => n + (s.packetCount ?? 0), 0), bytes: mine.reduce((n, s) => n + (s.byteCount ?? 0), 0) };
};
const stat = async (o: Stats, type: string): Promise<number> => (await counts(o, type)).packets;
const sum = (values: number[]): number => values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);

/** Runs `work` over `items`, `lanes` at a time; on a failure, starts nothing more, lets the running ones finish, then throws it. */
async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      while (next < items.length && !failure) {
        const i = next++;
        try {
          out[i] = await work(items[i]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return out;
}

export class RtpLoad {
  readonly g1: types.Worker;
  readonly g2: types.Worker;
  readonly relay: IceRelay;
  /** Sending participants, one source stream each: speakers (audio) or streamers (video). */
  readonly speakers: number;
  readonly #r1: types.Router;
  readonly #r2: types.Router;
  readonly #s1: types.WebRtcServer;
  readonly #s2: types.WebRtcServer;
  readonly #source: RtpSource;
  readonly #sampling: Sampling;
  #path?: SfuPath | undefined;
  #speakers: LoadParticipant[] = [];
  #listeners: LoadParticipant[] = [];
  #nextIndex = 0;
  /** Time spent per phase of connecting a listener (sum of ms, count), for the log. */
  readonly timings = new Map<string, { ms: number; n: number }>();

  #time(phase: string, since: number): number {
    const now = performance.now();
    const t = this.timings.get(phase) ?? { ms: 0, n: 0 };
    t.ms += now - since;
    t.n++;
    this.timings.set(phase, t);
    return now;
  }

  /** "join 12 ms, ice 3 ms, ..." (mean per listener since the last call), and resets. */
  takeTimings(): string {
    const out = [...this.timings].map(([k, t]) => `${k} ${(t.ms / Math.max(t.n, 1)).toFixed(0)} ms`).join(', ');
    this.timings.clear();
    return out;
  }

  /** Listeners of this pass that could not connect (they left again). */
  failedJoins: string[] = [];

  private constructor(
    source: RtpSource,
    sampling: Sampling,
    g1: types.Worker,
    r1: types.Router,
    s1: types.WebRtcServer,
    g2: types.Worker,
    r2: types.Router,
    s2: types.WebRtcServer,
  ) {
    this.#source = source;
    this.#sampling = sampling;
    this.speakers = source.producers.length;
    this.g1 = g1;
    this.#r1 = r1;
    this.#s1 = s1;
    this.g2 = g2;
    this.#r2 = r2;
    this.#s2 = s2;
    this.relay = IceRelay.start();
  }

  /** `loud` speakers (the first ones) at a loud speech level, the others quieter: the active set holds the loud ones. */
  static async create(speakers: number, loud: number): Promise<RtpLoad> {
    const levels = Array.from({ length: speakers }, (_, i) => (i < loud ? LOUD_LEVEL + i : QUIET_LEVEL + i));
    return RtpLoad.#create((router) => RtpSource.audio(router, GENERATOR_LISTEN, levels), AUDIO_SAMPLING);
  }

  /** `streams` streamers, each sharing a VP8 screen of `profile`; every viewer watches every stream. */
  static async createVideo(streams: number, profile: Vp8Profile, sampling: Sampling): Promise<RtpLoad> {
    return RtpLoad.#create((router) => RtpSource.video(router, GENERATOR_LISTEN, streams, profile), sampling);
  }

  static async #create(source: (router: types.Router) => Promise<RtpSource>, sampling: Sampling): Promise<RtpLoad> {
    const worker = async () => {
      const w = await mediasoup.createWorker({ logLevel: 'error' });
      const router = await w.createRouter({ mediaCodecs });
      const server = await w.createWebRtcServer({ listenInfos: [GENERATOR_LISTEN] });
      return { w, router, server };
    };
    const a = await worker();
    const b = await worker();
    return new RtpLoad(await source(a.router), sampling, a.w, a.router, a.server, b.w, b.router, b.server);
  }

  /** What the source sends (audio or video) and at what rate. */
  get media(): SourceMedia {
    return this.#source.media;
  }

  get source(): Pick<RtpSource, 'unitsPerSecond' | 'packetsPerSecond'> {
    return this.#source;
  }

  /** Consumers the SFU made for the synthetic participants (as their clients know them). */
  get consumers(): number {
    return [...this.#speakers, ...this.#listeners].reduce((n, p) => n + p.participant.consumerCount, 0);
  }

  get participants(): number {
    return this.#speakers.length + this.#listeners.length;
  }

  /** The synthetic speakers' participant ids, in join order (the loud ones first). */
  get speakerIds(): string[] {
    return this.#speakers.map((s) => s.participant.id);
  }

  /** The source process's pid (its CPU is reported). */
  get sourcePid(): number {
    return this.#source.pid;
  }

  /** Tells the source to pause, resume or just report; resolves with what it sent per stream so far. */
  sourceCommand(cmd: 'pause' | 'resume' | 'count'): Promise<SourceCount> {
    return this.#source.command(cmd);
  }

  /**
   * Joins the speakers to `path` in order (the loud ones first, so they fill the active set), each
   * sending its source stream through a connected send transport; once the active set holds the
   * loud speakers and every speaker has its consumers, connects their receive transports. Video: the
   * streamers share their screens (source SCREEN), and nobody receives a stream until it watches it.
   */
  async attach(path: SfuPath): Promise<void> {
    await this.detach();
    this.#path = path;
    this.#nextIndex = 0;
    for (let i = 0; i < this.speakers; i++) {
      const index = this.#nextIndex++;
      const participant = await path.join(`${this.media === 'audio' ? 'Speaker' : 'Streamer'} ${i}`, true);
      const entry: LoadParticipant = { index, participant, pairs: [], peers: [] };
      this.#speakers.push(entry);
      const peer = await this.#r1.createWebRtcTransport({
        webRtcServer: this.#s1,
        enableUdp: true,
        enableTcp: false,
        iceConsentTimeout: 0,
      });
      entry.peers.push(peer);
      entry.pairs.push(await this.relay.open('speaker', iceEndpoint(participant.send), iceEndpoint(peer)));
      await this.#handshake(peer, participant.send, (d) => participant.connectSend(d));
      const consumer = await peer.consume({
        producerId: this.#source.producers[i]!.id,
        rtpCapabilities: path.routerRtpCapabilities,
        paused: true,
      });
      this.#streamIds.push(await participant.produce(consumer.rtpParameters, this.media === 'audio' ? 'MICROPHONE' : 'SCREEN'));
      await consumer.resume();
    }
    if (this.media === 'audio') await this.#activeSetHoldsTheLoudSpeakers(path);
    for (const speaker of this.#speakers) await this.#connectReceive(speaker);
  }

  /** The producers of the streams every listener receives: the speakers' or streamers', in order. */
  readonly #streamIds: string[] = [];

  async #activeSetHoldsTheLoudSpeakers(path: SfuPath): Promise<void> {
    const loud = this.speakerIds.slice(0, path.lastN).sort().join();
    const wanted = (i: number) => Math.min(path.lastN, this.speakers) - (i < path.lastN ? 1 : 0);
    const ready = () =>
      [...path.activeSpeakers().ids].sort().join() === loud && this.#speakers.every((s, i) => s.participant.consumerCount === wanted(i));
    for (const t0 = performance.now(); !ready(); await sleep(50)) {
      if (performance.now() - t0 > ACTIVE_SET_TIMEOUT_MS) {
        throw new Error(
          `the active set did not come to hold the ${path.lastN} loud speakers with each speaker its consumers in ${ACTIVE_SET_TIMEOUT_MS} ms (set: ${path.activeSpeakers().ids.length} members)`,
        );
      }
    }
  }

  /** Streams (consumers) one listener receives: the active speakers (last-N), or every stream watched. */
  #perListener(path: SfuPath): number {
    return this.media === 'audio' ? Math.min(path.lastN, this.speakers) : this.speakers;
  }

  /** Participant ids of the speakers (streamers) whose streams the consumers carry: the loud ones, or every streamer. */
  #carriedIds(path: SfuPath): string[] {
    return this.#speakers.slice(0, this.#perListener(path)).map((s) => s.participant.id);
  }

  /** Adds listeners until the synthetic participants hold at least `consumers` consumers. */
  async grow(consumers: number): Promise<void> {
    const path = this.#path;
    if (!path) throw new Error('attach first');
    const perListener = this.#perListener(path);
    while (this.consumers < consumers) {
      const missing = Math.ceil((consumers - this.consumers) / perListener);
      const batch = Array.from({ length: Math.min(missing, JOIN_CONCURRENCY * 4) }, () => this.#nextIndex++);
      await inLanes(batch, JOIN_CONCURRENCY, async (index) => {
        let t0 = performance.now();
        const participant = await path.join(`${this.media === 'audio' ? 'Listener' : 'Viewer'} ${index}`, false);
        t0 = this.#time('join', t0);
        const entry: LoadParticipant = { index, participant, pairs: [], peers: [] };
        try {
          if (this.media === 'video') {
            await participant.watch(this.#streamIds);
            t0 = this.#time('watch', t0);
          }
          await this.#connectReceive(entry);
          this.#listeners.push(entry);
        } catch (error) {
          // A listener that could not connect leaves again; it is counted, and too many end the pass.
          this.failedJoins.push(error instanceof Error ? error.message : String(error));
          await this.#release(entry);
          if (this.failedJoins.length > MAX_FAILED_JOINS)
            throw new Error(`${this.failedJoins.length} listeners could not connect; the last: ${this.failedJoins.at(-1)}`);
        }
      });
    }
  }

  /** Connects a participant's receive transport through the relay; then counts it (sampled) or parks it. */
  async #connectReceive(entry: LoadParticipant): Promise<void> {
    let t = performance.now();
    const peer = await this.#r2.createWebRtcTransport({ webRtcServer: this.#s2, enableUdp: true, enableTcp: false, iceConsentTimeout: 0 });
    entry.peers.push(peer);
    const pair = await this.relay.open('listener', iceEndpoint(entry.participant.recv), iceEndpoint(peer));
    entry.pairs.push(pair);
    t = this.#time('ice', t);
    await this.#handshake(peer, entry.participant.recv, (d) => entry.participant.connectRecv(d));
    t = this.#time('dtls', t);
    if (entry.index < this.#sampling.first || entry.index % this.#sampling.every === 0) {
      entry.countedPair = pair;
    } else {
      await this.relay.park(pair);
      peer.close();
      this.#time('park', t);
    }
  }

  /** The SFU side connects first (DTLS server), then the generator's peer (DTLS client) starts the handshake. */
  async #handshake(peer: types.WebRtcTransport, sfu: TransportInfo, connectSfu: (d: types.DtlsParameters) => Promise<void>): Promise<void> {
    await connectSfu({ role: 'client', fingerprints: peer.dtlsParameters.fingerprints });
    const connected = new Promise<void>((resolve, reject) => {
      peer.on('dtlsstatechange', (state) => {
        if (state === 'connected') resolve();
        else if (state === 'failed' || state === 'closed') reject(new Error(`DTLS ${state}`));
      });
    });
    await peer.connect({ dtlsParameters: { role: 'server', fingerprints: sfu.dtlsParameters.fingerprints } });
    await withTimeout(connected, DTLS_TIMEOUT_MS, 'DTLS handshake through the relay');
  }

  /**
   * With the source paused: waits until the packets in flight have arrived (the generator's, the SFU's
   * ingest and the relay's counts stay the same over 100 ms; a starved process may hold some back
   * for a while), at most `timeoutMs`. Resolves with the time it took.
   */
  async quiesce(timeoutMs: number): Promise<number> {
    const t0 = performance.now();
    const ids = new Set(this.speakerIds);
    const read = async () => {
      const producers = (this.#path?.objects() ?? []).filter((o) => ids.has(o.id)).flatMap((o) => (o.producer ? [o.producer] : []));
      const counts = await Promise.all([...this.#source.producers, ...producers].map((p) => stat(p, 'inbound-rtp')));
      const relay = await this.relay.counts();
      return `${counts.join()}|${Object.values(relay.rtp).reduce((a, b) => a + b, 0)}`;
    };
    let last = await read();
    while (performance.now() - t0 < timeoutMs) {
      await sleep(100);
      const now = await read();
      if (now === last) break;
      last = now;
    }
    return performance.now() - t0;
  }

  /** Every counter, read with the source paused (see LoadSnapshot). */
  async snapshot(count: SourceCount): Promise<LoadSnapshot> {
    const path = this.#path;
    if (!path) throw new Error('attach first');
    const ours = new Map([...this.#speakers, ...this.#listeners].map((p) => [p.participant.id, p]));
    const objects = path.objects();
    // What every consumer carries: the active speakers' streams (the first lastN speakers, the loud
    // ones), or every streamer's stream.
    const active = this.#carriedIds(path);
    const byId = new Map(objects.map((o) => [o.id, o]));
    const [source, ingest] = await Promise.all([
      inLanes(this.#source.producers.slice(0, active.length), 16, (p) => stat(p, 'inbound-rtp')),
      inLanes(active, 16, async (id) => {
        const producer = byId.get(id)?.producer;
        return producer ? stat(producer, 'inbound-rtp') : 0;
      }),
    ]);
    const home = byId.get(active[0] ?? '')?.routerId;
    const consumerRows = objects.flatMap((o) => o.consumers.map((consumer) => ({ id: o.id, routerId: o.routerId, consumer })));
    const sentByConsumer = await inLanes(consumerRows, 32, (row) => counts(row.consumer, 'outbound-rtp'));
    const packets = sentByConsumer.map((c) => c.packets);
    const relay = await this.relay.counts();
    const parked = new Set(relay.parkedPorts);
    const relayPorts = new Set(relay.relayPorts);
    const snap: LoadSnapshot = {
      sent: count.sent,
      units: count.units,
      keyFrames: count.keyFrames,
      activeStreams: active.length,
      source: sum(source),
      ingest: sum(ingest),
      forwarded: 0,
      forwardedBytes: sum(sentByConsumer.map((c) => c.bytes)),
      syntheticForwarded: 0,
      sampledForwarded: 0,
      homeForwarded: 0,
      homeConsumers: 0,
      transportPorts: [],
      sink: 0,
      consumers: consumerRows.length,
      syntheticConsumers: 0,
      sampledConsumers: 0,
      statErrors: [...source, ...ingest, ...packets].filter((n) => !Number.isFinite(n)).length,
      relay,
      transportDrops: 0,
      transports: { connected: 0, iceUp: 0, dtlsUp: 0, toRelay: 0, toParked: 0 },
    };
    consumerRows.forEach((row, i) => {
      const n = Number.isFinite(packets[i]) ? packets[i]! : 0;
      snap.forwarded += n;
      const entry = ours.get(row.id);
      if (!entry) return;
      snap.syntheticForwarded += n;
      snap.syntheticConsumers++;
      if (row.routerId === home) {
        snap.homeForwarded += n;
        snap.homeConsumers++;
      }
      if (entry.countedPair !== undefined) {
        snap.sampledForwarded += n;
        snap.sampledConsumers++;
      }
    });
    for (const entry of ours.values()) if (entry.countedPair !== undefined) snap.sink += relay.rtp[entry.countedPair] ?? 0;
    for (const o of objects) {
      if (!ours.has(o.id)) continue;
      for (const t of o.transports) {
        for (const c of t.iceCandidates) if (c.protocol === 'udp') snap.transportPorts.push(c.port);
        if (t.closed || t.iceState === 'new') continue;
        this.#watch(t);
        snap.transports.connected++;
        if (t.iceState === 'completed' || t.iceState === 'connected') snap.transports.iceUp++;
        if (t.dtlsState === 'connected') snap.transports.dtlsUp++;
        const remote = t.iceSelectedTuple?.remotePort;
        if (remote !== undefined && parked.has(remote)) snap.transports.toParked++;
        else if (remote !== undefined && relayPorts.has(remote)) snap.transports.toRelay++;
      }
    }
    snap.transportDrops = this.#transportDrops;
    return snap;
  }

  /** Consumers on the path that belong to no synthetic participant (the Chromium pages'). */
  otherConsumers(): number {
    const ours = new Set([...this.#speakers, ...this.#listeners].map((p) => p.participant.id));
    return (this.#path?.objects() ?? []).filter((o) => !ours.has(o.id)).reduce((n, o) => n + o.consumers.length, 0);
  }

  /** ICE disconnections and DTLS failures of the synthetic participants' SFU transports (watched from their first snapshot on). */
  get transportDrops(): number {
    return this.#transportDrops;
  }

  #transportDrops = 0;
  readonly #watched = new WeakSet<types.WebRtcTransport>();

  #watch(transport: types.WebRtcTransport): void {
    if (this.#watched.has(transport)) return;
    this.#watched.add(transport);
    transport.observer.on('icestatechange', (state) => {
      if (state === 'disconnected') this.#transportDrops++;
    });
    transport.observer.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') this.#transportDrops++;
    });
  }

  /** Every synthetic participant leaves (listeners first, so the active set holds until the speakers go). */
  async detach(): Promise<void> {
    const all = [...this.#listeners.reverse(), ...this.#speakers.reverse()];
    this.#listeners = [];
    this.#speakers = [];
    this.#streamIds.length = 0;
    await inLanes(all, 32, (entry) => this.#release(entry));
    this.#path = undefined;
    this.failedJoins = [];
  }

  async #release(entry: LoadParticipant): Promise<void> {
    await entry.participant.leave().catch(() => undefined);
    for (const peer of entry.peers) peer.close();
    for (const pair of entry.pairs) await this.relay.close(pair).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.detach().catch(() => undefined);
    this.#source.close();
    this.relay.stop();
    this.g1.close();
    this.g2.close();
  }
}
