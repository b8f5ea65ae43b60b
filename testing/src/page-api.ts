import type { Page } from 'playwright-core';

// The functions the test pages put on `window`, as the tests see them. Pure types, no DOM: the page
// scripts (pages/, bundled by esbuild for the browser) implement these interfaces.

export interface AudioStats {
  /** Open consumers the numbers are summed over. */
  consumers: number;
  bytesReceived: number;
  packetsReceived: number;
  /** The highest inbound-rtp audioLevel (0..1) over the consumers. */
  audioLevel: number;
  /** Sum of inbound-rtp totalAudioEnergy: grows only while a consumer's track plays audibly. */
  totalAudioEnergy: number;
}

/** Plain-JSON mediasoup parameter objects, as they cross page.evaluate. */
type Json = Record<string, unknown>;

export interface TransportOptionsJson {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown;
  dtlsParameters: unknown;
}

/** window.raw (pages/raw-page.ts): mediasoup-client only; the test does the signaling. */
export interface RawPageApi {
  /** Loads the Device; returns its RTP capabilities. */
  load(routerRtpCapabilities: Json): Promise<Json>;
  /** Creates the send transport and produces the fake microphone; returns the producer id. */
  produce(options: TransportOptionsJson): Promise<string>;
  createRecvTransport(options: TransportOptionsJson): Promise<void>;
  consume(options: { id: string; producerId: string; kind: 'audio'; rtpParameters: unknown }): Promise<void>;
  stats(): Promise<AudioStats>;
  close(): Promise<void>;
}

/** The test's answer to window.rawSignal(method, data), exposed with page.exposeFunction. */
export type RawSignalMethod = 'connect' | 'produce';

export interface JoinResult {
  participantId: string;
  producerId: string;
  /** Consumers that came with the join payload (participants already speaking). */
  initialConsumers: number;
}

export interface JoinOptions {
  /** Produce the fake microphone (default true); false joins as a listener only. */
  speak?: boolean;
  /** Speak a continuous tone (WebAudio) instead of the fake microphone's beep every 500 ms. */
  tone?: boolean;
}

/** What a listener receives, per speaker (last-N tests). */
export interface SpeakerStats {
  /** bytesReceived over the open consumers, by producerParticipantId. */
  bytesBySpeaker: Record<string, number>;
  /**
   * inbound-rtp totalAudioEnergy over the open consumers, by producerParticipantId: it grows only while
   * the speaker's track plays through the page's unmuted <audio> element with sound in it (heard).
   */
  energyBySpeaker: Record<string, number>;
  /** When these were read (the page's performance.now(), ms): meanLevel() of two readings needs the time between. */
  at: number;
  /** The most consumers that were open at once. */
  maxOpenConsumers: number;
  /** The participantIds of every ActiveSpeakersChanged seen, in order. */
  activeSpeakerEvents: string[][];
}

/** window.voice (pages/voice-page.ts): a participant joined through the Voxlay GraphQL API. */
export interface VoicePageApi {
  /** Joins `channelId` on the server at `serverUrl` (http://host:port) and speaks with the fake microphone. */
  join(serverUrl: string, channelId: string, displayName: string, options?: JoinOptions): Promise<JoinResult>;
  stats(): Promise<AudioStats>;
  speakerStats(): Promise<SpeakerStats>;
  /** Server-side mute (pauseProducer) or unmute of the microphone producer. */
  mute(muted: boolean): Promise<void>;
  /** Errors seen on the participantEvents subscription or while consuming. */
  errors(): Promise<string[]>;
  leave(): Promise<void>;
}

/** Promise-returning view of an API living in a page. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Calls `window[name][fn](...args)` in the page for each `api.fn(...args)`; arguments must be JSON. */
export function pageApi<T extends object>(page: Page, name: string): Remote<T> {
  const call = (fn: string, args: unknown[]) =>
    page.evaluate(
      ([n, f, a]) => {
        const api = (globalThis as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>)[n];
        if (!api?.[f]) throw new Error(`window.${n}.${f} is not defined`);
        return api[f](...a);
      },
      [name, fn, args] as const,
    );
  return new Proxy({} as Remote<T>, {
    // 'then' stays undefined so the proxy is not mistaken for a promise.
    get: (_target, fn) => (typeof fn === 'symbol' || fn === 'then' ? undefined : (...args: unknown[]) => call(fn, args)),
  });
}

/** Waits until the page script has put its API on window. */
export async function waitForPageApi(page: Page): Promise<void> {
  await page.waitForFunction('window.voxlayReady === true');
}

/** The candidate pair ICE selected on one RTCPeerConnection, with its local and remote candidates. */
export interface SelectedPair {
  state: string;
  /** 'host', 'srflx', 'prflx' or 'relay' (a TURN allocation). */
  localType: string;
  localAddress: string;
  /** How the page reaches its TURN server ('udp', 'tcp', 'tls') for a relay candidate, else null. */
  relayProtocol: string | null;
  remoteType: string;
  remoteAddress: string;
  protocol: string;
}

/** window.coreSession (pages/core-session-page.ts): the product client, core's VoiceSession. */
export interface CoreSessionStats {
  /** The open RTCPeerConnections (the session's send and receive transports). */
  connections: { state: string; selected: SelectedPair | null }[];
  bytesReceived: number;
  /** Summed inbound-rtp totalAudioEnergy (grows only while received audio plays). */
  totalAudioEnergy: number;
  bytesSent: number;
}

export interface CoreSessionState {
  connectionState: string;
  participantId: string | null;
  /** The session's last error code, if any. */
  error: string | null;
}

export interface CoreSessionPageApi {
  /** Joins with core's VoiceSession (the fake microphone); returns the participant id. */
  join(serverUrl: string, channelId: string, displayName: string, options?: { iceTransportPolicy?: 'all' | 'relay' }): Promise<string>;
  firstAudioMs(): number | null;
  /** How many of the page's RTCPeerConnections were created with a TURN server (the join's ICE servers). */
  createdWithTurn(): number;
  /** Every TURN username the page's RTCPeerConnections were configured with (creation, then renewals). */
  turnUsernames(): string[];
  state(): CoreSessionState;
  stats(): Promise<CoreSessionStats>;
  leave(): Promise<void>;
}
