import type { types } from 'mediasoup';

/** A coarse grade of a connection (the schema's QualityLevel). */
export type QualityLevel = 'UNKNOWN' | 'POOR' | 'FAIR' | 'GOOD';

/** What the SFU sees of one participant's audio reaching it (the schema's ConnectionQuality). */
export interface ConnectionQuality {
  level: QualityLevel;
  /** mediasoup's stream score, 0..10. */
  score: number;
  /** Fraction of packets lost over the last RTCP interval, 0..1. */
  packetLoss: number;
  jitterMs: number;
  rttMs: number | null;
  measuredAt: Date;
}

/** Opus and every audio codec the routers offer run their RTP clock at 48 kHz. */
const AUDIO_CLOCK_RATE = 48_000;

/**
 * Grades an inbound RTP stream as the worker reports it (producer.getStats()'s 'inbound-rtp'):
 * GOOD with a high score, little loss and jitter; POOR with a low score or heavy loss; FAIR between.
 * Jitter comes in RTP timestamp units and fractionLost in 1/256 (RTCP); both are converted.
 * TypeError when the stat is not an inbound stream.
 */
export function gradeInboundStream(stat: types.RtpStreamRecvStats, measuredAt: Date, clockRate = AUDIO_CLOCK_RATE): ConnectionQuality {
  if (stat.type !== 'inbound-rtp') throw new TypeError(`expected an inbound-rtp stat, got ${stat.type}`);
  const packetLoss = Math.min(1, Math.max(0, stat.fractionLost / 256));
  const jitterMs = (Math.max(0, stat.jitter) * 1000) / clockRate;
  const rttMs = typeof stat.roundTripTime === 'number' && stat.roundTripTime > 0 ? stat.roundTripTime : null;
  return { level: qualityLevel(stat.score, packetLoss, jitterMs, rttMs), score: stat.score, packetLoss, jitterMs, rttMs, measuredAt };
}

/** The grade of a score (0..10), a loss fraction, a jitter and a round-trip time (ms, null: unknown). */
export function qualityLevel(score: number, packetLoss: number, jitterMs: number, rttMs: number | null): QualityLevel {
  if (!Number.isFinite(score) || score < 0 || score > 10) throw new TypeError(`invalid score ${score}`);
  const rtt = rttMs ?? 0;
  if (score <= 4 || packetLoss >= 0.1 || jitterMs >= 100 || rtt >= 500) return 'POOR';
  if (score >= 8 && packetLoss < 0.02 && jitterMs < 30 && rtt < 200) return 'GOOD';
  return 'FAIR';
}
