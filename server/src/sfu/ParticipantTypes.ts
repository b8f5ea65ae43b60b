import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { MediaKind, MediaSource } from '../graphql/__generated__/protocol.js';
import type { StreamLimit } from './StreamLimit.js';

/** The schema's MediaKind and MediaSource, as codegen writes them into the protocol module. */
export type { MediaKind, MediaSource };

/** Which way a participant's transport carries media. */
export type TransportDirection = 'SEND' | 'RECV';

/**
 * Why a participant left: LEFT (it asked), DISCONNECTED (its connection closed and was not resumed in
 * time), CHANNEL_CLOSED (its worker died, or the channel closed), REPLACED (the same identity joined
 * again), CHANNEL_DELETED.
 */
export type LeaveReason = 'LEFT' | 'DISCONNECTED' | 'CHANNEL_CLOSED' | 'REPLACED' | 'CHANNEL_DELETED';

/** What a client needs to create its side of a transport (mediasoup-client createSendTransport / createRecvTransport). */
export interface TransportOptions {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

/** What a client needs to create a consumer (mediasoup-client transport.consume). */
export interface ConsumerOptions {
  id: string;
  /** The original producer's id (not a pipe producer's). */
  producerId: string;
  producerParticipantId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: types.RtpParameters;
  producerPaused: boolean;
}

/** connectRequested: the client gave its DTLS parameters (metrics tell a transport that never connected). */
export type TransportAppData = { participantId: string; direction: TransportDirection; connectRequested?: boolean };
export type ProducerAppData = { participantId: string; source: MediaSource };
/**
 * producerId: the original producer's id (a consumer of a pipe producer consumes another id in its
 * router); watched: a stream opened with watchStream (not a last-N speaker).
 */
export type ConsumerAppData = {
  participantId: string;
  producerParticipantId: string;
  producerId: string;
  source: MediaSource;
  watched: boolean;
};

export type VoxlayTransport = types.WebRtcTransport<TransportAppData>;
export type VoxlayProducer = types.Producer<ProducerAppData>;
export type VoxlayConsumer = types.Consumer<ConsumerAppData>;

/** The media objects a participant owns, by the kind clients refer to them with. */
export interface MediaObjects {
  transport: VoxlayTransport;
  producer: VoxlayProducer;
  consumer: VoxlayConsumer;
}
export type MediaObjectKind = keyof MediaObjects;

/**
 * The listen address from the server config. WebRTC transports listen on their worker's
 * WebRtcServer (PoolWorker); pipes between a channel's routers bind loopback of the same family.
 */
export interface TransportSettings {
  listenIp: string;
}

export interface ParticipantOptions {
  id: string;
  displayName: string;
  channelId: string;
  router: types.Router;
  /** The WebRtcServer of the router's worker: both transports listen on its ports. */
  webRtcServer: types.WebRtcServer;
  rtpCapabilities?: types.RtpCapabilities | undefined;
  logger: Logger;
  outboxCapacity?: number;
  /** What the participant may do (token rights); everything when absent. */
  permissions?: ParticipantPermissions | undefined;
  /** Consumers at most (the channel's last-N); unbounded when absent. */
  maxConsumers?: number | undefined;
  /** Token mode: the identity (`sub`) it joined as; a channel holds one participant per identity. */
  subject?: string | undefined;
  /** How often its producer's quality is sampled (one worker request each); QUALITY_SAMPLE_MS when absent. */
  qualitySampleMs?: number | undefined;
  /** The channel's video stream places (CAMERA and SCREEN producers); unbounded when absent. */
  streamLimit?: StreamLimit | undefined;
  /** Streams it watches at once (watchStream); unbounded when absent. */
  maxWatchedStreams?: number | undefined;
  /** Bits per second one of its video streams may send (its send transport is capped to it); unbounded when absent. */
  maxStreamBitrate?: number | undefined;
  /** Bits per second the server sends it at most (its receive transport's cap); none when absent or 0. */
  maxReceiveBitrate?: number | undefined;
}

/** How a participant's microphone is gated (the schema's VoiceMode). */
export type VoiceMode = 'ALWAYS_ON' | 'PUSH_TO_TALK' | 'VOICE_ACTIVITY';

/** How a participant takes part beyond its producer's pause (setParticipantState). */
export interface ParticipantVoiceState {
  selfMuted: boolean;
  deafened: boolean;
  listenOnly: boolean;
  voiceMode: VoiceMode;
}

/** publish: may produce (else FORBIDDEN); subscribe: gets consumers of the others (else none). */
export interface ParticipantPermissions {
  publish: boolean;
  subscribe: boolean;
}

export interface ProduceOptions {
  kind: MediaKind;
  /** MICROPHONE when absent. */
  source?: MediaSource | undefined;
  rtpParameters: types.RtpParameters;
  paused: boolean;
}

/** The kind each source must be produced with. */
export const SOURCE_KINDS: Readonly<Record<MediaSource, MediaKind>> = {
  MICROPHONE: 'AUDIO',
  CAMERA: 'VIDEO',
  SCREEN: 'VIDEO',
  SCREEN_AUDIO: 'AUDIO',
};

export type ParticipantEvents = {
  /** A producer was created (the channel fans it out): its microphone, or a stream (appData.source). */
  producer: [VoxlayProducer];
  /** One of the participant's producers closed. */
  producerclose: [VoxlayProducer];
  /** The microphone producer was paused (true) or resumed (false). */
  mutechange: [boolean];
  /** It started or stopped watching a stream (`producerId`): the stream's viewers changed. */
  watchchange: [string];
  /** Its state (setState: deafened, listen-only, voice mode, self-muted), its quality grade, `live` or `cameraOn` changed. */
  statechange: [];
  /** Private: the participant closed itself; the channel forgets it. */
  '@close': [LeaveReason];
};

/** For watchers (monitoring, tests): nothing here is needed to keep the channel right. */
export type ParticipantObserverEvents = {
  /** The participant closed, by itself or by its channel; every mediasoup object of it is closed. */
  close: [LeaveReason];
};
