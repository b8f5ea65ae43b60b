/// <reference lib="dom" />
// The floor of suite "join": a raw mediasoup-client receiver with the fewest signaling steps it
// allows. On the WebSocket's open the server pushes the router's RTP capabilities (no request);
// then 1) {rtpCapabilities} → the recv transport and a consumer of the speaker, created resumed;
// 2) the transport's 'connect' → {dtlsParameters} → ack. Audio follows the DTLS handshake.
// prepare(wsUrl) does what needs no channel (WebSocket, capabilities, Device.load), join() the rest;
// the suite times join() alone (prepared) or prepare() + join() (cold).
import { Device, type types } from 'mediasoup-client';
import { exposePageApi, playTrack } from '@voxlay/testing/pages/audio';

interface Reply {
  id: number;
  data?: Record<string, unknown>;
  error?: string;
}

interface Prepared {
  device: Device;
  request(method: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
}

let prepared: Prepared | undefined;

async function prepare(wsUrl: string): Promise<void> {
  if (prepared) throw new Error('already prepared');
  const ws = new WebSocket(wsUrl);
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  const caps = new Promise<types.RtpCapabilities>((resolve, reject) => {
    ws.onerror = () => reject(new Error('websocket error'));
    ws.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as Reply & { routerRtpCapabilities?: types.RtpCapabilities };
      if (msg.routerRtpCapabilities) resolve(msg.routerRtpCapabilities);
      else pending.get(msg.id)?.(msg);
    };
  });
  const request = (method: string, data: Record<string, unknown>): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply.data ?? {})));
      ws.send(JSON.stringify({ id, method, data }));
    });
  const device = new Device();
  await device.load({ routerRtpCapabilities: await caps });
  prepared = { device, request };
}

async function join(): Promise<void> {
  if (!prepared) throw new Error('prepare first');
  const { device, request } = prepared;
  const joined = await request('join', { rtpCapabilities: device.rtpCapabilities });
  const transport = device.createRecvTransport(joined.transport as types.TransportOptions);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request('connect', { dtlsParameters }).then(() => callback(), errback);
  });
  const consumer = await transport.consume(joined.consumer as types.ConsumerOptions);
  playTrack(consumer.track);
}

const rawJoin = {
  /** Before the clock in the prepared variant: WebSocket open, capabilities received, Device loaded. */
  prepare,
  /** Joins and resolves once the consumer exists (first audio is seen by the init script). */
  join,
  /** Everything inside the clock: the cold variant. */
  async joinCold(wsUrl: string): Promise<void> {
    await prepare(wsUrl);
    await join();
  },
};

exposePageApi('rawJoin', rawJoin);
