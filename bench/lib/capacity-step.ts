// The capacity benchmark's load steps on one SFU path: grow the synthetic listeners, measure loss
// from exact packet counts and worker CPU over a window, stop at 1% loss or a saturated worker; and
// the per-path figures (passes merged, consumers per core, CPU per 1,000 packets/s).
import type { types } from 'mediasoup';
import type { BrowserProbe } from './capacity-browsers.js';
import { PORTS, sleep } from './config.js';
import { CpuMeter, machineBusySeconds } from './proc.js';
import { dropsIn, PACKETS_PER_SECOND, type RtpLoad, udpDropsByPort, udpReceiveBufferErrors } from './rtp-load.js';
import { fmt, percentile } from './stats.js';
import type { SuiteContext } from './suite.js';

export const SPEAKERS = 10;
export const LOSS_LIMIT = 0.01;
/** A loss breach with the worker under this share of a core is measured again before it ends a pass. */
const REMEASURE_BELOW_CORES = 0.8;

/** Which SFU a pass measures: Voxlay's worker, raw mediasoup, or raw mediasoup on a second worker binary (A/B). */
export type CapacityPath = 'voxlay' | 'raw' | 'raw-b';

export interface Step {
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
  /** Datagrams the kernel dropped on full receive buffers during the window (whole machine, but the uncounted listeners' sink). */
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

export interface PathResult {
  path: CapacityPath;
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
export function mergePasses(path: CapacityPath, passes: PathResult[]): PathResult {
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

export async function measurePath(
  ctx: SuiteContext,
  path: CapacityPath,
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
    const remeasured = new Set<number>();
    for (let index = 0; index < steps.length; index++) {
      const consumers = steps[index]!;
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
      const drops0 = udpDropsByPort();
      const rcvbuf0 = udpReceiveBufferErrors();
      const busy0 = machineBusySeconds();
      const t0 = performance.now();
      await sleep(windowMs);
      const cpu = meter.stop();
      const drops1 = udpDropsByPort();
      // The uncounted listeners' sink drops everything by design: not counted as receive-buffer loss.
      const sinkDrops = dropsIn(drops0, drops1, { min: load.blackHolePort, max: load.blackHolePort });
      const rcvbuf = Math.max(0, udpReceiveBufferErrors() - rcvbuf0 - sinkDrops);
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
      if (step.loss > LOSS_LIMIT && step.sfuCores < REMEASURE_BELOW_CORES && !remeasured.has(consumers)) {
        // Loss with the worker far from busy is a transient (a scheduling hiccup on the shared
        // machine), not capacity: the step is measured once more and only a repeated breach counts.
        remeasured.add(consumers);
        out.pop();
        ctx.log(`capacity ${path}: ${step.consumers} consumers lost ${fmt(step.loss * 100, 2)}% with the worker at ${fmt(step.sfuCores * 100, 0)}%: measuring the step again`);
        index--;
        continue;
      }
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

export const clean = (r: PathResult, s: Step) => s.loss < LOSS_LIMIT && (s.measuredIn ?? 1) >= (r.pass ?? 1);

/** A step's figures: consumers per core extrapolated from worker CPU, CPU per 1,000 packets/s. */
export function figures(s: Step) {
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
export function headline(r: PathResult) {
  const best = r.steps.filter((s) => clean(r, s)).at(-1);
  return best ? figures(best) : undefined;
}
