// 3. Forwarding capacity of one worker: Voxlay vs raw mediasoup on the same worker build, same load.
import { readFileSync } from 'node:fs';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Browser, Page } from 'playwright-core';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import type { VoxlayApp } from '../../server/src/app.js';
import { startBenchApp, workerPid } from '../lib/app.js';
import { closePage, launchChromium, openBenchPage, pageServerFor, RAW_PAGE, rtpStats, VOICE_PAGE } from '../lib/browser.js';
import { PORTS, sleep } from '../lib/config.js';
import { CpuMeter, machineBusySeconds } from '../lib/proc.js';
import { createWebRtcTransport, exposeRawSignal, transportJson, type RawSender } from '../lib/raw-signal.js';
import { dropsIn, PACKETS_PER_SECOND, RtpLoad, udpDropsByPort, udpReceiveBufferErrors } from '../lib/rtp-load.js';
import { fmt, percentile } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { lineChart } from '../lib/svg.js';

const SPEAKERS = 10;

const readRmemDefault = (): string => {
  try {
    return readFileSync('/proc/sys/net/core/rmem_default', 'utf8').trim();
  } catch {
    return 'unknown';
  }
};
const LOSS_LIMIT = 0.01;

interface Step {
  consumers: number;
  /** Consumers whose packets were counted (sampled listeners). */
  counted: number;
  expectedPps: number;
  /** Packets/s received per counted stream × all consumers. */
  forwardedPps: number;
  /** Loss at the counting sinks (what a listener gets). */
  endToEndLoss: number;
  /** Lost before the SFU: Node → generator worker G1. */
  sourceLoss: number;
  /** Lost on the way into the SFU (G1 → SFU ingest): the SFU's receive buffer overflowing. */
  ingestLoss: number;
  /** The SFU's share: 1 − (1 − end to end) ÷ (1 − source). */
  loss: number;
  /** Datagrams the kernel dropped on full receive buffers during the window (whole machine). */
  udpRcvbufErrors: number;
  /** Of those, on the SFU's PlainTransport sockets and on the generator's (from /proc/net/udp). */
  sfuSocketDrops: number;
  generatorSocketDrops: number;
  sfuCores: number;
  g1Cores: number;
  g2Cores: number;
  sourceCores: number;
  benchNodeCores: number;
  machineBusyCores: number;
  /** Loss seen by the real Chromium listeners over the window (inbound-rtp packetsLost). */
  browserLoss: number;
  browserPackets: number;
  /** Merged steps: how many passes measured this count (a pass that stopped earlier did not). */
  measuredIn?: number;
}

interface PathResult {
  path: 'voxlay' | 'raw';
  /** Which pass (paths alternate their order from one pass to the next). */
  pass?: number;
  steps: Step[];
  stopReason: string;
}

/**
 * One path's passes merged, per consumer count: the median of every figure over the passes, but the
 * worst loss, and how many passes got that far (a step is clean only when every pass measured it
 * under the loss limit).
 */
function mergePasses(path: 'voxlay' | 'raw', passes: PathResult[]): PathResult {
  const mine = passes.filter((p) => p.path === path);
  const counts = [...new Set(mine.flatMap((p) => p.steps.map((s) => s.consumers)))].sort((a, b) => a - b);
  const steps = counts.map((c) => {
    const list = mine.flatMap((p) => p.steps.filter((s) => s.consumers === c));
    const merged = {} as Record<string, number>;
    for (const key of Object.keys(list[0]!)) merged[key] = percentile(list.map((s) => (s as unknown as Record<string, number>)[key]!), 50);
    merged['loss'] = Math.max(...list.map((s) => s.loss));
    merged['measuredIn'] = list.length;
    return merged as unknown as Step;
  });
  return { path, steps, stopReason: mine.map((p, i) => `pass ${i + 1}: ${p.stopReason}`).join('; '), pass: mine.length };
}

/** Chromium speaker + listeners on one SFU path; returns a reader of the listeners' (received, lost). */
interface BrowserProbe {
  read(): Promise<{ received: number; lost: number }>;
  close(): Promise<void>;
}

async function voxlayBrowsers(browser: Browser, app: VoxlayApp, listeners: number): Promise<BrowserProbe> {
  const url = (await pageServerFor(VOICE_PAGE)).url;
  const lobby = app.channels.defaultChannel.id;
  const pages: Page[] = [];
  const speaker = await openBenchPage(browser, url, 'cap-speaker', { mic: 'speech' });
  pages.push(speaker);
  await speaker.evaluate(([u, c]) => (window as any).voice.join(u, c, 'Speaker'), [app.url, lobby] as const);
  const ears: Page[] = [];
  for (let i = 0; i < listeners; i++) {
    const p = await openBenchPage(browser, url, `cap-listener-${i}`, { mic: 'silence' });
    await p.evaluate(([u, c, n]) => (window as any).voice.join(u, c, n), [app.url, lobby, `Listener ${i}`] as const);
    pages.push(p);
    ears.push(p);
  }
  return probe(pages, ears);
}

async function rawBrowsers(browser: Browser, router: types.Router, listeners: number): Promise<BrowserProbe> {
  const url = (await pageServerFor(RAW_PAGE)).url;
  const sender: RawSender = { transports: new Map(), producers: [] };
  const caps = router.rtpCapabilities as unknown as Record<string, unknown>;
  const pages: Page[] = [];
  const speaker = await openBenchPage(browser, url, 'raw-cap-speaker', { mic: 'speech', beforeGoto: (p) => exposeRawSignal(p, sender) });
  pages.push(speaker);
  await speaker.evaluate((c) => (window as any).raw.load(c), caps);
  const send = await createWebRtcTransport(router, PORTS.raw);
  sender.transports.set(send.id, send);
  await speaker.evaluate((o) => (window as any).raw.produce(o), transportJson(send) as unknown as Record<string, unknown>);
  const producer = sender.producers[0]!;
  const ears: Page[] = [];
  for (let i = 0; i < listeners; i++) {
    const p = await openBenchPage(browser, url, `raw-cap-listener-${i}`, { mic: 'silence', beforeGoto: (pg) => exposeRawSignal(pg, sender) });
    const rtpCapabilities = (await p.evaluate((c) => (window as any).raw.load(c), caps)) as types.RtpCapabilities;
    const recv = await createWebRtcTransport(router, PORTS.raw);
    sender.transports.set(recv.id, recv);
    await p.evaluate((o) => (window as any).raw.createRecvTransport(o), transportJson(recv) as unknown as Record<string, unknown>);
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities, paused: true });
    await p.evaluate((o) => (window as any).raw.consume(o), { id: consumer.id, producerId: producer.id, kind: 'audio', rtpParameters: consumer.rtpParameters } as unknown as Record<string, unknown>);
    await consumer.resume();
    pages.push(p);
    ears.push(p);
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
        const s = await rtpStats(p);
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

async function measurePath(
  ctx: SuiteContext,
  path: 'voxlay' | 'raw',
  load: RtpLoad,
  router: types.Router,
  sfuPid: number,
  browsers: BrowserProbe,
  steps: number[],
  windowMs: number,
  onStep?: () => Promise<void>,
): Promise<PathResult> {
  await load.attach({ router, portRange: PORTS.sfuPlain });
  const out: Step[] = [];
  let stopReason = `reached the largest step (${steps.at(-1)} consumers)`;
  try {
    for (const consumers of steps) {
      await load.grow(consumers);
      await sleep(2000);
      // Exact counts, no clock alignment: the source pauses, the pipeline drains, counts are read;
      // the source sends for the window; it pauses again, drains, and counts are read again. Each
      // stream should have carried exactly the packets the source sent in between.
      const settle = async () => {
        const sent = await load.sourceCommand('pause');
        await sleep(300);
        return { sent, src: await load.source(), ing: await load.ingest(), sink: await load.sinks() };
      };
      const c0 = await settle();
      const browserBefore = await browsers.read();
      await load.sourceCommand('resume');
      const meter = new CpuMeter([sfuPid, load.g1.pid, load.g2.pid, process.pid, load.sourcePid]).start();
      const rcvbuf0 = udpReceiveBufferErrors();
      const drops0 = udpDropsByPort();
      const busy0 = machineBusySeconds();
      const t0 = performance.now();
      await sleep(windowMs);
      const cpu = meter.stop();
      const rcvbuf = udpReceiveBufferErrors() - rcvbuf0;
      const drops1 = udpDropsByPort();
      const seconds = (performance.now() - t0) / 1000;
      const busy = (machineBusySeconds() - busy0) / seconds;
      const c1 = await settle();
      const browserAfter = await browsers.read();
      await load.sourceCommand('resume');
      await onStep?.();
      const counted = load.countedConsumers;
      const perStream = c1.sent - c0.sent;
      const delivered = (n: number, streams: number) => n / Math.max(perStream * streams, 1);
      const srcRate = delivered(c1.src - c0.src, SPEAKERS);
      const ingRate = delivered(c1.ing - c0.ing, SPEAKERS);
      const sinkRate = delivered(c1.sink - c0.sink, counted);
      const lossVs = (rate: number, ref: number) => Math.max(0, 1 - rate / ref);
      const bPackets = browserAfter.received - browserBefore.received;
      const bLost = browserAfter.lost - browserBefore.lost;
      const step: Step = {
        consumers: load.consumers,
        counted,
        expectedPps: load.consumers * PACKETS_PER_SECOND,
        forwardedPps: (sinkRate * perStream * load.consumers) / seconds,
        endToEndLoss: lossVs(sinkRate, 1),
        sourceLoss: lossVs(srcRate, 1),
        ingestLoss: lossVs(ingRate, srcRate),
        loss: lossVs(sinkRate, srcRate),
        udpRcvbufErrors: rcvbuf,
        sfuSocketDrops: dropsIn(drops0, drops1, PORTS.sfuPlain),
        generatorSocketDrops: dropsIn(drops0, drops1, PORTS.generator),
        sfuCores: cpu.get(sfuPid)!,
        g1Cores: cpu.get(load.g1.pid)!,
        g2Cores: cpu.get(load.g2.pid)!,
        sourceCores: cpu.get(load.sourcePid)!,
        benchNodeCores: cpu.get(process.pid)!,
        machineBusyCores: busy,
        browserLoss: bPackets + bLost > 0 ? bLost / (bPackets + bLost) : Number.NaN,
        browserPackets: bPackets,
      };
      out.push(step);
      ctx.log(
        `capacity ${path}: ${step.consumers} consumers (${step.counted} counted), ${fmt(step.forwardedPps, 0)} pkt/s, SFU loss ${fmt(step.loss * 100, 2)}% (end to end ${fmt(step.endToEndLoss * 100, 2)}%, source ${fmt(step.sourceLoss * 100, 2)}%, ingest ${fmt(step.ingestLoss * 100, 2)}%, kernel rcvbuf drops ${rcvbuf}: SFU sockets ${step.sfuSocketDrops}, generator ${step.generatorSocketDrops}), SFU worker ${fmt(step.sfuCores * 100, 0)}%, G1 ${fmt(step.g1Cores * 100, 0)}%, G2 ${fmt(step.g2Cores * 100, 0)}%, browsers' loss ${fmt(step.browserLoss * 100, 2)}%`,
      );
      if (step.loss > LOSS_LIMIT) {
        stopReason = `loss passed 1% at ${step.consumers} consumers`;
        break;
      }
      if (step.sfuCores >= 0.95) {
        stopReason = `the SFU worker saturated (${fmt(step.sfuCores * 100, 0)}% of a core) at ${step.consumers} consumers`;
        break;
      }
      if (Math.max(step.g1Cores, step.g2Cores) >= 0.95) {
        stopReason = `a load generator worker saturated (${fmt(Math.max(step.g1Cores, step.g2Cores) * 100, 0)}% of a core) at ${step.consumers} consumers`;
        break;
      }
    }
  } finally {
    await load.detach();
  }
  return { path, steps: out, stopReason };
}

const clean = (r: PathResult, s: Step) => s.loss < LOSS_LIMIT && (s.measuredIn ?? 1) >= (r.pass ?? 1);

/** A step's figures: consumers per core extrapolated from worker CPU, CPU per 1,000 packets/s. */
function figures(s: Step) {
  return {
    consumers: s.consumers,
    loss: s.loss,
    sfuCores: s.sfuCores,
    pps: s.forwardedPps,
    perCore: s.consumers / Math.max(s.sfuCores, 1e-6),
    cpuPer1000Pps: (s.sfuCores * 100) / (s.forwardedPps / 1000),
  };
}

/** The largest clean step of a merged path. */
function headline(r: PathResult) {
  const best = r.steps.filter((s) => clean(r, s)).at(-1);
  return best ? figures(best) : undefined;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const steps = ctx.quick ? [500, 1500] : [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 8000];
  const windowMs = ctx.quick ? 5000 : 8000;
  const listeners = 2;
  let load: RtpLoad | undefined;
  let browser: Browser | undefined;
  let app: VoxlayApp | undefined;
  let rawWorker: types.Worker | undefined;
  const rounds = ctx.quick ? 1 : 2;
  const passes: PathResult[] = [];
  try {
    load = await RtpLoad.create(PORTS.generator, SPEAKERS);
    browser = await launchChromium();
    // Raw mediasoup: a worker of the same build, a router with the same codecs, nothing else.
    rawWorker = await mediasoup.createWorker({ logLevel: 'warn' });
    const rawRouter = await rawWorker.createRouter({ mediaCodecs });
    // Voxlay: the running app's worker and the Lobby's router, real participants over GraphQL, /metrics scraped each step.
    app = await startBenchApp();
    const voxApp = app;
    const scrape = async () => {
      await fetch(`${voxApp.url}/metrics`).then((r) => r.text());
    };
    // The paths alternate their order from pass to pass, so background load hits both alike.
    for (let round = 0; round < rounds; round++) {
      for (const path of round % 2 === 0 ? (['raw', 'voxlay'] as const) : (['voxlay', 'raw'] as const)) {
        const probe = path === 'raw' ? await rawBrowsers(browser, rawRouter, listeners) : await voxlayBrowsers(browser, voxApp, listeners);
        try {
          const result =
            path === 'raw'
              ? await measurePath(ctx, 'raw', load, rawRouter, rawWorker.pid, probe, steps, windowMs)
              : await measurePath(ctx, 'voxlay', load, voxApp.channels.defaultChannel.router, workerPid(voxApp), probe, steps, windowMs, scrape);
          passes.push({ ...result, pass: round + 1 });
        } finally {
          await probe.close();
        }
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await load?.close();
    rawWorker?.close();
    await app?.stop();
  }
  const results = [mergePasses('raw', passes), mergePasses('voxlay', passes)];

  const raw = results.find((r) => r.path === 'raw')!;
  const vox = results.find((r) => r.path === 'voxlay')!;
  const hr = headline(raw);
  const hv = headline(vox);
  // Voxlay vs raw at the same load: the largest consumer count both measured cleanly.
  const common = vox.steps.filter((s) => clean(vox, s) && raw.steps.some((t) => t.consumers === s.consumers && clean(raw, t))).at(-1);
  const cv = common ? figures(common) : undefined;
  const cr = common ? figures(raw.steps.find((t) => t.consumers === common.consumers)!) : undefined;
  const ratio = cv && cr ? cv.perCore / cr.perCore : Number.NaN;
  const anySaturated = (r: PathResult) => r.steps.some((s) => s.sfuCores >= 0.95 || s.loss > LOSS_LIMIT);
  const extrapolated = !anySaturated(vox);
  const misses: string[] = [];
  /** Why a path stopped early: the first step over the loss limit, with where the loss happened. */
  const why = (r: PathResult) => {
    const bad = r.steps.find((s) => s.loss > LOSS_LIMIT);
    if (!bad) return '';
    return ` At ${bad.consumers} consumers the SFU lost ${fmt(bad.loss * 100, 2)}% (of which ${fmt(bad.ingestLoss * 100, 2)}% on the way in: its receive buffers overflowed; the kernel dropped ${fmt(bad.sfuSocketDrops, 0)} datagrams on the SFU's sockets and ${fmt(bad.generatorSocketDrops, 0)} on the generator's) while its worker used ${fmt(bad.sfuCores * 100, 0)}% of a core and the machine was ${fmt(bad.machineBusyCores * 100, 0)}% busy out of 200%: the worker could not keep up there (saturated, or not scheduled when packets arrived on the shared 2-core machine), so the figure comes from the last step under 1% loss, extrapolated from its worker CPU.`;
  };
  if (!hv) misses.push(`No Voxlay step stayed under 1% loss.${why(vox)}`);
  else if (hv.perCore < 3000) {
    misses.push(
      `${fmt(hv.perCore, 0)} audio consumers per core at < 1% loss (goal ≥ 3,000)${extrapolated ? ', extrapolated from worker CPU because the load did not saturate the worker' : ''}; the worker spends ${fmt(hv.cpuPer1000Pps, 2)}% of a core per 1,000 forwarded packets/s (raw mediasoup in the same run: ${fmt(hr?.cpuPer1000Pps, 2)}%)${ratio >= 0.9 ? ', so the shortfall is what forwarding costs this machine\'s worker, not Voxlay\'s control plane' : ''}.${why(vox)}`,
    );
  }
  if (Number.isFinite(ratio) && ratio < 0.9) {
    const at = cv!.consumers;
    const cpuAt = (path: 'raw' | 'voxlay') => passes.filter((p) => p.path === path).map((p) => p.steps.find((x) => x.consumers === at)?.sfuCores ?? Number.NaN);
    const overlap = (_: number) => Math.min(...cpuAt('voxlay')) <= Math.max(...cpuAt('raw'));
    const perPass = (path: 'raw' | 'voxlay') =>
      passes.filter((p) => p.path === path).map((p) => fmt((p.steps.find((x) => x.consumers === at)?.sfuCores ?? Number.NaN) * 100, 0) + '%').join(', ');
    misses.push(
      `At ${at} consumers Voxlay's worker used ${fmt(cv!.sfuCores * 100, 0)}% of a core where raw mediasoup's used ${fmt(cr!.sfuCores * 100, 0)}% (medians; per pass Voxlay ${perPass('voxlay')}, raw ${perPass('raw')}): ${fmt(ratio, 2)}× the raw figure (goal ≥ 0.9×). ${overlap(at) ? 'The per-pass figures overlap, so the difference is within the background noise of the shared machine.' : 'The per-pass figures do not overlap, so the difference is not noise; its cause is not established by this run.'} What Voxlay adds to its worker in this test: the pool's resource sampling every 2 s, the /metrics scrape after each step (consumer stats of its ${listeners + 1} GraphQL participants only), and its Chromium participants also send (DTX silence) where the raw listeners only receive — all small next to the synthetic load.`,
    );
  }
  const brLoss = vox.steps.filter((s) => clean(vox, s)).map((s) => s.browserLoss).filter(Number.isFinite);
  const brLossAll = vox.steps.map((s) => s.browserLoss).filter(Number.isFinite);
  const series = (r: PathResult, f: (s: Step) => number) => r.steps.map((s) => [s.consumers, f(s)] as [number, number]);
  const rows = passes.flatMap((r) =>
    r.steps.map((s) => [
      `${r.path === 'raw' ? 'raw mediasoup' : 'Voxlay'} (pass ${r.pass})`,
      `${s.consumers} (${s.counted})`,
      fmt(s.forwardedPps, 0),
      fmt(s.loss * 100, 3),
      `${fmt(s.endToEndLoss * 100, 3)} / ${fmt(s.sourceLoss * 100, 3)} / ${fmt(s.ingestLoss * 100, 3)}`,
      `${s.udpRcvbufErrors} (${s.sfuSocketDrops} / ${s.generatorSocketDrops})`,
      fmt(s.sfuCores * 100, 1),
      fmt((s.sfuCores * 100) / (s.forwardedPps / 1000), 2),
      fmt(s.consumers / Math.max(s.sfuCores, 1e-6), 0),
      `${fmt(s.g1Cores * 100, 0)} / ${fmt(s.g2Cores * 100, 0)} / ${fmt(s.sourceCores * 100, 0)}`,
      fmt(s.benchNodeCores * 100, 0),
      fmt(s.machineBusyCores * 100, 0),
      `${fmt(s.browserLoss * 100, 2)} (${s.browserPackets} pkts)`,
    ]),
  );
  return {
    id: 'capacity',
    title: 'Forwarding capacity of one worker',
    method: [
      `Audio only, ${SPEAKERS} speakers, listeners added in steps (each listener consumes every speaker, so consumers = 10 × listeners); each step settles 2 s, then a ${windowMs / 1000} s measuring window. Stops when the SFU's loss passes 1%, or a worker passes 95% of a core, or after the last step (${steps.join(', ')} consumers).`,
      'Load generator (light, not a browser): a separate Node process sends 10 streams of 50 packets/s (20 ms Opus-sized packets, 92 bytes) to a mediasoup worker **G1**, which encrypts them (SRTP AEAD_AES_128_GCM) into the SFU, one PlainTransport per speaker (as each WebRTC speaker has its own transport and socket). Every listener is an SFU PlainTransport with SRTP AES-128-GCM, so the SFU encrypts and sends every forwarded packet. A sample of listeners (the first 20, then one in ten) sends to a second worker **G2**, where producers without SRTP count packets and losses by RTP sequence number (the RTP header of an SRTP packet is in clear, so G2 never decrypts); the others send to a UDP port nobody listens on, where the kernel drops them. The SFU does the same work for every listener; only the counting is sampled, which keeps the generator far lighter than the SFU.',
      'Loss from exact packet counts (mediasoup\'s packetsLost is only refreshed with each RTCP report, and rates over a window depend on when each count was read): before and after the window the source pauses, the pipeline drains for 300 ms and every counter is read, so each stream should have carried exactly the packets the source sent in between. "End to end" = 1 − packets at the counting sinks ÷ packets sent; "source" = 1 − packets G1 received from Node ÷ sent; "ingest" = 1 − packets the SFU\'s ingest producers received ÷ packets G1 received (the SFU\'s own receive buffers). The **SFU loss** excludes what was lost before the SFU: 1 − (sink share ÷ source share); it includes the SFU\'s ingest and anything lost between the SFU and G2 (which, while G2 has CPU to spare, is the SFU sending faster than a socket drains). The kernel\'s UDP receive-buffer drops are listed too (RcvbufErrors in /proc/net/snmp for the whole machine, and per socket from /proc/net/udp: the SFU\'s PlainTransports vs the generator\'s). Worker CPU = utime+stime from /proc/<pid>/stat over the window, as a share of one core. Consumers per core = consumers ÷ SFU worker CPU at the last step under 1% loss (an extrapolation when the worker was not saturated). CPU per 1,000 packets/s = SFU worker CPU % ÷ (forwarded packets/s ÷ 1,000).',
      `Both paths in the same run with the same generator, in ${rounds} pass(es) whose order alternates (raw then Voxlay, then Voxlay then raw), each pass with fresh Chromium pages: **raw mediasoup** = a fresh worker of the same build and a router with the same codecs, nothing else; **Voxlay** = the running app's worker and the Lobby channel's router, with its control plane live: ${listeners + 1} Chromium pages joined through GraphQL (one speaking, ${listeners} listening, their inbound-rtp loss read as a check that real audio stays clean), the worker pool sampling every 2 s, /metrics scraped after every step. The synthetic streams are PlainTransports the benchmark creates on those routers, because Voxlay's API only creates WebRTC transports (a Node generator cannot do ICE + DTLS at this rate). The raw path has the same ${listeners + 1} Chromium pages through raw mediasoup-client.`,
    ],
    figures: [
      {
        label: 'Voxlay: audio consumers per core at < 1% loss',
        value: hv ? `${fmt(hv.perCore, 0)} (${hv.consumers} consumers at ${fmt(hv.sfuCores * 100, 0)}% of a core, ${fmt(hv.loss * 100, 2)}% loss${extrapolated ? '; extrapolated, worker not saturated' : ''})` : 'n/a',
        goal: '≥ 3,000 per core',
        met: hv ? hv.perCore >= 3000 : false,
      },
      { label: 'Raw mediasoup, same run', value: hr ? `${fmt(hr.perCore, 0)} per core (${hr.consumers} consumers at ${fmt(hr.sfuCores * 100, 0)}%, ${fmt(hr.loss * 100, 2)}% loss)` : 'n/a' },
      {
        label: 'Voxlay ÷ raw (consumers per core, at the same load)',
        value: cv && cr ? `${fmt(ratio, 2)}× (at ${cv.consumers} consumers: Voxlay worker ${fmt(cv.sfuCores * 100, 0)}%, raw ${fmt(cr.sfuCores * 100, 0)}% of a core)` : 'n/a',
        goal: '≥ 0.9×',
        met: Number.isFinite(ratio) ? ratio >= 0.9 : null,
      },
      { label: 'Worker CPU per 1,000 forwarded packets/s', value: `Voxlay ${fmt(hv?.cpuPer1000Pps, 2)}%, raw ${fmt(hr?.cpuPer1000Pps, 2)}% of a core` },
      {
        label: 'Chromium listeners\' loss during the clean Voxlay steps (max)',
        value: brLoss.length ? `${fmt(Math.max(...brLoss) * 100, 2)}%${brLossAll.length > brLoss.length ? ` (${fmt(Math.max(...brLossAll) * 100, 2)}% past the limit, where the worker no longer keeps up)` : ''}` : 'n/a',
      },
    ],
    details: [
      `Stopped: raw — ${raw.stopReason}; Voxlay — ${vox.stopReason}. Merged over passes: per step, the median of each figure but the worst loss, and a step counts as clean only when every pass measured it under 1% loss; Voxlay ÷ raw compares the two at the largest consumer count both measured cleanly. Every pass is listed below.`,
      table(
        ['path', 'consumers (counted)', 'forwarded pkt/s', 'SFU loss %', 'end to end / source / ingest loss %', 'kernel rcvbuf drops (SFU / generator sockets)', 'SFU worker % core', '% core per 1k pkt/s', 'consumers per core', 'G1 / G2 / source %', 'bench Node %', 'machine busy % (of 200)', 'Chromium listeners loss %'],
        rows,
      ),
    ],
    charts: [
      {
        file: 'capacity-loss.svg',
        alt: 'Loss against forwarded audio consumers, Voxlay and raw mediasoup',
        svg: lineChart({
          title: 'Loss vs forwarded audio consumers (one worker)',
          xLabel: 'audio consumers (10 speakers)',
          yLabel: 'loss %',
          series: [
            { name: 'Voxlay', points: series(vox, (s) => s.loss * 100) },
            { name: 'raw mediasoup', points: series(raw, (s) => s.loss * 100) },
          ],
          hLines: [{ y: 1, label: '1% limit' }],
        }),
      },
      {
        file: 'capacity-cpu.svg',
        alt: 'SFU worker CPU against forwarded audio consumers',
        svg: lineChart({
          title: 'SFU worker CPU vs forwarded audio consumers',
          xLabel: 'audio consumers (10 speakers)',
          yLabel: '% of one core',
          series: [
            { name: 'Voxlay', points: series(vox, (s) => s.sfuCores * 100) },
            { name: 'raw mediasoup', points: series(raw, (s) => s.sfuCores * 100) },
            { name: 'G2 counting sinks (Voxlay run)', points: series(vox, (s) => s.g2Cores * 100) },
          ],
          hLines: [{ y: 100, label: 'one core' }],
        }),
      },
    ],
    misses,
    notes: [
      `UDP receive buffers: net.core.rmem_default = ${readRmemDefault()} bytes (mediasoup does not change it). A worker that is not scheduled for a few hundred milliseconds overflows its ingest socket at that size; on a busy host, a larger rmem_default gives it more slack.`,
      'On a 2-core machine the generator workers, the SFU worker, the source process, the bench process and Chromium share the cores (and other work on the host competes with them): the "machine busy" column shows how much of the 200% was in use. When the SFU worker is not saturated, the per-core figure is an extrapolation from its CPU.',
    ],
    data: { speakers: SPEAKERS, windowMs, rounds, passes, merged: results },
  };
}

export const capacitySuite: Suite = { id: 'capacity', title: 'Forwarding capacity', run };
