// Answers raw-page.ts's window.rawSignal(method, data) (connect, produce) for one router: the
// signaling of a raw mediasoup sender, done in Node (not timed by any benchmark).
import type { Page } from 'playwright-core';
import { observer, type types } from 'mediasoup';

export interface RawSender {
  transports: Map<string, types.WebRtcTransport>;
  producers: types.Producer[];
}

export function transportJson(t: types.WebRtcTransport) {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}

/** Every router's worker, and each worker's first WebRtcServer, as mediasoup creates them in this process. */
const workerOfRouter = new WeakMap<types.Router, types.Worker>();
const serverOfWorker = new WeakMap<types.Worker, Promise<types.WebRtcServer>>();
observer.on('newworker', (worker) => {
  worker.observer.on('newrouter', (router) => workerOfRouter.set(router, worker));
  worker.observer.on('newwebrtcserver', (server) => {
    if (!serverOfWorker.has(worker)) serverOfWorker.set(worker, Promise.resolve(server));
  });
});

/**
 * The WebRtcServer raw transports of `router` listen on, like Voxlay's: the one of the router's
 * worker (on a Voxlay worker, the very server its participants use), else one made on free
 * loopback ports (UDP and TCP) the first time.
 */
function webRtcServerOf(router: types.Router): Promise<types.WebRtcServer> {
  const worker = workerOfRouter.get(router);
  if (!worker) throw new Error('raw-signal: a router created before raw-signal.ts was loaded (its worker is unknown)');
  let server = serverOfWorker.get(worker);
  if (!server) {
    server = worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1', port: 0 },
        { protocol: 'tcp', ip: '127.0.0.1', port: 0 },
      ],
    });
    serverOfWorker.set(worker, server);
  }
  return server;
}

/** A raw WebRTC transport on the WebRtcServer of the router's worker (one UDP and one TCP port for all), as Voxlay's are. */
export async function createWebRtcTransport(router: types.Router): Promise<types.WebRtcTransport> {
  return router.createWebRtcTransport({
    webRtcServer: await webRtcServerOf(router),
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
  });
}

/** Exposes rawSignal on `page` (call before it navigates). */
export async function exposeRawSignal(page: Page, sender: RawSender): Promise<void> {
  await page.exposeFunction('rawSignal', async (method: string, data: Record<string, unknown>) => {
    const transport = sender.transports.get(data.transportId as string);
    if (!transport) throw new Error(`unknown transport ${String(data.transportId)}`);
    if (method === 'connect') {
      await transport.connect({ dtlsParameters: data.dtlsParameters as types.DtlsParameters });
      return null;
    }
    if (method === 'produce') {
      const producer = await transport.produce({ kind: 'audio', rtpParameters: data.rtpParameters as types.RtpParameters });
      sender.producers.push(producer);
      return producer.id;
    }
    throw new Error(`unknown method ${method}`);
  });
}
