import type { ChannelEventResolvers, LobbyEventResolvers, ParticipantEventResolvers } from '../__generated__/resolvers-types.js';
import type { LobbyEventModel } from '../models.js';
import type { ChannelEventData, ParticipantEventData } from '../../sfu/ChannelTypes.js';

/** The media layer's events name their kind in `type`, which is the name of their GraphQL type (sfu/ChannelTypes.ts). */
export const ChannelEvent: ChannelEventResolvers = {
  __resolveType: (event) => (event as unknown as ChannelEventData).type,
};

export const ParticipantEvent: ParticipantEventResolvers = {
  __resolveType: (event) => (event as unknown as ParticipantEventData).type,
};

export const LobbyEvent: LobbyEventResolvers = {
  __resolveType: (event) => (event as unknown as LobbyEventModel).type,
};
