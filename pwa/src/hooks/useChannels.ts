import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  ChannelEventsDocument,
  CreateChannelDocument,
  ErrorCode,
  LobbyChannelsDocument,
  toVoxlayError,
  type ChannelEventsSubscription,
  type LobbyChannelsQuery,
} from '../core';
import { useVoxlay } from '../voxlay';

/** One channel as the lobby lists it: who is in it (the first LOBBY_NAMES), and how many. */
export type ChannelSummary = LobbyChannelsQuery['channels'][number];
/** What joining needs of a channel. */
export type ChannelRef = Pick<ChannelSummary, 'id' | 'name'>;
type ChannelEvent = ChannelEventsSubscription['channelEvents'];

export interface ChannelsResult {
  channels: ChannelSummary[] | null;
  loading: boolean;
  /** The server could not be reached (as opposed to answering with an error). */
  unreachable: boolean;
  error: string | null;
  refresh(): void;
  create(name: string): Promise<ChannelRef>;
}

/** Names listed per channel; a bigger channel shows these and "N more". */
export const LOBBY_NAMES = 50;
/** The list of channels (new ones, deleted ones) is read again this often; who is in them is live. */
const REFRESH_MS = 15_000;

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

/**
 * Every channel with who is in it: the LobbyChannels query over HTTP (again every 15 s, when the tab
 * becomes visible and when the network comes back), kept live between reads by each channel's
 * ChannelEvents subscription on the app's WebSocket (joins, leaves, mutes).
 */
export function useChannels(): ChannelsResult {
  const { signaling } = useVoxlay();
  const [channels, setChannels] = useState<ChannelSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    setLoading(true);
    signaling
      .query(LobbyChannelsDocument, { first: LOBBY_NAMES })
      .then((data) => {
        setChannels(data.channels);
        setUnreachable(false);
        setError(null);
      })
      .catch((err: unknown) => {
        const e = toVoxlayError(err);
        setUnreachable(e.code === ErrorCode.NETWORK_ERROR);
        setError(e.message);
      })
      .finally(() => setLoading(false));
  }, [signaling]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', refresh);
    };
  }, [refresh]);

  // One subscription per listed channel; a new set of channels re-subscribes.
  const ids = channels?.map((c) => c.id).join('\n') ?? '';
  useEffect(() => {
    if (!ids) return;
    const stops = ids.split('\n').map((channelId) =>
      signaling.subscribe(
        ChannelEventsDocument,
        { channelId },
        (data) => setChannels((current) => (current ? applyChannelEvent(current, data.channelEvents) : current)),
        () => undefined, // a channel that went away: the next read drops it
      ),
    );
    // What happened between the read and the subscriptions starting.
    const catchUp = setTimeout(refresh, 1_000);
    return () => {
      clearTimeout(catchUp);
      for (const stop of stops) stop();
    };
  }, [ids, signaling, refresh]);

  const create = useCallback(
    async (name: string) => {
      const data = await signaling.mutate(CreateChannelDocument, { name });
      refresh();
      return data.createChannel;
    },
    [signaling, refresh],
  );

  return { channels, loading, unreachable, error, refresh, create };
}
