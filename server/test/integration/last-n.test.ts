// Last-N over the real app: GraphQL-only members (no browser, so nobody is loud: the active set is
// filled in order of producing and changes when a speaker's producer closes). Loudness-driven
// replacement is covered by src/sfu/ActiveSpeakerSet.test.ts and test/browser/last-n.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseProducerDocument,
  LeaveChannelDocument,
  PauseProducerDocument,
  ResumeConsumersDocument,
  ResumeProducerDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { DEFAULT_HOLD_MS } from '../../src/sfu/ActiveSpeakerSet.js';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import {
  ActiveSpeakerEventsDocument,
  ChannelActiveSetDocument,
  ChannelParticipantsPageDocument,
  consumerCounts,
  dumpCounts,
} from './helpers/channel-state.js';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member, produceAudio, waitForEvent } from '@voxlay/testing/session';

const LAST_N = 2;
const MEMBERS = 20;
const SPEAKERS = 4;

describe('last-N: listeners receive at most lastN speakers', () => {
  let app: VoxlayApp;
  let caps: unknown;
  let observer: TestClient;
  let lobby: string;
  const members: Member[] = [];

  beforeAll(async () => {
    app = await startTestApp({ lastN: LAST_N });
    observer = new TestClient(app.url);
    caps = (await observer.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
    lobby = app.channels.defaultChannel.id;
  });

  afterAll(async () => {
    await Promise.all(members.map((member) => member.client.close()));
    await observer?.close();
    await app?.stop();
  });

  it('creates consumers only for the active set, at most members x lastN, and replaces a speaker who stops', async () => {
    const channelEvents = observer.subscribe(ActiveSpeakerEventsDocument, { channelId: lobby });
    for (let i = 0; i < MEMBERS; i++) members.push(await joinMember(app, lobby, `m${i}`, caps));
    const ids = members.map((member) => member.joined.participant.id);
    const producerIds: string[] = [];
    for (let i = 0; i < SPEAKERS; i++) producerIds.push(await produceAudio(members[i]!));

    // The first two speakers fill the set; everybody else receives both, each speaker the other.
    const channel = app.channels.defaultChannel;
    const expected = (MEMBERS - SPEAKERS) * LAST_N + 1 + 1 + (SPEAKERS - LAST_N) * LAST_N;
    const total = () => [...consumerCounts(channel).values()].reduce((a, b) => a + b, 0);
    expect(await waitFor(total, (n) => n === expected, 5000)).toBe(expected);
    await sleep(200);
    expect(total()).toBe(expected);
    for (const count of consumerCounts(channel).values()) expect(count).toBeLessThanOrEqual(LAST_N);
    expect(consumerCounts(channel).get(ids[0]!)).toBe(1);
    expect(consumerCounts(channel).get(ids[MEMBERS - 1]!)).toBe(LAST_N);

    // The worker agrees: no consumer beyond members x lastN.
    const dump = await dumpCounts(channel);
    expect(dump.consumers).toBe(expected);
    expect(dump.consumers).toBeLessThanOrEqual(MEMBERS * LAST_N);

    const { channel: state } = await observer.data(ChannelActiveSetDocument, { id: lobby });
    expect(state?.lastN).toBe(LAST_N);
    expect([...(state?.activeSpeakerIds ?? [])].sort()).toEqual([ids[0], ids[1]].sort());
    await channelEvents.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ActiveSpeakersChanged' && event.participantIds?.length === LAST_N,
    );
    // Every listener's consumers are of the active speakers only.
    const listener = members[MEMBERS - 1]!;
    const heard = channel
      .participant(ids[MEMBERS - 1]!)!
      .consumers.map((c) => c.appData.producerParticipantId)
      .sort();
    expect(heard).toEqual([ids[0], ids[1]].sort());

    // Speaker 0 closes its producer: it leaves the set at once and speaker 2 takes its place.
    await members[0]!.client.data(CloseProducerDocument, { producerId: producerIds[0]! });
    const closed = await waitForEvent(listener, 'ConsumerClosed', (event) => event.producerId === producerIds[0]);
    expect(closed.producerId).toBe(producerIds[0]);
    const added = await waitForEvent(listener, 'ConsumerAdded', (event) => event.consumer.producerId === producerIds[2]);
    expect(added.consumer.producerParticipantId).toBe(ids[2]);
    // A resume racing with the ConsumerClosed (the client had not seen it yet) is not refused.
    const { resumeConsumers } = await listener.client.data(ResumeConsumersDocument, {
      consumerIds: [closed.consumerId, added.consumer.id],
    });
    expect(resumeConsumers.map((c) => c.id)).toEqual([closed.consumerId, added.consumer.id]);
    const changed = await waitForEvent(listener, 'ActiveSpeakersChanged', (event) => event.participantIds.includes(ids[2]!));
    expect(changed.participantIds).toHaveLength(LAST_N);
    expect(changed.participantIds).not.toContain(ids[0]);
    const listenerCount = () => consumerCounts(channel).get(ids[MEMBERS - 1]!);
    const settled = await waitFor(
      () => ({ total: total(), listener: listenerCount() }),
      (s) => s.total <= MEMBERS * LAST_N && s.listener === LAST_N,
      5000,
    );
    expect(settled.listener, "the listener's consumers after the replacement").toBe(LAST_N);
    expect(settled.total).toBeLessThanOrEqual(MEMBERS * LAST_N);
    for (const count of consumerCounts(channel).values()) expect(count).toBeLessThanOrEqual(LAST_N);
    expect((await dumpCounts(channel)).consumers).toBeLessThanOrEqual(MEMBERS * LAST_N);

    // A muted speaker is silent, not gone: it keeps its place and its consumers carry nothing.
    await members[1]!.client.data(PauseProducerDocument, { producerId: producerIds[1]! });
    await waitForEvent(listener, 'MuteChanged', (event) => event.muted);
    expect(app.channels.defaultChannel.activeSpeakerIds).toContain(ids[1]);
    const ofMuted = channel.participant(ids[MEMBERS - 1]!)!.consumers.find((c) => c.appData.producerParticipantId === ids[1]);
    expect(ofMuted?.producerPaused).toBe(true);

    // Unmuting is the intent to speak: S3 (outside) mutes and unmutes once the members have been silent
    // for the hold time, and takes the place of the one silent the longest (S1, the earliest to enter).
    await members[3]!.client.data(PauseProducerDocument, { producerId: producerIds[3]! });
    await sleep(DEFAULT_HOLD_MS + 100);
    expect(app.channels.defaultChannel.activeSpeakerIds).not.toContain(ids[3]);
    await members[3]!.client.data(ResumeProducerDocument, { producerId: producerIds[3]! });
    await waitForEvent(listener, 'ConsumerAdded', (event) => event.consumer.producerId === producerIds[3]);
    await waitForEvent(listener, 'ConsumerClosed', (event) => event.producerId === producerIds[1]);
    expect([...app.channels.defaultChannel.activeSpeakerIds].sort()).toEqual([ids[2], ids[3]].sort());
    expect(await waitFor(listenerCount, (n) => n === LAST_N, 5000), "the listener's consumers after S3 came in").toBe(LAST_N);
    for (const count of consumerCounts(channel).values()) expect(count).toBeLessThanOrEqual(LAST_N);

    // A late joiner gets the consumers of the active set in its join payload, no more.
    const late = await joinMember(app, lobby, 'late', caps);
    members.push(late);
    expect(late.joined.consumers).toHaveLength(LAST_N);
    expect(late.joined.consumers.map((c) => c.producerParticipantId).sort()).toEqual(
      [...app.channels.defaultChannel.activeSpeakerIds].sort(),
    );
    channelEvents.unsubscribe();
  });

  it('pages Channel.participants and refuses bad pages with BAD_USER_INPUT', async () => {
    const all = (await observer.data(ChannelParticipantsPageDocument, { id: lobby })).channel!.participants;
    expect(all).toHaveLength(app.channels.defaultChannel.participantCount);
    const first = (await observer.data(ChannelParticipantsPageDocument, { id: lobby, first: 5 })).channel!.participants;
    expect(first.map((p) => p.id)).toEqual(all.slice(0, 5).map((p) => p.id));
    const next = (await observer.data(ChannelParticipantsPageDocument, { id: lobby, first: 5, after: first[4]!.id })).channel!.participants;
    expect(next.map((p) => p.id)).toEqual(all.slice(5, 10).map((p) => p.id));
    expect(await observer.errorCode(ChannelParticipantsPageDocument, { id: lobby, first: 0 })).toBe('BAD_USER_INPUT');
    expect(await observer.errorCode(ChannelParticipantsPageDocument, { id: lobby, first: 501 })).toBe('BAD_USER_INPUT');
    expect(await observer.errorCode(ChannelParticipantsPageDocument, { id: lobby, after: 'nobody' })).toBe('BAD_USER_INPUT');
  });

  it('leaves nothing in the worker once everybody left', async () => {
    await Promise.all(members.map((member) => member.client.data(LeaveChannelDocument, {})));
    const channel = app.channels.defaultChannel;
    expect(
      await waitFor(
        () => channel.participantCount,
        (n) => n === 0,
        5000,
      ),
    ).toBe(0);
    expect(channel.activeSpeakerIds).toEqual([]);
    expect(await dumpCounts(channel)).toEqual({ consumers: 0, producers: 0, transports: 0 });
  });
});
