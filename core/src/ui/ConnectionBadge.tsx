/** @jsxImportSource preact */
import type { ConnectionState, Trouble, TroubleKind } from '../types.js';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

/** A trouble says more than the ConnectionState: "Connected" only while audio flows. */
const TROUBLE_LABELS: Record<TroubleKind, string> = {
  offline: 'Offline',
  'server-unreachable': 'Server unreachable',
  reconnecting: 'Reconnecting…',
  'media-connecting': 'Connecting audio…',
  'media-failed': 'No audio',
  'gave-up': 'Disconnected',
};

export interface ConnectionBadgeProps {
  state: ConnectionState;
  /** What is wrong (ChannelState.trouble); its words replace the state's. */
  trouble?: Trouble | null;
}

/**
 * A small pill saying where the Channel's connection stands; announced politely on change.
 * `data-state` is the ConnectionState, `data-trouble` the TroubleKind (absent when none).
 */
export function ConnectionBadge({ state, trouble = null }: ConnectionBadgeProps) {
  const look = trouble ? `trouble-${trouble.kind}` : state;
  return (
    <span
      class={`vx-badge vx-badge--${look}`}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={state}
      data-trouble={trouble?.kind}
    >
      <span class="vx-badge__dot" aria-hidden="true" />
      {trouble ? TROUBLE_LABELS[trouble.kind] : (LABELS[state] ?? state)}
    </span>
  );
}
