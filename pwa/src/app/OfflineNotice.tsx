import { useOnline } from '../hooks/useOnline';

export interface OfflineNoticeProps {
  onRetry?: () => void;
  retrying?: boolean;
}

/**
 * Shown instead of the lobby when the device is offline or the server does not answer, saying which
 * (navigator.onLine): "You're offline" only when the device has no network, "Server unreachable"
 * when the network is up and the server is not (down, restarting).
 */
export function OfflineNotice({ onRetry, retrying = false }: OfflineNoticeProps) {
  const online = useOnline();
  return (
    <section class="card offline" data-testid="offline-notice" data-reason={online ? 'server-unreachable' : 'offline'} role="status">
      {online ? (
        <>
          <h2>Server unreachable — the Voxlay server does not answer</h2>
          <p class="muted">Your network is up, but the server may be down or restarting. Channels show up again as soon as it answers.</p>
        </>
      ) : (
        <>
          <h2>You're offline — Voxlay needs a connection to join a channel</h2>
          <p class="muted">This device has no network. Everything else is ready: channels show up again once it is back.</p>
        </>
      )}
      {onRetry && (
        <button type="button" class="vx-button" onClick={onRetry} disabled={retrying} data-testid="retry-button">
          {retrying ? 'Trying…' : 'Try again'}
        </button>
      )}
    </section>
  );
}
