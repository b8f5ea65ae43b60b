import type { ChannelRef } from '../auth/access.js';
import type { ChannelEventData } from '../sfu/ChannelTypes.js';

/** The channel events a lobby follows: who is where, muted or deafened, and recordings (not producers or speakers). */
export type LobbyChannelEventType =
  | 'ParticipantJoined'
  | 'ParticipantLeft'
  | 'MuteChanged'
  | 'ParticipantStateChanged'
  | 'RecordingStarted'
  | 'RecordingStopped';

const LOBBY_CHANNEL_EVENT_TYPES: ReadonlySet<string> = new Set<LobbyChannelEventType>([
  'ParticipantJoined',
  'ParticipantLeft',
  'MuteChanged',
  'ParticipantStateChanged',
  'RecordingStarted',
  'RecordingStopped',
]);

/** Whether a channel event is one a lobby follows. */
export function isLobbyChannelEvent<P, R>(
  event: ChannelEventData<P, R>,
): event is Extract<ChannelEventData<P, R>, { type: LobbyChannelEventType }> {
  return LOBBY_CHANNEL_EVENT_TYPES.has(event.type);
}

/**
 * What Subscription.lobbyEvents sends, told by `type` (the name of its GraphQL type, LobbyEvent).
 * `P` and `C` are how a participant and a created channel travel: live objects on the node they
 * belong to, snapshots from another node (cluster/lobbyEventWire.ts).
 */
export type LobbyEventData<P, C> =
  | { type: 'ChannelCreated'; channel: C }
  | { type: 'ChannelDeleted'; channelId: string; expired: boolean }
  | Extract<ChannelEventData<P>, { type: LobbyChannelEventType }>;

/** The channel an event concerns, as much as an access check needs (auth/access.ts mayAccessChannel). */
export interface LobbyChannelRef extends ChannelRef {
  readonly createdBy: { readonly subject: string | null } | null;
}

/** One lobby event with its channel: every subscriber sees it only if it may see that channel. */
export interface LobbyMessage<P, C> {
  channel: LobbyChannelRef;
  event: LobbyEventData<P, C>;
}
