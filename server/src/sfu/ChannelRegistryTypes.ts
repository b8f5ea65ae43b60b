import type { Logger } from 'pino';
import type { ChannelEventData } from './ChannelTypes.js';
import type { TransportSettings } from './ParticipantTypes.js';
import type { WorkerPool } from './WorkerPool.js';

export interface ChannelRegistryOptions {
  pool: WorkerPool;
  defaultChannelName: string;
  transportSettings: TransportSettings;
  logger: Logger;
  /** Channels in total (default one included) and participants per channel; 1000 and 200 when absent. */
  limits?: ChannelLimits | undefined;
}

export interface ChannelLimits {
  maxChannels: number;
  maxParticipantsPerChannel: number;
}

export type ChannelRegistryEvents = {
  /** A public event of one channel (feeds Subscription.channelEvents). */
  channelevent: [string, ChannelEventData];
};
