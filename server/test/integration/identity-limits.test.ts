// Token mode (issue 12): one identity is one client however many sockets it opens. Its connections
// are counted; it holds one participant per channel (a new join takes over, the old one is told);
// fields that take a channel id check the token before looking the id up; channels it creates are
// its own to delete, up to a limit. Loopback is exempt from the per-address limits here, so what
// refuses is the identity's limit.
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelEventsDocument,
  ChannelsDocument,
  CreateChannelDocument,
  DeleteChannelDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ResumeParticipantDocument,
  type ChannelEventsSubscription,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { mintToken, type MintOptions } from '../../src/auth/tokens.js';
import { defined, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import type { TestClient } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { codeOf, graphqlFrom } from './helpers/http-from.js';
import { type Member, untilChannelEventsLive, waitForEvent } from '@voxlay/testing/session';

const SECRET = 'identity-limits-test-secret-long-enough!!';
const MAX_CONNECTIONS = 3;
const CHANNELS_PER_IDENTITY = 2;

const token = (subject: string, claims: Partial<MintOptions> = {}): Promise<string> =>
  mintToken(
    { jwtSecret: SECRET },
    { subject, name: subject, channels: '*', rights: ['join', 'publish', 'subscribe'], ttlSeconds: 600, ...claims },
  );

const ChannelDocument = parse('query ($id: ID!) { channel(id: $id) { id name } }') as TypedDocumentNode<
  { channel: { id: string; name: string } | null },
  { id: string }
>;
const HealthDocument = parse('{ health { ok } }') as TypedDocumentNode<{ health: { ok: boolean } }, Record<string, never>>;

describe('limits per identity, one participant per identity, channel rights (token mode)', () => {
  let app: VoxlayApp;
  let lobby: string;
  let participants: TestParticipants;

  const connect = (jwt: string): TestClient => participants.connect({ connectionParams: { token: jwt } });

  const outcome = (client: TestClient): Promise<'open' | number> =>
    client.request(HealthDocument, {}).then(
      () => 'open' as const,
      () => client.closes[0]?.code ?? -1,
    );

  /** Joins `channelId` over `client` (the token names the participant) and subscribes to its participant events. */
  const join = (client: TestClient, channelId = lobby): Promise<Member> => participants.joinOver(client, 'ignored', { channelId });

  const transportsIn = async (channelId: string): Promise<number> => (await app.channels.get(channelId)!.router.dump()).transportIds.length;

  beforeAll(async () => {
    app = await startTestApp({
      authMode: 'token',
      jwtSecret: SECRET,
      addressLimitsExempt: ['loopback'],
      maxConnectionsPerIdentity: MAX_CONNECTIONS,
      maxChannelsPerIdentity: CHANNELS_PER_IDENTITY,
      channelCreationRatePerIdentity: { perSecond: 1, burst: 20 },
      emptyChannelTtlMs: 60_000,
    });
    participants = new TestParticipants(app);
    lobby = participants.lobby;
  });

  afterEach(async () => {
    await participants.closeAll();
    for (const channel of app.channels.list()) if (!channel.isDefault) app.channels.delete(channel.id, 'deleted');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('accepts at most the connection limit for one token, from any number of sockets; the rest close with 4429', async () => {
    const jwt = await token('mallory');
    const sockets = Array.from({ length: 10 }, () => connect(jwt));
    const outcomes = await Promise.all(sockets.map(outcome));
    expect(outcomes.filter((result) => result === 'open')).toHaveLength(MAX_CONNECTIONS);
    expect(outcomes.filter((result) => result === 4429)).toHaveLength(10 - MAX_CONNECTIONS);
    expect(sockets.find((socket) => socket.closes[0]?.code === 4429)!.closes[0]!.reason).toMatch(/^LIMIT_EXCEEDED: connectionsPerIdentity/);
    // Another identity is not affected, and a closed connection frees a place.
    expect(await outcome(connect(await token('bob')))).toBe('open');
    await sockets.find((socket) => socket.closes.length === 0)!.close();
    await waitFor(async () => ((await outcome(connect(jwt))) === 'open' ? true : undefined), defined, {
      message: 'a connection of the same identity to be accepted again',
      timeoutMs: 5000,
    });
  });

  it('holds one participant per identity in a channel however many sockets join at once; the replaced ones are told and freed', async () => {
    const jwt = await token('mallory');
    const sockets = Array.from({ length: MAX_CONNECTIONS }, () => connect(jwt));
    const watcher = connect(await token('bob'));
    const bob = await join(watcher);
    const members = await Promise.all(sockets.map((socket) => join(socket)));
    // Every join succeeded, one after another; each replaced the one before.
    const channel = app.channels.defaultChannel;
    expect(channel.participants.filter((participant) => participant.subject === 'mallory')).toHaveLength(1);
    expect(channel.participantCount).toBe(2);
    const survivor = members.find((member) => channel.participant(member.joined.participant.id))!;
    for (const member of members.filter((m) => m !== survivor)) {
      const left = await waitForEvent(member, 'ParticipantLeft', (event) => event.participantId === member.joined.participant.id);
      expect(left.reason).toBe('REPLACED');
      await member.events.waitForCompletion();
    }
    // Bob saw each replaced one leave (REPLACED) and the survivor join.
    for (const member of members.filter((m) => m !== survivor)) {
      await waitForEvent(
        bob,
        'ParticipantLeft',
        (event) => event.participantId === member.joined.participant.id && event.reason === 'REPLACED',
      );
    }
    await waitForEvent(bob, 'ParticipantJoined', (event) => event.participant.id === survivor.joined.participant.id);
    // Only the two live participants' transports are left in the router.
    expect(await transportsIn(lobby)).toBe(4);
  });

  it('lets a second device take over: the old participant is told REPLACED, others see one leave and one join, and it cannot be resumed', async () => {
    const jwt = await token('alice');
    const bob = await join(connect(await token('bob')));
    const laptop = await join(connect(jwt));
    const phone = await join(connect(jwt));

    const left = await waitForEvent(laptop, 'ParticipantLeft', (event) => event.participantId === laptop.joined.participant.id);
    expect(left).toMatchObject({ reason: 'REPLACED', channelId: lobby });
    await laptop.events.waitForCompletion();
    const leaveSeen = bob.events.values.findIndex(({ participantEvents: { event } }) => event.__typename === 'ParticipantLeft');
    await waitForEvent(bob, 'ParticipantJoined', (event) => event.participant.id === phone.joined.participant.id);
    const joinSeen = bob.events.values.findIndex(
      ({ participantEvents: { event } }) =>
        event.__typename === 'ParticipantJoined' && event.participant.id === phone.joined.participant.id,
    );
    expect(leaveSeen).toBeGreaterThanOrEqual(0);
    expect(bob.events.values[leaveSeen]!.participantEvents.event).toMatchObject({
      participantId: laptop.joined.participant.id,
      reason: 'REPLACED',
    });
    expect(leaveSeen).toBeLessThan(joinSeen);
    expect(bob.events.values.filter(({ participantEvents: { event } }) => event.__typename === 'ParticipantLeft')).toHaveLength(1);

    // The laptop's media is gone; resuming its participant answers why, so its client does not rejoin.
    expect(app.channels.defaultChannel.participant(laptop.joined.participant.id)).toBeUndefined();
    expect(await transportsIn(lobby)).toBe(4);
    const resumed = await connect(jwt).request(ResumeParticipantDocument, { resumeToken: laptop.joined.resumeToken });
    expect(resumed.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'REPLACED' });
    // The same identity in two channels is two participants.
    const other = (await connect(await token('ops', { rights: ['admin'] })).data(CreateChannelDocument, { name: 'Elsewhere' }))
      .createChannel;
    await join(laptop.client, other.id);
    expect(app.channels.participantCount).toBe(3);
  });

  it('answers channel(id), channelEvents, joinChannel and deleteChannel alike for an existing and an unknown id to someone not allowed', async () => {
    const admin = connect(await token('ops', { rights: ['admin'] }));
    const hidden = (await admin.data(CreateChannelDocument, { name: 'Hidden' })).createChannel.id;
    const unknown = randomUUID();

    // Without a token (HTTP): UNAUTHENTICATED whether or not the id exists.
    const anonymous = await Promise.all(
      [hidden, unknown].map((id) => graphqlFrom(app, 'query ($id: ID!) { channel(id: $id) { id } }', { id })),
    );
    expect(anonymous.map(codeOf)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(anonymous[0]!.body.errors?.[0]?.message).toBe(anonymous[1]!.body.errors?.[0]?.message);
    expect(anonymous.map((answer) => answer.body.data?.channel ?? null)).toEqual([null, null]);

    // A token for the lobby only: FORBIDDEN for both, with the same message but for the id.
    const lobbyOnly = await token('eve', { channels: ['Lobby'] });
    const eve = connect(lobbyOnly);
    const same = async (
      ask: (id: string) => Promise<{ errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>,
    ) => {
      const a = await ask(hidden);
      const b = await ask(unknown);
      expect([codeOf(a), codeOf(b)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(a.errors?.[0]?.message.replace(hidden, 'ID')).toBe(b.errors?.[0]?.message.replace(unknown, 'ID'));
    };
    await same((id) => eve.request(ChannelDocument, { id }));
    await same((id) =>
      graphqlFrom(app, 'query ($id: ID!) { channel(id: $id) { id } }', { id }, { bearer: lobbyOnly }).then((answer) => answer.body),
    );
    await same((id) => eve.request(JoinChannelDocument, { input: { channelId: id, displayName: 'x' } }));
    await same((id) => eve.request(DeleteChannelDocument, { id }));
    await same(async (id) => ({ errors: (await eve.subscribe(ChannelEventsDocument, { channelId: id }).waitForError()) as never }));
    expect(app.channels.participantCount).toBe(0);

    // Those who may see every channel learn that an id is unknown (null / NOT_FOUND), as before.
    expect((await admin.data(ChannelDocument, { id: unknown })).channel).toBeNull();
    expect(codeOf(await admin.request(JoinChannelDocument, { input: { channelId: unknown, displayName: 'x' } }))).toBe('NOT_FOUND');
    // And a token that names an id itself may ask about it.
    expect((await connect(await token('fay', { channels: [unknown] })).data(ChannelDocument, { id: unknown })).channel).toBeNull();
  });

  it('lets the creator and admins delete a channel, nobody else, never the default one; its participants are told and freed', async () => {
    const carolJwt = await token('carol', { channels: ['Lobby'], rights: ['join', 'subscribe', 'create'] });
    const carol = connect(carolJwt);
    const room = (await carol.data(CreateChannelDocument, { name: 'Carol room' })).createChannel;
    // The creator may use its channel although its token names only the lobby.
    expect((await carol.data(ChannelsDocument, {})).channels.map((channel) => channel.name)).toEqual(['Lobby', 'Carol room']);
    const dave = await join(connect(await token('dave', { rights: ['join', 'subscribe', 'create'] })), room.id);
    const watcher = connect(await token('ops', { rights: ['admin'] }));
    const watched = watcher.subscribe(ChannelEventsDocument, { channelId: room.id });
    await untilChannelEventsLive(watched as never, async () => {
      const probe = connect(await token(`probe-${randomUUID()}`));
      const { joinChannel } = await probe.data(JoinChannelDocument, { input: { channelId: room.id, displayName: 'p' } });
      await probe.data(LeaveChannelDocument, {});
      return joinChannel.participant.id;
    });

    expect(codeOf(await dave.client.request(DeleteChannelDocument, { id: room.id }))).toBe('FORBIDDEN');
    expect(codeOf(await connect(await token('eve')).request(CreateChannelDocument, { name: 'No right' }))).toBe('FORBIDDEN');
    const routerId = app.channels.get(room.id)!.router.id;

    expect((await carol.data(DeleteChannelDocument, { id: room.id })).deleteChannel).toBe(true);
    const left = await waitForEvent(dave, 'ParticipantLeft', (event) => event.participantId === dave.joined.participant.id);
    expect(left.reason).toBe('CHANNEL_DELETED');
    await dave.events.waitForCompletion();
    await watched.waitFor(
      (value: ChannelEventsSubscription) =>
        value.channelEvents.__typename === 'ParticipantLeft' &&
        value.channelEvents.participantId === dave.joined.participant.id &&
        value.channelEvents.reason === 'CHANNEL_DELETED',
    );
    expect(app.channels.get(room.id)).toBeUndefined();
    expect(app.channels.participantCount).toBe(0);
    expect((await app.pool.workers[0]!.worker.dump()).routerIds).not.toContain(routerId);
    // Gone: to its creator now like any id its token does not name.
    expect(codeOf(await carol.request(ChannelDocument, { id: room.id }))).toBe('FORBIDDEN');

    // The default channel stays, even for an admin; an admin deletes anybody's channel.
    expect(codeOf(await watcher.request(DeleteChannelDocument, { id: lobby }))).toBe('FORBIDDEN');
    const daves = (await dave.client.data(CreateChannelDocument, { name: 'Dave room' })).createChannel;
    expect((await watcher.data(DeleteChannelDocument, { id: daves.id })).deleteChannel).toBe(true);
    expect(app.channels.list().map((channel) => channel.name)).toEqual(['Lobby']);
  });

  it('holds each identity to its number of channels at once (admins excepted), and only admin channels never expire', async () => {
    const carol = connect(await token('carol', { rights: ['join', 'create'] }));
    const mine = [];
    for (let i = 0; i < CHANNELS_PER_IDENTITY; i++)
      mine.push((await carol.data(CreateChannelDocument, { name: `Carol ${i}` })).createChannel);
    const refused = await carol.request(CreateChannelDocument, { name: 'One too many' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'channelsPerIdentity',
      max: CHANNELS_PER_IDENTITY,
    });
    await carol.data(DeleteChannelDocument, { id: mine[0]!.id });
    expect((await carol.data(CreateChannelDocument, { name: 'Carol again' })).createChannel.name).toBe('Carol again');
    expect(app.channels.expiring(mine[1]!.id)).toBe(true);

    const admin = connect(await token('ops', { rights: ['admin'] }));
    const ops = [];
    for (let i = 0; i < CHANNELS_PER_IDENTITY + 2; i++)
      ops.push((await admin.data(CreateChannelDocument, { name: `Ops ${i}` })).createChannel);
    expect(ops.map((channel) => app.channels.expiring(channel.id))).toEqual(ops.map(() => false));
  });
});
