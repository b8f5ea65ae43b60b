/** @jsxImportSource preact */
import type { ConnectionState } from '../types.js';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

export interface ConnectionBadgeProps {
  state: ConnectionState;
}

/** A small pill saying where the Channel's connection stands; announced politely on change. */
export function ConnectionBadge({ state }: ConnectionBadgeProps) {
  return (
    <span class={`vx-badge vx-badge--${state}`} role="status" aria-live="polite" data-testid="connection-state" data-state={state}>
      <span class="vx-badge__dot" aria-hidden="true" />
      {LABELS[state] ?? state}
    </span>
  );
}
