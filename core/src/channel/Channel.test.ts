import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, VoxlayError } from '../errors';
import { memoryStorage } from '../storage';
import { Channel } from './Channel';
import type { ChannelConnection } from './ChannelConnection';
import type { JoinRequest } from './ChannelJoiner';
import { DefaultReconnectPolicy } from './reconnect';
import { FakeConnection, fakeClient, flush, participant } from './testFixtures';

const channels: Channel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
});

function setup(
  options: {
    failures?: number;
    maxAttempts?: number;
    resumable?: boolean;
    resume?: () => Promise<void>;
    holdJoin?: boolean;
    reconnectTimeoutMs?: number;
    mediaTimeoutMs?: number;
    mediaState?: 'connecting' | 'connected';
  } = {},
) {
  const log: string[] = [];
  const connections: FakeConnection[] = [];
  let failures = options.failures ?? 0;
  let releaseJoin: () => void = () => undefined;
  const socket = fakeClient();
  const open = async (request: JoinRequest): Promise<ChannelConnection> => {
    log.push('join');
    if (options.holdJoin && connections.length > 0) await new Promise<void>((resolve) => (releaseJoin = resolve));
    // `failures`: rejoins that fail before one works (the first join always works).
    if (connections.length > 0 && failures-- > 0) throw new VoxlayError(ErrorCode.NETWORK_ERROR, 'nope');
    const connection = new FakeConnection(`p${connections.length + 1}`, log, options);
    if (options.mediaState) connection.mediaState = options.mediaState;
    connections.push(connection);
    request.listen(connection.asConnection);
    return connection.asConnection;
  };
  const channel = new Channel(
    {
      client: socket.client,
      storage: memoryStorage(),
      reconnectPolicy: new DefaultReconnectPolicy([0], options.maxAttempts ?? 30),
      ...(options.reconnectTimeoutMs ? { reconnectTimeoutMs: options.reconnectTimeoutMs } : {}),
      ...(options.mediaTimeoutMs ? { mediaTimeoutMs: options.mediaTimeoutMs } : {}),
    },
    { open },
  );
  channels.push(channel);
  channel.on('connectionStateChanged', (next) => log.push(`state:${next}`));
  const errors: string[] = [];
  channel.on('error', (error) => errors.push(error.code));
  const joined = async (): Promise<void> => {
    await channel.join({ channelId: 'ch', displayName: 'Me' });
    log.length = 0;
    errors.length = 0; // listen-only: Node has no microphone
  };
  return { channel, log, errors, connections, socket, joined, releaseJoin: () => releaseJoin() };
}

describe('Channel: join and leave', () => {
  it('join() lists the participants of the join and ends Connected (listen-only without a microphone)', async () => {
    const { channel, log } = setup();
    await channel.join({ channelId: 'ch', displayName: 'Me' });
    expect(log).toEqual(['state:connecting', 'join', 'state:connected']);
    expect(channel.state.localParticipantId).toBe('p1');
    expect(channel.state.participants.map((p) => p.id)).toEqual(['p1', 'other']);
    // No raw error box: the microphone's own state says listen-only and why.
    expect(channel.state.error).toBeNull();
    expect(channel.state.microphone).toMatchObject({ status: 'unavailable', error: { code: ErrorCode.MICROPHONE_NOT_FOUND } });
    expect(channel.state.participants[0]).toMatchObject({ isLocal: true, listenOnly: true });
  });

  it('leave() sends LeaveChannel and is Disconnected at once', async () => {
    const { channel, log, connections, joined } = setup();
    await joined();
    const leaving = channel.leave();
    expect(log).toEqual(['leave p1', 'state:disconnected']);
    expect(channel.state.participants).toEqual([]);
    connections[0]!.finishLeave();
    await leaving;
  });

  it('a closed connection is not heard again: its events after leave() change nothing', async () => {
    const { channel, connections, joined } = setup();
    await joined();
    const old = connections[0]!;
    void channel.leave();
    old.emit('participantJoined', participant('late'));
    old.emit('interrupted', 'worker died');
    expect(channel.state.participants).toEqual([]);
    expect(channel.state.connectionState).toBe('disconnected');
  });
});

describe('Channel: recovery', () => {
  it('ChannelInterrupted: starts the LeaveChannel before Reconnecting, and rejoins only after it', async () => {
    const { log, errors, connections, joined } = setup();
    await joined();
    connections[0]!.emit('interrupted', 'worker died');
    expect(errors).toEqual([ErrorCode.CHANNEL_INTERRUPTED]);
    expect(log).toEqual(['leave p1', 'state:reconnecting']);
    await flush();
    expect(log).not.toContain('join');
    connections[0]!.finishLeave();
    await flush();
    expect(log).toEqual(['leave p1', 'state:reconnecting', 'left p1', 'join', 'state:connected']);
  });

  it('after a WebSocket drop it cannot resume, does not leave, and retries until a rejoin works', async () => {
    const { log, socket, joined, channel } = setup({ failures: 2 });
    await joined();
    socket.drop();
    expect(log).toEqual(['suspend p1', 'close p1', 'state:reconnecting']);
    await flush();
    expect(log).toEqual(['suspend p1', 'close p1', 'state:reconnecting']); // waits for the WebSocket
    socket.back();
    await flush(8);
    expect(log).toEqual(['suspend p1', 'close p1', 'state:reconnecting', 'join', 'join', 'join', 'state:connected']);
    expect(channel.state.localParticipantId).toBe('p2');
  });

  it('after a WebSocket drop resumes the same participant: no drop, no rejoin, Connected again', async () => {
    const { log, socket, joined, channel } = setup({ resumable: true });
    await joined();
    socket.drop();
    expect(log).toEqual(['suspend p1', 'state:reconnecting']);
    socket.back();
    await flush();
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1', 'state:connected']);
    expect(channel.state.localParticipantId).toBe('p1');
  });

  it('falls back to a rejoin (without leaving) when the resume fails, e.g. NOT_FOUND after the grace period', async () => {
    const { log, socket, joined } = setup({ resumable: true, resume: () => Promise.reject(new VoxlayError(ErrorCode.NOT_FOUND, 'gone')) });
    await joined();
    socket.drop();
    socket.back();
    await flush();
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1', 'close p1', 'join', 'state:connected']);
  });

  it('does not rejoin when the resume says the participant was replaced: Disconnected with PARTICIPANT_REPLACED', async () => {
    const replaced = new VoxlayError(ErrorCode.NOT_FOUND, 'gone', { extensions: { reason: 'REPLACED' } });
    const { log, errors, socket, joined, channel } = setup({ resumable: true, resume: () => Promise.reject(replaced) });
    await joined();
    socket.drop();
    socket.back();
    await flush();
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1', 'close p1', 'state:disconnected']);
    expect(errors).toEqual([ErrorCode.PARTICIPANT_REPLACED]);
    expect(channel.state.connectionState).toBe('disconnected');
  });

  it('a failure reported while resuming (ICE, ChannelInterrupted) leads to leave + rejoin once the resume ends', async () => {
    let finishResume: () => void = () => undefined;
    const { log, socket, connections, joined } = setup({
      resumable: true,
      resume: () => new Promise<void>((resolve) => (finishResume = resolve)),
    });
    await joined();
    socket.drop();
    socket.back();
    await flush();
    connections[0]!.emit('failed', new Error('ice'));
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1']);
    finishResume();
    await flush();
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1', 'leave p1']);
    connections[0]!.finishLeave();
    await flush();
    expect(log).toEqual(['suspend p1', 'state:reconnecting', 'resume p1', 'leave p1', 'left p1', 'join', 'state:connected']);
  });

  it('starts only from Connected: a second failure during a rejoin run is ignored', async () => {
    const { log, connections, joined } = setup();
    await joined();
    connections[0]!.emit('failed', new Error('ice'));
    connections[0]!.emit('interrupted', 'again'); // the connection is closed: nothing
    expect(log.filter((l) => l.startsWith('leave'))).toEqual(['leave p1']);
  });

  it('gives up with RECONNECT_FAILED when the policy does, and closes everything', async () => {
    const { log, errors, socket, joined, channel } = setup({ failures: 99, maxAttempts: 2 });
    await joined();
    socket.drop();
    socket.back();
    await flush(6);
    expect(errors).toEqual([ErrorCode.RECONNECT_FAILED]);
    expect(log.filter((l) => l === 'join')).toHaveLength(2);
    expect(log.at(-1)).toBe('state:disconnected');
    // Gave up: says so (with a rejoin to offer) and keeps the last list, marked stale, until leave().
    expect(channel.state.trouble).toMatchObject({ kind: 'gave-up', code: ErrorCode.RECONNECT_FAILED });
    expect(channel.state.stale).toBe(true);
    expect(channel.state.participants.map((p) => p.id)).toEqual(['p1', 'other']);
    await channel.leave();
    expect(channel.state.participants).toEqual([]);
    expect(channel.state.trouble).toBeNull();
  });

  it('rejoin() after giving up joins the same channel again and clears the trouble', async () => {
    const { log, socket, joined, channel } = setup({ failures: 2, maxAttempts: 2 });
    await joined();
    socket.drop();
    socket.back();
    await flush(6);
    expect(channel.state.trouble?.kind).toBe('gave-up');
    await channel.rejoin();
    expect(channel.state.connectionState).toBe('connected');
    expect(channel.state.trouble).toBeNull();
    expect(channel.state.stale).toBe(false);
    expect(log.filter((l) => l === 'join')).toHaveLength(3); // two attempts that failed, then rejoin()'s
  });

  it('leave() during a rejoin run aborts it: no rejoin, no give-up', async () => {
    const { log, errors, connections, joined, channel } = setup();
    await joined();
    connections[0]!.emit('interrupted', 'worker died');
    errors.length = 0;
    void channel.leave();
    connections[0]!.finishLeave();
    await flush();
    expect(log).not.toContain('join');
    expect(errors).toEqual([]);
    expect(channel.state.connectionState).toBe('disconnected');
  });

  it('a connection opened by an attempt that was aborted meanwhile leaves again', async () => {
    const { log, socket, joined, channel, releaseJoin, connections } = setup({ holdJoin: true });
    await joined();
    socket.drop();
    socket.back();
    await flush();
    expect(log).toEqual(['suspend p1', 'close p1', 'state:reconnecting', 'join']);
    void channel.leave();
    releaseJoin(); // the JoinChannel of the aborted attempt answers now
    await flush();
    expect(connections[1]!.isClosed).toBe(true);
    expect(log).toContain('leave p2');
    expect(channel.state.connectionState).toBe('disconnected');
  });

  it('the server removing our participant (REPLACED) stops the Channel without a rejoin', async () => {
    const { log, errors, connections, joined, channel } = setup();
    await joined();
    connections[0]!.emit('removed', 'REPLACED');
    await flush();
    expect(log).toEqual(['close p1', 'state:disconnected']);
    expect(errors).toEqual([ErrorCode.PARTICIPANT_REPLACED]);
    expect(channel.state.participants).toEqual([]);
  });
});

describe('Channel: the trouble model', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('while the WebSocket is down: server unreachable (the network is up), the list kept and marked stale', async () => {
    const { socket, joined, channel } = setup({ resumable: true });
    await joined();
    socket.drop();
    expect(channel.state.connectionState).toBe('reconnecting');
    expect(channel.state.trouble).toMatchObject({ kind: 'server-unreachable' });
    expect(channel.state.trouble?.giveUpAt).toBeGreaterThan(Date.now());
    expect(channel.state.stale).toBe(true);
    expect(channel.state.participants.map((p) => p.id)).toEqual(['p1', 'other']);
    socket.back();
    await flush();
    expect(channel.state.connectionState).toBe('connected');
    expect(channel.state.trouble).toBeNull();
    expect(channel.state.stale).toBe(false);
  });

  it('says which rejoin attempt runs once the server answers again', async () => {
    const { socket, joined, channel } = setup({ failures: 99 });
    await joined();
    const attempts: (number | null)[] = [];
    channel.subscribe((state) => {
      if (state.trouble?.kind === 'reconnecting') attempts.push(state.trouble.attempt);
    });
    socket.drop();
    socket.back();
    await flush(6);
    expect(attempts.length).toBeGreaterThan(0);
    expect(Math.max(...attempts.map((a) => a ?? 0))).toBeGreaterThanOrEqual(2);
  });

  it('gives up after reconnectTimeoutMs when the server never comes back', async () => {
    vi.useFakeTimers();
    const { socket, joined, channel, errors } = setup({ resumable: true, reconnectTimeoutMs: 5_000 });
    await joined();
    socket.drop();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(channel.state.connectionState).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(channel.state.connectionState).toBe('disconnected');
    expect(channel.state.trouble).toMatchObject({ kind: 'gave-up', code: ErrorCode.RECONNECT_FAILED });
    expect(errors).toContain(ErrorCode.RECONNECT_FAILED);
  });

  it('Connected with the audio transports unconnected: media-connecting, then media-failed with TRANSPORT_FAILED; cleared once they connect', async () => {
    vi.useFakeTimers();
    const { connections, joined, channel } = setup({ mediaState: 'connecting', mediaTimeoutMs: 10_000 });
    await joined();
    expect(channel.state.connectionState).toBe('connected');
    expect(channel.state.trouble).toBeNull(); // a short ICE hiccup is not shown
    await vi.advanceTimersByTimeAsync(1_100);
    expect(channel.state.trouble?.kind).toBe('media-connecting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(channel.state.trouble).toMatchObject({ kind: 'media-failed', code: ErrorCode.TRANSPORT_FAILED });
    connections[0]!.setMediaState('connected');
    expect(channel.state.trouble).toBeNull();
  });

  it('tells the channel its own state: listen-only without a microphone, then deafened (which mutes) as one change', async () => {
    const { connections, joined, channel } = setup();
    await joined();
    await flush();
    const connection = connections[0]!;
    expect(connection.states).toEqual([{ listenOnly: true }]);
    await channel.setDeafened(true);
    await flush();
    expect(connection.states.at(-1)).toEqual({ selfMuted: true, deafened: true });
    await channel.setMode('push-to-talk');
    await flush();
    expect(connection.states.at(-1)).toEqual({ voiceMode: 'PUSH_TO_TALK' });
  });
});
