// The audio a browser page sends and receives, read the way chrome://webrtc-internals would: a page init
// script records every RTCPeerConnection the page makes, and readAudioStatsInPage, evaluated in the page
// (playwright's or puppeteer's page.evaluate), sums their inbound/outbound audio stats. Shared by the
// Chromium (pwa.ts) and Firefox (firefox.ts) harnesses.

/** Page init script: wraps RTCPeerConnection so readAudioStatsInPage can read every connection's stats. */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__voxlayPcs) return;
  const pcs = [];
  window.__voxlayPcs = pcs;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); pcs.push(this); }
  };
})();`;

export interface AudioStats {
  /**
   * inbound-rtp audio streams (one per consumer). `mid` is the consumer's mid (speakersByMid() names its
   * speaker); in Chromium `totalAudioEnergy` only grows while the stream is played audibly (an unmuted
   * element), Firefox computes it from the decoded audio (played or not).
   */
  streams: {
    bytesReceived: number;
    packetsReceived: number;
    audioLevel: number;
    totalAudioEnergy: number;
    trackIdentifier: string;
    mid: string;
  }[];
  bytesReceived: number;
  maxAudioLevel: number;
  bytesSent: number;
}

/**
 * Runs in the page (pass it to page.evaluate; it must not use anything outside its own body): the
 * inbound/outbound audio of the open RTCPeerConnections RECORD_PEER_CONNECTIONS recorded. A stat the
 * browser does not report reads 0 (or '').
 */
export async function readAudioStatsInPage(): Promise<AudioStats> {
  const pcs = ((window as unknown as { __voxlayPcs?: RTCPeerConnection[] }).__voxlayPcs ?? []).filter(
    (pc) => pc.connectionState !== 'closed',
  );
  const out: AudioStats = { streams: [], bytesReceived: 0, maxAudioLevel: 0, bytesSent: 0 };
  for (const pc of pcs) {
    const report = await pc.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        const stream = {
          bytesReceived: Number(s.bytesReceived ?? 0),
          packetsReceived: Number(s.packetsReceived ?? 0),
          audioLevel: Number(s.audioLevel ?? 0),
          totalAudioEnergy: Number(s.totalAudioEnergy ?? 0),
          trackIdentifier: String(s.trackIdentifier ?? ''),
          mid: String(s.mid ?? ''),
        };
        out.streams.push(stream);
        out.bytesReceived += stream.bytesReceived;
        out.maxAudioLevel = Math.max(out.maxAudioLevel, stream.audioLevel);
      }
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.bytesSent += Number(s.bytesSent ?? 0);
    });
  }
  return out;
}
