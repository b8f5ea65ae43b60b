// The capacity load generator, light enough not to be the bottleneck:
//  - a Node process (rtp-source-child.ts) sends `speakers` streams of Opus-sized RTP (it can pause,
//    so a measurement knows exactly how many packets each stream carried) to
//  - worker G1 (mediasoup), which encrypts them (SRTP AES-128-GCM) into the SFU, one PlainTransport
//    per speaker (a WebRTC speaker has its own transport and socket too);
//  - every listener is an SFU PlainTransport (SRTP AES-128-GCM) consuming every speaker. A sample
//    of listeners (the first 20, then one in 10) sends to worker G2, where producers without SRTP
//    count packets and losses by sequence number (an SRTP packet's RTP header is in clear, so G2
//    never decrypts); the others send to a socket that is never read, where the kernel drops them
//    (capacity-drop-sink.ts: cheaper than a closed port, whose ICMP replies the SFU would pay for).
//    The SFU does the same work for both (encrypt, send); only the counting is sampled.
import { fork, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import { DropSink } from './capacity-drop-sink.js';

const SUITE: types.SrtpCryptoSuite = 'AEAD_AES_128_GCM';
const PT = 100;
export const PACKETS_PER_SECOND = 50;
const SOURCE_CHILD = fileURLToPath(new URL('./rtp-source-child.ts', import.meta.url));

/** Opus only, no header extensions: what the plain endpoints negotiate. */
const CAPS: types.RtpCapabilities = {
  codecs: [{ kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: PT, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 }, rtcpFeedback: [] }],
  headerExtensions: [],
};

const plainListen = (range: { min: number; max: number }) => ({ protocol: 'udp' as const, ip: '127.0.0.1', portRange: range });

function producerParams(from: types.RtpParameters): types.RtpParameters {
  return { codecs: from.codecs, encodings: [{ ssrc: from.encodings![0]!.ssrc! }], headerExtensions: [], rtcp: { cname: from.rtcp?.cname ?? 'bench', reducedSize: true } };
}

/** UDP datagrams the kernel dropped because a receive buffer was full (whole machine, /proc/net/snmp). */
export function udpReceiveBufferErrors(): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
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

/** Drops between two readings, summed over the ports in [min, max]. */
export function dropsIn(before: Map<number, number>, after: Map<number, number>, range: { min: number; max: number }): number {
  let sum = 0;
  for (const [port, n] of after) if (port >= range.min && port <= range.max) sum += n - (before.get(port) ?? 0);
  return sum;
}

/**
 * A free UDP port on 127.0.0.1 for the listeners whose packets are not counted: below the kernel's
 * ephemeral range and outside every port range the benchmarks give mediasoup, so its drops are
 * never mixed with the SFU's or the generator's (checked free by binding it once, then released).
 */
async function unusedUdpPort(): Promise<number> {
  for (let port = 31999; port > 31900; port--) {
    const socket = createSocket('udp4');
    const free = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (free) return port;
  }
  throw new Error('no free UDP port in 31900..31999 for the black hole');
}

export interface LoadTarget {
  router: types.Router;
  /** Port range for the SFU-side PlainTransports. */
  portRange: { min: number; max: number };
}

interface Listener {
  sfuTransport: types.PlainTransport;
  /** Counting sink in G2 (sampled listeners only). */
  sinkTransport?: types.PlainTransport;
  sinkProducers: types.Producer[];
}

export class RtpLoad {
  readonly g1: types.Worker;
  readonly g2: types.Worker;
  readonly #r1: types.Router;
  readonly #r2: types.Router;
  readonly #range: { min: number; max: number };
  readonly #speakers: number;
  readonly #blackHole: { port: number; close(): void };
  #sourceProducers: types.Producer[] = [];
  #child?: ChildProcess;
  #ingest?: { transports: types.PlainTransport[]; producers: types.Producer[] };
  #target?: LoadTarget;
  #listeners: Listener[] = [];

  private constructor(g1: types.Worker, r1: types.Router, g2: types.Worker, r2: types.Router, range: { min: number; max: number }, speakers: number, blackHole: { port: number; close(): void }) {
    this.g1 = g1;
    this.#r1 = r1;
    this.g2 = g2;
    this.#r2 = r2;
    this.#range = range;
    this.#speakers = speakers;
    this.#blackHole = blackHole;
  }

  static async create(range: { min: number; max: number }, speakers: number): Promise<RtpLoad> {
    const g1 = await mediasoup.createWorker({ logLevel: 'error' });
    const g2 = await mediasoup.createWorker({ logLevel: 'error' });
    // BENCH_BLACKHOLE=closed-port: the old sink (a port nobody listens on), to compare the two.
    const port = await unusedUdpPort();
    const blackHole = process.env.BENCH_BLACKHOLE === 'closed-port' ? { port, close: () => undefined } : await DropSink.open(port);
    const load = new RtpLoad(g1, await g1.createRouter({ mediaCodecs }), g2, await g2.createRouter({ mediaCodecs }), range, speakers, blackHole);
    await load.#startSource();
    return load;
  }

  /** The port the uncounted listeners send to (its kernel drops are the sink working, not loss). */
  get blackHolePort(): number {
    return this.#blackHole.port;
  }

  get consumers(): number {
    return this.#listeners.length * this.#speakers;
  }

  /** Consumers whose packets are counted (the sampled listeners). */
  get countedConsumers(): number {
    return this.#listeners.filter((l) => l.sinkTransport).length * this.#speakers;
  }

  /** The Node source process's pid (its CPU is reported). */
  get sourcePid(): number {
    return this.#child?.pid ?? -1;
  }

  async #startSource(): Promise<void> {
    const ssrcs = Array.from({ length: this.#speakers }, (_, i) => 0x10000000 + i);
    const ports: number[] = [];
    for (const ssrc of ssrcs) {
      const source = await this.#r1.createPlainTransport({ listenInfo: plainListen(this.#range), rtcpMux: true, comedia: true });
      ports.push(source.tuple.localPort);
      this.#sourceProducers.push(
        await source.produce({
          kind: 'audio',
          rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: PT, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } }], encodings: [{ ssrc }], rtcp: { cname: `src${ssrc}`, reducedSize: true } },
        }),
      );
    }
    const child = fork(SOURCE_CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_RTP_PORTS: JSON.stringify(ports), BENCH_RTP_SSRCS: JSON.stringify(ssrcs), BENCH_RTP_PT: String(PT) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (msg: { id: number; sent: number }) => this.#waiting.get(msg.id)?.(msg.sent));
    this.#child = child;
  }

  #nextId = 1;
  readonly #waiting = new Map<number, (sent: number) => void>();

  /** Tells the source to pause, resume or just report; resolves with the packets sent per stream so far. */
  sourceCommand(cmd: 'pause' | 'resume' | 'count'): Promise<number> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`rtp source did not answer ${cmd}`)), 10_000);
      this.#waiting.set(id, (sent) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        resolve(sent);
      });
      this.#child!.send({ id, cmd });
    });
  }

  /**
   * Points the load at an SFU router: one G1 → SFU PlainTransport pair (SRTP) per speaker, as every
   * WebRTC speaker has its own transport and socket, and one SFU producer per speaker.
   */
  async attach(target: LoadTarget): Promise<void> {
    await this.detach();
    this.#target = target;
    const transports: types.PlainTransport[] = [];
    const producers: types.Producer[] = [];
    for (const p of this.#sourceProducers) {
      const gen = await this.#r1.createPlainTransport({ listenInfo: plainListen(this.#range), rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: SUITE });
      const sfu = await target.router.createPlainTransport({ listenInfo: plainListen(target.portRange), rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: SUITE });
      await gen.connect({ ip: '127.0.0.1', port: sfu.tuple.localPort, srtpParameters: sfu.srtpParameters! });
      await sfu.connect({ ip: '127.0.0.1', port: gen.tuple.localPort, srtpParameters: gen.srtpParameters! });
      transports.push(gen, sfu);
      const c = await gen.consume({ producerId: p.id, rtpCapabilities: CAPS });
      producers.push(await sfu.produce({ kind: 'audio', rtpParameters: producerParams(c.rtpParameters) }));
    }
    this.#ingest = { transports, producers };
  }

  /** Adds listeners until the SFU forwards `consumers` streams (a listener consumes every speaker). */
  async grow(consumers: number): Promise<void> {
    const target = this.#target;
    const ingest = this.#ingest;
    if (!target || !ingest) throw new Error('attach first');
    const addListener = async (index: number): Promise<Listener> => {
      const counted = index < 20 || index % 10 === 0;
      const sfuTransport = await target.router.createPlainTransport({ listenInfo: plainListen(target.portRange), rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: SUITE });
      const sinkTransport = counted ? await this.#r2.createPlainTransport({ listenInfo: plainListen(this.#range), rtcpMux: true, comedia: true }) : undefined;
      // The sink never sends back; the SFU needs remote SRTP parameters all the same.
      await sfuTransport.connect({ ip: '127.0.0.1', port: sinkTransport?.tuple.localPort ?? this.#blackHole.port, srtpParameters: sfuTransport.srtpParameters! });
      const sinkProducers = await Promise.all(
        ingest.producers.map(async (p) => {
          const c = await sfuTransport.consume({ producerId: p.id, rtpCapabilities: CAPS });
          return sinkTransport?.produce({ kind: 'audio', rtpParameters: producerParams(c.rtpParameters) });
        }),
      );
      return { sfuTransport, sinkTransport, sinkProducers: sinkProducers.filter((p): p is types.Producer => p !== undefined) };
    };
    while (this.consumers < consumers) {
      const start = this.#listeners.length;
      const batch = Math.min(10, Math.ceil((consumers - this.consumers) / this.#speakers));
      this.#listeners.push(...(await Promise.all(Array.from({ length: batch }, (_, i) => addListener(start + i)))));
    }
  }

  /** Packets received so far, summed over producers. */
  static async #total(producers: types.Producer[]): Promise<number> {
    let total = 0;
    let next = 0;
    const work = async () => {
      while (next < producers.length) {
        const p = producers[next++]!;
        for (const s of await p.getStats().catch(() => [])) total += s.packetCount;
      }
    };
    await Promise.all(Array.from({ length: 16 }, work));
    return total;
  }

  /** Packets received at the counting sinks (what the sampled listeners got). */
  sinks(): Promise<number> {
    return RtpLoad.#total(this.#listeners.flatMap((l) => l.sinkProducers));
  }

  /** Packets G1's source producers received from Node. */
  source(): Promise<number> {
    return RtpLoad.#total(this.#sourceProducers);
  }

  /** Packets the SFU's ingest producers received from G1. */
  ingest(): Promise<number> {
    return RtpLoad.#total(this.#ingest?.producers ?? []);
  }

  async detach(): Promise<void> {
    for (const l of this.#listeners) {
      l.sfuTransport.close();
      l.sinkTransport?.close();
    }
    this.#listeners = [];
    for (const t of this.#ingest?.transports ?? []) t.close();
    this.#ingest = undefined;
    this.#target = undefined;
  }

  async close(): Promise<void> {
    this.#child?.kill();
    await this.detach();
    this.g1.close();
    this.g2.close();
    this.#blackHole.close();
  }
}
