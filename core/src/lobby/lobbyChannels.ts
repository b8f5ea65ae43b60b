// The lobby's list of channels with who is in them, and how lobby events change it (pure).
import type { LobbyChannelsQuery, LobbyEventsSubscription } from '../graphql/__generated__/graphql';

/** One channel as the lobby lists it: who is in it (the first LOBBY_NAMES), and how many. */
export type LobbyChannel = LobbyChannelsQuery['channels'][number];
/** One participant as the lobby lists it. */
export type LobbyParticipant = LobbyChannel['participants'][number];
/** What Subscription.lobbyEvents delivers. */
export type LobbyEvent = LobbyEventsSubscription['lobbyEvents'];

/** Names listed per channel; a bigger channel shows these and "N more". */
export const LOBBY_NAMES = 50;

/**
 * A lobby event applied to the list: a channel created (added at the end, after the default one and
 * older ones, as Query.channels orders them) or deleted, a participant joined, left, muted or
 * deafened, a recording started or stopped (`recording`, shown before joining). Returns the same array when nothing changes; applying an event twice changes nothing
 * more (a join of someone listed, a leave of someone absent from a complete list, a creation of a
 * listed channel, a deletion of an absent one).
 */
export function applyLobbyEvent(channels: LobbyChannel[], event: LobbyEvent): LobbyChannel[] {
  switch (event.__typename) {
    case 'ChannelCreated': {
      if (channels.some((c) => c.id === event.channel.id)) return channels;
      return [...channels, { ...event.channel, participants: [], recording: null }];
    }
    case 'ChannelDeleted': {
      const next = channels.filter((c) => c.id !== event.channelId);
      return next.length === channels.length ? channels : next;
    }
    default:
      return updateChannel(channels, event.channelId, (channel) => applyToChannel(channel, event));
  }
}

type ParticipantLobbyEvent = Exclude<LobbyEvent, { __typename: 'ChannelCreated' | 'ChannelDeleted' }>;

function applyToChannel(channel: LobbyChannel, event: ParticipantLobbyEvent): LobbyChannel {
  const listed = channel.participants;
  // Only the first LOBBY_NAMES are listed: someone not in the list may still be in the channel.
  const complete = listed.length >= channel.participantCount;
  switch (event.__typename) {
    case 'ParticipantJoined': {
      const { id, displayName, muted, deafened } = event.participant;
      if (listed.some((l) => l.id === id)) return channel;
      const participants = complete && listed.length < LOBBY_NAMES ? [...listed, { id, displayName, muted, deafened }] : listed;
      return { ...channel, participants, participantCount: channel.participantCount + 1 };
    }
    case 'ParticipantLeft': {
      const wasListed = listed.some((l) => l.id === event.participantId);
      if (!wasListed && complete) return channel;
      return {
        ...channel,
        participants: listed.filter((l) => l.id !== event.participantId),
        participantCount: Math.max(0, channel.participantCount - 1),
      };
    }
    case 'MuteChanged':
      return updateParticipant(channel, event.participantId, (p) => (p.muted === event.muted ? p : { ...p, muted: event.muted }));
    case 'ParticipantStateChanged': {
      const { id, deafened } = event.participant;
      return updateParticipant(channel, id, (p) => (p.deafened === deafened ? p : { ...p, deafened }));
    }
    case 'RecordingStarted':
      if (channel.recording?.id === event.recordingId) return channel;
      return { ...channel, recording: { id: event.recordingId, startedAt: event.startedAt } };
    case 'RecordingStopped':
      return channel.recording?.id === event.recordingId ? { ...channel, recording: null } : channel;
  }
}

/** `channels` with the channel `id` replaced by `change(it)`; the same array when nothing changed. */
function updateChannel(channels: LobbyChannel[], id: string, change: (channel: LobbyChannel) => LobbyChannel): LobbyChannel[] {
  const index = channels.findIndex((c) => c.id === id);
  const channel = channels[index];
  if (!channel) return channels;
  const next = change(channel);
  return next === channel ? channels : channels.map((c, i) => (i === index ? next : c));
}

function updateParticipant(channel: LobbyChannel, id: string, change: (p: LobbyParticipant) => LobbyParticipant): LobbyChannel {
  let changed = false;
  const participants = channel.participants.map((p) => {
    if (p.id !== id) return p;
    const next = change(p);
    changed ||= next !== p;
    return next;
  });
  return changed ? { ...channel, participants } : channel;
}
