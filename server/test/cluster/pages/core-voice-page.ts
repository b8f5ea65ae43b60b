/// <reference lib="dom" />
// A browser page with the product client (core's createVoxlayClient + VoiceSession) for the cluster
// audio test: window.coreVoice.join(nodeUrl, channelId, name) joins through any node (the session follows
// WRONG_NODE and falls back to another node when its node dies); stats(since) reads inbound audio of the
// RTCPeerConnections created at or after `since` (epoch ms), so a rejoin's fresh connections can be told apart.
// core is written for bundlers (extensionless imports): esbuild bundles it here and the core workspace
// typechecks it; the server's NodeNext typecheck cannot follow it, so this page types what it uses.
// @ts-expect-error -- resolved by esbuild, not by the server's tsconfig
import { createVoxlayClient as createClient } from '../../../../core/src/createVoxlayClient';
// @ts-expect-error -- resolved by esbuild, not by the server's tsconfig
import { memoryStorage } from '../../../../core/src/sessionSupport';
// @ts-expect-error -- resolved by esbuild, not by the server's tsconfig
import { VoiceSession as Session } from '../../../../core/src/VoiceSession';

/** The parts of core's VoxlayClient and VoiceSession this page uses. */
interface VoxlayClient {
  readonly url: string;
  close(): void;
}
interface VoiceSession {
  readonly state: { connectionState: string; channel: { id: string } | null; localParticipantId: string | null };
  join(options: { channelId: string; displayName: string }): Promise<void>;
  close(): void;
}
const createVoxlayClient = createClient as (options: { url: string }) => VoxlayClient;
const VoiceSession = Session as new (options: { client: VoxlayClient; storage: unknown }) => VoiceSession;

const connections: Array<{ pc: RTCPeerConnection; createdAt: number }> = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    connections.push({ pc: this, createdAt: Date.now() });
  }
} as typeof RTCPeerConnection;

let client: VoxlayClient | undefined;
let session: VoiceSession | undefined;

const coreVoice = {
  async join(nodeUrl: string, channelId: string, displayName: string): Promise<{ url: string }> {
    if (session) throw new Error('already joined');
    client = createVoxlayClient({ url: nodeUrl });
    session = new VoiceSession({ client, storage: (memoryStorage as () => unknown)() });
    await session.join({ channelId, displayName });
    return { url: client.url };
  },
  state(): { connectionState: string; url: string | null; channelId: string | null; participantId: string | null } {
    return {
      connectionState: session?.state.connectionState ?? 'none',
      url: client?.url ?? null,
      channelId: session?.state.channel?.id ?? null,
      participantId: session?.state.localParticipantId ?? null,
    };
  },
  async stats(since = 0): Promise<{ connections: number; bytesReceived: number; packetsReceived: number; audioLevel: number }> {
    const out = { connections: 0, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
    for (const { pc, createdAt } of connections) {
      if (createdAt < since || pc.connectionState === 'closed') continue;
      out.connections += 1;
      const report = await pc.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry['type'] !== 'inbound-rtp' || entry['kind'] !== 'audio') return;
        out.bytesReceived += Number(entry['bytesReceived'] ?? 0);
        out.packetsReceived += Number(entry['packetsReceived'] ?? 0);
        out.audioLevel = Math.max(out.audioLevel, Number(entry['audioLevel'] ?? 0));
      });
    }
    return out;
  },
  close(): void {
    session?.close();
    client?.close();
  },
};

Object.assign(window, { coreVoice, coreVoiceReady: true });
