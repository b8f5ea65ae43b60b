// The capacity benchmark's ICE relay process (bench/lib/capacity-relay.ts says what it does and
// drives it over IPC). Its own process, so forwarding never waits on the benchmark driver or the
// Voxlay app, and its CPU is reported on its own.
import { createSocket, type Socket } from 'node:dgram';
import { DropSink } from './capacity-drop-sink.js';
import type { IceEndpoint, RelayCounts, RelayPairKind, RelayReply, RelayRequest } from './capacity-relay.js';
import { bindingRequest, classifyDatagram, parseStunHeader, StunMessageType } from './capacity-stun.js';

/** ICE consent: a Binding Request on every SFU tuple this often (mediasoup's default timeout is 30 s). */
const CONSENT_EVERY_MS = 10_000;
const CONSENT_JITTER_MS = 1_000;
/** A busy worker may answer late: up to 10 s for the nominating request. */
const NOMINATE_TRIES = 100;
const NOMINATE_EVERY_MS = 100;
/** Parking: the nominating request from the parked socket is sent twice, this far apart. */
const PARK_RESEND_MS = 20;
/** After parking: how long the relay's own sockets keep reading before they close (the switch is in flight). */
const PARK_CLOSE_AFTER_MS = 500;
const RECV_BUFFER_BYTES = 1 << 20;
const LOCAL_UFRAG = 'voxlaybench';
/** mediasoup's bandwidth probation packets (transport-cc, video) use this SSRC; no consumer counts them, so neither does the relay. */
const PROBATION_SSRC = 1234;

interface Pair {
  id: number;
  kind: RelayPairKind;
  sfu: IceEndpoint;
  gen: IceEndpoint;
  /** SFU-facing and generator-facing sockets (closed once parked). */
  s?: Socket | undefined;
  g?: Socket | undefined;
  rtp: number;
  /** Datagrams are forwarded between the two sides (until the pair is parked). */
  forwarding: boolean;
  /** The drop sink's socket index once parked. */
  parked?: number | undefined;
  nextConsentAt: number;
}

const pairs = new Map<number, Pair>();
/** Transaction id (hex) → resolver, for the nominating requests awaiting their success response. */
const waiting = new Map<string, () => void>();
const sink = DropSink.start();
const freeParked: number[] = [];
const totals = { forwarded: 0, consentSent: 0, consentAnswered: 0, socketErrors: 0 };
let nextPairId = 1;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function onStun(data: Buffer): void {
  const header = parseStunHeader(data);
  if (!header || header.type !== StunMessageType.BindingSuccessResponse) return;
  const key = header.transactionId.toString('hex');
  const resolve = waiting.get(key);
  if (resolve) {
    waiting.delete(key);
    resolve();
  } else {
    totals.consentAnswered++;
  }
}

async function connectedSocket(to: IceEndpoint): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: RECV_BUFFER_BYTES });
  socket.on('error', () => totals.socketErrors++);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  await new Promise<void>((resolve) => socket.connect(to.port, to.ip, () => resolve()));
  return socket;
}

/** Sends nominating Binding Requests until `to` answers one (its ICE then selects this socket). */
async function nominate(send: (bytes: Buffer) => void, to: IceEndpoint): Promise<void> {
  for (let attempt = 0; attempt < NOMINATE_TRIES; attempt++) {
    const { bytes, transactionId } = bindingRequest({
      remoteUfrag: to.ufrag,
      remotePassword: to.password,
      localUfrag: LOCAL_UFRAG,
      useCandidate: true,
    });
    const key = transactionId.toString('hex');
    let timer: NodeJS.Timeout | undefined;
    const answered = await new Promise<boolean>((resolve) => {
      waiting.set(key, () => resolve(true));
      timer = setTimeout(() => resolve(false), NOMINATE_EVERY_MS);
      send(bytes);
    });
    clearTimeout(timer);
    waiting.delete(key);
    if (answered) return;
  }
  throw new Error(`no STUN answer from ${to.ip}:${to.port} after ${NOMINATE_TRIES} tries`);
}

async function open(kind: RelayPairKind, sfu: IceEndpoint, gen: IceEndpoint): Promise<number> {
  const s = await connectedSocket(sfu);
  const g = await connectedSocket(gen);
  const pair: Pair = {
    id: nextPairId++,
    kind,
    sfu,
    gen,
    s,
    g,
    rtp: 0,
    forwarding: true,
    nextConsentAt: Date.now() + CONSENT_EVERY_MS / 2 + Math.random() * (CONSENT_EVERY_MS / 2),
  };
  s.on('message', (data: Buffer) => {
    const what = classifyDatagram(data);
    if (what === 'stun') return onStun(data);
    if (kind === 'listener') {
      // A listener: DTLS goes to the peer; the SFU's RTP is counted here and goes no further.
      if (what === 'rtp' && data.length >= 12 && data.readUInt32BE(8) !== PROBATION_SSRC) pair.rtp++;
      if (what !== 'dtls') return;
    }
    if (!pair.forwarding) return;
    totals.forwarded++;
    pair.g?.send(data);
  });
  g.on('message', (data: Buffer) => {
    if (classifyDatagram(data) === 'stun') return onStun(data);
    if (!pair.forwarding) return;
    totals.forwarded++;
    pair.s?.send(data);
  });
  pairs.set(pair.id, pair);
  try {
    await Promise.all([nominate((b) => s.send(b), sfu), nominate((b) => g.send(b), gen)]);
  } catch (error) {
    close(pair.id);
    throw error;
  }
  return pair.id;
}

async function parkedSocket(): Promise<number> {
  if (freeParked.length === 0) freeParked.push(...(await sink.open(64)));
  return freeParked.pop()!;
}

async function park(pair: Pair): Promise<void> {
  if (pair.parked !== undefined) return;
  const index = await parkedSocket();
  pair.parked = index;
  // Nothing is forwarded any more: the generator's peer is closed next, and its DTLS close_notify must not reach the SFU.
  pair.forwarding = false;
  // Sent twice (UDP): the SFU answers to the parked socket, which nobody reads, so success is checked
  // on the SFU's side (its selected tuple), and the consent refreshes from the parked socket nominate it again.
  const nominateFromParked = () =>
    sink.send(
      index,
      pair.sfu.ip,
      pair.sfu.port,
      bindingRequest({ remoteUfrag: pair.sfu.ufrag, remotePassword: pair.sfu.password, localUfrag: LOCAL_UFRAG, useCandidate: true }).bytes,
    );
  nominateFromParked();
  await sleep(PARK_RESEND_MS);
  nominateFromParked();
  // The relay's sockets close a little later: what the SFU sent before the switch took effect is still read, not refused.
  setTimeout(() => closeSockets(pair), PARK_CLOSE_AFTER_MS);
}

function closeSockets(pair: Pair): void {
  for (const socket of [pair.s, pair.g]) {
    try {
      socket?.close();
    } catch {
      // already closed
    }
  }
  pair.s = undefined;
  pair.g = undefined;
}

function close(id: number): void {
  const pair = pairs.get(id);
  if (!pair) return;
  pairs.delete(id);
  closeSockets(pair);
  if (pair.parked !== undefined) freeParked.push(pair.parked);
}

function refreshConsent(): void {
  const now = Date.now();
  for (const pair of pairs.values()) {
    if (pair.nextConsentAt > now) continue;
    pair.nextConsentAt = now + CONSENT_EVERY_MS + (Math.random() * 2 - 1) * CONSENT_JITTER_MS;
    const { sfu } = pair;
    // From the parked socket the request nominates again (a no-op once selected, a repair otherwise).
    const parked = pair.parked !== undefined;
    const { bytes } = bindingRequest({
      remoteUfrag: sfu.ufrag,
      remotePassword: sfu.password,
      localUfrag: LOCAL_UFRAG,
      useCandidate: parked,
    });
    if (parked) sink.send(pair.parked!, sfu.ip, sfu.port, bytes);
    else pair.s?.send(bytes);
    totals.consentSent++;
  }
}

function counts(): RelayCounts {
  const rtp: Record<number, number> = {};
  const relayPorts: number[] = [];
  for (const pair of pairs.values()) {
    if (pair.kind === 'listener') rtp[pair.id] = pair.rtp;
    for (const socket of [pair.s, pair.g]) if (socket) relayPorts.push(socket.address().port);
  }
  return { rtp, ...totals, relayPorts, parkedPorts: [...sink.ports], parkedPid: sink.pid };
}

const consentTimer = setInterval(refreshConsent, 250);

process.on('message', (message: { id: number } & RelayRequest) => {
  const send = (r: RelayReply) => {
    if (process.connected) process.send?.(r);
  };
  const reply = (r: Omit<RelayReply & { ok: true }, 'id' | 'ok'>) => send({ id: message.id, ok: true, ...r });
  const fail = (error: unknown) => send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  const run = async () => {
    switch (message.cmd) {
      case 'open':
        return reply({ pair: await open(message.kind, message.sfu, message.gen) });
      case 'park': {
        const pair = pairs.get(message.pair);
        if (!pair) throw new Error(`no pair ${message.pair}`);
        await park(pair);
        return reply({});
      }
      case 'close':
        close(message.pair);
        return reply({});
      case 'counts':
        return reply({ counts: counts() });
    }
  };
  run().catch(fail);
});

process.on('disconnect', () => {
  clearInterval(consentTimer);
  for (const id of [...pairs.keys()]) close(id);
  sink.close();
  setTimeout(() => process.exit(0), 100).unref();
});
