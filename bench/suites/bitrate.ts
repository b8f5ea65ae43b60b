// 5. Bitrate of a speaking sender vs a silent one (Opus DTX).
import { pageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { Browser, Page } from 'playwright-core';
import type { VoxlayApp } from '../../server/src/app.js';
import { startBenchApp } from '../lib/app.js';
import { closePage, launchChromium, openBenchPage, pageServerFor, rtpStats, VOICE_PAGE, type MicMode } from '../lib/browser.js';
import { sleep } from '../lib/config.js';
import { fmt, percentile } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

interface Rates {
  /** RTP payload + RTP headers, as outbound-rtp bytesSent + headerBytesSent (kbit/s). */
  rtpKbps: number;
  packetsPerSecond: number;
  /** Estimated on the wire: + 28 bytes IPv4/UDP and a 10-byte SRTP tag per packet. */
  wireKbps: number;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 1 : 3;
  const windowMs = ctx.quick ? 8000 : 20_000;
  const modes: MicMode[] = ['speech', 'tone', 'silence'];
  const results: Record<string, Rates[]> = { speech: [], tone: [], silence: [] };
  let app: VoxlayApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startBenchApp();
    browser = await launchChromium();
    const url = (await pageServerFor(VOICE_PAGE)).url;
    const lobby = app.channels.defaultChannel.id;
    for (let r = 0; r < runs; r++) {
      const pages: Page[] = [];
      for (const mode of modes) {
        const page = await openBenchPage(browser, url, `bitrate-${mode}-${r}`, { mic: mode });
        await pageApi<VoicePageApi>(page, 'voice').join(app.url, lobby, mode);
        pages.push(page);
      }
      await sleep(3000);
      const sum = async (i: number) => {
        const s = await rtpStats(pages[i]!);
        return s.outbound.reduce((a, o) => ({ bytes: a.bytes + o.bytesSent + o.headerBytesSent, packets: a.packets + o.packetsSent }), {
          bytes: 0,
          packets: 0,
        });
      };
      const before = await Promise.all(modes.map((_, i) => sum(i)));
      const t0 = performance.now();
      await sleep(windowMs);
      const after = await Promise.all(modes.map((_, i) => sum(i)));
      const seconds = (performance.now() - t0) / 1000;
      modes.forEach((mode, i) => {
        const bytes = after[i]!.bytes - before[i]!.bytes;
        const packets = after[i]!.packets - before[i]!.packets;
        results[mode]!.push({
          rtpKbps: (bytes * 8) / seconds / 1000,
          packetsPerSecond: packets / seconds,
          wireKbps: ((bytes + packets * (28 + 10)) * 8) / seconds / 1000,
        });
      });
      ctx.log(`bitrate run ${r + 1}/${runs}: ${modes.map((m) => `${m} ${fmt(results[m]!.at(-1)!.rtpKbps)} kbit/s`).join(', ')}`);
      for (const p of pages)
        await pageApi<VoicePageApi>(p, 'voice')
          .leave()
          .catch(() => undefined);
      for (const p of pages) await closePage(p);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
  }
  const med = (mode: string, f: (r: Rates) => number) => percentile(results[mode]!.map(f), 50);
  const range = (mode: string, f: (r: Rates) => number) => {
    const v = results[mode]!.map(f);
    return `${fmt(Math.min(...v))}–${fmt(Math.max(...v))}`;
  };
  const silent = med('silence', (r) => r.rtpKbps);
  const silentWire = med('silence', (r) => r.wireKbps);
  const misses: string[] = [];
  if (!(silent < 3)) misses.push(`A silent sender sends ${fmt(silent, 2)} kbit/s of RTP (goal < 3 kbit/s).`);
  return {
    id: 'bitrate',
    title: 'Bitrate: speaking vs silent (DTX)',
    method: [
      `Three Chromium pages join the Lobby through GraphQL (voice-page.ts: Opus, 20 ms packets, FEC and DTX on, mediasoup-client's defaults otherwise) with three WebAudio microphones: "speech" (a tone whose pitch and level change every 200 ms, with a 200 ms pause every second), "tone" (a continuous 440 Hz tone, the worst case) and "silence" (digital zero). After 3 s, the sender's outbound-rtp bytesSent + headerBytesSent over a ${windowMs / 1000} s window; ${runs} run(s).`,
      'RTP kbit/s counts RTP payload and headers. "On the wire" adds 28 bytes of IPv4 + UDP and a 10-byte SRTP authentication tag per packet (16 with AES-GCM; an estimate: DTLS and RTCP are not included).',
    ],
    figures: [
      {
        label: 'Silent sender (DTX)',
        value: `${fmt(silent, 2)} kbit/s RTP, ≈ ${fmt(silentWire, 2)} kbit/s on the wire, ${fmt(
          med('silence', (r) => r.packetsPerSecond),
          1,
        )} packets/s`,
        goal: '< 3 kbit/s',
        met: silent < 3,
      },
      {
        label: 'Speaking sender (speech-like)',
        value: `${fmt(
          med('speech', (r) => r.rtpKbps),
          1,
        )} kbit/s RTP, ${fmt(
          med('speech', (r) => r.packetsPerSecond),
          1,
        )} packets/s`,
      },
      {
        label: 'Continuous tone',
        value: `${fmt(
          med('tone', (r) => r.rtpKbps),
          1,
        )} kbit/s RTP, ${fmt(
          med('tone', (r) => r.packetsPerSecond),
          1,
        )} packets/s`,
      },
    ],
    details: [
      table(
        ['microphone', 'RTP kbit/s median (range)', '≈ wire kbit/s', 'packets/s'],
        modes.map((m) => [
          m,
          `${fmt(
            med(m, (r) => r.rtpKbps),
            2,
          )} (${range(m, (r) => r.rtpKbps)})`,
          fmt(
            med(m, (r) => r.wireKbps),
            2,
          ),
          fmt(
            med(m, (r) => r.packetsPerSecond),
            1,
          ),
        ]),
      ),
    ],
    charts: [],
    misses,
    notes: [],
    data: { runs, windowMs, results },
  };
}

export const bitrateSuite: Suite = { id: 'bitrate', title: 'Bitrate', run };
