export interface OfflineNoticeProps {
  onRetry?: () => void;
  retrying?: boolean;
}

/** Shown instead of the lobby when the device is offline or the server does not answer. */
export function OfflineNotice({ onRetry, retrying = false }: OfflineNoticeProps) {
  return (
    <section class="card offline" data-testid="offline-notice" role="status">
      <h2>You're offline — Voxlay needs a connection to join a channel</h2>
      <p class="muted">Everything else is ready: channels show up again as soon as the server can be reached.</p>
      {onRetry && (
        <button type="button" class="vx-button" onClick={onRetry} disabled={retrying} data-testid="retry-button">
          {retrying ? 'Trying…' : 'Try again'}
        </button>
      )}
    </section>
  );
}
