import type { Logger } from 'pino';
import type { AudioLevelSettings } from './ChannelRouterTypes.js';
import type { NodeCapacity } from './NodeCapacity.js';
import type { Participant } from './Participant.js';
import type { ConsumerOptions, LeaveReason, MediaSource, TransportSettings, VoxlayProducer } from './ParticipantTypes.js';
import type { WorkerPool } from './WorkerPool.js';
import type { RecordingStopReason } from '../recording/RecordingTypes.js';

/**
 * What anybody may see of a channel, told by `type` (the GraphQL layer maps each to the schema's
 * type of the same name: ChannelEvent). `P` and `R` are how the participant and producer travel:
 * the live objects here; another node's events carry snapshots of them (cluster/channelEventWire.ts).
 */
export type ChannelEventData<P = Participant, R = VoxlayProducer> =
  | { type: 'ParticipantJoined'; channelId: string; participant: P }
  | { type: 'ParticipantLeft'; channelId: string; participantId: string; reason: LeaveReason }
  | { type: 'ProducerAdded'; channelId: string; producer: R }
  | { type: 'ProducerClosed'; channelId: string; producerId: string; participantId: string }
  /** A stream (CAMERA, SCREEN, SCREEN_AUDIO) others may watch on demand. */
  | { type: 'StreamStarted'; channelId: string; producer: R }
  | { type: 'StreamStopped'; channelId: string; producerId: string; participantId: string; source: MediaSource }
  /** Who watches a stream changed; `viewerIds` in the order they started. */
  | { type: 'StreamViewersChanged'; channelId: string; producerId: string; participantId: string; viewerIds: string[] }
  | { type: 'MuteChanged'; channelId: string; participantId: string; muted: boolean }
  | { type: 'ActiveSpeakersChanged'; channelId: string; participantIds: string[] }
  /** Deafened, listen-only, voice mode, self-muted or the quality grade changed; `participant` as it is now. */
  | { type: 'ParticipantStateChanged'; channelId: string; participant: P }
  /** The channel is being recorded from `startedAt` (ISO-8601) (recording/Recording.ts). */
  | { type: 'RecordingStarted'; channelId: string; recordingId: string; startedAt: string }
  | { type: 'RecordingStopped'; channelId: string; recordingId: string; stopReason: RecordingStopReason };

/** The recording events, which recording/Recording.ts announces through Channel.announceRecording. */
export type RecordingEventData = Extract<ChannelEventData, { type: 'RecordingStarted' | 'RecordingStopped' }>;

/** What a participant receives: the channel's events plus its own (ParticipantEvent in the schema). */
export type ParticipantEventData =
  | ChannelEventData
  | { type: 'ConsumerAdded'; consumer: ConsumerOptions }
  | { type: 'ConsumerClosed'; consumerId: string; producerId: string }
  /** A watched video consumer's current layers changed (null: none sent). */
  | {
      type: 'ConsumerLayersChanged';
      channelId: string;
      consumerId: string;
      producerId: string;
      layers: { spatialLayer: number; temporalLayer?: number | undefined } | null;
    }
  /** The worker hosting the participant died: it must join again. */
  | { type: 'ChannelInterrupted'; channelId: string; message: string };

/** The names of the events (the `type` of each). */
export type ChannelEventType = ChannelEventData['type'];
export type ParticipantEventType = ParticipantEventData['type'];

/** Who created a channel: the token identity (token mode) and the client address key; null where unknown. */
export interface ChannelCreator {
  readonly subject: string | null;
  readonly address: string | null;
}

export interface ChannelOptions {
  id: string;
  name: string;
  isDefault: boolean;
  /** Who created it (deleteChannel rights, channels per creator); none for the default channel. */
  creator?: ChannelCreator | null | undefined;
  /** Deleted once it has stayed empty for the registry's empty-channel time (never for the default channel). */
  expires?: boolean | undefined;
  pool: WorkerPool;
  transportSettings: TransportSettings;
  logger: Logger;
  /** Participants at most (CHANNEL_FULL beyond); 1000 when absent. */
  maxParticipants?: number | undefined;
  /** The node's participant limit, asked before every join (NODE_FULL); none when absent. */
  capacity?: NodeCapacity | undefined;
  /** Speakers a listener receives at once (last-N); 5 when absent. */
  lastN?: number | undefined;
  /** Participants per router before the channel spans another router; 250 when absent. */
  maxParticipantsPerRouter?: number | undefined;
  /** Video streams (CAMERA and SCREEN producers) at once (LIMIT_EXCEEDED videoStreamsPerChannel beyond); DEFAULT_MAX_VIDEO_STREAMS when absent. */
  maxVideoStreams?: number | undefined;
  /** Streams one participant watches at once (LIMIT_EXCEEDED watchedStreamsPerParticipant); DEFAULT_MAX_WATCHED_STREAMS when absent. */
  maxWatchedStreams?: number | undefined;
  /** Bits per second of the channel's video streams together (LIMIT_EXCEEDED videoBitratePerChannel beyond); none when absent. */
  maxVideoBitrate?: number | undefined;
  /** Bits per second one video stream may send (its sender's transport is capped); none when absent. */
  maxStreamBitrate?: number | undefined;
  /** Bits per second the server sends one participant at most; none when absent or 0. */
  maxReceiveBitrate?: number | undefined;
  /** Silence (ms) before an active speaker may be replaced by a loud one; 1500 when absent. */
  speakerHoldMs?: number | undefined;
  /** Audio level observer settings of each router (DEFAULT_AUDIO_LEVELS when absent: interval 300 ms, threshold -70 dBov). */
  audioLevels?: Partial<AudioLevelSettings> | undefined;
}

export type ChannelEvents = {
  /** A public channel event (also pushed to the participants concerned). */
  event: [ChannelEventData];
  /** Private: the channel closed; the registry forgets it. */
  '@close': [];
};

/** For watchers (the registry's expiry, monitoring, tests): the channel works the same without them. */
export type ChannelObserverEvents = {
  /** The channel closed with every participant and router. */
  close: [];
  /** A participant joined (its transports exist; it is counted). Its own observer tells when it closes. */
  newparticipant: [Participant];
};
