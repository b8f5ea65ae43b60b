import type { LinkQuality, QualityLevel } from '../types';

/** The counters of one getStats() sample that the next one is compared with. */
export interface LinkCounters {
  /** Bytes the producer sent so far (outbound-rtp), null without a producer. */
  bytesSent: number | null;
  packetsReceived: number;
  packetsLost: number;
}

export interface LinkSample {
  counters: LinkCounters;
  /** Packets left since the previous sample (bytesSent grew). */
  sending: boolean;
  quality: LinkQuality;
}

type Stat = Record<string, unknown> & { type: string };

function each(report: RTCStatsReport | null, type: string): Stat[] {
  const out: Stat[] = [];
  report?.forEach((stat: Stat) => {
    if (stat.type === type) out.push(stat);
  });
  return out;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Reads one sample of the producer's getStats (`send`: outbound-rtp, remote-inbound-rtp, the
 * candidate pair) and the receive transport's (`recv`: inbound-rtp, candidate pair), compared with
 * the `previous` counters: whether packets left since, and the link's round-trip time (RTCP, else
 * ICE), loss (received packets since, else the far end's fractionLost) and jitter.
 */
export function readLinkSample(send: RTCStatsReport | null, recv: RTCStatsReport | null, previous: LinkCounters | null): LinkSample {
  const outbound = each(send, 'outbound-rtp');
  const bytesSent = send && outbound.length > 0 ? outbound.reduce((sum, s) => sum + (num(s.bytesSent) ?? 0), 0) : null;
  const inbound = each(recv, 'inbound-rtp');
  const packetsReceived = inbound.reduce((sum, s) => sum + (num(s.packetsReceived) ?? 0), 0);
  const packetsLost = inbound.reduce((sum, s) => sum + Math.max(0, num(s.packetsLost) ?? 0), 0);
  const remoteInbound = each(send, 'remote-inbound-rtp')[0];
  const pairRtt = [...each(send, 'candidate-pair'), ...each(recv, 'candidate-pair')]
    .filter((pair) => pair.nominated === true || pair.state === 'succeeded')
    .map((pair) => num(pair.currentRoundTripTime))
    .find((rtt): rtt is number => rtt !== null);
  const rttSeconds = num(remoteInbound?.roundTripTime) ?? pairRtt ?? null;
  let packetLoss: number | null = null;
  if (previous) {
    const received = packetsReceived - previous.packetsReceived;
    const lost = packetsLost - previous.packetsLost;
    if (received + lost > 0) packetLoss = Math.max(0, lost) / (received + Math.max(0, lost));
  }
  packetLoss ??= num(remoteInbound?.fractionLost);
  const jitters = [...inbound.map((s) => num(s.jitter)), num(remoteInbound?.jitter)].filter((j): j is number => j !== null);
  const jitterMs = jitters.length > 0 ? Math.max(...jitters) * 1000 : null;
  const rttMs = rttSeconds === null ? null : rttSeconds * 1000;
  const sending = bytesSent !== null && previous !== null && previous.bytesSent !== null && bytesSent > previous.bytesSent;
  return {
    counters: { bytesSent, packetsReceived, packetsLost },
    sending,
    quality: { level: linkLevel(rttMs, packetLoss, jitterMs), rttMs, packetLoss, jitterMs },
  };
}

/** The grade of a link: POOR from 10% loss, 100 ms jitter or 500 ms RTT; GOOD under 2%, 30 ms and 200 ms; unknown with nothing measured. */
export function linkLevel(rttMs: number | null, packetLoss: number | null, jitterMs: number | null): QualityLevel {
  if (rttMs === null && packetLoss === null && jitterMs === null) return 'unknown';
  if ((packetLoss ?? 0) >= 0.1 || (jitterMs ?? 0) >= 100 || (rttMs ?? 0) >= 500) return 'poor';
  if ((packetLoss ?? 0) < 0.02 && (jitterMs ?? 0) < 30 && (rttMs ?? 0) < 200) return 'good';
  return 'fair';
}

/** How often the link is sampled (getStats of the producer and the receive transport). */
export const LINK_SAMPLE_MS = 1_000;

/**
 * Samples one connection's stats every LINK_SAMPLE_MS: whether packets leave ("transmitting" means
 * they do) and the local link quality. `onChange` runs when either changed. follow(null) stops.
 */
export class LinkMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private source: { stats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> } | null = null;
  private counters: LinkCounters | null = null;
  private sendingValue = false;
  private qualityValue: LinkQuality | null = null;

  constructor(
    private readonly onChange: () => void,
    private readonly intervalMs = LINK_SAMPLE_MS,
  ) {}

  get sending(): boolean {
    return this.sendingValue;
  }

  get quality(): LinkQuality | null {
    return this.qualityValue;
  }

  follow(source: { stats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> } | null): void {
    if (source === this.source) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.source = source;
    this.counters = null;
    const changed = this.sendingValue || this.qualityValue !== null;
    this.sendingValue = false;
    this.qualityValue = null;
    if (changed) this.onChange();
    if (source) this.timer = setInterval(() => void this.sample(source), this.intervalMs);
  }

  /** Samples at once (a producer was just created or resumed: no need to wait a whole interval). */
  sampleSoon(): void {
    const source = this.source;
    if (source) setTimeout(() => void this.sample(source), 100);
  }

  private async sample(source: NonNullable<typeof this.source>): Promise<void> {
    const { send, recv } = await source.stats();
    if (source !== this.source) return;
    const sample = readLinkSample(send, recv, this.counters);
    this.counters = sample.counters;
    const previous = this.qualityValue;
    const changed =
      sample.sending !== this.sendingValue ||
      previous?.level !== sample.quality.level ||
      previous?.rttMs !== sample.quality.rttMs ||
      previous?.packetLoss !== sample.quality.packetLoss ||
      previous?.jitterMs !== sample.quality.jitterMs;
    this.sendingValue = sample.sending;
    this.qualityValue = sample.quality;
    if (changed) this.onChange();
  }

  close(): void {
    this.follow(null);
  }
}
