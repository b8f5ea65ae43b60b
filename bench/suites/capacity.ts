// 3. Forwarding capacity of one worker: Voxlay (participants over GraphQL, last-N and the level
// observer live) vs raw mediasoup (the same transports, producers and consumers made with the mediasoup
// API) on the same worker build and the same load. The load is in bench/lib/rtp-load.ts (its RTP
// source: rtp-source.ts; ICE relay: capacity-relay.ts), the steps and figures in
// bench/lib/capacity-step.ts, the Chromium pages in bench/lib/capacity-browsers.ts.
// BENCH_RAW_WORKER_BIN_B=/path/to/mediasoup-worker adds a third path, raw mediasoup on that binary,
// interleaved with the default one (an A/B of two worker builds).
import { readFileSync } from 'node:fs';
import type { types } from 'mediasoup';
import type { Browser } from 'playwright-core';
import type { VoxlayApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import { startBenchApp, workerPid } from '../lib/app.js';
import { launchChromium } from '../lib/browser.js';
import { chromiumCapabilities, rawBrowsers, voxlayBrowsers } from '../lib/capacity-browsers.js';
import { RawPath, rawWebRtcServer } from '../lib/capacity-raw.js';
import type { SfuPath } from '../lib/capacity-sfu.js';
import {
  clean,
  cpuPerPass,
  headline,
  LOSS_AND_CPU_COLUMNS,
  LOSS_LIMIT,
  lossAndCpuCells,
  measurePath,
  mergePasses,
  REMEASURE_BELOW_CORES,
  SATURATED_CORES,
  SPEAKERS,
  type CapacityPath,
  type PathResult,
  type Step,
  voxlayOverRaw,
} from '../lib/capacity-step.js';
import { VoxlayPath } from '../lib/capacity-voxlay.js';
import { createWorkerFromBin, defaultWorkerBin } from '../lib/capacity-worker-bin.js';
import { RtpLoad } from '../lib/rtp-load.js';
import { AUDIO_PACKETS_PER_SECOND } from '../lib/rtp-source.js';
import { fmt, percentile, verdictAtLeast, withInterval } from '../lib/stats.js';
import { table, type Figure, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { lineChart } from '../lib/svg.js';

const GOAL_CONSUMERS = 3000;
const RATIO_GOAL = 0.9;
const CHROMIUM_LISTENERS = 2;

const readRmemDefault = (): string => {
  try {
    return readFileSync('/proc/sys/net/core/rmem_default', 'utf8').trim();
  } catch {
    return 'unknown';
  }
};

const PATH_LABEL: Record<CapacityPath, string> = { raw: 'raw mediasoup', 'raw-b': 'raw mediasoup, worker B', voxlay: 'Voxlay' };
const pct = (x: number | undefined, digits = 0) => `${fmt((x ?? Number.NaN) * 100, digits)}%`;

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const stepsEnv = (process.env.BENCH_CAPACITY_STEPS ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const steps = stepsEnv.length ? stepsEnv : ctx.quick ? [500, 1500] : [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500];
  const windowMs = Number(process.env.BENCH_CAPACITY_WINDOW_MS) || (ctx.quick ? 4000 : 5000);
  const rounds = Number(process.env.BENCH_CAPACITY_ROUNDS) || (ctx.quick ? 1 : 2);
  const binB = process.env.BENCH_RAW_WORKER_BIN_B || undefined;
  let load: RtpLoad | undefined;
  let browser: Browser | undefined;
  let app: VoxlayApp | undefined;
  let rawWorker: types.Worker | undefined;
  let rawWorkerB: types.Worker | undefined;
  const passes: PathResult[] = [];
  let config = { lastN: 0, maxParticipantsPerRouter: 0, maxParticipantsPerChannel: 0, workers: 0 };
  try {
    // Voxlay: the app with its default configuration (last-N, routers per channel), one worker, whose
    // WebRtcServer (one UDP and one TCP port, free ones) carries every participant's two transports.
    app = await startBenchApp();
    const channel = app.channels.defaultChannel;
    browser = await launchChromium();
    // Raw mediasoup: a worker of the same build, a router with the same codecs, nothing else.
    rawWorker = await createWorkerFromBin(undefined, { logLevel: 'warn' });
    const rawRouter = await rawWorker.createRouter({ mediaCodecs });
    const clientCapabilities = await chromiumCapabilities(browser, rawRouter.rtpCapabilities);
    const lastN = channel.lastN;
    const defaults = loadConfig();
    config = {
      lastN,
      maxParticipantsPerRouter: defaults.maxParticipantsPerRouter,
      maxParticipantsPerChannel: defaults.maxParticipantsPerChannel,
      workers: app.pool.workers.length,
    };
    load = await RtpLoad.create(SPEAKERS, lastN);
    const voxlayUdp = app.pool.workers[0]!.udpPort;
    const voxlay = new VoxlayPath(app, channel, {
      workerPid: workerPid(app),
      clientCapabilities,
      portRange: { min: voxlayUdp, max: voxlayUdp },
    });
    // The raw paths' transports on a WebRtcServer of their worker too, like Voxlay's (like with like).
    const raw = new RawPath('raw', rawWorker, rawRouter, { clientCapabilities, lastN, webRtcServer: await rawWebRtcServer(rawWorker) });
    // A/B: the same raw setup on a second worker binary.
    rawWorkerB = binB ? await createWorkerFromBin(binB, { logLevel: 'warn' }) : undefined;
    const rawB = rawWorkerB
      ? new RawPath('raw-b', rawWorkerB, await rawWorkerB.createRouter({ mediaCodecs }), {
          clientCapabilities,
          lastN,
          webRtcServer: await rawWebRtcServer(rawWorkerB),
        })
      : undefined;
    const voxApp = app;
    const chromium = browser;
    const browsersFor = (path: SfuPath) => () =>
      path instanceof RawPath
        ? rawBrowsers(chromium, path.router, path.activeProducers, CHROMIUM_LISTENERS)
        : voxlayBrowsers(chromium, voxApp, CHROMIUM_LISTENERS);
    // The paths alternate their order from pass to pass, so background load hits both alike.
    const order: SfuPath[] = rawB ? [raw, rawB, voxlay] : [raw, voxlay];
    for (let round = 0; round < rounds; round++) {
      for (const path of round % 2 === 0 ? order : [...order].reverse()) {
        passes.push(await measurePath(ctx, path, round + 1, load, browsersFor(path), steps, windowMs));
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await load?.close();
    rawWorker?.close();
    rawWorkerB?.close();
    await app?.stop();
  }
  return report(passes, { steps, windowMs, rounds, binB, config });
}

interface ReportOptions {
  steps: number[];
  windowMs: number;
  rounds: number;
  binB: string | undefined;
  config: { lastN: number; maxParticipantsPerRouter: number; maxParticipantsPerChannel: number; workers: number };
}

function report(passes: PathResult[], o: ReportOptions): SuiteResult {
  const vox = mergePasses('voxlay', passes);
  const raw = mergePasses('raw', passes);
  const rawB = o.binB ? mergePasses('raw-b', passes) : undefined;
  const hv = headline(vox);
  const hr = headline(raw);
  const largest = Math.max(...o.steps);
  const { lastN } = o.config;

  const { ratio, common, rawAt } = voxlayOverRaw(passes, vox, raw);
  const ratioVerdict = ratio ? verdictAtLeast(ratio, RATIO_GOAL) : null;
  const perPass = (path: CapacityPath, target: number) => cpuPerPass(passes, path, target);

  const remeasures = passes.flatMap((p) => p.remeasures);
  const remeasureText = remeasures.length
    ? remeasures
        .map(
          (r) =>
            `${PATH_LABEL[r.path]} pass ${r.pass} at ${r.consumers} consumers: first ${pct(r.firstLoss, 2)} loss with the worker at ${pct(r.firstCores)}, again ${pct(r.secondLoss, 2)} at ${pct(r.secondCores)}`,
        )
        .join('; ')
    : 'none';

  const cpuPer1k = (s: Step | undefined) => (s ? (s.sfuCores * 100) / (s.forwardedPps / 1000) : Number.NaN);
  const headlineValue = (h: Step | undefined, r: PathResult) =>
    h
      ? `${h.consumers} consumers at ${pct(h.sfuCores)} of a core, worst loss ${pct(h.loss, 2)} (${fmt(h.forwardedPps, 0)} packets/s forwarded; ${r.saturated ? 'the worker saturated at the next step' : 'the worker did not saturate'})`
      : 'n/a (no step stayed under 1% loss)';
  const goalMet = (h: Step | undefined, r: PathResult): boolean | null => {
    if (h && h.consumers >= GOAL_CONSUMERS) return true;
    // Missed only when a measured step at or under the goal breached the limit; a run whose steps stop short cannot tell.
    if (largest < GOAL_CONSUMERS && !r.steps.some((s) => !clean(r, s))) return null;
    return false;
  };

  const activeVox = vox.steps.map((s) => `${s.activeSynthetic}/${s.activeSize}`);
  const activeAllFull = vox.steps.every((s) => s.activeSynthetic === lastN && s.activeSize === lastN);
  const activeChanges = passes
    .filter((p) => p.path === 'voxlay')
    .flatMap((p) => p.steps)
    .reduce((n, s) => n + s.activeChanges, 0);
  const transportsDown = passes.flatMap((p) => p.steps).reduce((n, s) => n + (s.transports - s.transportsUp), 0);
  const routersUsed = [...new Set(vox.steps.map((s) => s.routers))].join(', ');
  const brLoss = (r: PathResult) =>
    r.steps
      .filter((s) => clean(r, s))
      .map((s) => s.browserLoss)
      .filter(Number.isFinite);

  const figures: Figure[] = [
    {
      label: 'Voxlay: audio consumers one worker forwarded at < 1% loss (highest clean step)',
      value: headlineValue(hv, vox),
      goal: `≥ ${GOAL_CONSUMERS.toLocaleString('en')} per core (one worker), judged on measured steps`,
      met: goalMet(hv, vox),
    },
    { label: 'Raw mediasoup, same run and load: highest clean step', value: headlineValue(hr, raw) },
    {
      label: 'Voxlay ÷ raw (worker CPU at the same consumer count)',
      value:
        ratio && common
          ? `${withInterval(ratio, 2, '×')} at ${common.consumers} consumers (Voxlay worker ${pct(common.sfuCores)}, raw ${pct(rawAt!.sfuCores)} of a core; per pass Voxlay ${perPass('voxlay', common.target)}, raw ${perPass('raw', common.target)})${rawAt!.consumers !== common.consumers ? ` (raw held ${rawAt!.consumers} consumers)` : ''}`
          : 'n/a (no consumer count both measured under 1% loss)',
      goal: `≥ ${RATIO_GOAL}×`,
      met: ratioVerdict,
      source: 'derived',
      how: "raw worker CPU ÷ Voxlay worker CPU per forwarded packet (medians of the per-second CPU ÷ the window's forwarded packets/s, over every pass) at the largest count both measured under 1% loss, i.e. Voxlay consumers per core ÷ raw at equal traffic; 95% bootstrap interval",
    },
    {
      label: 'Consumers per core if worker CPU scaled linearly',
      value:
        hv && hr
          ? `Voxlay ${fmt(hv.forwardedPps / AUDIO_PACKETS_PER_SECOND / hv.sfuCores, 0)}, raw ${fmt(hr.forwardedPps / AUDIO_PACKETS_PER_SECOND / hr.sfuCores, 0)}`
          : 'n/a',
      source: 'extrapolated',
      how: `(forwarded packets/s ÷ 50) ÷ worker CPU at each path's highest clean step, i.e. 50-packet/s consumers per core if the cost per packet stayed the same up to a full core${vox.saturated ? '' : " (Voxlay's worker did not saturate, so this goes beyond what was measured)"}; not a measurement`,
    },
    {
      label: 'Worker CPU per 1,000 forwarded packets/s (at the highest clean step)',
      value: `Voxlay ${fmt(cpuPer1k(hv), 2)}%, raw ${fmt(cpuPer1k(hr), 2)}% of a core`,
      source: 'derived',
      how: "worker CPU % ÷ (packets/s the SFU's consumers reported sending ÷ 1,000)",
    },
    {
      label: 'Where each pass stopped',
      value: `Voxlay — ${vox.stopReason}. Raw — ${raw.stopReason}.${rawB ? ` Raw, worker B — ${rawB.stopReason}.` : ''}`,
    },
    { label: 'Steps measured again (a loss breach with the worker under 80% of a core)', value: `${remeasures.length}: ${remeasureText}` },
    {
      label: "Voxlay's active speaker set during the windows (read over GraphQL)",
      value: `lastN ${lastN}; loud synthetic speakers in the set per step: ${activeVox.join(', ') || 'n/a'}; ${activeChanges} change(s) during the windows${activeAllFull ? '' : ' — NOT the synthetic speakers in every window'}`,
    },
    {
      label: "Chromium listeners' loss at the clean steps (max)",
      value: `Voxlay ${brLoss(vox).length ? pct(Math.max(...brLoss(vox)), 2) : 'n/a'}, raw ${brLoss(raw).length ? pct(Math.max(...brLoss(raw)), 2) : 'n/a'}`,
    },
  ];
  if (rawB) {
    const comparable = (s: Step) => s.loss < LOSS_LIMIT && s.sfuCores < 0.9;
    const abRatios = passes
      .filter((b) => b.path === 'raw-b')
      .flatMap((b) => {
        const a = passes.find((p) => p.path === 'raw' && p.pass === b.pass);
        return b.steps.flatMap((sb) => {
          const sa = a?.steps.find((t) => t.target === sb.target);
          return sa && comparable(sa) && comparable(sb)
            ? [{ pass: b.pass ?? 0, consumers: sb.consumers, ratio: cpuPer1k(sb) / cpuPer1k(sa) }]
            : [];
        });
      });
    figures.push({
      label: 'Worker B ÷ default worker: raw mediasoup CPU per 1,000 forwarded packets/s (A/B)',
      value: abRatios.length
        ? `${fmt(
            percentile(
              abRatios.map((r) => r.ratio),
              50,
            ),
            2,
          )}× (median; ${abRatios.length} steps under 1% loss and 90% of a core: ${abRatios.map((r) => `pass ${r.pass} at ${r.consumers}: ${fmt(r.ratio, 2)}×`).join(', ')}; A = ${defaultWorkerBin()}, B = ${o.binB})`
        : 'n/a',
      source: 'derived',
      how: "ratio of the two workers' CPU per 1,000 forwarded packets/s at each count both measured in the same pass",
    });
  }

  const misses: string[] = [];
  const breach = (r: PathResult) => r.steps.find((s) => s.loss > LOSS_LIMIT);
  const where = (s: Step) =>
    `SFU loss ${pct(s.loss, 2)}: ingest ${pct(s.ingestLoss, 2)}, inside the SFU ${pct(s.internalLoss, 2)} (consumers on the speakers' router ${pct(s.internalLossHome, 2)}, on routers fed through pipes ${pct(s.internalLossPiped, 2)}), delivery ${pct(s.deliveryLoss, 2)}; kernel receive-buffer drops on the SFU's transport sockets ${s.sfuTransportSocketDrops}, on its other sockets (pipes) ${s.sfuSocketDrops - s.sfuTransportSocketDrops}, the relay's ${s.relaySocketDrops}; worker ${pct(s.sfuCores)} of a core, machine ${pct(s.machineBusyCores)} busy of 200%`;
  if (goalMet(hv, vox) === false) {
    const b = breach(vox);
    misses.push(
      `Voxlay carried ${hv ? `${hv.consumers} consumers` : 'no step'} under 1% loss on one worker (goal ≥ ${GOAL_CONSUMERS.toLocaleString('en')}). ${b ? `At ${b.consumers} consumers (worst pass): ${where(b)}. ` : ''}Stopped: ${vox.stopReason}. Raw mediasoup in the same run: ${headlineValue(hr, raw)}. The cause of the limit is not established by this run (no profile was taken).`,
    );
  }
  if (ratioVerdict === false || ratioVerdict === 'inconclusive') {
    misses.push(
      `Voxlay ÷ raw at ${common!.consumers} consumers is ${withInterval(ratio!, 2, '×')} (goal ≥ ${RATIO_GOAL}×)${ratioVerdict === 'inconclusive' ? ': the interval straddles the goal, so this run cannot tell' : ''}. Voxlay's worker ${pct(common!.sfuCores)}, raw ${pct(rawAt!.sfuCores)} of a core (per pass: Voxlay ${perPass('voxlay', common!.target)}, raw ${perPass('raw', common!.target)}). What differs on Voxlay's worker, by construction: the audio level observer over ${SPEAKERS} producers, ${common!.routers} router(s) with ${common!.pipedProducers} piped producer(s), and the control plane's requests; which of these costs what is not established by this run.`,
    );
  }
  if (!activeAllFull)
    misses.push(
      `Voxlay's active speaker set did not hold the ${lastN} loud synthetic speakers in every window (${activeVox.join(', ')}): the consumers then carried other streams, and the loss figures count them as the synthetic ones.`,
    );
  const starved = passes.flatMap((p) =>
    p.steps.filter((s) => s.sourceRate < 0.99).map((s) => `${PATH_LABEL[p.path]} pass ${p.pass} at ${s.consumers} (${pct(s.sourceRate)})`),
  );
  if (starved.length)
    misses.push(
      `The source did not keep its 50 packets/s in every window (it skips ahead when starved of CPU, so those windows carried less traffic; the machine was busy): ${starved.join(', ')}.`,
    );
  if (transportsDown > 0)
    misses.push(
      `${transportsDown} synthetic transport-steps were not ICE-completed and DTLS-connected at the end of a window (see the table).`,
    );

  const rows = passes.flatMap((r) =>
    r.steps.map((s) => [
      `${PATH_LABEL[r.path]} (pass ${r.pass})`,
      `${s.consumers} (${s.counted})`,
      `${s.participants} / ${s.routers} / ${s.pipedProducers}`,
      `${fmt(s.forwardedPps, 0)} (${fmt(s.sourceRate * 100, 0)}%)`,
      ...lossAndCpuCells(s),
      `${s.activeSynthetic}/${s.activeSize} (${s.activeChanges})`,
      `${s.transportsUp}/${s.transports} (${s.toParked} parked)`,
      `${fmt(s.browserLoss * 100, 2)} (${s.browserPackets} pkts)`,
    ]),
  );
  const series = (r: PathResult, f: (s: Step) => number) => r.steps.map((s) => [s.consumers, f(s)] as [number, number]);

  return {
    id: 'capacity',
    title: 'Forwarding capacity of one worker',
    method: [
      `**Participants.** ${SPEAKERS} synthetic speakers, then listeners added in steps; each participant receives the channel's active speakers (last-N = ${lastN}), so a listener holds ${lastN} consumers and a step's consumer count is what the SFU itself holds (its consumer objects, the Chromium pages' included). Steps: ${o.steps.join(', ')} consumers; each settles 1.5 s, then a ${o.windowMs / 1000} s measuring window.`,
      `**Voxlay path** (\`capacity-voxlay.ts\`): the app with its default configuration (last-N ${lastN}, ${o.config.maxParticipantsPerRouter} participants per router before the channel spans another router, ${o.config.maxParticipantsPerChannel} per channel) on ${o.config.workers} worker; every synthetic participant is a client on its own graphql-ws WebSocket: \`JoinChannel\` with a Chromium mediasoup-client Device's RTP capabilities, \`ConnectTransport\` + \`Produce\` for a speaker, \`ConnectRecvTransport\` (connect + resume) for everyone; speakers follow \`participantEvents\` (their consumers arrive as \`ConsumerAdded\` while the active set fills), listeners join once the set is full and do not subscribe. So Voxlay's own join and produce path, its ActiveSpeakerSet fed by the AudioLevelObserver, and its consumer fan-out (and pipes between routers past ${o.config.maxParticipantsPerRouter} participants) make the consumers. **Raw path** (\`capacity-raw.ts\`): the same numbers of WebRtcTransports (two per participant, same options), producers and consumers, made with the mediasoup API on one router of a worker of the same build, same codecs, same load; no Voxlay code, no level observer. Both paths in ${o.rounds} pass(es) whose order alternates.`,
      `**Real WebRTC without a browser** (\`capacity-relay.ts\`): mediasoup is ICE-lite, so each SFU transport gets a peer WebRtcTransport in a generator worker (G1 for speakers, G2 for listeners) and a relay process holds two UDP sockets per pair, sends a nominating STUN Binding Request (USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT) to each side and forwards between them; both transports are connected with opposite DTLS roles and each other's fingerprints, so mediasoup does the DTLS handshake and both ends derive SRTP keys. The SFU's ICE consent (30 s) is refreshed with a Binding Request on every tuple every ~10 s. Speakers: a Node process sends ${SPEAKERS} streams of 50 packets/s (20 ms Opus-sized packets, each with the ssrc-audio-level header extension at a speech-like level: the ${lastN} first speakers at about −15 to −25 dBov, speech; the others at about −85 to −95 dBov, background noise under Voxlay's −70 dBov threshold, which the level observer reads but never reports loud) to G1, whose peer transport consumes them and sends SRTP into the SFU producer made by \`Produce\`. Listeners: the relay counts the RTP the SFU sends to a sample (the first 20 participants, then one in 25); every other listener is parked after its handshake: a never-read UDP socket with the smallest receive buffer, held by a small Python process, sends a nominating Binding Request so the SFU sends there, and the kernel drops the packets at no CPU cost to the generator (Node cannot stop reading a socket it holds). The SFU does the same per-packet work for every listener. The synthetic listeners send no RTCP receiver reports (real clients send about one per second per transport).`,
      `**Loss** from exact packet counts, read with the source paused and the pipeline drained (300 ms, then until the counters stop moving, at most 3 s) before and after the window, so each stream should have carried exactly the packets sent in between (the source also pauses while listeners join): *source* = Node → G1; *ingest* = G1 → relay → the SFU's producers (their receive counters); *inside* = the SFU's consumers' send counters against what its producers received; *delivery* = the relay's counts against what the SFU's sampled consumers sent; **SFU loss** = 1 − (sampled consumers' share ÷ source share): ingest, inside and delivery together. A step is clean under 1% SFU loss. Kernel receive-buffer drops are listed (RcvbufErrors of the machine less the parked sockets', and per socket from /proc/net/udp: the SFU's, the relay's, the generator's).`,
      `**CPU**: utime+stime from /proc/<pid>/stat over the window, as a share of one core (also second by second for the SFU worker). **Packets/s forwarded**: the SFU's consumers' own counters over the window. **Headline**: the highest step under 1% loss in every pass, as measured consumers and the worker CPU it took. A step that lost over 1% with the worker under ${REMEASURE_BELOW_CORES * 100}% of a core is measured once more and a pass ends only on a repeated breach; both measurements are reported. A pass also ends when the worker reaches ${SATURATED_CORES * 100}% of a core. The worker counts as **saturated** when it reached ${SATURATED_CORES * 100}% or a confirmed breach came with it at ${REMEASURE_BELOW_CORES * 100}% or more.`,
      `**Chromium**: on each path a Chromium speaker and ${CHROMIUM_LISTENERS} listeners (Voxlay through its GraphQL API, raw through mediasoup-client); every page receives the active speakers (the synthetic ones, while the set holds them), and the listeners' inbound-rtp loss checks what real WebRTC receivers get. The Chromium speaker's microphone is digital silence (DTX): it produces, but never competes with the synthetic speakers for the active set, not even while their source pauses around a window.`,
    ],
    figures,
    details: [
      `Merged over passes: per step, the median of each figure but the worst loss; a step is clean only when every pass measured it under 1% loss. Voxlay routers per step: ${routersUsed || 'n/a'}. Every pass is listed below; columns: consumers (counted); participants / routers / piped producers; packets/s the SFU's consumers sent (the source's rate over the window, % of 50/s per stream); SFU loss; source / ingest / inside (on the speakers' router · on routers fed through pipes) / delivery loss; kernel receive-buffer drops, machine total (SFU participants' transport sockets / the SFU's other sockets in its port range, i.e. pipes / relay / generator); worker CPU; G1 / G2 / relay / source process CPU; bench Node CPU (driver, Voxlay app and its members' clients); machine busy of 200%; active set (loud synthetic / size, changes in the window); synthetic transports up (ICE completed and DTLS connected) / connected, and how many send to parked sockets; Chromium listeners' loss.`,
      table(
        [
          'path',
          'consumers',
          'part. / routers / piped',
          'forwarded pkt/s (source rate)',
          ...LOSS_AND_CPU_COLUMNS,
          'active set',
          'transports up',
          'Chromium loss %',
        ],
        rows,
      ),
    ],
    charts: [
      {
        file: 'capacity-loss.svg',
        alt: 'Loss against forwarded audio consumers, Voxlay and raw mediasoup',
        svg: lineChart({
          title: 'Loss vs forwarded audio consumers (one worker)',
          xLabel: `audio consumers (${SPEAKERS} speakers, last-N ${lastN})`,
          yLabel: 'loss %',
          series: [
            { name: 'Voxlay', points: series(vox, (s) => s.loss * 100) },
            { name: 'raw mediasoup', points: series(raw, (s) => s.loss * 100) },
            ...(rawB ? [{ name: PATH_LABEL['raw-b'], points: series(rawB, (s) => s.loss * 100) }] : []),
          ],
          hLines: [{ y: 1, label: '1% limit' }],
        }),
      },
      {
        file: 'capacity-cpu.svg',
        alt: 'SFU worker CPU against forwarded audio consumers',
        svg: lineChart({
          title: 'SFU worker CPU vs forwarded audio consumers',
          xLabel: `audio consumers (${SPEAKERS} speakers, last-N ${lastN})`,
          yLabel: '% of one core',
          series: [
            { name: 'Voxlay', points: series(vox, (s) => s.sfuCores * 100) },
            { name: 'raw mediasoup', points: series(raw, (s) => s.sfuCores * 100) },
            ...(rawB ? [{ name: PATH_LABEL['raw-b'], points: series(rawB, (s) => s.sfuCores * 100) }] : []),
            { name: 'relay process (Voxlay run)', points: series(vox, (s) => s.relayCores * 100) },
          ],
          hLines: [{ y: 100, label: 'one core' }],
        }),
      },
    ],
    misses,
    notes: [
      `UDP receive buffers: net.core.rmem_default = ${readRmemDefault()} bytes (mediasoup does not change it).`,
      'On a 2-core machine the SFU worker, the generator workers, the relay, the source process, the bench process (which also runs the Voxlay app and its members\' clients) and Chromium share the cores, with any other work on the host: the "machine" column shows how much of the 200% was in use.',
    ],
    data: {
      speakers: SPEAKERS,
      windowMs: o.windowMs,
      rounds: o.rounds,
      steps: o.steps,
      config: o.config,
      passes,
      merged: rawB ? [vox, raw, rawB] : [vox, raw],
      remeasures,
      workerBinB: o.binB,
    },
  };
}

export const capacitySuite: Suite = { id: 'capacity', title: 'Forwarding capacity', run };
