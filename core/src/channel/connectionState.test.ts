import { setLogger } from '../logger';
import { describe, expect, it, vi } from 'vitest';
import { canTransition, ConnectionStateMachine } from './connectionState';

describe('ConnectionStateMachine', () => {
  it('goes Disconnected → Connecting → Connected → Reconnecting → Connected → Disconnected', () => {
    const changes: string[] = [];
    const machine = new ConnectionStateMachine((next, previous) => changes.push(`${previous}>${next}`));
    for (const s of ['connecting', 'connected', 'reconnecting', 'connected', 'disconnected'] as const) expect(machine.set(s)).toBe(true);
    expect(changes).toEqual([
      'disconnected>connecting',
      'connecting>connected',
      'connected>reconnecting',
      'reconnecting>connected',
      'connected>disconnected',
    ]);
  });

  it('ignores no-op changes without emitting', () => {
    const onChange = vi.fn();
    const machine = new ConnectionStateMachine(onChange);
    expect(machine.set('disconnected')).toBe(false);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses illegal transitions', () => {
    const warn = vi.fn();
    setLogger({ debug: () => undefined, warn, error: () => undefined });
    const machine = new ConnectionStateMachine(() => undefined);
    expect(machine.set('connected')).toBe(false);
    expect(machine.set('reconnecting')).toBe(false);
    expect(machine.state).toBe('disconnected');
    expect(canTransition('connecting', 'reconnecting')).toBe(false);
    expect(canTransition('reconnecting', 'disconnected')).toBe(true);
    expect(warn).toHaveBeenCalledWith('[voxlay:ConnectionState]', 'ignored connection state change disconnected → connected');
    setLogger(null);
  });
});
