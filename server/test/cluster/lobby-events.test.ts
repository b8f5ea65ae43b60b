// Subscription.lobbyEvents across a cluster: two in-process nodes and one real redis-server. A lobby
// connected to node B sees a channel created on node A, who joins it there and its deletion, over
// Redis; and the deletion of an orphaned channel (its node gone) from the node that deleted it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateChannelDocument,
  DeleteChannelDocument,
  JoinChannelDocument,
  LobbyEventsDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { TestParticipants } from '@voxlay/testing/participants';
import { RedisServer } from '@voxlay/testing/redis';
import { startTestApp } from '@voxlay/testing/server';
import { untilLobbyEventsLive } from '@voxlay/testing/session';

describe('lobby events in a cluster', () => {
  let redis: RedisServer;
  let a: VoxlayApp;
  let b: VoxlayApp;
  let onA: TestParticipants;
  let onB: TestParticipants;
  const connect = (app: VoxlayApp) => (app === a ? onA : onB).connect();
  let probes = 0;
  /** A channel created on node A (its ChannelCreated reaches node B's lobby over Redis). */
  const probeOnA = async () => {
    probes += 1;
    return (await connect(a).data(CreateChannelDocument, { name: `Probe ${probes}` })).createChannel.id;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    a = await startTestApp({ redisUrl: redis.url, nodeId: 'lobby-a' });
    b = await startTestApp({ redisUrl: redis.url, nodeId: 'lobby-b' });
    onA = new TestParticipants(a);
    onB = new TestParticipants(b);
  });

  afterEach(async () => {
    await Promise.all([onA.closeAll(), onB.closeAll()]);
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await redis?.stop();
  });

  it('shows a lobby on node B a channel created on node A, who joins it there, and its deletion', async () => {
    const events = connect(b).subscribe(LobbyEventsDocument, {});
    await untilLobbyEventsLive(events, probeOnA);

    const owner = connect(a);
    const { createChannel: room } = await owner.data(CreateChannelDocument, { name: 'Standup' });
    const created = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelCreated' && e.channel.id === room.id);
    expect(created.lobbyEvents).toMatchObject({ channel: { name: 'Standup', participantCount: 0, isDefault: false } });

    const { joinChannel } = await connect(a).data(JoinChannelDocument, { input: { channelId: room.id, displayName: 'Ann' } });
    const joined = await events.waitFor(
      ({ lobbyEvents: e }) => e.__typename === 'ParticipantJoined' && e.participant.id === joinChannel.participant.id,
    );
    expect(joined.lobbyEvents).toMatchObject({ channelId: room.id, participant: { displayName: 'Ann', muted: true } });

    await owner.data(DeleteChannelDocument, { id: room.id });
    const left = await events.waitFor(
      ({ lobbyEvents: e }) => e.__typename === 'ParticipantLeft' && e.participantId === joinChannel.participant.id,
    );
    expect(left.lobbyEvents).toMatchObject({ channelId: room.id, reason: 'CHANNEL_DELETED' });
    const deleted = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelDeleted' && e.channelId === room.id);
    expect(deleted.lobbyEvents).toMatchObject({ expired: false });
  });

  it('tells the lobbies when an orphaned channel (its node stopped) is deleted from another node', async () => {
    const events = connect(b).subscribe(LobbyEventsDocument, {});
    await untilLobbyEventsLive(events, probeOnA);
    const { createChannel: room } = await connect(a).data(CreateChannelDocument, { name: 'Left behind' });
    await a.stop(); // lets go of its channels: nobody hosts Left behind now
    await connect(b).data(DeleteChannelDocument, { id: room.id });
    const deleted = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelDeleted' && e.channelId === room.id);
    expect(deleted.lobbyEvents).toMatchObject({ expired: false });
  });
});
