// Chromium for the benchmarks: the test helpers' flags and path, plus the recording init script.
import type { Browser, Page } from 'playwright-core';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { BENCH_INIT_SCRIPT } from './init-script.js';

export type MicMode = 'tone' | 'speech' | 'silence' | 'bursts' | 'device';

/** The test pages, reused as they are (voice-page joins through the Voxlay GraphQL API). */
export { RAW_PAGE, VOICE_PAGE } from '@voxlay/testing/pages';

const servers = new Map<string, Promise<PageServer>>();

/** One page server per entry file for the whole run (bundled once). */
export function pageServerFor(entry: string): Promise<PageServer> {
  let server = servers.get(entry);
  if (!server) {
    server = bundleBrowserEntry(entry).then((script) => startPageServer(script));
    servers.set(entry, server);
  }
  return server;
}

export async function closePageServers(): Promise<void> {
  const all = [...servers.values()];
  servers.clear();
  await Promise.all(all.map(async (s) => (await s).close()));
}

/** Chromium with the tests' flags and `extraArgs`. */
export { launchChromium } from '@voxlay/testing/chromium';

export interface BenchPageOptions {
  mic?: MicMode;
  /** Record each encoded audio frame's send and receive time (window.__benchFrames; see init-script.ts). */
  transit?: boolean;
  /** Called with the page before it navigates (e.g. page.exposeFunction). */
  beforeGoto?: (page: Page) => Promise<void>;
}

/** A page in its own browser context with the recording init script, loaded and ready (window.voxlayReady). */
export async function openBenchPage(browser: Browser, url: string, label: string, options: BenchPageOptions = {}): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(
    `window.__benchMic = ${JSON.stringify(options.mic ?? 'tone')}; window.__benchTransit = ${options.transit === true};`,
  );
  await context.addInitScript(BENCH_INIT_SCRIPT);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${label}] page error:`, err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error(`[${label}] console:`, msg.text());
  });
  await options.beforeGoto?.(page);
  await page.goto(url);
  await page.waitForFunction('window.voxlayReady === true', undefined, { timeout: 20_000 });
  return page;
}

export async function closePage(page: Page): Promise<void> {
  await page
    .context()
    .close()
    .catch(() => undefined);
}

export interface RtpStats {
  inbound: Array<{
    ssrc: number;
    packetsReceived: number;
    packetsLost: number;
    jitter: number;
    bytesReceived: number;
    headerBytesReceived: number;
    audioLevel: number;
    concealedSamples: number;
    totalSamplesReceived: number;
  }>;
  outbound: Array<{ ssrc: number; packetsSent: number; bytesSent: number; headerBytesSent: number }>;
}

/** inbound-rtp and outbound-rtp audio stats of every open RTCPeerConnection of the page. */
export function rtpStats(page: Page): Promise<RtpStats> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __benchPcs: RTCPeerConnection[] }).__benchPcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    const out: RtpStats = { inbound: [], outbound: [] };
    for (const pc of pcs) {
      const report = await pc.getStats();
      report.forEach((s: Record<string, number | string>) => {
        if (s.kind !== 'audio') return;
        if (s.type === 'inbound-rtp') {
          out.inbound.push({
            ssrc: Number(s.ssrc ?? 0),
            packetsReceived: Number(s.packetsReceived ?? 0),
            packetsLost: Number(s.packetsLost ?? 0),
            jitter: Number(s.jitter ?? 0),
            bytesReceived: Number(s.bytesReceived ?? 0),
            headerBytesReceived: Number(s.headerBytesReceived ?? 0),
            audioLevel: Number(s.audioLevel ?? 0),
            concealedSamples: Number(s.concealedSamples ?? 0),
            totalSamplesReceived: Number(s.totalSamplesReceived ?? 0),
          });
        } else if (s.type === 'outbound-rtp') {
          out.outbound.push({
            ssrc: Number(s.ssrc ?? 0),
            packetsSent: Number(s.packetsSent ?? 0),
            bytesSent: Number(s.bytesSent ?? 0),
            headerBytesSent: Number(s.headerBytesSent ?? 0),
          });
        }
      });
    }
    return out;
  });
}
