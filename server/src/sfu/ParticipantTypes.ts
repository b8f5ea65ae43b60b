import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type {
  ConsumerOptions,
  LeaveReason,
  TransportDirection,
  TransportOptions,
} from '../graphql/__generated__/resolvers-types.js';
import type { ParticipantEventData } from './ChannelTypes.js';

/** connectRequested: the client gave its DTLS parameters (metrics tell a transport that never connected). */
export type TransportAppData = { participantId: string; direction: TransportDirection; connectRequested?: boolean };
export type ProducerAppData = { participantId: string };
/** producerId: the original producer's id (a consumer of a pipe producer consumes another id in its router). */
export type ConsumerAppData = { participantId: string; producerParticipantId: string; producerId: string };

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
}

/** publish: may produce (else FORBIDDEN); subscribe: gets consumers of the others (else none). */
export interface ParticipantPermissions {
  publish: boolean;
  subscribe: boolean;
}

export interface ProduceOptions {
  kind: 'AUDIO';
  rtpParameters: types.RtpParameters;
  paused: boolean;
}

export type ParticipantEvents = {
  /** A producer was created (the channel fans it out). */
  producer: [VoxlayProducer];
  /** The participant's producer closed. */
  producerclose: [VoxlayProducer];
  /** The producer was paused (true) or resumed (false). */
  mutechange: [boolean];
  /** Private: the participant closed itself; the channel forgets it. */
  '@close': [LeaveReason];
};

export type { ConsumerOptions, TransportOptions, ParticipantEventData };
