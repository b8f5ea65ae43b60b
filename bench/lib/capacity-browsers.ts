// The capacity benchmark's real participants: Chromium pages joined to one SFU path (Voxlay through
// GraphQL, or raw mediasoup-client): a speaker and listeners that receive the active speakers, whose
// inbound-rtp loss checks that what real WebRTC receivers get stays clean under the load.
import type { types } from 'mediasoup';
import type { Browser, Page } from 'playwright-core';
import { pageApi, type RawPageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { VoxlayApp } from '../../server/src/app.js';
import { closePage, openBenchPage, pageServerFor, RAW_PAGE, rtpStats, VOICE_PAGE } from './browser.js';
import { createWebRtcTransport, exposeRawSignal, transportJson, type RawSender } from './raw-signal.js';
import { withTimeout } from './config.js';

const STATS_TIMEOUT_MS = 15_000;

/** Chromium speaker + listeners on one SFU path; returns a reader of the listeners' (received, lost). */
export interface BrowserProbe {
  read(): Promise<{ received: number; lost: number }>;
  close(): Promise<void>;
}

/** No Chromium page on the path (the video capacity suite: a page decoding the streams would take the cores the worker is measured on). */
export const NO_BROWSERS: BrowserProbe = {
  read: async () => ({ received: 0, lost: 0 }),
  close: async () => undefined,
};

export async function voxlayBrowsers(browser: Browser, app: VoxlayApp, listeners: number): Promise<BrowserProbe> {
  const url = (await pageServerFor(VOICE_PAGE)).url;
  const lobby = app.channels.defaultChannel.id;
  const pages: Page[] = [];
  // Its microphone is digital silence (DTX): it never competes with the synthetic speakers for the
  // active set, not even while their source pauses around each measuring window.
  const speaker = await openBenchPage(browser, url, 'cap-speaker', { mic: 'silence' });
  pages.push(speaker);
  await pageApi<VoicePageApi>(speaker, 'voice').join(app.url, lobby, 'Speaker');
  const ears: Page[] = [];
  for (let i = 0; i < listeners; i++) {
    const p = await openBenchPage(browser, url, `cap-listener-${i}`, { mic: 'silence' });
    await pageApi<VoicePageApi>(p, 'voice').join(app.url, lobby, `Listener ${i}`);
    pages.push(p);
    ears.push(p);
  }
  return probe(pages, ears);
}

/** RTP capabilities of a mediasoup-client Device in Chromium loaded with `routerRtpCapabilities` (what a real client sends). */
export async function chromiumCapabilities(browser: Browser, routerRtpCapabilities: types.RtpCapabilities): Promise<types.RtpCapabilities> {
  const url = (await pageServerFor(RAW_PAGE)).url;
  const page = await openBenchPage(browser, url, 'caps', { mic: 'silence' });
  try {
    return (await pageApi<RawPageApi>(page, 'raw').load(
      routerRtpCapabilities as unknown as Record<string, unknown>,
    )) as unknown as types.RtpCapabilities;
  } finally {
    await closePage(page);
  }
}

/**
 * The raw path's Chromium pages, like Voxlay's: a speaker that produces silence (consumed by nobody,
 * as Voxlay's is not while the active set holds the synthetic speakers) and every page receiving the
 * active speakers (`producers`) through raw mediasoup-client.
 */
export async function rawBrowsers(
  browser: Browser,
  router: types.Router,
  producers: types.Producer[],
  listeners: number,
): Promise<BrowserProbe> {
  const url = (await pageServerFor(RAW_PAGE)).url;
  const sender: RawSender = { transports: new Map(), producers: [] };
  const caps = router.rtpCapabilities as unknown as Record<string, unknown>;
  const pages: Page[] = [];
  const ears: Page[] = [];
  const receive = async (p: Page, rtpCapabilities: types.RtpCapabilities) => {
    const recv = await createWebRtcTransport(router);
    sender.transports.set(recv.id, recv);
    await pageApi<RawPageApi>(p, 'raw').createRecvTransport(transportJson(recv));
    for (const producer of producers) {
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities, paused: true });
      await pageApi<RawPageApi>(p, 'raw').consume({
        id: consumer.id,
        producerId: producer.id,
        kind: 'audio',
        rtpParameters: consumer.rtpParameters,
      });
      await consumer.resume();
    }
  };
  const speaker = await openBenchPage(browser, url, 'raw-cap-speaker', { mic: 'silence', beforeGoto: (p) => exposeRawSignal(p, sender) });
  pages.push(speaker);
  const speakerCaps = (await pageApi<RawPageApi>(speaker, 'raw').load(caps)) as unknown as types.RtpCapabilities;
  const send = await createWebRtcTransport(router);
  sender.transports.set(send.id, send);
  await pageApi<RawPageApi>(speaker, 'raw').produce(transportJson(send));
  await receive(speaker, speakerCaps);
  for (let i = 0; i < listeners; i++) {
    const p = await openBenchPage(browser, url, `raw-cap-listener-${i}`, {
      mic: 'silence',
      beforeGoto: (pg) => exposeRawSignal(pg, sender),
    });
    pages.push(p);
    ears.push(p);
    await receive(p, (await pageApi<RawPageApi>(p, 'raw').load(caps)) as unknown as types.RtpCapabilities);
  }
  const inner = probe(pages, ears);
  return {
    read: inner.read,
    close: async () => {
      await inner.close();
      for (const t of sender.transports.values()) t.close();
    },
  };
}

function probe(pages: Page[], ears: Page[]): BrowserProbe {
  return {
    async read() {
      let received = 0;
      let lost = 0;
      for (const p of ears) {
        // A starved Chromium can leave getStats() unanswered: the step then has no browser figure.
        const s = await withTimeout(rtpStats(p), STATS_TIMEOUT_MS, "a listener page's getStats()").catch(() => undefined);
        if (!s) return { received: Number.NaN, lost: Number.NaN };
        for (const i of s.inbound) {
          received += i.packetsReceived;
          lost += Math.max(0, i.packetsLost);
        }
      }
      return { received, lost };
    },
    async close() {
      for (const p of pages) await closePage(p);
    },
  };
}
