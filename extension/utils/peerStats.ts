import type { CallStats } from './messages';

const peers = new Set<RTCPeerConnection>();

/**
 * Remembers every RTCPeerConnection this document creates (mediasoup-client's transports are
 * private to core), so the extension can report its WebRTC counters. Install before the Channel
 * loads. Returns the undo.
 */
export function trackPeerConnections(): () => void {
  const Original = globalThis.RTCPeerConnection;
  if (!Original) return () => undefined;
  const Tracked = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
    const pc = new Original(...args);
    peers.add(pc);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'closed') peers.delete(pc);
    });
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Tracked.prototype = Original.prototype;
  Object.setPrototypeOf(Tracked, Original); // static generateCertificate
  globalThis.RTCPeerConnection = Tracked;
  return () => {
    globalThis.RTCPeerConnection = Original;
    peers.clear();
  };
}

/** Sums inbound/outbound RTP bytes and the loudest inbound audioLevel over open connections. */
export async function collectStats(): Promise<CallStats> {
  const totals: CallStats = { inboundBytes: 0, outboundBytes: 0, inboundAudioLevel: 0 };
  for (const pc of [...peers]) {
    if (pc.signalingState === 'closed') {
      peers.delete(pc);
      continue;
    }
    const report = await pc.getStats();
    report.forEach((s: { type: string; kind?: string; bytesReceived?: number; bytesSent?: number; audioLevel?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        totals.inboundBytes += s.bytesReceived ?? 0;
        totals.inboundAudioLevel = Math.max(totals.inboundAudioLevel, s.audioLevel ?? 0);
      } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
        totals.outboundBytes += s.bytesSent ?? 0;
      }
    });
  }
  return totals;
}
