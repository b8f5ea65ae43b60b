// The capacity benchmark's load steps on one SFU path: grow the synthetic listeners, measure loss
// from exact packet counts and worker CPU over a window, stop at a confirmed loss breach or a
// saturated worker; and the per-path figures (passes merged, the headline step, the remeasures).
import type { BrowserProbe } from './capacity-browsers.js';
import type { CapacityPath, SfuPath } from './capacity-sfu.js';
import { sleep } from './config.js';
import { cpuSeconds, CpuMeter, machineBusySeconds } from './proc.js';
import { CAPACITY_PORTS, dropsWhere, type LoadSnapshot, type RtpLoad, udpDropsByPort, udpReceiveBufferErrors } from './rtp-load.js';
import { bootstrap, fmt, median, percentile, type Interval } from './stats.js';
import type { SuiteContext } from './suite.js';

export type { CapacityPath };
export const SPEAKERS = 10;
export const LOSS_LIMIT = 0.01;
/** A loss breach with the worker under this share of a core is measured again before it ends a pass. */
export const REMEASURE_BELOW_CORES = 0.8;
/** A worker at or over this share of a core is saturated (the pass ends after that step). */
export const SATURATED_CORES = 0.95;
/** Settling after the listeners were added, before the first count. */
const SETTLE_MS = 1500;
/** Pipeline drain after pausing the source, before the counters are read; then until they stop moving, at most MAX_DRAIN_MS. */
const DRAIN_MS = 300;
const MAX_DRAIN_MS = 3000;

export interface Step {
  /** The step's consumer target (passes and paths are compared step by step). */
  target: number;
  /** Consumer objects in the SFU on this path (synthetic participants and Chromium pages), and the synthetic ones. */
  consumers: number;
  syntheticConsumers: number;
  /** Consumers whose packets the relay counted (sampled participants). */
  counted: number;
  participants: number;
  routers: number;
  pipedProducers: number;
  /** Packets/s the SFU's consumers sent over the window (their own counters), and consumers × one stream's packets/s. */
  forwardedPps: number;
  expectedPps: number;
  /** Bits/s the SFU's consumers sent over the window (their byte counters: RTP headers and payload, before SRTP). */
  forwardedBps: number;
  /** The source's pacing units (audio packets, video frames) per stream over the window ÷ their nominal rate (below 1 when it was starved of CPU: it skips ahead, it never bursts). */
  sourceRate: number;
  /** Video: key frames per stream over the window (scheduled, and answers to the SFU's key frame requests); audio: 0. */
  keyFrames: number;
  /** 1 − packets at the counting sockets ÷ packets the source sent for those consumers. */
  endToEndLoss: number;
  /** Lost before the SFU: Node → generator worker G1. */
  sourceLoss: number;
  /** Lost on the way into the SFU: G1 → relay → the SFU's producers (their receive counters). */
  ingestLoss: number;
  /** Inside the SFU: its consumers' send counters against what its producers received (pipes included). */
  internalLoss: number;
  /** The same for the consumers on the speakers' router, and on the other routers (fed through pipes; NaN when none). */
  internalLossHome: number;
  internalLossPiped: number;
  /** After the SFU: the relay's counts against what the SFU's sampled consumers sent. */
  deliveryLoss: number;
  /** The SFU's share: 1 − (1 − end to end) ÷ (1 − source): ingest, inside and delivery together. */
  loss: number;
  /** Kernel receive-buffer drops over the window: machine total less the parked sockets', then by socket class. */
  udpRcvbufErrors: number;
  sfuSocketDrops: number;
  /** Of those, on the participants' transports' sockets; the rest are the SFU's other sockets in its range (pipes). */
  sfuTransportSocketDrops: number;
  relaySocketDrops: number;
  generatorSocketDrops: number;
  /** Datagrams the kernel discarded at the parked listeners' sockets (what the SFU sent them, by design). */
  parkedDrops: number;
  sfuCores: number;
  /** The SFU worker's CPU in each second of the window. */
  sfuCoreSlices: number[];
  g1Cores: number;
  g2Cores: number;
  relayCores: number;
  parkedCores: number;
  sourceCores: number;
  benchNodeCores: number;
  machineBusyCores: number;
  /** Loss seen by the real Chromium listeners over the window (inbound-rtp packetsLost). */
  browserLoss: number;
  browserPackets: number;
  /** The active speaker set during the window (Voxlay: read over GraphQL): members that are loud synthetic speakers, its size, changes. */
  activeSynthetic: number;
  activeSize: number;
  activeChanges: number;
  /** The synthetic participants' connected transports at the end of the window, and how many were up, and where they send. */
  transports: number;
  transportsUp: number;
  toRelay: number;
  toParked: number;
  /** ICE disconnections or DTLS failures among them during the window. */
  transportDrops: number;
  /** ICE consent requests the relay sent during the window. */
  consentSent: number;
  /** getStats() requests that failed in the two readings (a step with any is not exact). */
  statErrors: number;
  /** Merged steps: how many passes measured this count (a pass that stopped earlier did not). */
  measuredIn?: number;
}

/** A step whose loss breach was measured again, and why. */
export interface Remeasure {
  path: CapacityPath;
  pass: number;
  consumers: number;
  firstLoss: number;
  firstCores: number;
  secondLoss: number;
  secondCores: number;
}

export interface PathResult {
  path: CapacityPath;
  /** Which pass (paths alternate their order from one pass to the next). */
  pass?: number;
  steps: Step[];
  stopReason: string;
  /** The worker was saturated: at or over 95% of a core, or a confirmed loss breach at 80% or more. */
  saturated: boolean;
  remeasures: Remeasure[];
}

/**
 * One path's passes merged, per consumer count: the median of every figure over the passes, but the
 * worst loss, and how many passes got that far (a step is clean only when every pass measured it
 * under the loss limit); the per-second CPU slices of all passes together.
 */
export function mergePasses(path: CapacityPath, passes: PathResult[]): PathResult {
  const mine = passes.filter((p) => p.path === path);
  const targets = [...new Set(mine.flatMap((p) => p.steps.map((s) => s.target)))].sort((a, b) => a - b);
  const steps = targets.map((target) => {
    const list = mine.flatMap((p) => p.steps.filter((s) => s.target === target));
    const merged = {} as Record<string, unknown>;
    for (const key of Object.keys(list[0]!) as Array<keyof Step>) {
      const values = list.map((s) => s[key]);
      merged[key] = Array.isArray(values[0]) ? values.flatMap((v) => v as number[]) : percentile(values as number[], 50);
    }
    merged.loss = Math.max(...list.map((s) => s.loss));
    merged.measuredIn = list.length;
    return merged as unknown as Step;
  });
  return {
    path,
    steps,
    stopReason: mine.map((p, i) => `pass ${i + 1}: ${p.stopReason}`).join('; '),
    pass: mine.length,
    saturated: mine.some((p) => p.saturated),
    remeasures: mine.flatMap((p) => p.remeasures),
  };
}

export interface Pids {
  g1: number;
  g2: number;
  relay: number;
  parked: number;
  source: number;
}

/** Loss, CPU and the SFU's state over one window at the current load. */
async function measureStep(path: SfuPath, load: RtpLoad, browsers: BrowserProbe, target: number, windowMs: number): Promise<Step> {
  const settle = async (): Promise<LoadSnapshot> => {
    const count = await load.sourceCommand('pause');
    await sleep(DRAIN_MS);
    await load.quiesce(MAX_DRAIN_MS);
    return load.snapshot(count);
  };
  const c0 = await settle();
  const browserBefore = await browsers.read();
  const active0 = path.activeSpeakers();
  await load.sourceCommand('resume');
  const relayCounts = await load.relay.counts();
  const pids: Pids = { g1: load.g1.pid, g2: load.g2.pid, relay: load.relay.pid, parked: relayCounts.parkedPid, source: load.sourcePid };
  const meter = new CpuMeter([path.workerPid, pids.g1, pids.g2, pids.relay, pids.parked, pids.source, process.pid]).start();
  const drops0 = udpDropsByPort();
  const rcvbuf0 = udpReceiveBufferErrors();
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  // The SFU worker's CPU second by second (the spread within a window, for the bootstrap of Voxlay ÷ raw).
  const slices: number[] = [];
  let last = { t: t0, cpu: cpuSeconds(path.workerPid) };
  while (performance.now() - t0 < windowMs - 50) {
    await sleep(Math.min(1000, windowMs - (performance.now() - t0)));
    const now = { t: performance.now(), cpu: cpuSeconds(path.workerPid) };
    if (now.t - last.t > 500) slices.push((now.cpu - last.cpu) / ((now.t - last.t) / 1000));
    last = now;
  }
  const cpu = meter.stop();
  const drops1 = udpDropsByPort();
  const rcvbuf1 = udpReceiveBufferErrors();
  const seconds = (performance.now() - t0) / 1000;
  const busy = (machineBusySeconds() - busy0) / seconds;
  const active1 = path.activeSpeakers();
  const c1 = await settle();
  const browserAfter = await browsers.read();
  await load.sourceCommand('resume');

  const perStream = c1.sent - c0.sent;
  const parked = new Set(c1.relay.parkedPorts);
  const relayPorts = new Set([...c0.relay.relayPorts, ...c1.relay.relayPorts]);
  const transportPorts = new Set(c1.transportPorts);
  const inRange = (r: { min: number; max: number }) => (port: number) => port >= r.min && port <= r.max;
  const parkedDrops = dropsWhere(drops0, drops1, (p) => parked.has(p));
  const rate = (n: number, expected: number) => n / Math.max(expected, 1);
  const lossVs = (r: number, ref = 1) => Math.max(0, 1 - r / ref);
  const streams = c1.activeStreams;
  const srcRate = rate(c1.source - c0.source, perStream * streams);
  const ingRate = rate(c1.ingest - c0.ingest, perStream * streams);
  const ingestPerStream = (c1.ingest - c0.ingest) / Math.max(streams, 1);
  const sinkRate = rate(c1.sink - c0.sink, perStream * c1.sampledConsumers);
  const bPackets = browserAfter.received - browserBefore.received;
  const bLost = browserAfter.lost - browserBefore.lost;
  const loud = new Set(load.speakerIds.slice(0, path.lastN));
  const layout = path.layout();
  return {
    target,
    consumers: c1.consumers,
    syntheticConsumers: c1.syntheticConsumers,
    counted: c1.sampledConsumers,
    participants: load.participants,
    routers: layout.routers,
    pipedProducers: layout.pipedProducers,
    forwardedPps: (c1.forwarded - c0.forwarded) / seconds,
    expectedPps: c1.consumers * load.source.packetsPerSecond,
    forwardedBps: ((c1.forwardedBytes - c0.forwardedBytes) * 8) / seconds,
    sourceRate: (c1.units - c0.units) / seconds / load.source.unitsPerSecond,
    keyFrames: c1.keyFrames - c0.keyFrames,
    endToEndLoss: lossVs(sinkRate),
    sourceLoss: lossVs(srcRate),
    ingestLoss: lossVs(ingRate, srcRate),
    internalLoss: lossVs(rate(c1.syntheticForwarded - c0.syntheticForwarded, ingestPerStream * c1.syntheticConsumers)),
    internalLossHome: lossVs(rate(c1.homeForwarded - c0.homeForwarded, ingestPerStream * c1.homeConsumers)),
    internalLossPiped:
      c1.syntheticConsumers > c1.homeConsumers
        ? lossVs(
            rate(
              c1.syntheticForwarded - c1.homeForwarded - (c0.syntheticForwarded - c0.homeForwarded),
              ingestPerStream * (c1.syntheticConsumers - c1.homeConsumers),
            ),
          )
        : Number.NaN,
    deliveryLoss: lossVs(rate(c1.sink - c0.sink, c1.sampledForwarded - c0.sampledForwarded)),
    loss: lossVs(sinkRate, srcRate),
    udpRcvbufErrors: Math.max(0, rcvbuf1 - rcvbuf0 - parkedDrops),
    sfuSocketDrops: dropsWhere(drops0, drops1, (p) => !parked.has(p) && !relayPorts.has(p) && inRange(path.portRange)(p)),
    sfuTransportSocketDrops: dropsWhere(drops0, drops1, (p) => transportPorts.has(p)),
    relaySocketDrops: dropsWhere(drops0, drops1, (p) => relayPorts.has(p)),
    generatorSocketDrops: dropsWhere(drops0, drops1, (p) => !parked.has(p) && !relayPorts.has(p) && inRange(CAPACITY_PORTS.generator)(p)),
    parkedDrops,
    sfuCores: cpu.get(path.workerPid)!,
    sfuCoreSlices: slices,
    g1Cores: cpu.get(pids.g1)!,
    g2Cores: cpu.get(pids.g2)!,
    relayCores: cpu.get(pids.relay)!,
    parkedCores: cpu.get(pids.parked)!,
    sourceCores: cpu.get(pids.source)!,
    benchNodeCores: cpu.get(process.pid)!,
    machineBusyCores: busy,
    browserLoss: bPackets + bLost > 0 ? bLost / (bPackets + bLost) : Number.NaN,
    browserPackets: bPackets,
    activeSynthetic: active1.ids.filter((id) => loud.has(id)).length,
    activeSize: active1.ids.length,
    activeChanges: active1.changes - active0.changes,
    transports: c1.transports.connected,
    transportsUp: Math.min(c1.transports.iceUp, c1.transports.dtlsUp),
    toRelay: c1.transports.toRelay,
    toParked: c1.transports.toParked,
    transportDrops: c1.transportDrops - c0.transportDrops,
    consentSent: c1.relay.consentSent - c0.relay.consentSent,
    statErrors: c0.statErrors + c1.statErrors,
  };
}

/** Where a step's loss happened, from its counters (measured), largest first. */
export function lossWhere(s: Step): string {
  const parts: Array<[string, number]> = [
    ['ingest', s.ingestLoss],
    ["inside, consumers on the speakers' router", s.internalLossHome],
    ['inside, consumers on routers fed through pipes', s.internalLossPiped],
    ["delivery to the listeners' sockets", s.deliveryLoss],
  ];
  const drops = `kernel drops on the SFU's transport sockets ${s.sfuTransportSocketDrops}, on its other sockets (pipes) ${s.sfuSocketDrops - s.sfuTransportSocketDrops}`;
  return `${
    parts
      .filter(([, v]) => Number.isFinite(v) && v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt(v * 100, 2)}%`)
      .join(', ') || 'no component over 0%'
  }; ${drops}`;
}

export function describeStep(path: CapacityPath, s: Step): string {
  return (
    `capacity ${path}: ${s.consumers} consumers (${s.syntheticConsumers} synthetic, ${s.counted} counted; ${s.participants} participants, ${s.routers} router(s), ${s.pipedProducers} piped), ` +
    `${fmt(s.forwardedPps, 0)} pkt/s and ${fmt(s.forwardedBps / 1e6, 1)} Mbps forwarded (source at ${fmt(s.sourceRate * 100, 0)}% of its rate), SFU loss ${fmt(s.loss * 100, 2)}% (end to end ${fmt(s.endToEndLoss * 100, 2)}%, source ${fmt(s.sourceLoss * 100, 2)}%, ingest ${fmt(s.ingestLoss * 100, 2)}%, ` +
    `inside ${fmt(s.internalLoss * 100, 2)}% (speakers' router ${fmt(s.internalLossHome * 100, 2)}%, piped ${fmt(s.internalLossPiped * 100, 2)}%), delivery ${fmt(s.deliveryLoss * 100, 2)}%; kernel rcvbuf drops ${s.udpRcvbufErrors}: SFU ${s.sfuSocketDrops} (transports ${s.sfuTransportSocketDrops}, other ${s.sfuSocketDrops - s.sfuTransportSocketDrops}), relay ${s.relaySocketDrops}, generator ${s.generatorSocketDrops}), ` +
    `SFU worker ${fmt(s.sfuCores * 100, 0)}%, G1 ${fmt(s.g1Cores * 100, 0)}%, G2 ${fmt(s.g2Cores * 100, 0)}%, relay ${fmt(s.relayCores * 100, 0)}%, bench ${fmt(s.benchNodeCores * 100, 0)}%, machine ${fmt(s.machineBusyCores * 100, 0)}%; ` +
    `active set ${s.activeSynthetic}/${s.activeSize} loud synthetic, ${s.activeChanges} changes; transports up ${s.transportsUp}/${s.transports} (${s.toParked} parked, ${s.toRelay} relayed, ${s.transportDrops} drops); browsers' loss ${fmt(s.browserLoss * 100, 2)}%${s.statErrors ? `; ${s.statErrors} getStats() failed` : ''}`
  );
}

export async function measurePath(
  ctx: SuiteContext,
  path: SfuPath,
  pass: number,
  load: RtpLoad,
  openBrowsers: () => Promise<BrowserProbe>,
  steps: number[],
  windowMs: number,
): Promise<PathResult> {
  const out: Step[] = [];
  const remeasures: Remeasure[] = [];
  let stopReason = `reached the largest step (${steps.at(-1)} consumers) without a loss breach or a saturated worker`;
  let saturated = false;
  const t0 = performance.now();
  let browsers: BrowserProbe | undefined;
  try {
    await load.sourceCommand('resume');
    await load.attach(path);
    browsers = await openBrowsers();
    ctx.log(
      `capacity ${path.kind}: ${load.participants} speakers and ${load.otherConsumers()} Chromium consumers ready in ${fmt((performance.now() - t0) / 1000, 1)} s`,
    );
    let first: Step | undefined;
    for (let index = 0; index < steps.length; index++) {
      const target = steps[index]!;
      const tg = performance.now();
      // The source pauses while listeners join: their requests then meet an idle worker, so growing
      // takes as long at the last step as at the first (the windows are measured after it resumes).
      await load.sourceCommand('pause');
      await load.grow(target - load.otherConsumers());
      await load.sourceCommand('resume');
      if (!first)
        ctx.log(
          `capacity ${path.kind}: grew to ${load.participants} participants in ${fmt((performance.now() - tg) / 1000, 1)} s (per listener: ${load.takeTimings()}; ${load.failedJoins.length} could not connect${load.failedJoins.length ? `, the last: ${load.failedJoins.at(-1)}` : ''})`,
        );
      await sleep(SETTLE_MS);
      const step = await measureStep(path, load, browsers, target, windowMs);
      ctx.log(describeStep(path.kind, step));
      if (step.loss > LOSS_LIMIT && step.sfuCores < REMEASURE_BELOW_CORES && !first) {
        // Loss with the worker far from busy may be a transient (other work on the shared machine):
        // the step is measured once more and only a repeated breach counts; both are reported.
        first = step;
        ctx.log(
          `capacity ${path.kind}: ${step.consumers} consumers lost ${fmt(step.loss * 100, 2)}% with the worker at ${fmt(step.sfuCores * 100, 0)}% of a core: measuring the step again`,
        );
        index--;
        continue;
      }
      if (first) {
        remeasures.push({
          path: path.kind,
          pass,
          consumers: step.consumers,
          firstLoss: first.loss,
          firstCores: first.sfuCores,
          secondLoss: step.loss,
          secondCores: step.sfuCores,
        });
        first = undefined;
      }
      out.push(step);
      if (step.loss > LOSS_LIMIT) {
        saturated = step.sfuCores >= REMEASURE_BELOW_CORES;
        stopReason = saturated
          ? `loss passed 1% at ${step.consumers} consumers with the worker at ${fmt(step.sfuCores * 100, 0)}% of a core (saturated)`
          : `loss passed 1% twice at ${step.consumers} consumers with the worker at only ${fmt(step.sfuCores * 100, 0)}% of a core (not saturation; where: ${lossWhere(step)}; why: not established by this run)`;
        break;
      }
      if (step.sfuCores >= SATURATED_CORES) {
        saturated = true;
        stopReason = `the SFU worker saturated (${fmt(step.sfuCores * 100, 0)}% of a core) at ${step.consumers} consumers`;
        break;
      }
      const generator = Math.max(step.g1Cores, step.g2Cores, step.relayCores);
      if (generator >= SATURATED_CORES) {
        stopReason = `the load generator saturated (${fmt(generator * 100, 0)}% of a core) at ${step.consumers} consumers`;
        break;
      }
    }
  } finally {
    await browsers?.close();
    await load.detach();
    // After a failure its own error is the one that matters.
    await path
      .drained(15_000)
      .catch((error: unknown) => ctx.log(`capacity ${path.kind}: ${error instanceof Error ? error.message : String(error)}`));
  }
  return { path: path.kind, pass, steps: out, stopReason, saturated, remeasures };
}

/** A merged step is clean when its worst pass stayed under the loss limit and every pass measured it. */
export const clean = (r: PathResult, s: Step) => s.loss < LOSS_LIMIT && (s.measuredIn ?? 1) >= (r.pass ?? 1);

/** The highest clean step of a merged path: the measured headline. */
export function headline(r: PathResult): Step | undefined {
  return r.steps.filter((s) => clean(r, s)).at(-1);
}

/**
 * Voxlay ÷ raw at the largest count both measured under the loss limit (`common`: Voxlay's merged
 * step, `rawAt`: raw's): raw worker CPU ÷ Voxlay worker CPU per forwarded packet (medians of the
 * per-second CPU ÷ the window's forwarded packets/s, over every pass), i.e. Voxlay's traffic per core
 * ÷ raw's; a 95% bootstrap interval. Per forwarded packet, so a window whose source fell behind (a
 * starved process sends fewer packets) does not count as cheaper.
 */
export function voxlayOverRaw(
  passes: PathResult[],
  vox: PathResult,
  raw: PathResult,
): { ratio: Interval | undefined; common: Step | undefined; rawAt: Step | undefined } {
  const common = vox.steps.filter((s) => clean(vox, s) && raw.steps.some((t) => t.target === s.target && clean(raw, t))).at(-1);
  const rawAt = common ? raw.steps.find((t) => t.target === common.target) : undefined;
  const perPacket = (path: CapacityPath, target: number) =>
    passes
      .filter((p) => p.path === path)
      .flatMap((p) => p.steps.filter((s) => s.target === target).flatMap((s) => s.sfuCoreSlices.map((c) => c / (s.forwardedPps / 1000))));
  const ratio =
    common && rawAt
      ? bootstrap([perPacket('raw', common.target), perPacket('voxlay', common.target)], (r, v) => median(r!) / median(v!))
      : undefined;
  return { ratio, common, rawAt };
}

/** The worker CPU of `path` at `target` in each pass ("83%, 81%"). */
export function cpuPerPass(passes: PathResult[], path: CapacityPath, target: number): string {
  return passes
    .filter((p) => p.path === path)
    .map((p) => `${fmt((p.steps.find((s) => s.target === target)?.sfuCores ?? Number.NaN) * 100, 0)}%`)
    .join(', ');
}

/** The loss and CPU columns both capacity suites list per step (header, then lossAndCpuCells). */
export const LOSS_AND_CPU_COLUMNS = [
  'SFU loss %',
  'src / ingest / inside / delivery %',
  'rcvbuf drops',
  'worker % core',
  'G1 / G2 / relay / src %',
  'bench %',
  'machine %',
];

export function lossAndCpuCells(s: Step): string[] {
  return [
    fmt(s.loss * 100, 3),
    `${fmt(s.sourceLoss * 100, 3)} / ${fmt(s.ingestLoss * 100, 3)} / ${fmt(s.internalLoss * 100, 3)} (${fmt(s.internalLossHome * 100, 3)} · ${fmt(s.internalLossPiped * 100, 3)}) / ${fmt(s.deliveryLoss * 100, 3)}`,
    `${s.udpRcvbufErrors} (${s.sfuTransportSocketDrops} / ${s.sfuSocketDrops - s.sfuTransportSocketDrops} / ${s.relaySocketDrops} / ${s.generatorSocketDrops})`,
    fmt(s.sfuCores * 100, 1),
    `${fmt(s.g1Cores * 100, 0)} / ${fmt(s.g2Cores * 100, 0)} / ${fmt(s.relayCores * 100, 0)} / ${fmt(s.sourceCores * 100, 0)}`,
    fmt(s.benchNodeCores * 100, 0),
    fmt(s.machineBusyCores * 100, 0),
  ];
}
