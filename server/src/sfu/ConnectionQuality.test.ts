import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { gradeInboundStream, qualityLevel } from './ConnectionQuality.js';

function inbound(overrides: Partial<types.RtpStreamRecvStats>): types.RtpStreamRecvStats {
  return {
    type: 'inbound-rtp',
    timestamp: 0,
    ssrc: 1,
    kind: 'audio',
    mimeType: 'audio/opus',
    packetsLost: 0,
    fractionLost: 0,
    packetsDiscarded: 0,
    packetsRetransmitted: 0,
    packetsRepaired: 0,
    nackCount: 0,
    nackPacketCount: 0,
    pliCount: 0,
    firCount: 0,
    score: 10,
    jitter: 0,
    packetCount: 100,
    byteCount: 10_000,
    bitrate: 32_000,
    bitrateByLayer: {},
    ...overrides,
  };
}

describe('ConnectionQuality', () => {
  it('grades a clean stream GOOD and converts jitter from RTP units (48 kHz) to milliseconds', () => {
    const at = new Date(0);
    const quality = gradeInboundStream(inbound({ jitter: 480, roundTripTime: 12 }), at);
    expect(quality).toEqual({ level: 'GOOD', score: 10, packetLoss: 0, jitterMs: 10, rttMs: 12, measuredAt: at });
  });

  it('grades heavy loss POOR and converts fractionLost from 1/256', () => {
    const quality = gradeInboundStream(inbound({ fractionLost: 64, score: 7 }), new Date(0));
    expect(quality.packetLoss).toBe(0.25);
    expect(quality.level).toBe('POOR');
    expect(quality.rttMs).toBeNull();
  });

  it('grades a middling score or some loss FAIR', () => {
    expect(qualityLevel(6, 0, 0, null)).toBe('FAIR');
    expect(qualityLevel(10, 0.05, 0, null)).toBe('FAIR');
    expect(qualityLevel(10, 0, 40, null)).toBe('FAIR');
    expect(qualityLevel(10, 0, 0, 300)).toBe('FAIR');
  });

  it('refuses a score outside 0..10 and a stat that is not inbound with TypeError', () => {
    expect(() => qualityLevel(11, 0, 0, null)).toThrow(TypeError);
    expect(() => gradeInboundStream(inbound({ type: 'outbound-rtp' }), new Date(0))).toThrow(TypeError);
  });
});
