import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  JoinChannelDocument,
  PauseConsumersDocument,
  PauseProducerDocument,
  ProduceDocument,
  ResumeConsumersDocument,
  ResumeProducerDocument,
  RestartIceDocument,
  SetRtpCapabilitiesDocument,
  CloseProducerDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { clientDtlsParameters, opusRtpParameters } from '@voxlay/testing/media';
import { TestParticipants } from '@voxlay/testing/participants';
import { produceAudio, waitForEvent } from '@voxlay/testing/session';

describe('a joined participant', () => {
  let app: VoxlayApp;
  let caps: unknown;
  let lobby: string;
  let participants: TestParticipants;

  beforeAll(async () => {
    app = await startTestApp();
    participants = new TestParticipants(app);
    lobby = participants.lobby;
    caps = participants.rtpCapabilities;
  });

  // Closes every participant's client and waits for the grace period, so each test starts with an empty lobby.
  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  it('gets everything to start media from one join: both transports, itself and a seq', async () => {
    const ann = await participants.join('  Ann ');
    const { joined } = ann;
    expect(joined.participant).toMatchObject({ displayName: 'Ann', channelId: lobby, muted: true });
    expect(joined.channel).toMatchObject({ id: lobby, isDefault: true, participantCount: 1 });
    expect(joined.channel.participants.map((p) => p.id)).toEqual([joined.participant.id]);
    for (const transport of [joined.sendTransport, joined.recvTransport]) {
      expect(transport.iceParameters).toHaveProperty('usernameFragment');
      expect((transport.iceCandidates as unknown[]).length).toBeGreaterThan(0);
      expect(transport.dtlsParameters).toHaveProperty('fingerprints');
    }
    expect(joined.sendTransport.id).not.toBe(joined.recvTransport.id);
    expect(joined.consumers).toEqual([]);
    expect(joined.seq).toBe(0);
  });

  it('refuses a second join on the same connection with ALREADY_JOINED', async () => {
    const ann = await participants.join('Ann');
    const code = await ann.client.errorCode(JoinChannelDocument, { input: { channelId: lobby, displayName: 'Ann again' } });
    expect(code).toBe('ALREADY_JOINED');
    expect(app.channels.participantCount).toBe(1);
  });

  it('tells the others about a new producer and hands them a paused consumer for it', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    const joinedSeen = await waitForEvent(ann, 'ParticipantJoined');
    expect(joinedSeen.participant.id).toBe(bob.joined.participant.id);

    const producerId = await produceAudio(bob);
    const added = await waitForEvent(ann, 'ProducerAdded');
    expect(added.producer).toMatchObject({ id: producerId, participantId: bob.joined.participant.id, paused: false });
    const consumerAdded = await waitForEvent(ann, 'ConsumerAdded');
    expect(consumerAdded.consumer).toMatchObject({
      producerId,
      producerParticipantId: bob.joined.participant.id,
      kind: 'AUDIO',
      producerPaused: false,
    });
    const seqs = ann.events.values.map((value) => value.participantEvents.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBe(1);
  });

  it('gives a late joiner with RTP capabilities the consumers in its join payload, not as events', async () => {
    const ann = await participants.join('Ann');
    const producerId = await produceAudio(ann);
    const bob = await participants.join('Bob');
    expect(bob.joined.consumers).toHaveLength(1);
    expect(bob.joined.consumers[0]).toMatchObject({ producerId, producerParticipantId: ann.joined.participant.id });
    await produceAudio(ann).catch(() => undefined); // a second produce is refused, nothing new fans out
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.events.values.some((value) => value.participantEvents.event.__typename === 'ConsumerAdded')).toBe(false);
  });

  it('creates the consumers when RTP capabilities come later with setRtpCapabilities', async () => {
    const ann = await participants.join('Ann');
    const producerId = await produceAudio(ann);
    const bob = await participants.join('Bob', { rtpCapabilities: null });
    expect(bob.joined.consumers).toEqual([]);
    const { setRtpCapabilities } = await bob.client.data(SetRtpCapabilitiesDocument, { rtpCapabilities: caps });
    expect(setRtpCapabilities).toHaveLength(1);
    expect(setRtpCapabilities[0]).toMatchObject({ producerId, producerPaused: false });
    expect(await bob.client.errorCode(SetRtpCapabilitiesDocument, { rtpCapabilities: caps })).toBe('BAD_USER_INPUT');
  });

  it('shows a mute and an unmute to everybody in the channel, the sender included', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    const producerId = await produceAudio(bob);
    const paused = await bob.client.data(PauseProducerDocument, { producerId });
    expect(paused.pauseProducer.paused).toBe(true);
    const mutedForAnn = await waitForEvent(ann, 'MuteChanged', (event) => event.muted);
    expect(mutedForAnn.participantId).toBe(bob.joined.participant.id);
    await waitForEvent(bob, 'MuteChanged', (event) => event.muted);
    const consumer = app.channels.defaultChannel.participant(ann.joined.participant.id)?.consumers[0];
    expect(consumer?.producerPaused).toBe(true);

    await bob.client.data(ResumeProducerDocument, { producerId });
    await waitForEvent(ann, 'MuteChanged', (event) => !event.muted);
    expect(app.channels.defaultChannel.participant(bob.joined.participant.id)?.muted).toBe(false);
  });

  it('resumes and pauses its own consumers, and connects its receive transport in the same request', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    await produceAudio(bob);
    const { consumer } = await waitForEvent(ann, 'ConsumerAdded');
    const result = await ann.client.data(ConnectRecvTransportDocument, {
      transportId: ann.joined.recvTransport.id,
      dtlsParameters: clientDtlsParameters(),
      consumerIds: [consumer.id],
    });
    expect(result.connectTransport).toMatchObject({ id: ann.joined.recvTransport.id, dtlsState: 'NEW' });
    expect(result.resumeConsumers).toEqual([{ id: consumer.id, paused: false }]);
    const { pauseConsumers } = await ann.client.data(PauseConsumersDocument, { consumerIds: [consumer.id] });
    expect(pauseConsumers).toEqual([{ id: consumer.id, paused: true }]);
  });

  it('refuses bad DTLS parameters with BAD_USER_INPUT and leaves the transport as it was', async () => {
    const ann = await participants.join('Ann');
    const transportId = ann.joined.sendTransport.id;
    for (const dtlsParameters of [{}, { fingerprints: [] }, { fingerprints: [{ algorithm: 'md5', value: 'AB' }] }, 'x']) {
      expect(await ann.client.errorCode(ConnectTransportDocument, { transportId, dtlsParameters })).toBe('BAD_USER_INPUT');
    }
    const transport = app.channels.defaultChannel.participant(ann.joined.participant.id)?.sendTransport;
    expect(transport?.dtlsState).toBe('new');
    const ok = await ann.client.data(ConnectTransportDocument, { transportId, dtlsParameters: clientDtlsParameters() });
    // No ICE here, so DTLS cannot start: the state stays NEW, but a second connect is refused.
    expect(ok.connectTransport.dtlsState).toBe('NEW');
    expect(await ann.client.errorCode(ConnectTransportDocument, { transportId, dtlsParameters: clientDtlsParameters() })).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses invalid RTP parameters, video, and producing on the receive transport', async () => {
    const ann = await participants.join('Ann');
    const send = ann.joined.sendTransport.id;
    const produce = (transportId: string, rtpParameters: unknown) =>
      ann.client.errorCode(ProduceDocument, { input: { transportId, kind: 'AUDIO', rtpParameters } });
    expect(await produce(send, { codecs: [] })).toBe('BAD_USER_INPUT');
    expect(await produce(send, { ...opusRtpParameters(), codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }] })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await produce(ann.joined.recvTransport.id, opusRtpParameters())).toBe('BAD_USER_INPUT');
    const wrongKind = await ann.client.request(ProduceDocument, {
      input: { transportId: send, kind: 'VIDEO' as 'AUDIO', rtpParameters: opusRtpParameters() },
    });
    expect(wrongKind.errors?.length).toBeGreaterThan(0);
    expect(app.channels.defaultChannel.participant(ann.joined.participant.id)?.producers).toEqual([]);
  });

  it("refuses somebody else's transport, producer and consumer ids with FORBIDDEN", async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    const bobProducer = await produceAudio(bob);
    await produceAudio(ann);
    const { consumer: bobConsumer } = await waitForEvent(bob, 'ConsumerAdded');
    const client = ann.client;
    expect(
      await client.errorCode(ConnectTransportDocument, {
        transportId: bob.joined.sendTransport.id,
        dtlsParameters: clientDtlsParameters(),
      }),
    ).toBe('FORBIDDEN');
    expect(await client.errorCode(RestartIceDocument, { transportId: bob.joined.recvTransport.id })).toBe('FORBIDDEN');
    expect(await client.errorCode(PauseProducerDocument, { producerId: bobProducer })).toBe('FORBIDDEN');
    expect(await client.errorCode(CloseProducerDocument, { producerId: bobProducer })).toBe('FORBIDDEN');
    expect(await client.errorCode(ResumeConsumersDocument, { consumerIds: [bobConsumer.id] })).toBe('FORBIDDEN');
    expect(app.channels.defaultChannel.participant(bob.joined.participant.id)?.producer?.paused).toBe(false);
  });

  it('refuses unknown ids with NOT_FOUND and changes none of the listed consumers', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    await produceAudio(bob);
    const { consumer } = await waitForEvent(ann, 'ConsumerAdded');
    const client = ann.client;
    expect(await client.errorCode(ConnectTransportDocument, { transportId: 'nope', dtlsParameters: clientDtlsParameters() })).toBe(
      'NOT_FOUND',
    );
    expect(await client.errorCode(ResumeProducerDocument, { producerId: 'nope' })).toBe('NOT_FOUND');
    expect(await client.errorCode(ResumeConsumersDocument, { consumerIds: [consumer.id, 'nope'] })).toBe('NOT_FOUND');
    expect(app.channels.defaultChannel.participant(ann.joined.participant.id)?.consumers[0]?.paused).toBe(true);
  });

  it('restarts ICE on its own transport', async () => {
    const ann = await participants.join('Ann');
    const { restartIce } = await ann.client.data(RestartIceDocument, { transportId: ann.joined.sendTransport.id });
    expect(restartIce).toHaveProperty('usernameFragment');
  });

  it('closes the consumers of others when it closes its producer', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    const producerId = await produceAudio(bob);
    const { consumer } = await waitForEvent(ann, 'ConsumerAdded');
    await bob.client.data(CloseProducerDocument, { producerId });
    const closed = await waitForEvent(ann, 'ConsumerClosed');
    expect(closed).toMatchObject({ consumerId: consumer.id, producerId });
    await waitForEvent(ann, 'ProducerClosed', (event) => event.producerId === producerId);
    // Producing again works after closing.
    await produceAudio(bob);
    await waitForEvent(ann, 'ConsumerAdded', (event) => event.consumer.id !== consumer.id);
  });
});
