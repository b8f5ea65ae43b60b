/// <reference lib="dom" />
// A browser page with the product client (core's createVoxlayClient + Channel) for the cluster
// audio test: window.coreVoice.join(nodeUrl, channelId, name) joins through any node (the channel follows
// WRONG_NODE and falls back to another node when its node dies); stats(since) reads inbound audio of the
// RTCPeerConnections created at or after `since` (epoch ms), so a rejoin's fresh connections can be told apart.
// core is written for bundlers (extensionless imports): esbuild bundles it here and the core workspace
// typechecks it; this page is checked with core's settings (server/tsconfig.core-pages.json).
import { Channel, createVoxlayClient, memoryStorage, type VoxlayClient } from '@voxlay/core';

const connections: Array<{ pc: RTCPeerConnection; createdAt: number }> = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    connections.push({ pc: this, createdAt: Date.now() });
  }
} as typeof RTCPeerConnection;

let client: VoxlayClient | undefined;
let channel: Channel | undefined;

const coreVoice = {
  async join(nodeUrl: string, channelId: string, displayName: string): Promise<{ url: string }> {
    if (channel) throw new Error('already joined');
    client = createVoxlayClient({ url: nodeUrl });
    channel = new Channel({ client, storage: memoryStorage() });
    await channel.join({ channelId, displayName });
    return { url: client.url };
  },
  state(): { connectionState: string; url: string | null; channelId: string | null; participantId: string | null } {
    return {
      connectionState: channel?.state.connectionState ?? 'none',
      url: client?.url ?? null,
      channelId: channel?.state.channel?.id ?? null,
      participantId: channel?.state.localParticipantId ?? null,
    };
  },
  async stats(since = 0): Promise<{ connections: number; bytesReceived: number; packetsReceived: number; audioLevel: number }> {
    const out = { connections: 0, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
    for (const { pc, createdAt } of connections) {
      if (createdAt < since || pc.connectionState === 'closed') continue;
      out.connections += 1;
      const report = await pc.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry.type !== 'inbound-rtp' || entry.kind !== 'audio') return;
        out.bytesReceived += Number(entry.bytesReceived ?? 0);
        out.packetsReceived += Number(entry.packetsReceived ?? 0);
        out.audioLevel = Math.max(out.audioLevel, Number(entry.audioLevel ?? 0));
      });
    }
    return out;
  },
  close(): void {
    channel?.close();
    client?.close();
  },
};

Object.assign(window, { coreVoice, coreVoiceReady: true });
