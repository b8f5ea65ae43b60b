// Video forwarding capacity of one worker: Voxlay (streamers share a screen with Produce source
// SCREEN, viewers open the streams with watchStream) vs raw mediasoup (the same transports, producers
// and consumers made with the mediasoup API) on the same worker build and load. The load, the ICE
// relay, the steps and the loss accounting are the audio capacity suite's (capacity.ts): rtp-load.ts
// with a VP8 source (rtp-source.ts, rtp-vp8.ts), capacity-step.ts. No Chromium page takes part.
import type { types } from 'mediasoup';
import type { VoxlayApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import { startBenchApp, workerPid } from '../lib/app.js';
import { launchChromium } from '../lib/browser.js';
import { chromiumCapabilities, NO_BROWSERS } from '../lib/capacity-browsers.js';
import { RawPath, rawWebRtcServer } from '../lib/capacity-raw.js';
import type { SfuPath } from '../lib/capacity-sfu.js';
import {
  cpuPerPass,
  headline,
  LOSS_AND_CPU_COLUMNS,
  LOSS_LIMIT,
  lossAndCpuCells,
  lossWhere,
  measurePath,
  mergePasses,
  REMEASURE_BELOW_CORES,
  SATURATED_CORES,
  type CapacityPath,
  type PathResult,
  type Step,
  voxlayOverRaw,
} from '../lib/capacity-step.js';
import { VoxlayPath } from '../lib/capacity-voxlay.js';
import { createWorkerFromBin } from '../lib/capacity-worker-bin.js';
import { RtpLoad, type Sampling } from '../lib/rtp-load.js';
import { frameBytes, meanPacketsPerSecond, packetsPerFrame, SCREEN_PROFILE } from '../lib/rtp-vp8.js';
import { fmt, verdictAtLeast, withInterval } from '../lib/stats.js';
import { table, type Figure, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { lineChart } from '../lib/svg.js';

const RATIO_GOAL = 0.9;
/** Streamers; every viewer watches every stream (a consumer each). */
const STREAMS = 2;
/** Viewers the relay counts: the first 8, then one in 10 (the others are parked: the kernel drops their packets). */
const SAMPLING: Sampling = { first: 8, every: 10 };

const PATH_LABEL: Record<CapacityPath, string> = { raw: 'raw mediasoup', 'raw-b': 'raw mediasoup, worker B', voxlay: 'Voxlay' };
const pct = (x: number | undefined, digits = 0) => `${fmt((x ?? Number.NaN) * 100, digits)}%`;
const mbps = (s: Step) => s.forwardedBps / 1e6;

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const stepsEnv = (process.env.BENCH_VIDEO_CAPACITY_STEPS ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  // One worker here forwards about 50,000 video packets/s (≈ 230 consumers of these streams): steps close together near there.
  const steps = stepsEnv.length ? stepsEnv : ctx.quick ? [100, 160, 220, 280] : [60, 100, 140, 180, 220, 260, 300, 340, 400];
  const windowMs = Number(process.env.BENCH_CAPACITY_WINDOW_MS) || (ctx.quick ? 4000 : 5000);
  // Two passes per path even in a quick run: the order alternates, so background load hits both alike.
  const rounds = Number(process.env.BENCH_CAPACITY_ROUNDS) || (ctx.quick ? 2 : 3);
  let load: RtpLoad | undefined;
  let app: VoxlayApp | undefined;
  let rawWorker: types.Worker | undefined;
  const passes: PathResult[] = [];
  let config = { maxParticipantsPerRouter: 0, workers: 0 };
  try {
    app = await startBenchApp();
    const channel = app.channels.defaultChannel;
    rawWorker = await createWorkerFromBin(undefined, { logLevel: 'warn' });
    const rawRouter = await rawWorker.createRouter({ mediaCodecs });
    // A Chromium mediasoup-client Device's RTP capabilities (VP8 with transport-cc, as real viewers
    // send them); the browser closes before anything is measured.
    const browser = await launchChromium();
    const clientCapabilities = await chromiumCapabilities(browser, rawRouter.rtpCapabilities).finally(() => browser.close());
    config = { maxParticipantsPerRouter: loadConfig().maxParticipantsPerRouter, workers: app.pool.workers.length };
    load = await RtpLoad.createVideo(STREAMS, SCREEN_PROFILE, SAMPLING);
    const voxlayUdp = app.pool.workers[0]!.udpPort;
    const voxlay = new VoxlayPath(app, channel, {
      workerPid: workerPid(app),
      clientCapabilities,
      portRange: { min: voxlayUdp, max: voxlayUdp },
    });
    const raw = new RawPath('raw', rawWorker, rawRouter, {
      clientCapabilities,
      lastN: channel.lastN,
      webRtcServer: await rawWebRtcServer(rawWorker),
    });
    const order: SfuPath[] = [raw, voxlay];
    for (let round = 0; round < rounds; round++) {
      for (const path of round % 2 === 0 ? order : [...order].reverse()) {
        passes.push(await measurePath(ctx, path, round + 1, load, async () => NO_BROWSERS, steps, windowMs));
      }
    }
  } finally {
    await load?.close();
    rawWorker?.close();
    await app?.stop();
  }
  return report(passes, { steps, windowMs, rounds, config });
}

interface ReportOptions {
  steps: number[];
  windowMs: number;
  rounds: number;
  config: { maxParticipantsPerRouter: number; workers: number };
}

function report(passes: PathResult[], o: ReportOptions): SuiteResult {
  const vox = mergePasses('voxlay', passes);
  const raw = mergePasses('raw', passes);
  const hv = headline(vox);
  const hr = headline(raw);
  const { ratio, common, rawAt } = voxlayOverRaw(passes, vox, raw);
  const ratioVerdict = ratio ? verdictAtLeast(ratio, RATIO_GOAL) : null;
  const p = SCREEN_PROFILE;
  const bytes = frameBytes(p);

  const measured = (h: Step | undefined, r: PathResult) =>
    h
      ? `${h.consumers} consumers (${h.participants - STREAMS} viewers × ${STREAMS} streams): ${fmt(mbps(h), 0)} Mbps and ${fmt(h.forwardedPps, 0)} packets/s forwarded with the worker at ${pct(h.sfuCores)} of a core, worst loss ${pct(h.loss, 2)} (${r.saturated ? 'the worker saturated at the next step' : 'the worker did not saturate'})`
      : 'n/a (no step stayed under 1% loss)';
  const perCore = (h: Step | undefined) =>
    h ? `${fmt(mbps(h) / h.sfuCores, 0)} Mbps and ${fmt(h.forwardedPps / h.sfuCores, 0)} packets/s per core` : 'n/a';
  // Close to a full core the scaling is a small step from what was measured; far from it, an extrapolation.
  const perCoreFigure = (name: string, h: Step | undefined): Figure => {
    const near = h !== undefined && h.sfuCores >= REMEASURE_BELOW_CORES;
    return {
      label: `${name}: video forwarded per core at < 1% loss`,
      value: perCore(h),
      source: near ? 'derived' : 'extrapolated',
      how: `forwarded Mbps and packets/s ÷ worker CPU at the highest clean step${near ? '' : ` (the worker was under ${REMEASURE_BELOW_CORES * 100}% of a core there, so this assumes the cost per packet stays the same up to a full core: not a measurement)`}`,
    };
  };

  const figures: Figure[] = [
    { label: 'Voxlay: video one worker forwarded at < 1% loss (highest clean step)', value: measured(hv, vox) },
    perCoreFigure('Voxlay', hv),
    { label: 'Raw mediasoup, same run and load: highest clean step', value: measured(hr, raw) },
    perCoreFigure('Raw mediasoup', hr),
    {
      label: 'Voxlay ÷ raw (worker CPU per forwarded video packet)',
      value:
        ratio && common && rawAt
          ? `${withInterval(ratio, 2, '×')} at ${common.consumers} consumers (Voxlay worker ${pct(common.sfuCores)}, raw ${pct(rawAt.sfuCores)} of a core; per pass Voxlay ${cpuPerPass(passes, 'voxlay', common.target)}, raw ${cpuPerPass(passes, 'raw', common.target)})`
          : 'n/a (no consumer count both measured under 1% loss)',
      goal: `≥ ${RATIO_GOAL}×`,
      met: ratioVerdict,
      source: 'derived',
      how: "raw worker CPU ÷ Voxlay worker CPU per forwarded packet (medians of the per-second CPU ÷ the window's forwarded packets/s, over every pass) at the largest count both measured under 1% loss, i.e. Voxlay's video per core ÷ raw's at equal traffic; 95% bootstrap interval",
    },
    {
      label: 'Where each pass stopped',
      value: `Voxlay — ${vox.stopReason}. Raw — ${raw.stopReason}.`,
    },
  ];

  const misses: string[] = [];
  if (ratioVerdict === false || ratioVerdict === 'inconclusive') {
    misses.push(
      `Video: Voxlay ÷ raw at ${common!.consumers} consumers is ${withInterval(ratio!, 2, '×')} (goal ≥ ${RATIO_GOAL}×)${ratioVerdict === 'inconclusive' ? ': the interval straddles the goal, so this run cannot tell' : ''}. Voxlay's worker ${pct(common!.sfuCores)}, raw ${pct(rawAt!.sfuCores)} of a core. What differs on Voxlay's worker, by construction: its audio level observer and active speaker set (no microphone here), ${common!.routers} router(s) with ${common!.pipedProducers} piped producer(s), and the control plane's requests; which of these costs what is not established by this run.`,
    );
  }
  if (!ratio) misses.push('Video: no consumer count was measured under 1% loss on both paths, so Voxlay ÷ raw is unknown.');
  const starved = passes.flatMap((r) =>
    r.steps.filter((s) => s.sourceRate < 0.99).map((s) => `${PATH_LABEL[r.path]} pass ${r.pass} at ${s.consumers} (${pct(s.sourceRate)})`),
  );
  if (starved.length)
    misses.push(
      `The video source did not keep its ${p.framesPerSecond} frames/s in every window (it skips ahead when starved of CPU, so those windows carried less traffic; the machine was busy): ${starved.join(', ')}.`,
    );
  const transportsDown = passes.flatMap((r) => r.steps).reduce((n, s) => n + (s.transports - s.transportsUp), 0);
  if (transportsDown > 0)
    misses.push(
      `${transportsDown} synthetic transport-steps were not ICE-completed and DTLS-connected at the end of a window (see the table).`,
    );
  const breaches = passes.flatMap((r) =>
    r.steps.filter((s) => s.loss > LOSS_LIMIT).map((s) => `${PATH_LABEL[r.path]} pass ${r.pass} at ${s.consumers}: ${lossWhere(s)}`),
  );

  const rows = passes.flatMap((r) =>
    r.steps.map((s) => [
      `${PATH_LABEL[r.path]} (pass ${r.pass})`,
      `${s.consumers} (${s.counted})`,
      `${s.participants} / ${s.routers} / ${s.pipedProducers}`,
      fmt(mbps(s), 0),
      `${fmt(s.forwardedPps, 0)} (${fmt(s.sourceRate * 100, 0)}%)`,
      fmt(s.keyFrames, 0),
      ...lossAndCpuCells(s),
      `${s.transportsUp}/${s.transports} (${s.toParked} parked)`,
    ]),
  );
  const series = (r: PathResult) => r.steps.map((s) => [mbps(s), s.sfuCores * 100] as [number, number]);

  return {
    id: 'video-capacity',
    title: 'Video forwarding capacity of one worker',
    method: [
      `**Load.** ${STREAMS} synthetic streamers each share a screen: one VP8 encoding (no simulcast: one layer is what a capacity count needs, and a simulcast producer's consumer forwards one layer anyway) at ${fmt(p.bitsPerSecond / 1e6, 1)} Mbps, ${p.framesPerSecond} frames/s, a key frame every ${p.keyFrameEvery / p.framesPerSecond} s (${p.keyFrameScale}× a delta frame: ${bytes.delta} and ${bytes.key} bytes, ${packetsPerFrame(p, false)} and ${packetsPerFrame(p, true)} packets of at most ${p.maxPayload} VP8 bytes), about ${fmt(meanPacketsPerSecond(p), 0)} packets/s per stream. The packets are made without an encoder (\`rtp-vp8.ts\`): each carries a VP8 payload descriptor with X, I (a 15-bit PictureID, as libwebrtc sends it), L and T (temporal layer 0), a frame's first packet has S=1, partition 0 and the frame tag whose inverse key frame bit mediasoup's VP8 parser reads, so consumers start on a key frame; the rest is filler. The source (\`rtp-vp8-source-child.ts\`, its own process) also answers a key frame request (PLI or FIR reaching it through the generator worker) with a key frame at the next frame, as an encoder does; key frames per stream and window are in the table. Viewers are added in steps (${o.steps.join(', ')} consumers, each viewer ${STREAMS}); each settles 1.5 s, then a ${o.windowMs / 1000} s window.`,
      `**Voxlay path**: the app with its default configuration (${o.config.maxParticipantsPerRouter} participants per router before the channel spans another router) on ${o.config.workers} worker; each synthetic participant is a client on its own graphql-ws WebSocket: \`JoinChannel\` with a Chromium mediasoup-client Device's RTP capabilities; a streamer \`ConnectTransport\` + \`Produce\` (kind VIDEO, source SCREEN); a viewer \`WatchStream\` for each stream (a paused consumer each) then \`ConnectRecvTransport\` (connect + resume), as a client opening the streams does. **Raw path**: the same WebRtcTransports, producers and consumers made with the mediasoup API on one router of a worker of the same build, same codecs (VP8 with transport-cc, nack, pli), same load. Both in ${o.rounds} pass(es) whose order alternates; no Chromium page takes part (one decoding the streams would take the cores being measured).`,
      `**Transport, loss and CPU** as in the audio capacity suite (above): real ICE, DTLS and SRTP through the relay; the relay counts what the SFU sends to the first ${SAMPLING.first} viewers, then one in ${SAMPLING.every}, the others are parked on never-read sockets; the synthetic viewers send no RTCP (no receiver reports, NACK or transport-cc feedback), so nothing is retransmitted and the bandwidth estimator gets no feedback (a single-encoding consumer forwards every packet whatever the estimate); mediasoup's bandwidth probation packets (SSRC 1234) are not counted as media. Loss from exact packet counts with the source paused before and after each window; a step is clean under 1% SFU loss. **Mbps** are the consumers' own byte counters (RTP header and payload, before SRTP) over the window; **per core** divides the highest clean step's traffic by the worker's CPU there.`,
    ],
    figures,
    details: [
      `Merged over passes as in the audio suite (worst loss, median of the rest). Columns: consumers (counted); participants / routers / piped producers; Mbps and packets/s the SFU's consumers sent (the source's frame rate over the window, % of ${p.framesPerSecond}/s); key frames per stream in the window; SFU loss; source / ingest / inside (on the streamers' router · on routers fed through pipes) / delivery loss; kernel receive-buffer drops, machine total (SFU transport sockets / its other sockets, i.e. pipes / relay / generator); worker CPU; G1 / G2 / relay / source CPU; bench Node CPU; machine busy of 200%; synthetic transports up / connected (parked).${breaches.length ? ` Steps over 1% loss: ${breaches.join('; ')}.` : ''}`,
      table(
        [
          'path',
          'consumers',
          'part. / routers / piped',
          'Mbps',
          'pkt/s (source rate)',
          'key frames',
          ...LOSS_AND_CPU_COLUMNS,
          'transports up',
        ],
        rows,
      ),
    ],
    charts: [
      {
        file: 'video-capacity-cpu.svg',
        alt: 'SFU worker CPU against forwarded video Mbps, Voxlay and raw mediasoup',
        svg: lineChart({
          title: 'SFU worker CPU vs forwarded video (one worker)',
          xLabel: `forwarded Mbps (${STREAMS} VP8 streams of ${fmt(p.bitsPerSecond / 1e6, 1)} Mbps)`,
          yLabel: '% of one core',
          series: [
            { name: 'Voxlay', points: series(vox) },
            { name: 'raw mediasoup', points: series(raw) },
          ],
          hLines: [{ y: 100, label: 'one core' }],
        }),
      },
    ],
    misses,
    notes: [
      `A pass ends at a confirmed loss breach (a breach with the worker under ${REMEASURE_BELOW_CORES * 100}% of a core is measured again) or with the worker at ${SATURATED_CORES * 100}% of a core, as in the audio suite.`,
      'On a 2-core machine the SFU worker, the generator workers, the relay, the source, the bench process (with the Voxlay app and its participants\' clients) share the cores with any other work on the host: the "machine" column shows how much of the 200% was in use.',
    ],
    data: {
      streams: STREAMS,
      profile: p,
      sampling: SAMPLING,
      windowMs: o.windowMs,
      rounds: o.rounds,
      steps: o.steps,
      config: o.config,
      passes,
      merged: [vox, raw],
    },
  };
}

export const videoCapacitySuite: Suite = { id: 'video-capacity', title: 'Video forwarding capacity', run };
