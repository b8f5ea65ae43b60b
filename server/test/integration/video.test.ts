// Video over the real app (GraphQL-only participants, no browser): cameras and screens are produced
// with their MediaSource, announced to everybody (StreamStarted, live / cameraOn), and consumed only
// by the participants who watch them (watchStream), never by last-N. Checked on the server's objects
// and in the worker's own dump.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseProducerDocument, LeaveChannelDocument, ResumeConsumersDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import { SilentMembers } from '../../../bench/lib/large-channel-members.js';
import type { VoxlayApp } from '../../src/app.js';
import { opusRtpParameters } from '@voxlay/testing/media';
import { TestParticipants } from '@voxlay/testing/participants';
import { startTestApp } from '@voxlay/testing/server';
import { produceAudio, waitForEvent, type Member } from '@voxlay/testing/session';
import { waitFor } from '@voxlay/testing/wait';
import { channelOf } from './helpers/channel-state.js';
import {
  ChannelVideoDocument,
  dumpedConsumersOf,
  MyConsumerLayersDocument,
  observeVideoChannelEvents,
  produceError,
  SetPreferredLayersDocument,
  SetReceiveBitrateDocument,
  ProduceSourceDocument,
  StopWatchingDocument,
  streamConsumers,
  vp8RtpParameters,
  WatchStreamDocument,
} from './helpers/video.js';

const MAX_VIDEO_STREAMS = 2;
const MAX_WATCHED = 2;
const RECEIVE_BITRATE = 20_000_000;
const MIDS = { MICROPHONE: '0', CAMERA: '1', SCREEN: '2', SCREEN_AUDIO: '3' } as const;

type Source = keyof typeof MIDS;

describe('video: cameras and screens watched on demand', () => {
  let app: VoxlayApp;
  let participants: TestParticipants;
  let lobby: string;

  beforeAll(async () => {
    app = await startTestApp({
      maxVideoStreamsPerChannel: MAX_VIDEO_STREAMS,
      maxWatchedStreamsPerParticipant: MAX_WATCHED,
      maxReceiveBitrate: RECEIVE_BITRATE,
      // The many-member test joins a few hundred clients from loopback.
      addressLimitsExempt: ['loopback'],
    });
    participants = new TestParticipants(app);
    lobby = participants.lobby;
  });

  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  /** Produces `source` with matching parameters (VP8 for video, Opus for audio); returns the producer's id. */
  async function produce(member: Member, source: Source): Promise<string> {
    const video = source === 'CAMERA' || source === 'SCREEN';
    const { produce: producer } = await member.client.data(ProduceSourceDocument, {
      input: {
        transportId: member.joined.sendTransport.id,
        kind: video ? 'VIDEO' : 'AUDIO',
        source,
        rtpParameters: video ? vp8RtpParameters(MIDS[source]) : opusRtpParameters(MIDS[source]),
      },
    });
    return producer.id;
  }

  function watchError(member: Member, producerId: string) {
    return member.client.request(WatchStreamDocument, { producerId }).then((result) => result.errors?.[0]?.extensions);
  }

  const participantOf = (member: Member) => channelOf(app, lobby).participant(member.joined.participant.id)!;

  it('produces a camera and a screen as VIDEO and its sound as AUDIO; a microphone needs no source; everybody sees LIVE and the camera', async () => {
    const events = await observeVideoChannelEvents(participants, lobby);
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');

    const microphone = await produceAudio(alice);
    const camera = await produce(alice, 'CAMERA');
    const screen = await produce(alice, 'SCREEN');
    const screenAudio = await produce(alice, 'SCREEN_AUDIO');

    const server = participantOf(alice);
    expect(new Map(server.producers.map((p) => [p.id, [p.kind, p.appData.source]]))).toEqual(
      new Map([
        [microphone, ['audio', 'MICROPHONE']],
        [camera, ['video', 'CAMERA']],
        [screen, ['video', 'SCREEN']],
        [screenAudio, ['audio', 'SCREEN_AUDIO']],
      ]),
    );
    expect({ live: server.live, cameraOn: server.cameraOn, muted: server.muted }).toEqual({ live: true, cameraOn: true, muted: false });
    expect(channelOf(app, lobby).videoStreamCount).toBe(2);

    // Everybody may read who is live and the ids to watch.
    const { channel } = await bob.client.data(ChannelVideoDocument, { id: lobby });
    const view = channel?.participants.find((p) => p.id === alice.joined.participant.id);
    expect(view).toMatchObject({ live: true, cameraOn: true });
    expect(view?.streams.map((s) => [s.id, s.kind, s.source]).sort()).toEqual(
      [
        [camera, 'VIDEO', 'CAMERA'],
        [screen, 'VIDEO', 'SCREEN'],
        [screenAudio, 'AUDIO', 'SCREEN_AUDIO'],
      ].sort(),
    );
    expect(channel?.participants.find((p) => p.id === bob.joined.participant.id)).toMatchObject({
      live: false,
      cameraOn: false,
      streams: [],
    });

    // The streams are announced, not consumed: Bob receives the microphone (last-N) and nothing else.
    await events.waitFor(({ channelEvents: e }) => e.__typename === 'StreamStarted' && e.producer.id === screen);
    await events.waitFor(
      ({ channelEvents: e }) => e.__typename === 'ParticipantStateChanged' && e.participant.live && e.participant.cameraOn,
    );
    await waitForEvent(bob, 'ConsumerAdded', (event) => event.consumer.producerId === microphone);
    expect(participantOf(bob).consumers.map((c) => c.appData.producerId)).toEqual([microphone]);
    for (const id of [camera, screen, screenAudio]) expect(await dumpedConsumersOf(channelOf(app, lobby), id)).toBe(0);

    // Stopping the screen: StreamStopped and LIVE off for everybody, the place given back.
    await alice.client.data(CloseProducerDocument, { producerId: screen });
    await events.waitFor(({ channelEvents: e }) => e.__typename === 'StreamStopped' && e.producerId === screen && e.source === 'SCREEN');
    await events.waitFor(
      ({ channelEvents: e }) => e.__typename === 'ParticipantStateChanged' && !e.participant.live && e.participant.cameraOn,
    );
    expect(server.live).toBe(false);
    expect(channelOf(app, lobby).videoStreamCount).toBe(1);
    events.unsubscribe();
  });

  it('refuses bad produce input with coded errors, never an internal error', async () => {
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const carol = await participants.join('Carol');

    expect(await produceError(alice, { kind: 'AUDIO', source: 'CAMERA', rtpParameters: opusRtpParameters(MIDS.CAMERA) })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await produceError(alice, { kind: 'VIDEO', rtpParameters: vp8RtpParameters(MIDS.CAMERA) })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await produceError(alice, { kind: 'VIDEO', source: 'SCREEN_AUDIO', rtpParameters: vp8RtpParameters(MIDS.SCREEN) }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await produceError(alice, { kind: 'VIDEO', source: 'CAMERA', rtpParameters: opusRtpParameters(MIDS.CAMERA) })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(channelOf(app, lobby).videoStreamCount).toBe(0);

    await produce(alice, 'CAMERA');
    expect(await produceError(alice, { kind: 'VIDEO', source: 'CAMERA', rtpParameters: vp8RtpParameters('9') })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'producersPerParticipant',
      max: 1,
    });
    const screen = await produce(alice, 'SCREEN');
    // The channel carries MAX_VIDEO_STREAMS: Bob's camera is refused until one stops.
    expect(await produceError(bob, { kind: 'VIDEO', source: 'CAMERA', rtpParameters: vp8RtpParameters(MIDS.CAMERA) })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'videoStreamsPerChannel',
      max: MAX_VIDEO_STREAMS,
    });
    // Audio streams do not count towards it.
    await produce(carol, 'SCREEN_AUDIO');
    expect(channelOf(app, lobby).videoStreamCount).toBe(MAX_VIDEO_STREAMS);
    await alice.client.data(CloseProducerDocument, { producerId: screen });
    await produce(bob, 'CAMERA');
    // A participant leaving gives its places back.
    await alice.client.data(LeaveChannelDocument, {});
    expect(channelOf(app, lobby).videoStreamCount).toBe(1);
    await produce(carol, 'SCREEN');
    expect(channelOf(app, lobby).videoStreamCount).toBe(2);
  });

  it('watchStream gives the viewer exactly one paused consumer; stopWatching closes it', async () => {
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const carol = await participants.join('Carol');
    const camera = await produce(alice, 'CAMERA');

    const { watchStream: consumer } = await bob.client.data(WatchStreamDocument, { producerId: camera });
    expect(consumer).toMatchObject({
      producerId: camera,
      producerParticipantId: alice.joined.participant.id,
      kind: 'VIDEO',
      source: 'CAMERA',
      producerPaused: false,
    });
    expect(consumer.rtpParameters.codecs[0]?.mimeType).toBe('video/VP8');
    const server = participantOf(bob).consumers.find((c) => c.id === consumer.id);
    expect(server?.paused, 'created paused, like every consumer').toBe(true);
    // Asking again (a double click) gives the same consumer.
    expect((await bob.client.data(WatchStreamDocument, { producerId: camera })).watchStream.id).toBe(consumer.id);
    expect(streamConsumers(channelOf(app, lobby))).toEqual(new Map([[bob.joined.participant.id, 1]]));
    expect(await dumpedConsumersOf(channelOf(app, lobby), camera)).toBe(1);

    await bob.client.data(ResumeConsumersDocument, { consumerIds: [consumer.id] });
    expect(server?.paused).toBe(false);

    const carolWatch = (await carol.client.data(WatchStreamDocument, { producerId: camera })).watchStream;
    expect(carolWatch.id).not.toBe(consumer.id);
    expect(await dumpedConsumersOf(channelOf(app, lobby), camera)).toBe(2);

    expect((await bob.client.data(StopWatchingDocument, { producerId: camera })).stopWatching).toBe(true);
    expect(streamConsumers(channelOf(app, lobby))).toEqual(new Map([[carol.joined.participant.id, 1]]));
    expect(await dumpedConsumersOf(channelOf(app, lobby), camera)).toBe(1);
    expect((await bob.client.data(StopWatchingDocument, { producerId: camera })).stopWatching).toBe(false);
    // Watching again after stopping works.
    const again = (await bob.client.data(WatchStreamDocument, { producerId: camera })).watchStream;
    expect(again.id).not.toBe(consumer.id);
    expect(await dumpedConsumersOf(channelOf(app, lobby), camera)).toBe(2);
  });

  it("closes viewers' consumers when the stream stops (ConsumerClosed), when a viewer leaves and when the sender leaves", async () => {
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const carol = await participants.join('Carol');
    const camera = await produce(alice, 'CAMERA');
    const bobWatch = (await bob.client.data(WatchStreamDocument, { producerId: camera })).watchStream;
    await carol.client.data(WatchStreamDocument, { producerId: camera });

    await alice.client.data(CloseProducerDocument, { producerId: camera });
    const closed = await waitForEvent(bob, 'ConsumerClosed', (event) => event.producerId === camera);
    expect(closed.consumerId).toBe(bobWatch.id);
    await waitForEvent(carol, 'ConsumerClosed', (event) => event.producerId === camera);
    expect(streamConsumers(channelOf(app, lobby)).size).toBe(0);
    expect(await watchError(bob, camera)).toMatchObject({ code: 'NOT_FOUND' });

    // A viewer leaving takes its consumer with it.
    const screen = await produce(alice, 'SCREEN');
    await bob.client.data(WatchStreamDocument, { producerId: screen });
    await carol.client.data(WatchStreamDocument, { producerId: screen });
    expect(await dumpedConsumersOf(channelOf(app, lobby), screen)).toBe(2);
    await bob.client.data(LeaveChannelDocument, {});
    expect(streamConsumers(channelOf(app, lobby), 'SCREEN')).toEqual(new Map([[carol.joined.participant.id, 1]]));
    expect(await dumpedConsumersOf(channelOf(app, lobby), screen)).toBe(1);

    // The sender leaving closes the stream for its viewers.
    await alice.client.data(LeaveChannelDocument, {});
    await waitForEvent(carol, 'ConsumerClosed', (event) => event.producerId === screen);
    expect(participantOf(carol).consumers).toEqual([]);
    expect(await dumpedConsumersOf(channelOf(app, lobby), screen)).toBe(0);
    expect(channelOf(app, lobby).videoStreamCount).toBe(0);
  });

  it('tells everybody who watches a stream (StreamViewersChanged, Producer.viewerIds), in the order they started, until it stops', async () => {
    const events = await observeVideoChannelEvents(participants, lobby);
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const carol = await participants.join('Carol');
    const [aliceId, bobId, carolId] = [alice, bob, carol].map((member) => member.joined.participant.id);
    const camera = await produce(alice, 'CAMERA');
    const viewersSeen = (viewerIds: string[]) =>
      events.waitFor(
        ({ channelEvents: e }) =>
          e.__typename === 'StreamViewersChanged' &&
          e.producerId === camera &&
          e.participantId === aliceId &&
          JSON.stringify(e.viewerIds) === JSON.stringify(viewerIds),
      );
    const viewerIdsRead = async () => {
      const { channel } = await carol.client.data(ChannelVideoDocument, { id: lobby });
      return channel?.participants.find((p) => p.id === aliceId)?.streams.find((s) => s.id === camera)?.viewerIds;
    };

    expect(await viewerIdsRead()).toEqual([]);
    await bob.client.data(WatchStreamDocument, { producerId: camera });
    await viewersSeen([bobId!]);
    await carol.client.data(WatchStreamDocument, { producerId: camera });
    await viewersSeen([bobId!, carolId!]);
    expect(await viewerIdsRead()).toEqual([bobId, carolId]);
    // Asking again changes nothing; stopping and leaving do.
    await bob.client.data(WatchStreamDocument, { producerId: camera });
    await bob.client.data(StopWatchingDocument, { producerId: camera });
    await viewersSeen([carolId!]);
    await bob.client.data(WatchStreamDocument, { producerId: camera });
    await viewersSeen([carolId!, bobId!]);
    await carol.client.data(LeaveChannelDocument, {});
    await viewersSeen([bobId!]);

    // Once the stream stops, StreamStopped says it all: no viewers event follows it.
    await alice.client.data(CloseProducerDocument, { producerId: camera });
    await events.waitFor(({ channelEvents: e }) => e.__typename === 'StreamStopped' && e.producerId === camera);
    await waitForEvent(bob, 'ConsumerClosed', (event) => event.producerId === camera);
    const after = events.values.slice(events.values.findIndex(({ channelEvents: e }) => e.__typename === 'StreamStopped'));
    expect(after.filter(({ channelEvents: e }) => e.__typename === 'StreamViewersChanged')).toEqual([]);
    events.unsubscribe();
  });

  it('setReceiveBitrate caps what a participant receives on its transport; bad values are BAD_USER_INPUT', async () => {
    const bob = await participants.join('Bob');
    const recv = participantOf(bob).recvTransport;
    const capOnWorker = async () => (await recv.getStats())[0]?.maxOutgoingBitrate ?? 0;
    expect(participantOf(bob).receiveBitrate, "the server's own cap").toBe(RECEIVE_BITRATE);
    expect(await capOnWorker()).toBe(RECEIVE_BITRATE);
    expect((await bob.client.data(SetReceiveBitrateDocument, { bitsPerSecond: 500_000 })).setReceiveBitrate).toBe(500_000);
    expect(await capOnWorker()).toBe(500_000);
    // Above the server's cap, the server's holds.
    expect((await bob.client.data(SetReceiveBitrateDocument, { bitsPerSecond: 90_000_000 })).setReceiveBitrate).toBe(RECEIVE_BITRATE);
    expect((await bob.client.data(SetReceiveBitrateDocument, { bitsPerSecond: null })).setReceiveBitrate).toBe(RECEIVE_BITRATE);
    for (const bitsPerSecond of [0, -1, 99_999, 100_000_001]) {
      const result = await bob.client.request(SetReceiveBitrateDocument, { bitsPerSecond });
      expect(result.errors?.[0]?.extensions, String(bitsPerSecond)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(await capOnWorker()).toBe(RECEIVE_BITRATE);
  });

  it('refuses watching an unknown, own, closed or microphone producer, without capabilities and beyond the limit, each with its code', async () => {
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const deaf = await participants.join('NoCaps', { rtpCapabilities: null });
    const microphone = await produceAudio(alice);
    const camera = await produce(alice, 'CAMERA');
    const screen = await produce(alice, 'SCREEN');
    const screenAudio = await produce(alice, 'SCREEN_AUDIO');

    expect(await watchError(bob, '00000000-0000-4000-8000-000000000000')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await watchError(alice, camera)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await watchError(bob, microphone)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await watchError(deaf, camera)).toMatchObject({ code: 'BAD_USER_INPUT' });

    await bob.client.data(WatchStreamDocument, { producerId: camera });
    await bob.client.data(WatchStreamDocument, { producerId: screen });
    expect(await watchError(bob, screenAudio)).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'watchedStreamsPerParticipant',
      max: MAX_WATCHED,
    });
    // The last-N microphone consumer does not count towards it, nor it towards last-N.
    expect(participantOf(bob).consumers.filter((c) => c.appData.source === 'MICROPHONE')).toHaveLength(1);
    await bob.client.data(StopWatchingDocument, { producerId: camera });
    await bob.client.data(WatchStreamDocument, { producerId: screenAudio });

    await alice.client.data(CloseProducerDocument, { producerId: camera });
    expect(await watchError(bob, camera)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a channel of many members with one stream has video consumers for its viewers only', async () => {
    const MEMBERS = 150;
    const VIEWERS = 3;
    const members = new SilentMembers();
    try {
      const phase = await members.join({
        serverUrl: app.url,
        channelId: lobby,
        count: MEMBERS,
        rtpCapabilities: participants.rtpCapabilities,
        concurrency: 8,
        subscribe: false,
        joinTimeoutMs: 10_000,
        log: () => undefined,
      });
      expect(phase.failed, `joins failed: ${phase.errors.join(' | ')}`).toBe(0);
      const alice = await participants.join('Alice');
      const viewers = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => participants.join(`Viewer ${i}`)));
      const camera = await produce(alice, 'CAMERA');
      await Promise.all(viewers.map((viewer) => viewer.client.data(WatchStreamDocument, { producerId: camera })));

      const channel = channelOf(app, lobby);
      expect(channel.participantCount).toBe(MEMBERS + 1 + VIEWERS);
      expect(streamConsumers(channel)).toEqual(new Map(viewers.map((viewer) => [viewer.joined.participant.id, 1])));
      expect(await dumpedConsumersOf(channel, camera)).toBe(VIEWERS);
      const allConsumers = channel.participants.reduce((sum, participant) => sum + participant.consumers.length, 0);
      expect(allConsumers, 'nobody speaks: the only consumers are the viewers').toBe(VIEWERS);
    } finally {
      await members.close();
      await waitFor(
        () => app.channels.participantCount,
        (count) => count <= VIEWERS + 1,
        { message: 'the members to be gone', timeoutMs: 10_000, intervalMs: 50 },
      );
    }
  });

  it('setPreferredLayers chooses the layers of a simulcast stream; consumers without layers refuse it with BAD_USER_INPUT', async () => {
    const alice = await participants.join('Alice');
    const bob = await participants.join('Bob');
    const microphone = await produceAudio(alice);
    const { produce: camera } = await alice.client.data(ProduceSourceDocument, {
      input: {
        transportId: alice.joined.sendTransport.id,
        kind: 'VIDEO',
        source: 'CAMERA',
        rtpParameters: vp8RtpParameters(MIDS.CAMERA, 3),
      },
    });
    const screen = await produce(alice, 'SCREEN');
    const simulcast = (await bob.client.data(WatchStreamDocument, { producerId: camera.id })).watchStream;
    const single = (await bob.client.data(WatchStreamDocument, { producerId: screen })).watchStream;
    const heard = await waitForEvent(bob, 'ConsumerAdded', (event) => event.consumer.producerId === microphone);

    const before = (await bob.client.data(MyConsumerLayersDocument, {})).me?.consumers ?? [];
    expect(before.find((c) => c.id === simulcast.id)).toMatchObject({
      kind: 'VIDEO',
      type: 'SIMULCAST',
      preferredLayers: { spatialLayer: 2, temporalLayer: 2 },
      currentLayers: null,
    });
    expect(before.find((c) => c.id === single.id)).toMatchObject({ type: 'SIMPLE', preferredLayers: null, currentLayers: null });

    const { setPreferredLayers: lowered } = await bob.client.data(SetPreferredLayersDocument, {
      consumerId: simulcast.id,
      spatialLayer: 0,
      temporalLayer: 1,
    });
    expect(lowered.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    expect(participantOf(bob).consumers.find((c) => c.id === simulcast.id)?.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    // Beyond the encodings the producer has: the highest there is.
    const { setPreferredLayers: highest } = await bob.client.data(SetPreferredLayersDocument, {
      consumerId: simulcast.id,
      spatialLayer: 9,
    });
    expect(highest.preferredLayers).toEqual({ spatialLayer: 2, temporalLayer: 2 });

    const refused = async (consumerId: string, spatialLayer: number, temporalLayer?: number) =>
      (await bob.client.request(SetPreferredLayersDocument, { consumerId, spatialLayer, temporalLayer })).errors?.[0]?.extensions?.code;
    expect(await refused(single.id, 0)).toBe('BAD_USER_INPUT');
    expect(await refused(heard.consumer.id, 0)).toBe('BAD_USER_INPUT');
    expect(await refused(simulcast.id, -1)).toBe('BAD_USER_INPUT');
    expect(await refused(simulcast.id, 0, -1)).toBe('BAD_USER_INPUT');
    expect(
      await alice.client
        .request(SetPreferredLayersDocument, { consumerId: simulcast.id, spatialLayer: 0 })
        .then((r) => r.errors?.[0]?.extensions?.code),
    ).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
  });
});
