import { useCallback, useEffect, useState } from 'preact/hooks';
import { ChannelsDocument, CreateChannelDocument, ErrorCode, toVoxlayError, type ChannelsQuery } from '../core';
import { useVoxlay } from '../voxlay';

export type ChannelSummary = ChannelsQuery['channels'][number];

export interface ChannelsResult {
  channels: ChannelSummary[] | null;
  loading: boolean;
  /** The server could not be reached (as opposed to answering with an error). */
  unreachable: boolean;
  error: string | null;
  refresh(): void;
  create(name: string): Promise<ChannelSummary>;
}

const REFRESH_MS = 15_000;

/** The Channels query over HTTP, refreshed every 15 s and when the tab becomes visible. */
export function useChannels(active: boolean): ChannelsResult {
  const { signaling } = useVoxlay();
  const [channels, setChannels] = useState<ChannelSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    setLoading(true);
    signaling
      .query(ChannelsDocument, {})
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
    if (!active) return;
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
  }, [active, refresh]);

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
