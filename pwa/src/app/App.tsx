import { useEffect, useRef, useState } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { GearIcon } from '@voxlay/core/ui';
import { useChannels, type ChannelRef } from '../hooks/useChannels';
import { useOnline } from '../hooks/useOnline';
import { useVoxlay } from '../voxlay';
import { ChannelScreen } from './ChannelScreen';
import { ChannelSheet } from './ChannelSheet';
import { InstallButton } from './InstallButton';
import { Lobby } from './Lobby';
import { OfflineNotice } from './OfflineNotice';
import { SettingsDrawer } from './SettingsDrawer';

/** Not in a channel, loading the media code for the first join, or in a channel (joining or joined). */
type View = { kind: 'lobby' } | { kind: 'joining'; summary: ChannelRef } | { kind: 'channel'; summary: ChannelRef; channel: Channel };

/**
 * The shell: top bar, the channel list with who is in each channel (a sidebar on a wide screen,
 * always there, so a click switches channel during a call), and the channel screen. On a narrow
 * screen the list and the channel take turns.
 */
export function App() {
  const voxlay = useVoxlay();
  const online = useOnline();
  const [view, setView] = useState<View>({ kind: 'lobby' });
  const [joinError, setJoinError] = useState<string | null>(null);
  const channels = useChannels();
  /** After Leave, the focus goes to the Join button of the channel just left. */
  const [focusJoinOf, setFocusJoinOf] = useState<string | null>(null);
  const switching = useRef(false);
  /** The settings outside a call (microphone, speaker, mic test before joining); in a call the panel has its own. */
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** The channel list as a sheet, during a call where the sidebar is hidden (a phone). */
  const [sheetOpen, setSheetOpen] = useState(false);

  const join = async (summary: ChannelRef, displayName: string) => {
    setJoinError(null);
    if (view.kind === 'channel') {
      // One click switches: leave this channel and join the next on the same Channel (same WebSocket,
      // same settings), without going through the lobby.
      if (view.channel.state.channel?.id === summary.id || switching.current) return;
      const { channel } = view;
      switching.current = true;
      setView({ kind: 'channel', summary, channel });
      try {
        await channel.leave().catch((err: unknown) => console.warn('[voxlay] leave failed', err));
        await channel.join({ channelId: summary.id, displayName });
      } catch (err) {
        console.warn('[voxlay] switch failed', err); // shown in the panel (state.error)
      } finally {
        switching.current = false;
      }
      return;
    }
    if (view.kind === 'joining') return;
    // Hearing first: with the media code loaded (the usual case: it loads while the lobby is idle),
    // JoinChannel goes out in the click's own task, a few microtasks into join(), and the channel
    // screen renders in the next task, after it (a render in between held the request 30 ms).
    let channel = voxlay.openChannelNow();
    if (!channel) {
      setView({ kind: 'joining', summary });
      try {
        channel = await voxlay.openChannel();
      } catch (err) {
        setJoinError(err instanceof Error ? err.message : String(err));
        setView({ kind: 'lobby' });
        return;
      }
    }
    // Failures land in channel.state.error and show in the panel.
    channel.join({ channelId: summary.id, displayName }).catch((err: unknown) => {
      console.warn('[voxlay] join failed', err);
    });
    const joined = channel;
    setTimeout(() => setView({ kind: 'channel', summary, channel: joined }), 0);
  };

  const leave = async (channel: Channel, channelId: string) => {
    setView({ kind: 'lobby' }); // the Lobby shows the shared settings store, with what the Channel saved
    setFocusJoinOf(channelId);
    try {
      await channel.leave();
    } catch (err) {
      console.warn('[voxlay] leave failed', err);
    } finally {
      channel.close();
    }
  };

  useEffect(() => {
    if (focusJoinOf === null || view.kind !== 'lobby') return;
    const button = document.querySelector<HTMLButtonElement>(`[data-channel-id="${CSS.escape(focusJoinOf)}"] [data-testid="join-button"]`);
    if (!button) return; // the list is not there yet (offline notice, loading): try again on the next render
    button.focus();
    setFocusJoinOf(null);
  });

  const inChannel = view.kind === 'channel';
  const offline = !online || (!inChannel && channels.unreachable);
  const currentChannelId = view.kind === 'lobby' ? null : view.summary.id;

  return (
    <div class={`shell ${inChannel || view.kind === 'joining' ? 'shell--channel' : 'shell--lobby'}`}>
      <header class="topbar">
        <h1 class="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>Voxlay</span>
        </h1>
        <div class="topbar__actions">
          <InstallButton />
          {inChannel && (
            <button
              type="button"
              class="vx-button topbar__channels"
              data-testid="channels-button"
              aria-haspopup="dialog"
              aria-expanded={sheetOpen}
              onClick={() => setSheetOpen(true)}
            >
              Channels
            </button>
          )}
          {!inChannel && (
            <button
              type="button"
              class="vx-icon-button"
              aria-label="Settings"
              data-testid="lobby-settings-button"
              onClick={() => setSettingsOpen(true)}
            >
              <GearIcon />
            </button>
          )}
        </div>
      </header>
      {!inChannel && <SettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} />}
      {inChannel && (
        <ChannelSheet
          open={sheetOpen}
          onClose={() => setSheetOpen(false)}
          channels={channels}
          currentChannelId={view.summary.id}
          onSwitch={(c, name) => void join(c, name)}
        />
      )}
      {offline && !inChannel ? (
        <main class="content">
          <OfflineNotice onRetry={channels.refresh} retrying={channels.loading} />
        </main>
      ) : (
        <div class="layout">
          <aside class="sidebar" aria-label="Channels">
            {joinError && (
              <p class="vx-error" role="alert" data-testid="join-error">
                {joinError}
              </p>
            )}
            <Lobby channels={channels} onJoin={(c, name) => void join(c, name)} currentChannelId={currentChannelId} />
          </aside>
          <main class="content" id="main">
            {view.kind === 'channel' ? (
              <>
                {!online && (
                  <p class="banner" role="status" data-testid="offline-banner">
                    You're offline — Voxlay will reconnect when the network is back.
                  </p>
                )}
                <ChannelScreen
                  channel={view.channel}
                  channelId={view.summary.id}
                  channelName={view.summary.name}
                  onLeave={() => void leave(view.channel, view.summary.id)}
                />
              </>
            ) : view.kind === 'joining' ? (
              <section class="card" role="status" data-testid="joining">
                <h2>
                  Joining <bdi>{view.summary.name}</bdi>…
                </h2>
              </section>
            ) : (
              <section class="card placeholder" data-testid="no-channel">
                <h2>Not in a channel</h2>
                <p class="muted">Pick a channel in the list to join it. Everyone in a channel is listed under its name.</p>
              </section>
            )}
          </main>
        </div>
      )}
    </div>
  );
}
