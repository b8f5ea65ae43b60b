// The raw mediasoup path of the capacity benchmark: for the same participants, the objects Voxlay
// makes (two WebRtcTransports each with the options of server/src/sfu/Participant.ts; one producer
// per speaker; for every other participant a consumer of each of the first `lastN` speakers, made
// paused and resumed once its receive transport connects, as Voxlay's clients do), made with the
// mediasoup API on one router of a worker of the same build: no Voxlay code, no audio level
// observer, one router whatever the count. Video: producers are streams nobody receives until a
// participant watches them (a paused consumer, resumed on connect), as with Voxlay's watchStream.
import type { types } from 'mediasoup';
import type { CapacityPath, SfuLayout, SfuParticipant, SfuParticipantObjects, SfuPath, SfuSource, TransportInfo } from './capacity-sfu.js';

type Appdata = { participantId?: string };

/** A raw worker's WebRtcServer (free loopback ports, UDP and TCP) and its UDP port. */
export interface RawWebRtcServer {
  server: types.WebRtcServer;
  udpPort: number;
}

export async function rawWebRtcServer(worker: types.Worker): Promise<RawWebRtcServer> {
  const server = await worker.createWebRtcServer({
    listenInfos: [
      { protocol: 'udp', ip: '127.0.0.1', port: 0 },
      { protocol: 'tcp', ip: '127.0.0.1', port: 0 },
    ],
  });
  return { server, udpPort: (await server.dump()).udpSockets[0]!.port };
}

export class RawPath implements SfuPath {
  readonly kind: CapacityPath;
  readonly router: types.Router;
  readonly workerPid: number;
  readonly routerRtpCapabilities: types.RtpCapabilities;
  readonly lastN: number;
  readonly portRange: { min: number; max: number };
  /** The clients' RTP capabilities (a Chromium mediasoup-client Device's), as Voxlay's participants send them. */
  readonly #clientCapabilities: types.RtpCapabilities;
  readonly #participants = new Map<string, RawParticipant>();
  /** The first `lastN` producers: what every listener consumes (Voxlay's active set, held still). */
  #active: types.Producer[] = [];
  /** Consumers on transports that belong to no synthetic participant (the Chromium pages'). */
  readonly #otherConsumers = new Set<types.Consumer>();
  #nextId = 1;

  readonly #webRtcServer: RawWebRtcServer;

  /** `webRtcServer`: the worker's (rawWebRtcServer()), which every transport of this path listens on, as Voxlay's do. */
  constructor(
    kind: CapacityPath,
    worker: types.Worker,
    router: types.Router,
    options: { clientCapabilities: types.RtpCapabilities; lastN: number; webRtcServer: RawWebRtcServer },
  ) {
    this.kind = kind;
    this.router = router;
    this.workerPid = worker.pid;
    this.routerRtpCapabilities = router.rtpCapabilities;
    this.lastN = options.lastN;
    this.#webRtcServer = options.webRtcServer;
    this.portRange = { min: options.webRtcServer.udpPort, max: options.webRtcServer.udpPort };
    this.#clientCapabilities = options.clientCapabilities;
    router.observer.on('newtransport', (transport) => {
      if ((transport.appData as Appdata).participantId !== undefined) return;
      transport.observer.on('newconsumer', (consumer) => {
        this.#otherConsumers.add(consumer);
        consumer.observer.once('close', () => this.#otherConsumers.delete(consumer));
      });
    });
  }

  /** The clients' RTP capabilities. */
  get clientCapabilities(): types.RtpCapabilities {
    return this.#clientCapabilities;
  }

  /** The producers every listener consumes. */
  get activeProducers(): types.Producer[] {
    return [...this.#active];
  }

  async join(displayName: string): Promise<SfuParticipant> {
    const id = `raw-${this.#nextId++}`;
    const send = await this.#transport(id);
    const recv = await this.#transport(id).catch((error: unknown) => {
      send.close();
      throw error;
    });
    const participant = new RawParticipant(this, id, displayName, send, recv);
    this.#participants.set(id, participant);
    for (const producer of this.#active) await participant.consume(producer, this.#clientCapabilities);
    return participant;
  }

  activeSpeakers(): { ids: string[]; changes: number } {
    return { ids: this.#active.map((p) => (p.appData as Appdata).participantId ?? ''), changes: 0 };
  }

  objects(): SfuParticipantObjects[] {
    const out: SfuParticipantObjects[] = [...this.#participants.values()].map((p) => p.objects());
    out.push({ id: 'chromium', routerId: this.router.id, producer: undefined, consumers: [...this.#otherConsumers], transports: [] });
    return out;
  }

  layout(): SfuLayout {
    return { routers: 1, pipedProducers: 0 };
  }

  /** The producer of `id` (a stream to watch). */
  producer(id: string): types.Producer {
    const producer = this.#producers.get(id);
    if (!producer || producer.closed) throw new Error(`no producer ${id}`);
    return producer;
  }

  readonly #producers = new Map<string, types.Producer>();

  /** A speaker produced: the first `lastN` microphones are consumed by every other participant; a screen only by who watches it. */
  async produced(by: RawParticipant, producer: types.Producer): Promise<void> {
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
    if (producer.kind === 'video' || this.#active.length >= this.lastN) return;
    this.#active.push(producer);
    for (const participant of this.#participants.values()) {
      if (participant !== by) await participant.consume(producer, this.#clientCapabilities);
    }
  }

  left(participant: RawParticipant): void {
    this.#participants.delete(participant.id);
    this.#active = this.#active.filter((p) => !p.closed);
  }

  async drained(): Promise<void> {
    if (this.#participants.size > 0) throw new Error(`${this.#participants.size} raw participants left behind`);
  }

  /** As server/src/sfu/Participant.ts creates each transport (on the worker's WebRtcServer, UDP and TCP, UDP preferred). */
  #transport(participantId: string): Promise<types.WebRtcTransport> {
    return this.router.createWebRtcTransport<Appdata>({
      webRtcServer: this.#webRtcServer.server,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { participantId },
    });
  }
}

const info = (t: types.WebRtcTransport): TransportInfo => ({
  id: t.id,
  iceParameters: t.iceParameters,
  iceCandidates: t.iceCandidates,
  dtlsParameters: t.dtlsParameters,
});

class RawParticipant implements SfuParticipant {
  readonly id: string;
  readonly displayName: string;
  readonly send: TransportInfo;
  readonly recv: TransportInfo;
  readonly #path: RawPath;
  readonly #sendTransport: types.WebRtcTransport;
  readonly #recvTransport: types.WebRtcTransport;
  readonly #consumers: types.Consumer[] = [];
  #producer: types.Producer | undefined;
  #recvConnected = false;

  constructor(path: RawPath, id: string, displayName: string, send: types.WebRtcTransport, recv: types.WebRtcTransport) {
    this.#path = path;
    this.id = id;
    this.displayName = displayName;
    this.#sendTransport = send;
    this.#recvTransport = recv;
    this.send = info(send);
    this.recv = info(recv);
  }

  get consumerCount(): number {
    return this.#consumers.length;
  }

  async consume(producer: types.Producer, rtpCapabilities: types.RtpCapabilities): Promise<void> {
    const consumer = await this.#recvTransport.consume({ producerId: producer.id, rtpCapabilities, paused: true });
    this.#consumers.push(consumer);
    if (this.#recvConnected) await consumer.resume();
  }

  async connectSend(dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.#sendTransport.connect({ dtlsParameters });
  }

  async produce(rtpParameters: types.RtpParameters, source: SfuSource): Promise<string> {
    const kind = source === 'MICROPHONE' ? 'audio' : 'video';
    this.#producer = await this.#sendTransport.produce({ kind, rtpParameters, appData: { participantId: this.id } });
    await this.#path.produced(this, this.#producer);
    return this.#producer.id;
  }

  async watch(producerIds: readonly string[]): Promise<void> {
    for (const id of producerIds) await this.consume(this.#path.producer(id), this.#path.clientCapabilities);
  }

  async connectRecv(dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.#recvTransport.connect({ dtlsParameters });
    this.#recvConnected = true;
    await Promise.all(this.#consumers.map((c) => c.resume()));
  }

  async leave(): Promise<void> {
    this.#sendTransport.close();
    this.#recvTransport.close();
    this.#path.left(this);
  }

  objects(): SfuParticipantObjects {
    return {
      id: this.id,
      routerId: this.#path.router.id,
      producer: this.#producer,
      consumers: this.#consumers.filter((c) => !c.closed),
      transports: [this.#sendTransport, this.#recvTransport],
    };
  }
}
