import { describe, expect, it } from 'vitest';
import { linkLevel, readLinkSample } from './LinkStats';

/** An RTCStatsReport stand-in: getStats() gives a Map-like of stats by id. */
function report(stats: Record<string, unknown>[]): RTCStatsReport {
  return new Map(stats.map((stat, i) => [String(i), stat])) as unknown as RTCStatsReport;
}

describe('readLinkSample', () => {
  it('says packets leave only when bytesSent grew since the previous sample', () => {
    const first = readLinkSample(report([{ type: 'outbound-rtp', bytesSent: 1_000 }]), null, null);
    expect(first.sending).toBe(false);
    const grown = readLinkSample(report([{ type: 'outbound-rtp', bytesSent: 1_500 }]), null, first.counters);
    expect(grown.sending).toBe(true);
    const flat = readLinkSample(report([{ type: 'outbound-rtp', bytesSent: 1_500 }]), null, grown.counters);
    expect(flat.sending).toBe(false);
  });

  it('says nothing leaves without a producer (no send report)', () => {
    const previous = { bytesSent: 10, packetsReceived: 0, packetsLost: 0 };
    expect(readLinkSample(null, report([]), previous).sending).toBe(false);
  });

  it('takes the RTCP round-trip time, the loss of the received packets since the last sample and the larger jitter, in ms', () => {
    const send = report([
      { type: 'outbound-rtp', bytesSent: 100 },
      { type: 'remote-inbound-rtp', roundTripTime: 0.04, jitter: 0.004, fractionLost: 0.5 },
    ]);
    const before = { bytesSent: 50, packetsReceived: 100, packetsLost: 0 };
    const recv = report([{ type: 'inbound-rtp', packetsReceived: 195, packetsLost: 5, jitter: 0.012 }]);
    const { quality } = readLinkSample(send, recv, before);
    expect(quality.rttMs).toBeCloseTo(40);
    expect(quality.packetLoss).toBeCloseTo(0.05);
    expect(quality.jitterMs).toBeCloseTo(12);
    expect(quality.level).toBe('fair');
  });

  it("falls back to the ICE candidate pair's round-trip time", () => {
    const recv = report([{ type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.002 }]);
    expect(readLinkSample(null, recv, null).quality.rttMs).toBeCloseTo(2);
  });
});

describe('linkLevel', () => {
  it('grades unknown, good, fair and poor', () => {
    expect(linkLevel(null, null, null)).toBe('unknown');
    expect(linkLevel(20, 0, 5)).toBe('good');
    expect(linkLevel(250, 0, 5)).toBe('fair');
    expect(linkLevel(20, 0.2, 5)).toBe('poor');
  });
});
