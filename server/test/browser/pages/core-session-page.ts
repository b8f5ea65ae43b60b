/// <reference lib="dom" />
// A browser page with the product client (core's createVoxlayClient + Channel), for the TURN
// tests: window.coreSession.join(serverUrl, channelId, name, { iceTransportPolicy }) joins with the
// fake microphone; stats() reads every open RTCPeerConnection (received audio energy, bytes sent, the
// candidate pair ICE selected and the types of its two candidates); firstAudioMs() is the time from
// join() being called to the first RTP packet of a remote track (its 'unmute').
// core is written for bundlers (extensionless imports): esbuild bundles it here and the core workspace
// typechecks it; this page is checked with core's settings (server/tsconfig.core-pages.json).
import { Channel, createVoxlayClient, memoryStorage, type VoxlayClient } from '@voxlay/core';
import type { CoreSessionState, CoreSessionStats, SelectedPair } from '@voxlay/testing/page-api';
import { exposePageApi } from '@voxlay/testing/pages/audio';

const connections: RTCPeerConnection[] = [];
/** The TURN usernames each RTCPeerConnection was given, at creation and by setConfiguration (renewals). */
const turnUsernames: string[] = [];
/** How many RTCPeerConnections were created with a TURN server in their configuration (the join's). */
let createdWithTurn = 0;
const recordUsernames = (config?: RTCConfiguration): number => {
  let found = 0;
  for (const server of config?.iceServers ?? []) {
    if (server.username) {
      turnUsernames.push(server.username);
      found++;
    }
  }
  return found;
};
let joinStartedAt: number | null = null;
let firstAudioAt: number | null = null;

const markAudio = (): void => {
  if (joinStartedAt !== null && firstAudioAt === null) firstAudioAt = performance.now();
};

const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    if (recordUsernames(config) > 0) createdWithTurn++;
    connections.push(this);
    this.addEventListener('track', ({ track }) => {
      if (track.kind !== 'audio') return;
      if (!track.muted) markAudio();
      else track.addEventListener('unmute', markAudio, { once: true });
    });
  }

  override setConfiguration(config?: RTCConfiguration): void {
    super.setConfiguration(config);
    recordUsernames(config);
  }
} as typeof RTCPeerConnection;

let client: VoxlayClient | undefined;
let channel: Channel | undefined;

function open(): RTCPeerConnection[] {
  return connections.filter((pc) => pc.connectionState !== 'closed');
}

/** The candidate pair ICE uses on `pc` (the transport's selectedCandidatePairId), with its candidates. */
async function selectedPair(pc: RTCPeerConnection): Promise<SelectedPair | null> {
  const report = await pc.getStats();
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((entry: Record<string, unknown>) => {
    byId.set(String(entry.id), entry);
  });
  const transport = [...byId.values()].find((entry) => entry.type === 'transport');
  const pair = byId.get(String(transport?.selectedCandidatePairId ?? ''));
  if (!pair) return null;
  const local = byId.get(String(pair.localCandidateId));
  const remote = byId.get(String(pair.remoteCandidateId));
  return {
    state: String(pair.state),
    localType: String(local?.candidateType),
    localAddress: `${String(local?.address)}:${String(local?.port)}`,
    relayProtocol: local?.relayProtocol === undefined ? null : String(local.relayProtocol),
    remoteType: String(remote?.candidateType),
    remoteAddress: `${String(remote?.address)}:${String(remote?.port)}`,
    protocol: String(local?.protocol),
  };
}

const coreSession = {
  async join(
    serverUrl: string,
    channelId: string,
    displayName: string,
    options: { iceTransportPolicy?: RTCIceTransportPolicy } = {},
  ): Promise<string> {
    if (channel) throw new Error('already joined: leave() first');
    client = createVoxlayClient({ url: serverUrl });
    channel = new Channel({ client, storage: memoryStorage(), ...options });
    firstAudioAt = null;
    joinStartedAt = performance.now();
    await channel.join({ channelId, displayName });
    const id = channel.state.localParticipantId;
    if (id === null) throw new Error('joined without a participant id');
    return id;
  },

  /** ms from join() to the first remote audio packet, or null while none came. */
  firstAudioMs(): number | null {
    return joinStartedAt === null || firstAudioAt === null ? null : firstAudioAt - joinStartedAt;
  },

  /** RTCPeerConnections created with a TURN server (not given one later by an ICE restart). */
  createdWithTurn(): number {
    return createdWithTurn;
  },

  /** Every TURN username the page's connections were configured with, in order. */
  turnUsernames(): string[] {
    return [...turnUsernames];
  },

  state(): CoreSessionState {
    return {
      connectionState: channel?.state.connectionState ?? 'none',
      participantId: channel?.state.localParticipantId ?? null,
      error: channel?.state.error?.code ?? null,
    };
  },

  async stats(): Promise<CoreSessionStats> {
    const out: CoreSessionStats = { connections: [], bytesReceived: 0, totalAudioEnergy: 0, bytesSent: 0 };
    for (const pc of open()) {
      const report = await pc.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
          out.bytesReceived += Number(entry.bytesReceived ?? 0);
          out.totalAudioEnergy += Number(entry.totalAudioEnergy ?? 0);
        }
        if (entry.type === 'outbound-rtp' && entry.kind === 'audio') out.bytesSent += Number(entry.bytesSent ?? 0);
      });
      out.connections.push({ state: pc.connectionState, selected: await selectedPair(pc) });
    }
    return out;
  },

  /** Leaves and closes the channel and its client (a later join() starts afresh). */
  async leave(): Promise<void> {
    const s = channel;
    const c = client;
    channel = undefined;
    client = undefined;
    joinStartedAt = null;
    firstAudioAt = null;
    await s?.leave();
    s?.close();
    c?.close();
  },
};

exposePageApi('coreSession', coreSession);
