import { useState } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { useChannels, type ChannelSummary } from '../hooks/useChannels';
import { useOnline } from '../hooks/useOnline';
import { useVoxlay } from '../voxlay';
import { ChannelScreen } from './ChannelScreen';
import { InstallButton } from './InstallButton';
import { Lobby } from './Lobby';
import { OfflineNotice } from './OfflineNotice';

type View =
  | { kind: 'lobby' }
  | { kind: 'joining'; summary: ChannelSummary }
  | { kind: 'channel'; summary: ChannelSummary; channel: Channel };

/** The shell: top bar, then the lobby, the channel, or the offline notice. */
export function App() {
  const voxlay = useVoxlay();
  const online = useOnline();
  const [view, setView] = useState<View>({ kind: 'lobby' });
  const [joinError, setJoinError] = useState<string | null>(null);
  const channels = useChannels(view.kind === 'lobby');

  const join = async (summary: ChannelSummary, displayName: string) => {
    setJoinError(null);
    setView({ kind: 'joining', summary });
    let channel: Channel;
    try {
      channel = await voxlay.openChannel();
    } catch (err) {
      setJoinError(err instanceof Error ? err.message : String(err));
      setView({ kind: 'lobby' });
      return;
    }
    setView({ kind: 'channel', summary, channel });
    // Failures land in channel.state.error and show in the panel.
    channel.join({ channelId: summary.id, displayName }).catch((err: unknown) => {
      console.warn('[voxlay] join failed', err);
    });
  };

  const leave = async (channel: Channel) => {
    setView({ kind: 'lobby' }); // the Lobby shows the shared settings store, with what the Channel saved
    try {
      await channel.leave();
    } catch (err) {
      console.warn('[voxlay] leave failed', err);
    } finally {
      channel.close();
    }
  };

  const offline = !online || (view.kind === 'lobby' && channels.unreachable);

  return (
    <div class={view.kind === 'channel' ? 'shell shell--channel' : 'shell'}>
      <header class="topbar">
        <div class="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>Voxlay</span>
        </div>
        <InstallButton />
      </header>
      <main class="content">
        {view.kind === 'channel' ? (
          <>
            {!online && (
              <p class="banner" role="status" data-testid="offline-banner">
                You're offline — Voxlay will reconnect when the network is back.
              </p>
            )}
            <ChannelScreen channel={view.channel} channelName={view.summary.name} onLeave={() => void leave(view.channel)} />
          </>
        ) : offline ? (
          <OfflineNotice onRetry={channels.refresh} retrying={channels.loading} />
        ) : view.kind === 'joining' ? (
          <section class="card" role="status" data-testid="joining">
            <h2>
              Joining <bdi>{view.summary.name}</bdi>…
            </h2>
          </section>
        ) : (
          <>
            {joinError && (
              <p class="vx-error" role="alert" data-testid="join-error">
                {joinError}
              </p>
            )}
            <Lobby channels={channels} onJoin={(c, name) => void join(c, name)} />
          </>
        )}
      </main>
    </div>
  );
}
