// 4. A ten-person call of real browsers: ten Chromium pages in one channel, three speaking.
import { pageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { Browser, Page } from 'playwright-core';
import { closePage, launchChromium, openBenchPage, pageServerFor, rtpStats, VOICE_PAGE, type RtpStats } from '../lib/browser.js';
import { ChromiumProcesses } from '../lib/chromium-procs.js';
import { sleep } from '../lib/config.js';
import { CpuMeter, machineBusySeconds } from '../lib/proc.js';
import { startServerProcess, type ServerProcess } from '../lib/server-process.js';
import { fmt, percentile } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

const PAGES = 10;
const SPEAKERS = 3;

interface PageResult {
  page: number;
  speaking: boolean;
  received: number;
  lost: number;
  loss: number;
  /** Mean and max inbound jitter (ms) over the streams of the speakers it hears. */
  jitterMeanMs: number;
  jitterMaxMs: number;
  cpu: number;
  sendKbps: number;
}

/** voxlay_forwarded_packets_total from the server's /metrics. */
async function forwardedPackets(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('voxlay_forwarded_packets_total '));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

interface RunResult {
  /** Packets /metrics says the SFU forwarded over the window, and what the pages received. */
  metricsForwarded: number;
  pagesReceived: number;
  pages: PageResult[];
  serverNodeCpu: number;
  serverWorkerCpu: number;
  chromiumOtherCpu: number;
  machineBusy: number;
}

async function oneCall(ctx: SuiteContext, server: ServerProcess, windowMs: number, label: string): Promise<RunResult> {
  let browser: Browser | undefined;
  try {
    // No spare renderer: the renderer that appears when a page opens is then that page's own.
    browser = await launchChromium(['--disable-features=SpareRendererForSitePerProcess']);
    const procs = await ChromiumProcesses.attach(browser);
    const url = (await pageServerFor(VOICE_PAGE)).url;
    const pages: Page[] = [];
    const pids: number[][] = [];
    for (let i = 0; i < PAGES; i++) {
      const before = await procs.renderers();
      const page = await openBenchPage(browser, url, `${label}-p${i}`, { mic: i < SPEAKERS ? 'speech' : 'silence' });
      pids.push([...(await procs.renderers())].filter((p) => !before.has(p)));
      await pageApi<VoicePageApi>(page, 'voice').join(server.url, server.lobby, `Person ${i}`);
      pages.push(page);
    }
    // Everyone hears the nine others (silent ones only as DTX packets).
    for (let t = 0; t < 100; t++) {
      const counts = await Promise.all(pages.map(async (p) => (await rtpStats(p)).inbound.filter((s) => s.packetsReceived > 0).length));
      if (counts.every((c) => c >= PAGES - 1)) break;
      await sleep(200);
    }
    await sleep(3000);
    const others = (await procs.list()).filter((p) => p.type !== 'renderer').map((p) => p.pid);
    const fwd0 = await forwardedPackets(server.url);
    const a: RtpStats[] = await Promise.all(pages.map((p) => rtpStats(p)));
    const meter = new CpuMeter([server.pid, server.workerPid, ...pids.flat(), ...others]).start();
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    await sleep(windowMs);
    const cpu = meter.stop();
    const seconds = (performance.now() - t0) / 1000;
    const busy = (machineBusySeconds() - busy0) / seconds;
    const b: RtpStats[] = await Promise.all(pages.map((p) => rtpStats(p)));
    const fwd1 = await forwardedPackets(server.url);
    const results: PageResult[] = pages.map((_, i) => {
      let received = 0;
      let lost = 0;
      const jitters: number[] = [];
      for (const s of b[i]!.inbound) {
        const prev = a[i]!.inbound.find((x) => x.ssrc === s.ssrc);
        const dr = s.packetsReceived - (prev?.packetsReceived ?? 0);
        received += dr;
        lost += Math.max(0, s.packetsLost - (prev?.packetsLost ?? 0));
        if (dr / seconds > 20) jitters.push(s.jitter * 1000);
      }
      const out =
        b[i]!.outbound.reduce((sum, o) => sum + o.bytesSent + o.headerBytesSent, 0) -
        a[i]!.outbound.reduce((sum, o) => sum + o.bytesSent + o.headerBytesSent, 0);
      return {
        page: i + 1,
        speaking: i < SPEAKERS,
        received,
        lost,
        loss: received + lost > 0 ? lost / (received + lost) : Number.NaN,
        jitterMeanMs: jitters.length ? jitters.reduce((x, y) => x + y, 0) / jitters.length : Number.NaN,
        jitterMaxMs: jitters.length ? Math.max(...jitters) : Number.NaN,
        cpu: pids[i]!.length ? pids[i]!.reduce((sum, pid) => sum + (cpu.get(pid) ?? Number.NaN), 0) : Number.NaN,
        sendKbps: (out * 8) / seconds / 1000,
      };
    });
    const run: RunResult = {
      metricsForwarded: fwd1 - fwd0,
      pagesReceived: results.reduce((sum, r) => sum + r.received, 0),
      pages: results,
      serverNodeCpu: cpu.get(server.pid)!,
      serverWorkerCpu: cpu.get(server.workerPid)!,
      chromiumOtherCpu: others.reduce((sum, pid) => sum + (Number.isFinite(cpu.get(pid)!) ? cpu.get(pid)! : 0), 0),
      machineBusy: busy,
    };
    ctx.log(
      `ten-person call ${label}: max loss ${fmt(Math.max(...results.map((r) => r.loss)) * 100, 3)}%, server Node ${fmt(run.serverNodeCpu * 100, 0)}%, worker ${fmt(run.serverWorkerCpu * 100, 0)}%`,
    );
    for (const p of pages)
      await pageApi<VoicePageApi>(p, 'voice')
        .leave()
        .catch(() => undefined);
    for (const p of pages) await closePage(p);
    return run;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 1 : 3;
  const windowMs = ctx.quick ? 8000 : 30_000;
  const server = await startServerProcess();
  const results: RunResult[] = [];
  try {
    for (let r = 0; r < runs; r++) results.push(await oneCall(ctx, server, windowMs, `run ${r + 1}`));
  } finally {
    await server.stop();
  }
  const all = results.flatMap((r) => r.pages);
  const worstLoss = Math.max(...all.map((p) => p.loss));
  const totalLoss = all.reduce((s, p) => s + p.lost, 0) / all.reduce((s, p) => s + p.lost + p.received, 0);
  const jit = all.map((p) => p.jitterMeanMs).filter(Number.isFinite);
  const med = (f: (r: RunResult) => number) => percentile(results.map(f), 50);
  const misses: string[] = [];
  if (!(worstLoss <= 0.001))
    misses.push(`The worst listener lost ${fmt(worstLoss * 100, 3)}% of packets in a window (goal ≤ 0.1% for every listener).`);
  const last = results.at(-1)!;
  return {
    id: 'ten-call',
    title: 'A ten-person call of real browsers',
    method: [
      `${PAGES} headless Chromium pages (one process, a browser context each) join the Lobby through the GraphQL API (voice-page.ts), ${SPEAKERS} of them speaking (a WebAudio "speech-like" signal: a tone whose pitch and level change every 200 ms, with pauses) and ${PAGES - SPEAKERS} silent (digital silence, so Opus DTX sends almost nothing). The server runs in its own Node process with one worker. After everybody hears everybody and 3 s of settling, a ${windowMs / 1000} s window; ${runs} run(s), each with a fresh browser.`,
      "Loss per listener = packetsLost ÷ (packetsReceived + packetsLost) over the window, summed over its nine inbound streams (inbound-rtp stats of every RTCPeerConnection, recorded by the init script). Jitter = inbound-rtp jitter of the streams carrying speech (> 20 packets/s). CPU from /proc/<pid>/stat over the window: the server's Node process, its mediasoup worker, each page's renderer process (found as the renderer that appears when the page opens), and Chromium's other processes (browser, GPU, audio and network services) together.",
    ],
    figures: [
      {
        label: 'Worst listener loss (all runs)',
        value: `${fmt(worstLoss * 100, 3)}% (all listeners together: ${fmt(totalLoss * 100, 4)}%)`,
        goal: '≤ 0.1%',
        met: worstLoss <= 0.001,
      },
      {
        label: 'Jitter of speech streams, median / max over listeners',
        value: `${fmt(percentile(jit, 50), 1)} / ${fmt(Math.max(...jit), 1)} ms`,
      },
      {
        label: 'Server CPU (median of runs)',
        value: `Node ${fmt(med((r) => r.serverNodeCpu) * 100, 1)}% + worker ${fmt(med((r) => r.serverWorkerCpu) * 100, 1)}% of a core`,
      },
      {
        label: 'Per-page renderer CPU, median (min–max)',
        value: `${fmt(
          percentile(
            all.map((p) => p.cpu * 100),
            50,
          ),
          1,
        )}% (${fmt(Math.min(...all.map((p) => p.cpu * 100)), 1)}–${fmt(Math.max(...all.map((p) => p.cpu * 100)), 1)}%) of a core`,
      },
    ],
    details: [
      `Last run (${results.length}), per page:`,
      table(
        ['page', 'role', 'packets received', 'lost', 'loss %', 'jitter mean / max ms', 'renderer CPU %', 'sending kbit/s'],
        last.pages.map((p) => [
          p.page,
          p.speaking ? 'speaking' : 'silent',
          p.received,
          p.lost,
          fmt(p.loss * 100, 3),
          `${fmt(p.jitterMeanMs, 1)} / ${fmt(p.jitterMaxMs, 1)}`,
          fmt(p.cpu * 100, 1),
          fmt(p.sendKbps, 1),
        ]),
      ),
      `${table(
        [
          'run',
          'worst loss %',
          'server Node %',
          'worker %',
          'Chromium other processes %',
          'machine busy % (of 200)',
          '/metrics forwarded packets / received by the pages',
        ],
        results.map((r, i) => [
          i + 1,
          fmt(Math.max(...r.pages.map((p) => p.loss)) * 100, 3),
          fmt(r.serverNodeCpu * 100, 1),
          fmt(r.serverWorkerCpu * 100, 1),
          fmt(r.chromiumOtherCpu * 100, 1),
          fmt(r.machineBusy * 100, 0),
          `${r.metricsForwarded} / ${r.pagesReceived}`,
        ]),
      )}\n\nThe last column cross-checks /metrics: voxlay_forwarded_packets_total over the window (read at most once a second, so it lags by up to a second at each end) against the packets the ten pages received.`,
    ],
    charts: [],
    misses,
    notes: [],
    data: { runs, windowMs, results },
  };
}

export const tenCallSuite: Suite = { id: 'ten-call', title: 'Ten-person call', run };
