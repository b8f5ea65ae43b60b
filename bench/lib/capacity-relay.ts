// The capacity benchmark's ICE relay: connects an SFU WebRtcTransport to a peer WebRtcTransport in a
// generator worker without a browser. Both are ICE-lite, so neither sends a Binding Request; the
// relay (capacity-relay-child.ts, its own process) holds two UDP sockets per pair, sends a
// nominating Binding Request from each (capacity-stun.ts), so the SFU transport takes the first as
// its remote tuple and the peer the second, and forwards datagrams between them: both transports are
// then connect()ed with opposite DTLS roles and each other's fingerprints, and mediasoup does the DTLS
// handshake through the relay and derives the SRTP keys at both ends.
//  - speaker pairs forward everything both ways (the generator's SRTP in, the SFU's RTCP out);
//  - listener pairs forward only DTLS to the peer and count the RTP the SFU sends (a sampled
//    listener: the datagrams the kernel delivered to the listener's socket); an un-sampled listener
//    is parked after its handshake: a never-read socket (capacity-drop-sink.ts) sends a nominating
//    Binding Request, so the SFU sends to it from then on, and the relay closes its own two sockets;
// and every SFU tuple gets a Binding Request every ~10 s (ICE consent freshness: mediasoup 3.19
// disconnects a transport after iceConsentTimeout, 30 s by default, without one).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './config.js';

/** One ICE-lite transport as the relay reaches it: its UDP candidate and its ICE credentials. */
export interface IceEndpoint {
  ip: string;
  port: number;
  ufrag: string;
  password: string;
}

export type RelayPairKind = 'speaker' | 'listener';

export type RelayRequest =
  | { cmd: 'open'; kind: RelayPairKind; sfu: IceEndpoint; gen: IceEndpoint }
  | { cmd: 'park'; pair: number }
  | { cmd: 'close'; pair: number }
  | { cmd: 'counts' };

export interface RelayCounts {
  /** RTP datagrams each listener pair received from the SFU so far (a parked pair's count stops). */
  rtp: Record<number, number>;
  /** Datagrams forwarded, both ways, all pairs. */
  forwarded: number;
  /** ICE consent Binding Requests sent, and success responses seen (parked tuples never read theirs). */
  consentSent: number;
  consentAnswered: number;
  /** Socket errors (an ICMP error reported on a connected socket). */
  socketErrors: number;
  /** Local ports of the relay's sockets and of the parked (never-read) sockets. */
  relayPorts: number[];
  parkedPorts: number[];
  /** The parked sockets' holder process. */
  parkedPid: number;
}

export type RelayReply = { id: number; ok: true; pair?: number; counts?: RelayCounts } | { id: number; ok: false; error: string };

/** The UDP candidate and ICE credentials of a transport (the options a client gets from the server). */
export function iceEndpoint(transport: {
  iceParameters: { usernameFragment: string; password: string };
  iceCandidates: ReadonlyArray<{ protocol: string; port: number; address?: string; ip?: string }>;
}): IceEndpoint {
  const udp = transport.iceCandidates.find((c) => c.protocol === 'udp');
  const ip = udp?.address ?? udp?.ip;
  if (!udp || !ip) throw new Error('the transport has no UDP candidate');
  return { ip, port: udp.port, ufrag: transport.iceParameters.usernameFragment, password: transport.iceParameters.password };
}

const CHILD = fileURLToPath(new URL('./capacity-relay-child.ts', import.meta.url));
const REQUEST_TIMEOUT_MS = 15_000;

export class IceRelay {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (reply: RelayReply) => void>();
  #nextId = 1;
  #closed = false;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: RelayReply) => this.#waiting.get(reply.id)?.(reply));
  }

  static start(): IceRelay {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new IceRelay(child);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Connects the ICE of both ends through a new pair of relay sockets; resolves with the pair's id. */
  async open(kind: RelayPairKind, sfu: IceEndpoint, gen: IceEndpoint): Promise<number> {
    const reply = await this.#request({ cmd: 'open', kind, sfu, gen });
    return reply.pair!;
  }

  /** An un-sampled listener after its DTLS handshake: the SFU sends to a never-read socket from now on. */
  async park(pair: number): Promise<void> {
    await this.#request({ cmd: 'park', pair });
  }

  async close(pair: number): Promise<void> {
    await this.#request({ cmd: 'close', pair });
  }

  async counts(): Promise<RelayCounts> {
    return (await this.#request({ cmd: 'counts' })).counts!;
  }

  /** Ends the relay process (its parked-socket holder exits with it, its stdin closing). */
  stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#child.connected) this.#child.disconnect();
    this.#child.kill();
  }

  async #request(request: RelayRequest): Promise<RelayReply & { ok: true }> {
    if (this.#closed) throw new Error('relay stopped');
    const id = this.#nextId++;
    const reply = await withTimeout(
      new Promise<RelayReply>((resolve) => {
        this.#waiting.set(id, resolve);
        this.#child.send({ id, ...request });
      }),
      REQUEST_TIMEOUT_MS,
      `relay ${request.cmd}`,
    ).finally(() => this.#waiting.delete(id));
    if (!reply.ok) throw new Error(`relay ${request.cmd}: ${reply.error}`);
    return reply;
  }
}
