// resumeParticipant: the server drops a client's WebSocket, the client comes back on a new connection
// and takes its participant back with the resume token; nobody else sees it leave or join.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ChannelEventsDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ParticipantEventsDocument,
  PauseConsumersDocument,
  PauseProducerDocument,
  ResumeParticipantDocument,
  RouterRtpCapabilitiesDocument,
  type ChannelEventsSubscription,
} from '../../../core/src/graphql/__generated__/graphql.js';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { VoxlayApp } from '../../src/app.js';
import { mintToken } from '../../src/auth/tokens.js';
import { ResumeTokens } from '../../src/connection/ResumeTokens.js';
import { muteDroppedSocketLogs } from '@voxlay/testing/quiet';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { sleep } from '@voxlay/testing/wait';
import { type EventCollector, TestClient } from '@voxlay/testing/client';
import { joinMember, mediaIdsOf, type Member, produceAudio, untilChannelEventsLive, waitForEvent } from '@voxlay/testing/session';

const GRACE_MS = 400;

describe('resumeParticipant after a dropped WebSocket', () => {
  let app: VoxlayApp;
  let caps: unknown;
  let lobby: string;
  let observer: TestClient;
  let channelEvents: EventCollector<ChannelEventsSubscription>;
  const clients: TestClient[] = [];

  const track = <T extends { client: TestClient } | TestClient>(thing: T): T => {
    clients.push(thing instanceof TestClient ? thing : thing.client);
    return thing;
  };
  const join = async (name: string): Promise<Member> => track(await joinMember(app, lobby, name, caps));
  const dropSocketOf = (participantId: string): number => app.dropConnections((session) => session.participant?.id === participantId);
  /** Participants that joined and left only to prove the channelEvents subscription live. */
  let probes: string[] = [];
  const probe = async (): Promise<string> => {
    const member = await joinMember(app, lobby, 'Probe');
    await member.client.data(LeaveChannelDocument, {});
    await member.client.close();
    return member.joined.participant.id;
  };
  /** Subscribes the observer to the lobby's channelEvents and returns once the subscription is live. */
  const watchLobby = async (): Promise<void> => {
    channelEvents = observer.subscribe(ChannelEventsDocument, { channelId: lobby });
    probes = await untilChannelEventsLive(channelEvents, probe);
  };
  const leavesAndJoins = () =>
    channelEvents.values
      .map((value) => value.channelEvents)
      .filter((event) => event.__typename === 'ParticipantLeft' || event.__typename === 'ParticipantJoined')
      .filter((event) => !probes.includes(event.__typename === 'ParticipantJoined' ? event.participant.id : event.participantId));

  beforeAll(async () => {
    muteDroppedSocketLogs();
    app = await startTestApp({ disconnectGraceMs: GRACE_MS });
    lobby = app.channels.defaultChannel.id;
    observer = new TestClient(app.url);
    caps = (await observer.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
  });

  afterEach(async () => {
    channelEvents?.unsubscribe();
    await Promise.all(clients.splice(0).map((client) => client.close()));
    for (let i = 0; i < 100 && app.channels.participantCount > 0; i++) await sleep(20);
  });

  afterAll(async () => {
    await observer?.close();
    await app?.stop();
    vi.restoreAllMocks();
  });

  it('rebinds the same participant, its media objects untouched, with no leave or join seen by the others', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    const bobProducerId = await produceAudio(bob);
    await waitForEvent(ann, 'ConsumerAdded');
    const annProducerId = await produceAudio(ann);
    await waitForEvent(bob, 'ConsumerAdded');
    const annId = ann.joined.participant.id;
    const mediaBefore = mediaIdsOf(app, annId).sort();
    expect(mediaBefore).toHaveLength(4); // two transports, a producer, a consumer
    await watchLobby();
    // Ann saw the probes come and go too: the last event she has seen is the last probe's leave.
    const lastProbe = probes.at(-1);
    await waitForEvent(ann, 'ParticipantLeft', (event) => event.participantId === lastProbe);
    const lastSeen = Math.max(...ann.events.values.map((value) => value.participantEvents.seq));

    expect(dropSocketOf(annId)).toBe(1);
    await ann.events.waitForError(1000); // the dropped socket ends the old subscription
    // Something happens while Ann is away: Bob mutes.
    await bob.client.data(PauseProducerDocument, { producerId: bobProducerId });

    const again = track(new TestClient(app.url));
    const started = Date.now();
    const { resumeParticipant } = await again.data(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(resumeParticipant.participant.id).toBe(annId);
    expect(resumeParticipant.seq).toBeGreaterThan(lastSeen);
    expect(resumeParticipant.consumers.map((c) => c.producerParticipantId)).toEqual([bob.joined.participant.id]);
    expect(resumeParticipant.channel.participants.map((p) => p.id).sort()).toEqual([annId, bob.joined.participant.id].sort());

    // Events missed during the outage are replayed after the last seen seq.
    const events = again.subscribe(ParticipantEventsDocument, { participantId: annId, afterSeq: lastSeen });
    const muted = await events.waitFor(({ participantEvents: { event } }) => event.__typename === 'MuteChanged');
    expect(muted.participantEvents.seq).toBe(lastSeen + 1);

    // Well past the grace period: still there, same objects, and the new connection owns them.
    await sleep(GRACE_MS * 2);
    expect(app.channels.defaultChannel.participant(annId)?.closed).toBe(false);
    expect(mediaIdsOf(app, annId).sort()).toEqual(mediaBefore);
    expect(await meOf(again)).toBe(annId);
    const consumerIds = resumeParticipant.consumers.map((c) => c.id);
    expect((await again.data(PauseConsumersDocument, { consumerIds })).pauseConsumers).toHaveLength(1);
    expect((await again.data(PauseProducerDocument, { producerId: annProducerId })).pauseProducer.paused).toBe(true);
    expect(leavesAndJoins()).toEqual([]);
    events.unsubscribe();

    // Leaving revokes the token.
    expect((await again.data(LeaveChannelDocument, {})).leaveChannel).toBe(true);
    const third = track(new TestClient(app.url));
    expect(await third.errorCode(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken })).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND once the grace period is over, and the participant is gone for everyone', async () => {
    const ann = await join('Ann');
    const annId = ann.joined.participant.id;
    await watchLobby();
    dropSocketOf(annId);
    await sleep(GRACE_MS + 300);
    const again = track(new TestClient(app.url));
    expect(await again.errorCode(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken })).toBe('NOT_FOUND');
    expect(leavesAndJoins()).toEqual([{ __typename: 'ParticipantLeft', channelId: lobby, participantId: annId, reason: 'DISCONNECTED' }]);
    expect(ResumeTokens.of(app.channels).size).toBe(0);
  });

  it('refuses unknown, empty and oversized tokens (NOT_FOUND), a busy connection (ALREADY_JOINED) and HTTP (NO_SESSION)', async () => {
    const ann = await join('Ann');
    const stranger = track(new TestClient(app.url));
    for (const resumeToken of ['', 'x', 'A'.repeat(43), 'A'.repeat(100_000).slice(0, 5000)]) {
      expect(await stranger.errorCode(ResumeParticipantDocument, { resumeToken })).toBe('NOT_FOUND');
    }
    expect(await ann.client.errorCode(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken })).toBe('ALREADY_JOINED');
    const overHttp = await postGraphQL(app, 'mutation ($t: String!) { resumeParticipant(resumeToken: $t) { seq } }', {
      t: ann.joined.resumeToken,
    });
    expect(overHttp.errors?.[0]?.extensions?.code).toBe('NO_SESSION');
    // None of that disturbed Ann.
    expect(await meOf(ann.client)).toBe(ann.joined.participant.id);
  });

  it('lets a new connection take over from one that still looks open: the old one lets go and its event stream ends', async () => {
    const ann = await join('Ann');
    const annId = ann.joined.participant.id;
    const again = track(new TestClient(app.url));
    const { resumeParticipant } = await again.data(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken });
    expect(resumeParticipant.participant.id).toBe(annId);
    await ann.events.waitForCompletion();
    expect(await ann.client.errorCode(LeaveChannelDocument, {})).toBe('NO_SESSION');
    expect(await meOf(ann.client)).toBeNull();
    // The old connection closing later does not start a grace period for the participant it gave away.
    await ann.client.close();
    await sleep(GRACE_MS + 300);
    expect(app.channels.defaultChannel.participant(annId)?.closed).toBe(false);
    expect((await again.data(LeaveChannelDocument, {})).leaveChannel).toBe(true);
  });

  it('resumes again after a second drop, and a drop during the new grace period is covered too', async () => {
    const ann = await join('Ann');
    const annId = ann.joined.participant.id;
    let client = ann.client;
    for (let round = 0; round < 3; round++) {
      dropSocketOf(annId);
      await sleep(GRACE_MS / 4);
      client = track(new TestClient(app.url));
      const { resumeParticipant } = await client.data(ResumeParticipantDocument, { resumeToken: ann.joined.resumeToken });
      expect(resumeParticipant.participant.id).toBe(annId);
    }
    await sleep(GRACE_MS + 200);
    expect(await meOf(client)).toBe(annId);
  });
});

const MeDocument = parse('query Me { me { id } }') as unknown as TypedDocumentNode<{ me: { id: string } | null }, Record<string, never>>;

/** The participant id bound to a connection, or null. */
async function meOf(client: TestClient): Promise<string | null> {
  return (await client.data(MeDocument, {})).me?.id ?? null;
}

describe('resumeParticipant in token mode', () => {
  const SECRET = 'resume-test-secret-that-is-long-enough-for-hs256';
  let app: VoxlayApp;
  const clients: TestClient[] = [];
  const tokenOf = (subject: string): Promise<string> =>
    mintToken({ jwtSecret: SECRET }, { subject, name: subject, channels: '*', rights: ['join', 'publish', 'subscribe'], ttlSeconds: 3600 });
  const connect = async (subject: string): Promise<TestClient> => {
    const client = new TestClient(app.url, { connectionParams: { token: await tokenOf(subject) } });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    muteDroppedSocketLogs();
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET, disconnectGraceMs: 2_000 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await app?.stop();
    vi.restoreAllMocks();
  });

  it("refuses another identity's resume (FORBIDDEN) without disturbing the participant; its own identity resumes it", async () => {
    const ann = await connect('ann');
    const { joinChannel } = await ann.data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'ignored' },
    });
    const annId = joinChannel.participant.id;
    app.dropConnections((session) => session.participant?.id === annId);
    await sleep(100);

    const mallory = await connect('mallory');
    expect(await mallory.errorCode(ResumeParticipantDocument, { resumeToken: joinChannel.resumeToken })).toBe('FORBIDDEN');
    expect(await meOf(mallory)).toBeNull();

    const annAgain = await connect('ann');
    const { resumeParticipant } = await annAgain.data(ResumeParticipantDocument, { resumeToken: joinChannel.resumeToken });
    expect(resumeParticipant.participant).toMatchObject({ id: annId, displayName: 'ann' });
    expect(await meOf(annAgain)).toBe(annId);
  });
});
