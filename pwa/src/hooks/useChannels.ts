import { useCallback, useEffect, useState } from 'preact/hooks';
import { ChannelEventsDocument, CreateChannelDocument, ErrorCode, LobbyChannelsDocument, toVoxlayError } from '../core';
import { useVoxlay } from '../voxlay';
import { applyChannelEvent, type ChannelRef, type ChannelSummary, LIVE_CHANNELS, LOBBY_NAMES } from './lobbyChannels';

export type { ChannelRef, ChannelSummary } from './lobbyChannels';

/** The list of channels (new ones, deleted ones) is read again this often; who is in them is live. */
const REFRESH_MS = 15_000;

export interface ChannelsResult {
  channels: ChannelSummary[] | null;
  loading: boolean;
  /** The server could not be reached (as opposed to answering with an error). */
  unreachable: boolean;
  error: string | null;
  refresh(): void;
  create(name: string): Promise<ChannelRef>;
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

  // One subscription per listed channel (the first LIVE_CHANNELS); a new set of channels re-subscribes.
  const ids =
    channels
      ?.slice(0, LIVE_CHANNELS)
      .map((c) => c.id)
      .join('\n') ?? '';
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
