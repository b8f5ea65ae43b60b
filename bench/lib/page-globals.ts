// What the benchmark's pages put on `window`, as the Node side's page.evaluate callbacks see it:
// the init script's recorders (init-script.ts, on every bench page) and the join pages' APIs
// (pages/voxlay-join.ts, pages/raw-join.ts). Pure types: the pages implement them.

/** One WebSocket event (or, on the Voxlay join page, HTTP request/reply) the init script recorded. */
export interface WsEvent {
  dir: 'open-start' | 'open' | 'in' | 'out';
  at: number;
  msg?: { type?: string; id?: string | number; method?: string; op?: string; caps?: boolean };
}

/** A remote track the init script saw arrive (window.__benchTracks). */
export interface BenchTrack {
  pc: RTCPeerConnection;
  track: MediaStreamTrack;
  at: number;
  /** Whether it was muted at its `track` event; if not, unmutedAt is that event, not its first packet. */
  mutedAtTrack: boolean;
  /** Its first RTP packet (the track's `unmute`). */
  unmutedAt: number | undefined;
  /** Its first decoded sample above -50 dBFS. */
  audibleAt: number | undefined;
}

/** An encoded frame as it left the encoder ('send') or arrived from the network ('recv'), with transit on. */
export interface BenchFrame {
  side: 'send' | 'recv';
  /** Index of its RTCPeerConnection in window.__benchPcs. */
  pc: number;
  /** RTP synchronization source. */
  ssrc: number;
  /** RTP timestamp. */
  ts: number;
  at: number;
}

/** Onset times (the bench clock): the page's own bursts (local), and what the mouth-to-ear suite adds per path. */
export interface BenchOnsets {
  local: number[];
  sfu?: number[];
  p2p?: number[];
}

/** window.voxlayJoin (pages/voxlay-join.ts): core's VoiceSession, timed by the join suite. */
export interface VoxlayJoinPageApi {
  prepare(serverUrl: string): Promise<void>;
  join(channelId: string, displayName: string): Promise<void>;
  joinCold(serverUrl: string, channelId: string, displayName: string): Promise<void>;
  leave(): Promise<void>;
}

/** window.rawJoin (pages/raw-join.ts): the floor, raw mediasoup-client with a minimal signaling. */
export interface RawJoinPageApi {
  prepare(wsUrl: string): Promise<void>;
  join(): Promise<void>;
  joinCold(wsUrl: string): Promise<void>;
}

declare global {
  interface Window {
    // init-script.ts
    __benchInstalled?: boolean;
    __benchMic?: 'tone' | 'speech' | 'silence' | 'bursts' | 'device';
    __benchTransit?: boolean;
    /** Make the first-audible context at the output's own rate instead of 48 kHz (Firefox needs it). */
    __benchEarAtDeviceRate?: boolean;
    __benchNow: () => number;
    __benchPcs: RTCPeerConnection[];
    __benchTracks: BenchTrack[];
    __benchFirstAudio: number | undefined;
    __benchFirstAudible: number | undefined;
    __benchFrames: BenchFrame[];
    __benchWs: WsEvent[];
    __benchOnsets: BenchOnsets;
    __benchAddDetector(ctx: AudioContext, node: AudioNode, onOnset: (t: number) => void): Promise<void>;
    // set by the mouth-to-ear suite: the direct connection it compares the SFU path against
    __benchP2P?: RTCPeerConnection;
    // the join pages
    voxlayJoin?: VoxlayJoinPageApi;
    rawJoin?: RawJoinPageApi;
  }
}
