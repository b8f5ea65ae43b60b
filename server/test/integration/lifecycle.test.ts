import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelEventsDocument,
  LeaveChannelDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { sleep } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, mediaIdsOf, produceAudio, waitForEvent } from '@voxlay/testing/session';

describe('leaving and losing the connection', () => {
  let app: VoxlayApp;
  let caps: unknown;
  let observer: TestClient;

  /** The worker's own view of the channel router: none of these ids may remain. */
  async function expectGoneFromWorker(ids: string[]): Promise<void> {
    expect(ids.length).toBeGreaterThan(0);
    const dump = JSON.stringify(await app.channels.defaultChannel.router.dump());
    for (const id of ids) expect(dump).not.toContain(id);
  }

  beforeAll(async () => {
    app = await startTestApp();
    observer = new TestClient(app.url);
    caps = (await observer.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
  });

  afterAll(async () => {
    await observer?.close();
    await app?.stop();
  });

  it('closes every mediasoup object at once on leave, and the others see ParticipantLeft', async () => {
    const lobby = app.channels.defaultChannel.id;
    const channelEvents = observer.subscribe(ChannelEventsDocument, { channelId: lobby });
    const ann = await joinMember(app, lobby, 'Ann', caps);
    const bob = await joinMember(app, lobby, 'Bob', caps);
    await produceAudio(ann);
    await produceAudio(bob);
    await waitForEvent(ann, 'ConsumerAdded');
    await waitForEvent(bob, 'ConsumerAdded');
    const bobIds = mediaIdsOf(app, bob.joined.participant.id);
    expect(bobIds).toHaveLength(4); // two transports, a producer, a consumer

    expect((await bob.client.data(LeaveChannelDocument, {})).leaveChannel).toBe(true);
    const left = await waitForEvent(ann, 'ParticipantLeft');
    expect(left).toMatchObject({ participantId: bob.joined.participant.id, reason: 'LEFT' });
    await waitForEvent(ann, 'ConsumerClosed');
    await bob.events.waitForCompletion();
    await expectGoneFromWorker(bobIds);
    expect(app.channels.defaultChannel.participantCount).toBe(1);
    await channelEvents.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ParticipantLeft' && event.participantId === bob.joined.participant.id,
    );
    expect(channelEvents.values.map(({ channelEvents: event }) => event.__typename)).toEqual(
      expect.arrayContaining(['ParticipantJoined', 'ProducerAdded', 'ProducerClosed', 'ParticipantLeft']),
    );

    // Leaving again is refused: the connection holds no participant any more.
    await bob.client.data(LeaveChannelDocument, {}).then(
      () => expect.unreachable(),
      () => undefined,
    );
    channelEvents.unsubscribe();
    await Promise.all([ann.client.close(), bob.client.close()]);
    await sleep(400);
  });

  it('keeps a dropped participant for the grace period, then closes it as DISCONNECTED', async () => {
    const lobby = app.channels.defaultChannel.id;
    const ann = await joinMember(app, lobby, 'Ann', caps);
    const bob = await joinMember(app, lobby, 'Bob', caps);
    await produceAudio(bob);
    await waitForEvent(ann, 'ConsumerAdded');
    const bobIds = mediaIdsOf(app, bob.joined.participant.id);

    bob.client.drop();
    await sleep(50);
    expect(app.channels.defaultChannel.participant(bob.joined.participant.id)).toBeDefined();
    const left = await waitForEvent(ann, 'ParticipantLeft');
    expect(left).toMatchObject({ participantId: bob.joined.participant.id, reason: 'DISCONNECTED' });
    await waitForEvent(ann, 'ConsumerClosed');
    await expectGoneFromWorker(bobIds);
    expect(app.channels.defaultChannel.participantCount).toBe(1);
    await ann.client.close();
  });

  it('replays buffered events after a seq to a re-subscription of the same connection', async () => {
    const lobby = app.channels.defaultChannel.id;
    await sleep(400);
    const ann = await joinMember(app, lobby, 'Ann', caps);
    const bob = await joinMember(app, lobby, 'Bob', caps);
    await produceAudio(bob);
    await waitForEvent(ann, 'ConsumerAdded');
    ann.events.unsubscribe();
    const { ParticipantEventsDocument } = await import('../../../core/src/graphql/__generated__/graphql.js');
    const replay = ann.client.subscribe(ParticipantEventsDocument, { participantId: ann.joined.participant.id, afterSeq: 1 });
    const first = await replay.waitFor(() => true);
    expect(first.participantEvents.seq).toBe(2);
    const stranger = bob.client.subscribe(ParticipantEventsDocument, { participantId: ann.joined.participant.id, afterSeq: null });
    expect(JSON.stringify(await stranger.waitForError())).toContain('FORBIDDEN');
    await Promise.all([ann.client.close(), bob.client.close()]);
  });
});
