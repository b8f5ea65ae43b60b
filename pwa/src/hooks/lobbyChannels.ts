// The lobby's list of channels with who is in them, and how channel events change it (pure).
import type { ChannelEventsSubscription, LobbyChannelsQuery } from '../core';

/** One channel as the lobby lists it: who is in it (the first LOBBY_NAMES), and how many. */
export type ChannelSummary = LobbyChannelsQuery['channels'][number];
/** What joining needs of a channel. */
export type ChannelRef = Pick<ChannelSummary, 'id' | 'name'>;
type ChannelEvent = ChannelEventsSubscription['channelEvents'];

/** Names listed per channel; a bigger channel shows these and "N more". */
export const LOBBY_NAMES = 50;
/**
 * Channels followed live (a ChannelEvents subscription each, on the WebSocket the call uses too; the
 * server runs at most 100 operations per connection). Those after them change at each re-read.
 */
export const LIVE_CHANNELS = 40;
/**
 * A channel event applied to the lobby's list (ParticipantJoined, ParticipantLeft, MuteChanged);
 * the same list when nothing changes. Applying one twice changes nothing more.
 */
export function applyChannelEvent(channels: ChannelSummary[], event: ChannelEvent): ChannelSummary[] {
  if (!('channelId' in event)) return channels;
  const index = channels.findIndex((c) => c.id === event.channelId);
  const channel = channels[index];
  if (!channel) return channels;
  const listed = channel.participants;
  // Only the first LOBBY_NAMES are listed: someone not in the list may still be in the channel.
  const complete = listed.length >= channel.participantCount;
  let next: ChannelSummary = channel;
  switch (event.__typename) {
    case 'ParticipantJoined': {
      const p = event.participant;
      if (listed.some((l) => l.id === p.id)) return channels;
      const participants =
        complete && listed.length < LOBBY_NAMES ? [...listed, { id: p.id, displayName: p.displayName, muted: p.muted }] : listed;
      next = { ...channel, participants, participantCount: channel.participantCount + 1 };
      break;
    }
    case 'ParticipantLeft': {
      const wasListed = listed.some((l) => l.id === event.participantId);
      if (!wasListed && complete) return channels;
      next = {
        ...channel,
        participants: listed.filter((l) => l.id !== event.participantId),
        participantCount: Math.max(0, channel.participantCount - 1),
      };
      break;
    }
    case 'MuteChanged': {
      if (!listed.some((l) => l.id === event.participantId && l.muted !== event.muted)) return channels;
      next = { ...channel, participants: listed.map((l) => (l.id === event.participantId ? { ...l, muted: event.muted } : l)) };
      break;
    }
    default:
      return channels;
  }
  return channels.map((c, i) => (i === index ? next : c));
}
