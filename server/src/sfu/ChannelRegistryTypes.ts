import type { Logger } from 'pino';
import type { Channel } from './Channel.js';
import type { ChannelEventData } from './ChannelTypes.js';
import type { TransportSettings } from './ParticipantTypes.js';
import type { WorkerPool } from './WorkerPool.js';

export interface ChannelRegistryOptions {
  pool: WorkerPool;
  defaultChannelName: string;
  transportSettings: TransportSettings;
  logger: Logger;
  /** Channels in total (default one included) and participants per channel; 1000 each when absent. */
  limits?: ChannelLimits | undefined;
}

export interface ChannelLimits {
  maxChannels: number;
  maxParticipantsPerChannel: number;
  /** Participants in all channels together (NODE_FULL beyond); config's nodeCapacity(workers) when absent. */
  maxParticipantsPerNode?: number | undefined;
  /** Speakers a listener receives at once (last-N); 5 when absent. */
  lastN?: number | undefined;
  /** Participants per router before a channel spans another router; 250 when absent. */
  maxParticipantsPerRouter?: number | undefined;
  /** Video streams (CAMERA and SCREEN producers) per channel at once; DEFAULT_MAX_VIDEO_STREAMS when absent. */
  maxVideoStreamsPerChannel?: number | undefined;
  /** Streams one participant watches at once (watchStream); DEFAULT_MAX_WATCHED_STREAMS when absent. */
  maxWatchedStreamsPerParticipant?: number | undefined;
  /** Bits per second of one channel's video streams together; none when absent. */
  maxVideoBitratePerChannel?: number | undefined;
  /** Bits per second one video stream may send; none when absent. */
  maxStreamBitrate?: number | undefined;
  /** Bits per second the server sends one participant at most; none when absent or 0. */
  maxReceiveBitrate?: number | undefined;
  /** How long a channel that expires may stay empty before it is deleted; 0 or absent: never. */
  emptyChannelTtlMs?: number | undefined;
}

/** Why a channel was deleted: deleteChannel, or it stayed empty too long. */
export type ChannelDeleteReason = 'deleted' | 'expired';

export type ChannelRegistryEvents = {
  /** A public event of one channel (feeds Subscription.channelEvents). */
  channelevent: [string, ChannelEventData];
  /** A channel was deleted (deleteChannel or expiry); it is closed and forgotten already. */
  channeldelete: [Channel, ChannelDeleteReason];
};
