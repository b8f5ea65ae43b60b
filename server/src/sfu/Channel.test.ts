// Channel over a real mediasoup worker: joins, the events it emits, what close() frees.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { opusRtpParameters, recordingLogger, rejection, silentLogger, startPool } from '../../test/unit/fixtures.js';
import { Channel } from './Channel.js';
import type { ChannelEventData, ChannelOptions } from './ChannelTypes.js';
import { InvalidStateError } from './errors.js';
import type { Participant } from './Participant.js';
import type { WorkerPool } from './WorkerPool.js';

describe('Channel', () => {
  let pool: WorkerPool;
  let channel: Channel;
  let events: ChannelEventData[];

  async function open(options: Partial<ChannelOptions> = {}): Promise<Channel> {
    const created = await Channel.create({
      id: 'unit-channel',
      name: 'Unit',
      isDefault: false,
      pool,
      transportSettings: { listenIp: '127.0.0.1' },
      logger: silentLogger(),
      ...options,
    });
    created.on('event', (event) => events.push(event));
    return created;
  }

  function join(displayName: string): Promise<Participant> {
    return channel.join({ displayName, rtpCapabilities: channel.rtpCapabilities }).then((result) => result.participant);
  }

  beforeEach(async () => {
    events = [];
    pool = await startPool();
    channel = await open();
  });

  afterEach(() => {
    channel?.close();
    pool?.close();
  });

  it("channel.join() creates a participant with both transports on the channel's router; ParticipantJoined and observer newparticipant follow", async () => {
    const onNew = vi.fn();
    channel.observer.on('newparticipant', onNew);
    const { participant, consumers, seq } = await channel.join({ displayName: 'Ann' });
    expect(channel.participants).toEqual([participant]);
    expect(channel.participant(participant.id)).toBe(participant);
    expect(participant.router).toBe(channel.router);
    expect((await channel.router.dump()).transportIds.sort()).toEqual(participant.transports.map((t) => t.id).sort());
    expect(consumers).toEqual([]);
    expect(seq).toBe(0);
    expect(events).toEqual([{ type: 'ParticipantJoined', channelId: channel.id, participant }]);
    expect(onNew).toHaveBeenCalledExactlyOnceWith(participant);
    expect(channel.empty).toBe(false);
  });

  it('a producer is fanned out: the others get ProducerAdded and a paused consumer, the channel emits ProducerAdded and ActiveSpeakersChanged', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    events = [];
    const producer = await ann.produce(ann.sendTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused: false });
    await vi.waitFor(() => expect(bob.consumers).toHaveLength(1));
    expect(bob.consumers[0]!.appData).toMatchObject({ producerId: producer.id, producerParticipantId: ann.id });
    expect(bob.consumers[0]!.paused).toBe(true);
    expect(events).toContainEqual({ type: 'ProducerAdded', channelId: channel.id, producer });
    expect(events).toContainEqual({ type: 'ActiveSpeakersChanged', channelId: channel.id, participantIds: [ann.id] });
    expect(channel.activeSpeakerIds).toEqual([ann.id]);
  });

  it("a throwing listener of the channel's events is logged and does not fail the produce() that caused them", async () => {
    const { logger, errors } = recordingLogger();
    channel.close();
    channel = await open({ logger });
    const ann = await join('Ann');
    channel.on('event', (event) => {
      if (event.type === 'ProducerAdded') throw new Error('listener bug');
    });
    const producer = await ann.produce(ann.sendTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused: false });
    expect(producer.closed).toBe(false);
    expect(channel.activeSpeakerIds).toEqual([ann.id]);
    expect(errors).toMatchObject([{ msg: 'an event listener threw', eventName: 'event' }]);
  });

  it('participant.close() frees its media, and the channel forgets it with ParticipantLeft (its reason) and ProducerClosed', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    const producer = await ann.produce(ann.sendTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused: false });
    await vi.waitFor(() => expect(bob.consumers).toHaveLength(1));
    const consumer = bob.consumers[0]!;
    events = [];
    ann.close('LEFT');
    expect(channel.participants).toEqual([bob]);
    expect(producer.closed).toBe(true);
    await vi.waitFor(() => expect(consumer.closed).toBe(true));
    expect(events).toContainEqual({ type: 'ProducerClosed', channelId: channel.id, producerId: producer.id, participantId: ann.id });
    expect(events).toContainEqual({ type: 'ParticipantLeft', channelId: channel.id, participantId: ann.id, reason: 'LEFT' });
    expect((await channel.router.dump()).transportIds.sort()).toEqual(bob.transports.map((t) => t.id).sort());
  });

  it('channel.close() closes every participant and router, emits @close and observer close once, and frees every mediasoup object', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    await ann.produce(ann.sendTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused: false });
    await vi.waitFor(() => expect(bob.consumers).toHaveLength(1));
    const router = channel.router;
    const onPrivateClose = vi.fn();
    const onObserverClose = vi.fn();
    const onParticipantClose = vi.fn();
    channel.on('@close', onPrivateClose);
    channel.observer.on('close', onObserverClose);
    for (const participant of [ann, bob]) participant.observer.on('close', onParticipantClose);
    channel.close();
    channel.close();
    expect(channel.closed).toBe(true);
    expect(onPrivateClose).toHaveBeenCalledOnce();
    expect(onObserverClose).toHaveBeenCalledOnce();
    expect(onParticipantClose.mock.calls).toEqual([['CHANNEL_CLOSED'], ['CHANNEL_CLOSED']]);
    expect([ann, bob].every((participant) => participant.closed && participant.transports.every((t) => t.closed))).toBe(true);
    expect(router.closed).toBe(true);
    expect(channel.participants).toEqual([]);
    expect(pool.workers[0]!.routerCount).toBe(0);
    expect(pool.workers[0]!.webRtcTransportCount).toBe(0);
  });

  it('channel.close("CHANNEL_DELETED") gives every participant its own ParticipantLeft first, and the watchers see each leave', async () => {
    const ann = await join('Ann');
    const stream = ann.outbox.subscribe(ann.outbox.seq);
    events = [];
    channel.close('CHANNEL_DELETED');
    const received = [];
    for await (const message of stream) received.push(message.event);
    const left = { type: 'ParticipantLeft', channelId: channel.id, participantId: ann.id, reason: 'CHANNEL_DELETED' };
    expect(received).toEqual([left]);
    expect(events).toEqual([left]);
    expect(ann.leaveReason).toBe('CHANNEL_DELETED');
  });

  it('a join after close rejects with NOT_FOUND; consumeExisting() on a closed channel throws InvalidStateError', async () => {
    const ann = await join('Ann');
    channel.close();
    expect((await rejection(channel.join({ displayName: 'Late' }))).extensions?.code).toBe('NOT_FOUND');
    expect(await rejection(channel.consumeExisting(ann))).toBeInstanceOf(InvalidStateError);
  });

  it('a join beyond maxParticipants is CHANNEL_FULL and creates nothing', async () => {
    channel.close();
    channel = await open({ maxParticipants: 1 });
    await join('Ann');
    expect((await rejection(join('Bob'))).extensions?.code).toBe('CHANNEL_FULL');
    expect(channel.participantCount).toBe(1);
    expect(pool.workers[0]!.webRtcTransportCount).toBe(2);
  });
});
