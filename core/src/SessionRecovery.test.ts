import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStateMachine } from './connectionState';
import { ErrorCode, type VoxlayError } from './errors';
import { DefaultReconnectPolicy } from './reconnect';
import { SessionRecovery, type RecoveryHost } from './SessionRecovery';
import { ConnectionState } from './types';

const client = { connected: true, on: () => () => undefined };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { failures?: number; maxAttempts?: number; resumable?: boolean; resume?: () => Promise<void> } = {}) {
  const log: string[] = [];
  let generation = 1;
  let failures = options.failures ?? 0;
  let resolveLeave: () => void = () => undefined;
  const connectionState = new ConnectionStateMachine((next) => log.push(`state:${next}`));
  connectionState.set(ConnectionState.Connecting);
  connectionState.set(ConnectionState.Connected);
  log.length = 0;
  const errors: VoxlayError[] = [];
  const host: RecoveryHost = {
    connectionState,
    nextGeneration: () => ++generation,
    isCurrent: (gen) => gen === generation,
    currentGeneration: () => generation,
    suspend: () => {
      log.push('suspend');
      return options.resumable ?? false;
    },
    resume: async () => {
      log.push('resume');
      await (options.resume ?? (async () => undefined))();
    },
    dropConnection: (leave) => {
      log.push(`drop:${leave}`);
      return leave ? new Promise<void>((resolve) => (resolveLeave = () => (log.push('left'), resolve()))) : undefined;
    },
    rejoin: async () => {
      log.push('rejoin');
      if (failures-- > 0) throw new Error('nope');
      connectionState.set(ConnectionState.Connected);
    },
    giveUp: (error) => {
      errors.push(error);
      connectionState.set(ConnectionState.Disconnected);
    },
  };
  const recovery = new SessionRecovery(host, new DefaultReconnectPolicy([0], options.maxAttempts ?? 30), client);
  return { log, recovery, errors, leave: () => resolveLeave(), bump: () => generation++ };
}

describe('SessionRecovery', () => {
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined)); // failed attempts are logged
  afterEach(() => void vi.restoreAllMocks());

  it('starts the LeaveChannel before Reconnecting, and rejoins only after it', async () => {
    const { log, recovery, leave } = setup();
    recovery.start(true);
    expect(log).toEqual(['drop:true', 'state:reconnecting']);
    await flush();
    expect(log).not.toContain('rejoin');
    leave();
    await flush();
    expect(log).toEqual(['drop:true', 'state:reconnecting', 'left', 'rejoin', 'state:connected']);
  });

  it('after a WebSocket drop does not leave, and retries until a rejoin works', async () => {
    const { log, recovery } = setup({ failures: 2 });
    recovery.start(false);
    await flush();
    await flush();
    expect(log).toEqual(['drop:false', 'state:reconnecting', 'rejoin', 'rejoin', 'rejoin', 'state:connected']);
  });

  it('after a WebSocket drop resumes the same connection: no drop, no rejoin, Connected again', async () => {
    const { log, recovery } = setup({ resumable: true });
    recovery.socketClosed();
    expect(log).toEqual(['suspend', 'state:reconnecting']);
    await flush();
    expect(log).toEqual(['suspend', 'state:reconnecting', 'resume', 'state:connected']);
  });

  it('falls back to a rejoin (without leaving) when the resume fails, e.g. NOT_FOUND after the grace period', async () => {
    const { log, recovery } = setup({ resumable: true, resume: () => Promise.reject(new Error('NOT_FOUND')) });
    recovery.socketClosed();
    await flush();
    await flush();
    expect(log).toEqual(['suspend', 'state:reconnecting', 'resume', 'drop:false', 'rejoin', 'state:connected']);
  });

  it('rejoins at once when the connection cannot be resumed (no resume token)', async () => {
    const { log, recovery } = setup({ resumable: false });
    recovery.socketClosed();
    await flush();
    expect(log).toEqual(['suspend', 'drop:false', 'state:reconnecting', 'rejoin', 'state:connected']);
  });

  it('a failure reported while resuming (ICE, ChannelInterrupted) leads to leave + rejoin once the resume ends', async () => {
    let finishResume: () => void = () => undefined;
    const { log, recovery, leave } = setup({ resumable: true, resume: () => new Promise<void>((resolve) => (finishResume = resolve)) });
    recovery.socketClosed();
    await flush();
    recovery.start(true);
    expect(log).toEqual(['suspend', 'state:reconnecting', 'resume']);
    finishResume();
    await flush();
    expect(log).toEqual(['suspend', 'state:reconnecting', 'resume', 'drop:true']);
    leave();
    await flush();
    await flush();
    expect(log).toEqual(['suspend', 'state:reconnecting', 'resume', 'drop:true', 'left', 'rejoin', 'state:connected']);
  });

  it('starts only from Connected', () => {
    const { log, recovery } = setup();
    recovery.start(false);
    recovery.start(true);
    expect(log.filter((l) => l.startsWith('drop'))).toEqual(['drop:false']);
  });

  it('gives up with RECONNECT_FAILED when the policy does', async () => {
    const { recovery, errors } = setup({ failures: 99, maxAttempts: 2 });
    recovery.start(false);
    await flush();
    await flush();
    expect(errors.map((e) => e.code)).toEqual([ErrorCode.RECONNECT_FAILED]);
  });

  it('a stale run (leave() bumped the generation) neither rejoins nor gives up', async () => {
    const { log, recovery, errors, bump, leave } = setup();
    recovery.start(true);
    bump();
    recovery.cancel();
    leave();
    await flush();
    expect(log).not.toContain('rejoin');
    expect(errors).toEqual([]);
  });
});
