import { createSocket, type Socket } from 'node:dgram';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import {
  DESCRIPTOR_BYTES,
  frameBytes,
  framePackets,
  meanPacketsPerSecond,
  packetsPerFrame,
  requestsKeyFrame,
  SCREEN_PROFILE,
  type Vp8Frame,
} from './rtp-vp8.js';

const p = SCREEN_PROFILE;
const filler = Buffer.alloc(p.maxPayload, 0xab);
const frame = (n: number, key: boolean): Vp8Frame => ({ key, pictureId: n, timestamp: n * 3000, firstSeq: n * 100 });

describe('VP8 frames', () => {
  it('average the profile bitrate over a key frame interval', () => {
    const { delta, key } = frameBytes(p);
    const bits = ((p.keyFrameEvery - 1) * delta + key) * 8;
    expect(bits / (p.keyFrameEvery / p.framesPerSecond)).toBeCloseTo(p.bitsPerSecond, -4);
    expect(meanPacketsPerSecond(p)).toBeGreaterThan(150);
  });

  it('are cut into packets no larger than the payload limit, the marker on the last, the start bit on the first', () => {
    const packets = framePackets(p, frame(7, true), 96, 0x1234, filler);
    expect(packets).toHaveLength(packetsPerFrame(p, true));
    for (const [i, packet] of packets.entries()) {
      expect(packet.length).toBeLessThanOrEqual(12 + DESCRIPTOR_BYTES + p.maxPayload);
      expect((packet[1]! & 0x80) !== 0).toBe(i === packets.length - 1);
      expect((packet[12]! & 0x10) !== 0).toBe(i === 0);
      expect(packet.readUInt16BE(2)).toBe(700 + i);
    }
  });
});

describe('requestsKeyFrame', () => {
  it('finds a PLI after a receiver report in a compound packet, and nothing in a receiver report alone', () => {
    const rr = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 1]);
    const pli = Buffer.from([0x81, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(requestsKeyFrame(Buffer.concat([rr, pli]))).toBe(true);
    expect(requestsKeyFrame(rr)).toBe(false);
  });
});

describe('a mediasoup consumer of the synthetic stream', () => {
  let worker: types.Worker;
  const sockets: Socket[] = [];
  const bound = async () => {
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return socket;
  };

  beforeEach(async () => {
    worker = await mediasoup.createWorker({ logLevel: 'error' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    worker.close();
  });

  it('starts on the key frame after it is resumed, and its key frame request reaches the source', async () => {
    const router = await worker.createRouter({ mediaCodecs });
    const ingest = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
    const producer = await ingest.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] }],
        encodings: [{ ssrc: 0x2000 }],
      },
    });
    const out = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
    const viewer = await bound();
    await out.connect({ ip: '127.0.0.1', port: viewer.address().port });
    const consumer = await out.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
    const received: Buffer[] = [];
    const ssrc = consumer.rtpParameters.encodings![0]!.ssrc;
    viewer.on('message', (data) => {
      if ((data[1]! < 192 || data[1]! > 223) && data.readUInt32BE(8) === ssrc) received.push(data);
    });
    const source = await bound();
    let keyRequests = 0;
    source.on('message', (data) => {
      if (requestsKeyFrame(data)) keyRequests++;
    });
    const send = (n: number, key: boolean) => {
      for (const packet of framePackets(p, frame(n, key), 96, 0x2000, filler)) source.send(packet, ingest.tuple.localPort, '127.0.0.1');
    };
    const settle = async (until: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await until()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    send(0, true);
    const first = packetsPerFrame(p, true);
    await settle(async () => (await producer.getStats()).some((s) => s.packetCount === first));
    await consumer.resume();
    await settle(() => keyRequests > 0);
    send(1, false);
    send(2, false);
    send(3, true);
    send(4, false);
    const expected = packetsPerFrame(p, true) + packetsPerFrame(p, false);
    await settle(() => received.length >= expected);

    expect(keyRequests).toBeGreaterThan(0);
    expect(received).toHaveLength(expected);
    // The first packet forwarded is the key frame's first: start bit set, inverse key frame bit clear.
    const start = received[0]!;
    const payload = 12 + (start[0]! & 0x0f) * 4 + (start[0]! & 0x10 ? 4 + start.readUInt16BE(14) * 4 : 0);
    expect(start[payload]! & 0x10).toBe(0x10);
    expect(start[payload + DESCRIPTOR_BYTES]! & 0x01).toBe(0);
  });
});
