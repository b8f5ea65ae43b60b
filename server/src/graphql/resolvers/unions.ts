import type { ChannelEventResolvers, ParticipantEventResolvers } from '../__generated__/resolvers-types.js';
import type { ChannelEventData, ParticipantEventData } from '../../sfu/ChannelTypes.js';

/** Events carry their GraphQL type name (sfu/ChannelTypes.ts). */
export const ChannelEvent: ChannelEventResolvers = {
  __resolveType: (event) => (event as ChannelEventData).__typename,
};

export const ParticipantEvent: ParticipantEventResolvers = {
  __resolveType: (event) => (event as ParticipantEventData).__typename,
};
