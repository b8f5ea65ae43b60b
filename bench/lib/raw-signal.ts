// Answers raw-page.ts's window.rawSignal(method, data) (connect, produce) for one router: the
// signaling of a raw mediasoup sender, done in Node (not timed by any benchmark).
import type { Page } from 'playwright-core';
import type { types } from 'mediasoup';

export interface RawSender {
  transports: Map<string, types.WebRtcTransport>;
  producers: types.Producer[];
}

export function transportJson(t: types.WebRtcTransport) {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}

export function createWebRtcTransport(router: types.Router, portRange: { min: number; max: number }): Promise<types.WebRtcTransport> {
  const listen = { ip: '127.0.0.1', portRange };
  return router.createWebRtcTransport({
    listenInfos: [
      { protocol: 'udp', ...listen },
      { protocol: 'tcp', ...listen },
    ],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
  });
}

/** Exposes rawSignal on `page` (call before it navigates). */
export async function exposeRawSignal(page: Page, sender: RawSender): Promise<void> {
  await page.exposeFunction('rawSignal', async (method: string, data: Record<string, unknown>) => {
    const transport = sender.transports.get(data['transportId'] as string);
    if (!transport) throw new Error(`unknown transport ${String(data['transportId'])}`);
    if (method === 'connect') {
      await transport.connect({ dtlsParameters: data['dtlsParameters'] as types.DtlsParameters });
      return null;
    }
    if (method === 'produce') {
      const producer = await transport.produce({ kind: 'audio', rtpParameters: data['rtpParameters'] as types.RtpParameters });
      sender.producers.push(producer);
      return producer.id;
    }
    throw new Error(`unknown method ${method}`);
  });
}
