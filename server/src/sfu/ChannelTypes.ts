import type { Logger } from 'pino';
import type { ResolversParentTypes } from '../graphql/__generated__/resolvers-types.js';
import type { AudioLevelSettings } from './ChannelRouterTypes.js';
import type { NodeCapacity } from './NodeCapacity.js';
import type { TransportSettings } from './ParticipantTypes.js';
import type { WorkerPool } from './WorkerPool.js';

/** Makes the optional `__typename` of each generated union member required (it drives __resolveType). */
type Tagged<T> = T extends { __typename?: infer N } ? T & { __typename: Exclude<N, undefined> } : never;

/** What anybody may see of a channel (Subscription.channelEvents). */
export type ChannelEventData = Tagged<ResolversParentTypes['ChannelEvent']>;
/** What a participant receives (Subscription.participantEvents). */
export type ParticipantEventData = Tagged<ResolversParentTypes['ParticipantEvent']>;

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
  /** Silence (ms) before an active speaker may be replaced by a loud one; 1500 when absent. */
  speakerHoldMs?: number | undefined;
  /** Audio level observer settings of each router (interval 100 ms, threshold -65 dBov when absent). */
  audioLevels?: Partial<AudioLevelSettings> | undefined;
}

export type ChannelEvents = {
  /** A public channel event (also pushed to the participants concerned). */
  event: [ChannelEventData];
  '@close': [];
};
