// Proves the offline-built mediasoup-worker (with the DTLS/kTLS fix) carries browser audio:
// two Chromium pages, raw mediasoup, signaling done by this test through page.evaluate/exposeFunction.
import { createWorker, type types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type RawPageApi, type Remote, waitForPageApi } from '@voxlay/testing/page-api';
import { RAW_PAGE } from '@voxlay/testing/pages';

const OPUS: types.RouterRtpCodecCapability = {
  kind: 'audio',
  mimeType: 'audio/opus',
  clockRate: 48000,
  channels: 2,
};

function transportOptions(t: types.WebRtcTransport) {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('raw mediasoup between two Chromium pages', () => {
  let worker: types.Worker;
  let webRtcServer: types.WebRtcServer;
  let router: types.Router;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  const transports = new Map<string, types.WebRtcTransport>();

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn' });
    // One UDP and one TCP port (free ones) for every transport, as the server's workers have.
    webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1', port: 0 },
        { protocol: 'tcp', ip: '127.0.0.1', port: 0 },
      ],
    });
    router = await worker.createRouter({ mediaCodecs: [OPUS] });
    pages = await startPageServer(await bundleBrowserEntry(RAW_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    router?.close();
    worker?.close();
  });

  async function createTransport(): Promise<types.WebRtcTransport> {
    const transport = await router.createWebRtcTransport({ webRtcServer, enableUdp: true, enableTcp: true, preferUdp: true });
    transports.set(transport.id, transport);
    return transport;
  }

  /** Opens a page whose `rawSignal` calls are answered here: connect a transport, produce. */
  async function openPage(label: string): Promise<Remote<RawPageApi>> {
    const page = await chromium.openPage('about:blank', label);
    await page.exposeFunction('rawSignal', async (method: string, data: Record<string, unknown>) => {
      const transport = transports.get(data.transportId as string);
      if (!transport) throw new Error(`unknown transport ${String(data.transportId)}`);
      if (method === 'connect') {
        await transport.connect({ dtlsParameters: data.dtlsParameters as types.DtlsParameters });
        return null;
      }
      if (method === 'produce') {
        const producer = await transport.produce({
          kind: data.kind as types.MediaKind,
          rtpParameters: data.rtpParameters as types.RtpParameters,
        });
        return producer.id;
      }
      throw new Error(`unknown method ${method}`);
    });
    await page.goto(pages.url);
    await waitForPageApi(page);
    return pageApi<RawPageApi>(page, 'raw');
  }

  it("carries the speaker's fake microphone to the listener (bytes grow, audioLevel > 0)", async () => {
    const speaker = await openPage('speaker');
    const listener = await openPage('listener');

    const routerCaps = router.rtpCapabilities as unknown as Record<string, unknown>;
    await speaker.load(routerCaps);
    const listenerCaps = (await listener.load(routerCaps)) as unknown as types.RtpCapabilities;

    const send = await createTransport();
    const producerId = await speaker.produce(transportOptions(send));

    const recv = await createTransport();
    await listener.createRecvTransport(transportOptions(recv));
    expect(router.canConsume({ producerId, rtpCapabilities: listenerCaps })).toBe(true);
    const consumer = await recv.consume({ producerId, rtpCapabilities: listenerCaps, paused: true });
    await listener.consume({ id: consumer.id, producerId, kind: 'audio', rtpParameters: consumer.rtpParameters });
    await consumer.resume();

    // Wait for the first packets, then watch the counters grow for about 2 s.
    const stats = () => listener.stats();
    let first = await stats();
    for (let i = 0; i < 50 && first.packetsReceived === 0; i++) {
      await sleep(100);
      first = await stats();
    }
    expect(first.packetsReceived).toBeGreaterThan(0);
    let maxLevel = first.audioLevel;
    let last = first;
    for (let i = 0; i < 10; i++) {
      await sleep(200);
      last = await stats();
      maxLevel = Math.max(maxLevel, last.audioLevel);
    }
    expect(last.bytesReceived).toBeGreaterThan(first.bytesReceived);
    expect(last.packetsReceived).toBeGreaterThan(first.packetsReceived);
    expect(maxLevel).toBeGreaterThan(0);
    expect(send.dtlsState).toBe('connected');
    expect(recv.dtlsState).toBe('connected');

    await speaker.close();
    await listener.close();
    for (const transport of transports.values()) transport.close();
    expect(consumer.closed).toBe(true);
    expect(worker.closed).toBe(false);
    // The worker still answers requests after the browsers have gone.
    const usage = await worker.getResourceUsage();
    expect(usage.ru_maxrss).toBeGreaterThan(0);
    const dump = await router.dump();
    expect(dump.transportIds).toEqual([]);
  }, 60_000);
});
