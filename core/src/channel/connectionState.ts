import { Logger } from '../logger';
import { ConnectionState } from '../types';

const logger = new Logger('ConnectionState');

/** Which ConnectionState may follow which. Anything else is a bug and is refused. */
const allowed: Record<ConnectionState, readonly ConnectionState[]> = {
  [ConnectionState.Disconnected]: [ConnectionState.Connecting],
  [ConnectionState.Connecting]: [ConnectionState.Connected, ConnectionState.Disconnected],
  [ConnectionState.Connected]: [ConnectionState.Reconnecting, ConnectionState.Disconnected],
  [ConnectionState.Reconnecting]: [ConnectionState.Connected, ConnectionState.Disconnected],
};

export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return allowed[from].includes(to);
}

/**
 * The one ConnectionState setter (LiveKit `setAndEmitConnectionState`): ignores no-op changes,
 * refuses illegal ones, and tells `onChange(next, previous)`.
 */
export class ConnectionStateMachine {
  private current: ConnectionState = ConnectionState.Disconnected;

  constructor(private readonly onChange: (next: ConnectionState, previous: ConnectionState) => void) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Returns true when the state changed. */
  set(next: ConnectionState): boolean {
    const previous = this.current;
    if (next === previous) return false;
    if (!canTransition(previous, next)) {
      logger.warn(`ignored connection state change ${previous} → ${next}`);
      return false;
    }
    this.current = next;
    logger.debug(`${previous} → ${next}`);
    this.onChange(next, previous);
    return true;
  }
}
