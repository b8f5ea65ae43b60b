import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, VoxlayError } from '../errors';
import { ConnectionState, type ParticipantState } from '../types';
import { ChannelConnection } from './ChannelConnection';
import { ChannelTrouble, MEDIA_GRACE_MS, type MediaPathSource } from './ChannelTrouble';
import { FakeConnection, fakeAudioTrack, fakeClient, fakeDevice, fakeSignaling, joinPayload } from './testFixtures';

const troubles: ChannelTrouble[] = [];

function setup(options: { reconnectTimeoutMs?: number; mediaTimeoutMs?: number } = {}) {
  const socket = fakeClient();
  const trouble = new ChannelTrouble(socket.client, options);
  troubles.push(trouble);
  const events: string[] = [];
  trouble.on('changed', () => events.push(`changed:${trouble.current?.kind ?? 'none'}`));
  trouble.on('timedOut', (error) => events.push(`timedOut:${error.code}`));
  /** Joined and Connected on `connection`, as the Channel tells it. */
  const connected = <C extends MediaPathSource>(connection: C): C => {
    trouble.connectionStateChanged(ConnectionState.Connecting);
    trouble.follow(connection);
    trouble.connectionStateChanged(ConnectionState.Connected);
    return connection;
  };
  return { trouble, socket, events, connected };
}

const person = (id: string, speaking = false): ParticipantState => ({ id, speaking, level: speaking ? 0.5 : 0 }) as ParticipantState;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const trouble of troubles.splice(0)) trouble.close();
  vi.useRealTimers();
});

describe('ChannelTrouble: reconnecting and giving up', () => {
  it('nothing to report while Disconnected, Connecting or Connected with the media path up', () => {
    const { trouble, connected } = setup();
    expect(trouble.current).toBeNull();
    trouble.connectionStateChanged(ConnectionState.Connecting);
    expect(trouble.current).toBeNull();
    connected(new FakeConnection());
    expect(trouble.current).toBeNull();
    expect(trouble.stale).toBe(false);
    expect(trouble.mediaDown).toBe(false);
  });

  it('Reconnecting with the WebSocket down is server-unreachable with the give-up time; once it is back, reconnecting with the attempt', () => {
    const { trouble, socket, events, connected } = setup({ reconnectTimeoutMs: 5_000 });
    connected(new FakeConnection());
    socket.drop();
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    expect(trouble.current).toMatchObject({ kind: 'server-unreachable', since: Date.now(), giveUpAt: Date.now() + 5_000, attempt: null });
    expect(trouble.stale).toBe(true);
    socket.back();
    trouble.retrying(2, Date.now() + 1_000);
    expect(trouble.current).toMatchObject({ kind: 'reconnecting', attempt: 2, nextRetryAt: Date.now() + 1_000 });
    expect(events).toEqual(['changed:server-unreachable', 'changed:reconnecting', 'changed:reconnecting']);
  });

  it('emits timedOut (RECONNECT_FAILED) once Reconnecting lasted reconnectTimeoutMs', async () => {
    const { trouble, events, connected } = setup({ reconnectTimeoutMs: 5_000 });
    connected(new FakeConnection());
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual([`timedOut:${ErrorCode.RECONNECT_FAILED}`]);
  });

  it('does not time out when Connected again in time (the give-up timer is cleared), and counts again from the next drop', async () => {
    const { trouble, events, connected } = setup({ reconnectTimeoutMs: 5_000 });
    connected(new FakeConnection());
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    await vi.advanceTimersByTimeAsync(4_000);
    trouble.connectionStateChanged(ConnectionState.Connected);
    expect(trouble.current).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toEqual([]);
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toEqual([`timedOut:${ErrorCode.RECONNECT_FAILED}`]);
  });

  it('gave up: GaveUp with its cause through Disconnected, the last list kept and stale; reset() (leave) and the next join clear it', () => {
    const { trouble, connected } = setup();
    connected(new FakeConnection());
    const live = { participants: [person('me'), person('other', true)], channel: { id: 'ch', name: 'Lobby' } };
    expect(trouble.view(live, true)).toEqual({ ...live, stale: false });
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    trouble.gaveUp(new VoxlayError(ErrorCode.RECONNECT_FAILED, 'Could not reconnect'));
    trouble.connectionStateChanged(ConnectionState.Disconnected);
    expect(trouble.current).toMatchObject({ kind: 'gave-up', code: ErrorCode.RECONNECT_FAILED, message: 'Could not reconnect' });
    // The connection is gone: the list and channel are the last ones seen while connected, nobody speaking.
    const view = trouble.view({ participants: [], channel: null }, false);
    expect(view.stale).toBe(true);
    expect(view.channel).toEqual({ id: 'ch', name: 'Lobby' });
    expect(view.participants.map((p) => [p.id, p.speaking, p.level])).toEqual([
      ['me', false, 0],
      ['other', false, 0],
    ]);
    trouble.reset();
    expect(trouble.current).toBeNull();
    expect(trouble.view({ participants: [], channel: null }, false)).toEqual({ participants: [], channel: null, stale: false });

    connected(new FakeConnection());
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    trouble.gaveUp(new VoxlayError(ErrorCode.RECONNECT_FAILED, 'again'));
    trouble.connectionStateChanged(ConnectionState.Disconnected);
    trouble.connectionStateChanged(ConnectionState.Connecting); // rejoin()
    expect(trouble.current).toBeNull();
    expect(trouble.stale).toBe(false);
  });

  it('while resuming (Reconnecting, the connection still held) shows the live list, nobody speaking, marked stale', () => {
    const { trouble, connected } = setup();
    connected(new FakeConnection());
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    const view = trouble.view({ participants: [person('me'), person('other', true)], channel: { id: 'ch', name: 'Lobby' } }, true);
    expect(view.stale).toBe(true);
    expect(view.participants.map((p) => p.speaking)).toEqual([false, false]);
  });
});

describe('ChannelTrouble: the media watch', () => {
  it('Connected with the media path down: nothing for a moment, then media-connecting, then media-failed (TRANSPORT_FAILED); cleared once it connects', async () => {
    const { trouble, events, connected } = setup({ mediaTimeoutMs: 10_000 });
    const connection = new FakeConnection();
    connection.mediaState = 'connecting';
    connected(connection);
    expect(trouble.mediaDown).toBe(true);
    expect(trouble.current).toBeNull(); // a short ICE hiccup is not shown
    await vi.advanceTimersByTimeAsync(MEDIA_GRACE_MS);
    expect(trouble.current).toMatchObject({ kind: 'media-connecting' });
    await vi.advanceTimersByTimeAsync(10_000 - MEDIA_GRACE_MS);
    expect(trouble.current).toMatchObject({ kind: 'media-failed', code: ErrorCode.TRANSPORT_FAILED });
    connection.setMediaState('connected');
    expect(trouble.current).toBeNull();
    expect(trouble.mediaDown).toBe(false);
    expect(events).toEqual(['changed:media-connecting', 'changed:media-failed', 'changed:none']);
  });

  it('a media path that drops and comes back within the grace period is never shown', async () => {
    const { trouble, events, connected } = setup();
    const connection = connected(new FakeConnection());
    connection.setMediaState('failed');
    await vi.advanceTimersByTimeAsync(MEDIA_GRACE_MS / 2);
    connection.setMediaState('connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(trouble.current).toBeNull();
    expect(events).toEqual(['changed:none', 'changed:none']);
  });

  it('only the connection followed counts: the one before changes nothing', async () => {
    const { trouble, connected } = setup();
    const old = connected(new FakeConnection());
    const next = new FakeConnection('p2');
    trouble.follow(next);
    old.setMediaState('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(trouble.mediaDown).toBe(false);
    expect(trouble.current).toBeNull();
  });

  it('alone in a channel (a real ChannelConnection on FakeHandler): the unused receive transport stays new and is no trouble', async () => {
    const { trouble, connected } = setup();
    const { device, handlers } = await fakeDevice();
    const { signaling, calls } = fakeSignaling({
      JoinChannel: () => joinPayload({ others: [] }),
      Produce: () => ({ produce: { id: 'producer-1', paused: false } }),
    });
    const connection = await ChannelConnection.open({
      signaling,
      device,
      channelId: 'ch',
      displayName: 'Me',
      audio: { wantsAudio: () => true },
      listen: () => undefined,
    });
    await connection.heard;
    connected(connection);
    // Listen-only and alone: no transport in use, nothing to wait for.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(trouble.current).toBeNull();
    // The microphone is sent: the send transport connects; the receive one never does (nobody to hear).
    await connection.produce(fakeAudioTrack(), false);
    const send = handlers.find((h) => h.direction === 'send')!.handler;
    send.setConnectionState('connecting');
    await vi.advanceTimersByTimeAsync(MEDIA_GRACE_MS);
    expect(trouble.current?.kind).toBe('media-connecting');
    send.setConnectionState('connected');
    expect(trouble.current).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(trouble.current).toBeNull();
    expect(calls).not.toContain('ConnectRecvTransport');
    connection.close();
  });
});

describe('ChannelTrouble: close()', () => {
  it('stops its timers and listeners: nothing is emitted after close()', async () => {
    const { trouble, socket, events, connected } = setup({ reconnectTimeoutMs: 5_000 });
    const connection = new FakeConnection();
    connection.mediaState = 'connecting';
    connected(connection);
    trouble.connectionStateChanged(ConnectionState.Reconnecting);
    trouble.close();
    trouble.close();
    expect(trouble.isClosed).toBe(true);
    socket.drop();
    connection.setMediaState('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toEqual([]);
  });
});
