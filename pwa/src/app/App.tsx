import { useState } from 'preact/hooks';
import { useChannels, type ChannelSummary } from '../hooks/useChannels';
import { useOnline } from '../hooks/useOnline';
import { createSession, type SessionHandle } from '../session';
import { ChannelScreen } from './ChannelScreen';
import { InstallButton } from './InstallButton';
import { Lobby } from './Lobby';
import { OfflineNotice } from './OfflineNotice';

type View =
  | { kind: 'lobby' }
  | { kind: 'joining'; channel: ChannelSummary }
  | { kind: 'channel'; channel: ChannelSummary; session: SessionHandle };

/** The shell: top bar, then the lobby, the channel, or the offline notice. */
export function App() {
  const online = useOnline();
  const [view, setView] = useState<View>({ kind: 'lobby' });
  const [joinError, setJoinError] = useState<string | null>(null);
  const channels = useChannels(view.kind === 'lobby');

  const join = async (channel: ChannelSummary, displayName: string) => {
    setJoinError(null);
    setView({ kind: 'joining', channel });
    let session: SessionHandle;
    try {
      session = await createSession();
    } catch (err) {
      setJoinError(err instanceof Error ? err.message : String(err));
      setView({ kind: 'lobby' });
      return;
    }
    setView({ kind: 'channel', channel, session });
    // Failures land in session.state.error and show in the panel.
    session.join({ channelId: channel.id, displayName }).catch((err: unknown) => {
      console.warn('[voxlay] join failed', err);
    });
  };

  const leave = async (session: SessionHandle) => {
    setView({ kind: 'lobby' }); // the Lobby shows the shared settings store, with what the session saved
    try {
      await session.leave();
    } catch (err) {
      console.warn('[voxlay] leave failed', err);
    } finally {
      session.close();
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
            <ChannelScreen
              session={view.session}
              channelName={view.channel.name}
              onLeave={() => void leave(view.session)}
            />
          </>
        ) : offline ? (
          <OfflineNotice onRetry={channels.refresh} retrying={channels.loading} />
        ) : view.kind === 'joining' ? (
          <section class="card" role="status" data-testid="joining">
            <h2>
              Joining <bdi>{view.channel.name}</bdi>…
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
