/// <reference lib="dom" />
// Page script for raw-mediasoup.test.ts: mediasoup-client only, signaling done by the test in Node.
// The test exposes `rawSignal(method, data)` with page.exposeFunction before loading the page.
import { Device, type types } from 'mediasoup-client';
import type { RawPageApi, RawSignalMethod } from '../page-api.js';
import { exposePageApi, inboundAudioStats, openMicrophone, OPUS_CODEC_OPTIONS, playTrack } from './audio.js';

const rawSignal = (method: RawSignalMethod, data: Record<string, unknown>): Promise<unknown> =>
  (window as unknown as { rawSignal: (m: RawSignalMethod, d: Record<string, unknown>) => Promise<unknown> }).rawSignal(method, data);

const device = new Device();
const consumers = new Map<string, types.Consumer>();
let sendTransport: types.Transport | undefined;
let recvTransport: types.Transport | undefined;

function wireConnect(transport: types.Transport): void {
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    rawSignal('connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
}

const raw: RawPageApi = {
  async load(routerRtpCapabilities) {
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    return device.rtpCapabilities as unknown as Record<string, unknown>;
  },

  async produce(options) {
    const transport = device.createSendTransport(options as types.TransportOptions);
    sendTransport = transport;
    wireConnect(transport);
    transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
      rawSignal('produce', { transportId: transport.id, kind, rtpParameters }).then((id) => callback({ id: id as string }), errback);
    });
    const producer = await transport.produce({ track: await openMicrophone(), codecOptions: OPUS_CODEC_OPTIONS });
    return producer.id;
  },

  async createRecvTransport(options) {
    recvTransport = device.createRecvTransport(options as types.TransportOptions);
    wireConnect(recvTransport);
  },

  /** Creates a consumer the server made (paused there) and plays it; the test resumes it. */
  async consume(options) {
    if (!recvTransport) throw new Error('createRecvTransport first');
    const consumer = await recvTransport.consume(options as types.ConsumerOptions);
    consumers.set(consumer.id, consumer);
    playTrack(consumer.track);
  },

  stats: () => inboundAudioStats(consumers.values()),

  async close() {
    for (const consumer of consumers.values()) consumer.close();
    sendTransport?.close();
    recvTransport?.close();
  },
};

exposePageApi('raw', raw);
