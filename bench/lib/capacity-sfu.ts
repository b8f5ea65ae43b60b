// The two SFU paths of the capacity benchmark behind one interface: Voxlay (participants made over
// GraphQL, capacity-voxlay.ts) and raw mediasoup (the same objects made with the mediasoup API,
// capacity-raw.ts). The load (rtp-load.ts) only joins, connects, produces and reads counters.
import type { types } from 'mediasoup';

/** Which SFU a pass measures: Voxlay's worker, raw mediasoup, or raw mediasoup on a second worker binary (A/B). */
export type CapacityPath = 'voxlay' | 'raw' | 'raw-b';

/** A WebRtcTransport as a client gets it from the server. */
export interface TransportInfo {
  id: string;
  iceParameters: { usernameFragment: string; password: string };
  iceCandidates: Array<{ protocol: string; port: number; address?: string; ip?: string }>;
  dtlsParameters: { fingerprints: types.DtlsFingerprint[] };
}

/** What a synthetic participant sends: a microphone (audio capacity) or a shared screen (video capacity). */
export type SfuSource = 'MICROPHONE' | 'SCREEN';

/** One participant as its client drives it: both transports, its consumers, produce, watch and connect. */
export interface SfuParticipant {
  readonly id: string;
  readonly send: TransportInfo;
  readonly recv: TransportInfo;
  /** Consumers the SFU made for this participant that its client knows of (paused until connectRecv resumes them). */
  readonly consumerCount: number;
  connectSend(dtlsParameters: types.DtlsParameters): Promise<void>;
  /** Sends `source` on the send transport; resolves with the producer's id. */
  produce(rtpParameters: types.RtpParameters, source: SfuSource): Promise<string>;
  /** Watches these streams (video, on demand): a paused consumer of each, resumed by connectRecv. */
  watch(producerIds: readonly string[]): Promise<void>;
  /** Connects the receive transport and resumes every consumer (and those made later). */
  connectRecv(dtlsParameters: types.DtlsParameters): Promise<void>;
  leave(): Promise<void>;
}

/** One participant's mediasoup objects inside the SFU (read in this process, for counters and states). */
export interface SfuParticipantObjects {
  id: string;
  /** The router the participant is placed on. */
  routerId: string | undefined;
  /** Its producer (a synthetic participant has at most one: a microphone or a screen). */
  producer: types.Producer | undefined;
  consumers: types.Consumer[];
  transports: types.WebRtcTransport[];
}

export interface SfuLayout {
  /** Routers holding the participants, and producers piped between them. */
  routers: number;
  pipedProducers: number;
}

export interface SfuPath {
  readonly kind: CapacityPath;
  readonly workerPid: number;
  readonly routerRtpCapabilities: types.RtpCapabilities;
  /** Speakers a listener receives (Voxlay's last-N; the raw path mirrors it). */
  readonly lastN: number;
  /** Local UDP ports of the SFU's WebRtcTransports (for the kernel's per-socket drop counters). */
  readonly portRange: { min: number; max: number };
  join(displayName: string, speaker: boolean): Promise<SfuParticipant>;
  /** The active speaker set as the path's clients see it (Voxlay: over GraphQL), and how often it changed. */
  activeSpeakers(): { ids: string[]; changes: number };
  /** Every participant's objects, Chromium pages included (their id is theirs, or 'chromium'). */
  objects(): SfuParticipantObjects[];
  layout(): SfuLayout;
  /** Resolves once the SFU holds no participant of this path any more (after everyone left). */
  drained(timeoutMs: number): Promise<void>;
}
