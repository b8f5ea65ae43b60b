import { useCallback, useEffect, useState } from 'preact/hooks';
import { type CreatedChannel, Lobby, type LobbyChannel, type LobbyState } from '../core';
import { useVoxlay } from '../voxlay';

/** One channel as the lobby lists it: who is in it (the first names), and how many. */
export type ChannelSummary = LobbyChannel;
/** What joining needs of a channel. */
export type ChannelRef = Pick<ChannelSummary, 'id' | 'name'>;

export interface ChannelsResult extends LobbyState {
  refresh(): void;
  create(name: string): Promise<CreatedChannel>;
}

const INITIAL: LobbyState = { channels: null, loading: false, unreachable: false, error: null };

/**
 * Every channel with who is in it, live: core's Lobby on the app's client (one LobbyEvents
 * subscription on the WebSocket the call uses too, the list read again when it reconnects).
 */
export function useChannels(): ChannelsResult {
  const { client } = useVoxlay();
  const [lobby, setLobby] = useState<Lobby | null>(null);
  const [state, setState] = useState<LobbyState>(INITIAL);

  useEffect(() => {
    const created = new Lobby({ client });
    setLobby(created);
    setState(created.state);
    const off = created.on('change', setState);
    return () => {
      off();
      created.close();
    };
  }, [client]);

  const refresh = useCallback(() => void lobby?.refresh(), [lobby]);
  const create = useCallback(
    (name: string) => (lobby ? lobby.create(name) : Promise.reject(new Error('the channel list is not ready yet'))),
    [lobby],
  );
  return { ...state, refresh, create };
}
