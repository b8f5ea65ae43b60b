// Connection (one client's graphql-ws WebSocket) over a real ChannelRegistry and mediasoup worker:
// joining, owning media, leaving, the disconnect grace period and resuming on another connection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejection, silentLogger, startPool, thrown } from '../../test/unit/fixtures.js';
import { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { WorkerPool } from '../sfu/WorkerPool.js';
import { Connection } from './Connection.js';

const GRACE_MS = 200;

describe('Connection', () => {
  let pool: WorkerPool;
  let registry: ChannelRegistry;

  beforeEach(async () => {
    pool = await startPool();
    registry = await ChannelRegistry.create({
      pool,
      defaultChannelName: 'Lobby',
      transportSettings: { listenIp: '127.0.0.1' },
      logger: silentLogger(),
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    registry?.close();
    pool?.close();
  });

  function connect(): Connection {
    return new Connection({ registry, disconnectGraceMs: GRACE_MS, logger: silentLogger() });
  }

  function joinLobby(connection: Connection, displayName = 'Ann') {
    return connection.join({ channelId: registry.defaultChannel.id, displayName });
  }

  it('connection.join() joins the channel, binds the participant to the connection and issues a resume token', async () => {
    const connection = connect();
    const { participant, resumeToken } = await joinLobby(connection);
    expect(connection.participant).toBe(participant);
    expect(connection.requireParticipant()).toBe(participant);
    expect(registry.defaultChannel.participants).toEqual([participant]);
    expect(resumeToken).toMatch(/^[\w-]{43}$/);
  });

  it('a second join on the same connection is ALREADY_JOINED; an unknown channel NOT_FOUND; a bad name BAD_USER_INPUT', async () => {
    const connection = connect();
    await joinLobby(connection);
    expect((await rejection(joinLobby(connection))).extensions?.code).toBe('ALREADY_JOINED');
    const other = connect();
    expect((await rejection(other.join({ channelId: 'nope', displayName: 'Bob' }))).extensions?.code).toBe('NOT_FOUND');
    expect((await rejection(other.join({ channelId: registry.defaultChannel.id, displayName: '\u0000' }))).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(registry.defaultChannel.participantCount).toBe(1);
  });

  it("connection.own*() finds only its participant's media: another participant's is FORBIDDEN, an unknown id NOT_FOUND", async () => {
    const ann = connect();
    const bob = connect();
    const annJoined = await joinLobby(ann, 'Ann');
    const bobJoined = await joinLobby(bob, 'Bob');
    expect(ann.ownTransport(annJoined.participant.sendTransport.id)).toBe(annJoined.participant.sendTransport);
    expect(thrown(() => ann.ownTransport(bobJoined.participant.recvTransport.id)).extensions?.code).toBe('FORBIDDEN');
    expect(thrown(() => ann.ownProducer('no-such-producer')).extensions?.code).toBe('NOT_FOUND');
    expect(thrown(() => connect().ownConsumer('any')).extensions?.code).toBe('NO_SESSION');
  });

  it('connection.leave() closes the participant with every transport; leaving again is NO_SESSION', async () => {
    const connection = connect();
    const { participant } = await joinLobby(connection);
    expect(connection.leave()).toBe(true);
    expect(participant.closed).toBe(true);
    expect(participant.leaveReason).toBe('LEFT');
    expect(participant.transports.every((transport) => transport.closed)).toBe(true);
    expect(registry.defaultChannel.participantCount).toBe(0);
    expect(pool.workers[0]!.webRtcTransportCount).toBe(0);
    expect(connection.participant).toBeNull();
    expect(thrown(() => connection.leave()).extensions?.code).toBe('NO_SESSION');
  });

  it('closeSocket() keeps the participant for the grace period, then closes it DISCONNECTED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const connection = connect();
    const { participant } = await joinLobby(connection);
    connection.closeSocket();
    expect(connection.socketClosed).toBe(true);
    vi.advanceTimersByTime(GRACE_MS - 1);
    expect(participant.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(participant.closed).toBe(true);
    expect(participant.leaveReason).toBe('DISCONNECTED');
    expect(registry.defaultChannel.participantCount).toBe(0);
  });

  it('connection.resume() on a new connection takes the participant over: the old connection lets go, its event streams end and its grace timer no longer closes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = connect();
    const { participant, resumeToken } = await joinLobby(before);
    const oldStream = before.subscribeEvents(participant.id, 0);
    before.closeSocket();
    const after = connect();
    expect(after.resume(resumeToken)).toBe(participant);
    expect(after.participant).toBe(participant);
    expect(before.participant).toBeNull();
    expect(await oldStream.next()).toEqual({ value: undefined, done: true });
    vi.advanceTimersByTime(GRACE_MS * 2);
    expect(participant.closed).toBe(false);
    expect(thrown(() => after.resume(resumeToken)).extensions?.code).toBe('ALREADY_JOINED');
    expect(thrown(() => connect().resume('unknown-token')).extensions?.code).toBe('NOT_FOUND');
  });

  it('connection.subscribeEvents() serves only its own participant (FORBIDDEN otherwise) and replays after the given seq', async () => {
    const ann = connect();
    const bob = connect();
    const { participant: annParticipant } = await joinLobby(ann, 'Ann');
    const { participant: bobParticipant } = await joinLobby(bob, 'Bob');
    expect(thrown(() => ann.subscribeEvents(bobParticipant.id, 0)).extensions?.code).toBe('FORBIDDEN');
    const stream = ann.subscribeEvents(annParticipant.id, 0);
    const first = await stream.next();
    expect(first.value).toEqual({
      seq: 1,
      event: { type: 'ParticipantJoined', channelId: registry.defaultChannel.id, participant: bobParticipant },
    });
    await stream.return?.();
  });
});
