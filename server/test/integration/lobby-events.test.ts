// Subscription.lobbyEvents over a real graphql-ws connection: a lobby sees channels created and
// deleted and who joins, mutes and leaves in every channel, without one subscription per channel;
// in token mode it sees only the channels Query.channels lists for the token, and a token is checked
// before anything else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelsDocument,
  CreateChannelDocument,
  DeleteChannelDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  LobbyEventsDocument,
  type LobbyEventsSubscription,
  SetParticipantStateDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { mintToken, type MintOptions } from '../../src/auth/tokens.js';
import type { EventCollector } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { startTestApp } from '@voxlay/testing/server';
import { untilLobbyEventsLive } from '@voxlay/testing/session';

type LobbyEvent = LobbyEventsSubscription['lobbyEvents'];

const ofType = <T extends LobbyEvent['__typename']>(events: EventCollector<LobbyEventsSubscription>, typename: T) =>
  events.values.map((v) => v.lobbyEvents).filter((e): e is Extract<LobbyEvent, { __typename: T }> => e.__typename === typename);

describe('lobby events (one server, open mode)', () => {
  let app: VoxlayApp;
  let participants: TestParticipants;
  const client = () => participants.connect();

  beforeAll(async () => {
    app = await startTestApp();
    participants = new TestParticipants(app);
  });
  afterEach(async () => {
    await participants.closeAll();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('tells one subscriber about a channel created, a join, a mute, a leave and the deletion, in every channel', async () => {
    const watcher = client();
    const events = watcher.subscribe(LobbyEventsDocument, {});
    const prober = client();
    await untilLobbyEventsLive(events, async () => {
      const { joinChannel } = await prober.data(JoinChannelDocument, {
        input: { channelId: app.channels.defaultChannel.id, displayName: 'Probe' },
      });
      await prober.data(LeaveChannelDocument, {});
      return joinChannel.participant.id;
    });

    const owner = client();
    const { createChannel } = await owner.data(CreateChannelDocument, { name: 'Raid night' });
    const created = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelCreated' && e.channel.id === createChannel.id);
    expect(created.lobbyEvents).toMatchObject({
      channel: { id: createChannel.id, name: 'Raid night', isDefault: false, participantCount: 0 },
    });

    const ann = client();
    const { joinChannel } = await ann.data(JoinChannelDocument, { input: { channelId: createChannel.id, displayName: 'Ann' } });
    const annId = joinChannel.participant.id;
    const joined = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ParticipantJoined' && e.participant.id === annId);
    expect(joined.lobbyEvents).toMatchObject({ channelId: createChannel.id, participant: { displayName: 'Ann', deafened: false } });

    await ann.data(SetParticipantStateDocument, { input: { deafened: true } });
    await events.waitFor(
      ({ lobbyEvents: e }) => e.__typename === 'ParticipantStateChanged' && e.participant.id === annId && e.participant.deafened,
    );

    await owner.data(DeleteChannelDocument, { id: createChannel.id });
    const deleted = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelDeleted' && e.channelId === createChannel.id);
    expect(deleted.lobbyEvents).toMatchObject({ expired: false });
    // Ann was told to go first, and so was the lobby.
    const left = ofType(events, 'ParticipantLeft').find((e) => e.participantId === annId);
    expect(left).toMatchObject({ channelId: createChannel.id, reason: 'CHANNEL_DELETED' });
    const order = events.values.map((v) => v.lobbyEvents.__typename);
    expect(order.lastIndexOf('ParticipantLeft')).toBeLessThan(order.lastIndexOf('ChannelDeleted'));
    // Nothing of producers or speakers: a lobby follows who is where.
    expect(
      order.every((t) =>
        ['ParticipantJoined', 'ParticipantLeft', 'MuteChanged', 'ParticipantStateChanged', 'ChannelCreated', 'ChannelDeleted'].includes(t),
      ),
    ).toBe(true);
  });

  it('tells when an empty channel expires', async () => {
    await app.stop();
    app = await startTestApp({ emptyChannelTtlMs: 300 });
    participants = new TestParticipants(app);
    const watcher = client();
    const events = watcher.subscribe(LobbyEventsDocument, {});
    const prober = client();
    await untilLobbyEventsLive(events, async () => {
      const { joinChannel } = await prober.data(JoinChannelDocument, {
        input: { channelId: app.channels.defaultChannel.id, displayName: 'Probe' },
      });
      await prober.data(LeaveChannelDocument, {});
      return joinChannel.participant.id;
    });
    const { createChannel } = await client().data(CreateChannelDocument, { name: 'Short lived' });
    const gone = await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ChannelDeleted' && e.channelId === createChannel.id, 5000);
    expect(gone.lobbyEvents).toMatchObject({ expired: true });
  });
});

describe('lobby events (token mode)', () => {
  const SECRET = 'lobby-events-test-secret-long-enough-for-hs256';
  let app: VoxlayApp;
  let participants: TestParticipants;
  const token = (claims: Partial<MintOptions>) =>
    mintToken({ jwtSecret: SECRET }, { subject: 'x', name: 'X', channels: '*', rights: ['join'], ttlSeconds: 600, ...claims });
  const connect = (jwt: string) => participants.connect({ connectionParams: { token: jwt } });

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET });
    participants = new TestParticipants(app);
  });
  afterEach(async () => {
    await participants.closeAll();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows a token only the channels Query.channels lists for it', async () => {
    const admin = connect(await token({ subject: 'ops', rights: ['admin'] }));
    const { createChannel: secret } = await admin.data(CreateChannelDocument, { name: 'Secret' });
    const lobbyOnly = connect(await token({ subject: 'guest', channels: ['Lobby'] }));
    const events = lobbyOnly.subscribe(LobbyEventsDocument, {});
    const everything = admin.subscribe(LobbyEventsDocument, {});
    const defaultId = app.channels.defaultChannel.id;
    let n = 0;
    const probe = async () => {
      n += 1;
      const prober = connect(await token({ subject: `probe-${n}`, name: `Probe ${n}` }));
      const { joinChannel } = await prober.data(JoinChannelDocument, { input: { channelId: defaultId, displayName: 'x' } });
      await prober.data(LeaveChannelDocument, {});
      return joinChannel.participant.id;
    };
    await untilLobbyEventsLive(events, probe);
    await untilLobbyEventsLive(everything, probe);
    expect((await lobbyOnly.data(ChannelsDocument, {})).channels.map((c) => c.name)).toEqual(['Lobby']);

    // In Secret: a channel created, someone joins and it is deleted. Then someone joins the Lobby.
    const { createChannel: hidden } = await admin.data(CreateChannelDocument, { name: 'Hidden too' });
    const bob = connect(await token({ subject: 'bob', name: 'Bob' }));
    const { joinChannel } = await bob.data(JoinChannelDocument, { input: { channelId: secret.id, displayName: 'x' } });
    await admin.data(DeleteChannelDocument, { id: hidden.id });
    const carol = connect(await token({ subject: 'carol', name: 'Carol' }));
    const { joinChannel: inLobby } = await carol.data(JoinChannelDocument, { input: { channelId: defaultId, displayName: 'x' } });

    // The admin sees all of it; the Lobby-only token sees Carol's join (events arrive in order) and nothing before it.
    await everything.waitFor(({ lobbyEvents: e }) => e.__typename === 'ParticipantJoined' && e.participant.id === inLobby.participant.id);
    expect(ofType(everything, 'ChannelCreated').map((e) => e.channel.name)).toContain('Hidden too');
    expect(ofType(everything, 'ParticipantJoined').map((e) => e.participant.id)).toContain(joinChannel.participant.id);
    expect(ofType(everything, 'ChannelDeleted').map((e) => e.channelId)).toContain(hidden.id);
    await events.waitFor(({ lobbyEvents: e }) => e.__typename === 'ParticipantJoined' && e.participant.id === inLobby.participant.id);
    const seen = events.values.map((v) => v.lobbyEvents);
    expect(seen.filter((e) => 'channelId' in e && e.channelId !== defaultId)).toEqual([]);
    expect(seen.filter((e) => e.__typename === 'ChannelCreated' || e.__typename === 'ChannelDeleted')).toEqual([]);
  });

  it('refuses an expired token with UNAUTHENTICATED before anything else', async () => {
    // `exp` is in whole seconds: mint early in a second so it is 0.7-1 s away.
    while (Date.now() % 1000 > 300) await new Promise((resolve) => setTimeout(resolve, 20));
    const now = Math.floor(Date.now() / 1000);
    const late = connect(await token({ now, ttlSeconds: 1 }));
    await late.data(ChannelsDocument, {}); // connected while the token was valid
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 1000 - Date.now() + 50));
    const events = late.subscribe(LobbyEventsDocument, {});
    const error = await events.waitForError();
    expect(JSON.stringify(error)).toContain('UNAUTHENTICATED');
  });
});
