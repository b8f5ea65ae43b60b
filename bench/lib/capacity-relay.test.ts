import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import { iceEndpoint, IceRelay } from './capacity-relay.js';

// Two mediasoup workers, no browser: an "SFU" WebRtcTransport (port range) and a peer in a generator
// worker (WebRtcServer), connected through the relay as the capacity benchmark does.
let sfu: types.Worker;
let gen: types.Worker;
let sfuRouter: types.Router;
let genRouter: types.Router;
let server: types.WebRtcServer;
let sfuServer: types.WebRtcServer;
let relay: IceRelay;

beforeAll(async () => {
  sfu = await mediasoup.createWorker({ logLevel: 'error' });
  gen = await mediasoup.createWorker({ logLevel: 'error' });
  sfuRouter = await sfu.createRouter({ mediaCodecs });
  genRouter = await gen.createRouter({ mediaCodecs });
  server = await gen.createWebRtcServer({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1', portRange: { min: 58200, max: 58299 } }] });
  sfuServer = await sfu.createWebRtcServer({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1', portRange: { min: 58300, max: 58399 } }] });
  relay = IceRelay.start();
});

afterAll(() => {
  relay?.stop();
  sfu?.close();
  gen?.close();
});

type SfuMode = 'a port per transport' | 'a WebRtcServer';
const sfuTransport = (mode: SfuMode) =>
  mode === 'a WebRtcServer'
    ? sfuRouter.createWebRtcTransport({ webRtcServer: sfuServer, enableUdp: true, enableTcp: false })
    : sfuRouter.createWebRtcTransport({
        listenInfos: [{ protocol: 'udp', ip: '127.0.0.1', portRange: { min: 58100, max: 58199 } }],
        enableUdp: true,
        enableTcp: false,
      });
const peerTransport = () =>
  genRouter.createWebRtcTransport({ webRtcServer: server, enableUdp: true, enableTcp: false, iceConsentTimeout: 0 });

async function connect(a: types.WebRtcTransport, b: types.WebRtcTransport): Promise<void> {
  await a.connect({ dtlsParameters: { role: 'client', fingerprints: b.dtlsParameters.fingerprints } });
  const connected = new Promise<void>((resolve) => b.on('dtlsstatechange', (s) => s === 'connected' && resolve()));
  await b.connect({ dtlsParameters: { role: 'server', fingerprints: a.dtlsParameters.fingerprints } });
  await connected;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitFor = async (ok: () => boolean, ms = 2000) => {
  for (const t0 = performance.now(); !ok() && performance.now() - t0 < ms; ) await sleep(20);
};

describe('IceRelay', () => {
  it.each<SfuMode>(['a port per transport', 'a WebRtcServer'])(
    'with %s on the SFU: connects its ICE-lite transports to peers (ICE, DTLS), carries SRTP in, counts what a listener gets and parks another',
    async (mode) => {
      // A source in the generator: plain RTP from this process into a producer.
      const ssrc = mode === 'a WebRtcServer' ? 2222 : 1111;
      const plain = await genRouter.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1', portRange: { min: 58000, max: 58099 } },
        rtcpMux: true,
        comedia: true,
      });
      const source = await plain.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc }],
          rtcp: { cname: 'test', reducedSize: true },
        },
      });
      const socket = createSocket('udp4');
      let seq = 0;
      const timer = setInterval(() => {
        const packet = Buffer.alloc(60);
        packet[0] = 0x80;
        packet[1] = 100;
        packet.writeUInt16BE(seq++, 2);
        packet.writeUInt32BE(seq * 960, 4);
        packet.writeUInt32BE(ssrc, 8);
        socket.send(packet, plain.tuple.localPort, '127.0.0.1');
      }, 20);
      try {
        // Speaker: SFU send transport <- relay <- peer consuming the source.
        const send = await sfuTransport(mode);
        const sendPeer = await peerTransport();
        await relay.open('speaker', iceEndpoint(send), iceEndpoint(sendPeer));
        // The STUN answer reaches the relay before the worker's notification reaches this process.
        await waitFor(() => send.iceState === 'completed');
        expect(send.iceState).toBe('completed');
        await connect(send, sendPeer);
        const out = await sendPeer.consume({ producerId: source.id, rtpCapabilities: sfuRouter.rtpCapabilities, paused: true });
        const producer = await send.produce({ kind: 'audio', rtpParameters: out.rtpParameters });
        await out.resume();
        // Listeners: one counted by the relay, one parked on a never-read socket.
        const listeners = [];
        for (const park of [false, true]) {
          const recv = await sfuTransport(mode);
          const peer = await peerTransport();
          const pair = await relay.open('listener', iceEndpoint(recv), iceEndpoint(peer));
          const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: sfuRouter.rtpCapabilities });
          await connect(recv, peer);
          if (park) {
            await relay.park(pair);
            peer.close();
          }
          listeners.push({ recv, consumer, pair });
        }
        await sleep(1000);
        const counts = await relay.counts();
        const sent = async (c: types.Consumer) => (await c.getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
        const [counted, parked] = listeners;
        expect(await sent(counted!.consumer)).toBeGreaterThan(20);
        // The relay saw (about) what the SFU sent the counted listener: SRTP, since the RTP header is in clear.
        expect(counts.rtp[counted!.pair]).toBeGreaterThan((await sent(counted!.consumer)) - 5);
        // The parked listener's transport sends to a parked socket, and still gets its packets.
        expect(counts.parkedPorts).toContain(parked!.recv.iceSelectedTuple?.remotePort);
        expect(parked!.recv.dtlsState).toBe('connected');
        expect(await sent(parked!.consumer)).toBeGreaterThan(20);
      } finally {
        clearInterval(timer);
        socket.close();
        plain.close();
      }
    },
    20_000,
  );
});
