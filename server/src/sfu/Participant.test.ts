// Participant over a real mediasoup worker: what it creates, what close() frees, its events and errors.
import type { types } from 'mediasoup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clientDtlsParameters,
  opusRtpParameters,
  recordingLogger,
  rejection,
  silentLogger,
  startPool,
  thrown,
} from '../../test/unit/fixtures.js';
import { InvalidStateError } from './errors.js';
import { Participant } from './Participant.js';
import type { ParticipantOptions, VoxlayProducer } from './ParticipantTypes.js';
import type { PoolWorker } from './PoolWorker.js';
import type { WorkerPool } from './WorkerPool.js';

describe('Participant', () => {
  let pool: WorkerPool;
  let router: types.Router;
  let worker: PoolWorker;

  beforeEach(async () => {
    pool = await startPool();
    ({ router, worker } = await pool.createRouter({ channelId: 'unit' }));
  });

  afterEach(() => {
    pool?.close();
  });

  function create(options: Partial<ParticipantOptions> = {}): Promise<Participant> {
    return Participant.create({
      id: options.id ?? `p-${Math.random().toString(36).slice(2)}`,
      displayName: 'Ann',
      channelId: 'unit',
      router,
      webRtcServer: worker.webRtcServer,
      rtpCapabilities: router.rtpCapabilities,
      logger: silentLogger(),
      ...options,
    });
  }

  function produce(participant: Participant, paused = false): Promise<VoxlayProducer> {
    return participant.produce(participant.sendTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused });
  }

  it("Participant.create() makes a send and a receive WebRtcTransport on the worker's WebRtcServer", async () => {
    const participant = await create();
    expect(participant.transports).toHaveLength(2);
    expect(participant.sendTransport.appData.direction).toBe('SEND');
    expect(participant.recvTransport.appData.direction).toBe('RECV');
    expect(participant.transports.every((transport) => !transport.closed)).toBe(true);
    expect(worker.webRtcTransportCount).toBe(2);
    expect(participant.closed).toBe(false);
    expect(participant.muted).toBe(true);
  });

  it('participant.produce() creates an audio producer and emits "producer"; a second one is LIMIT_EXCEEDED', async () => {
    const participant = await create();
    const onProducer = vi.fn();
    participant.on('producer', onProducer);
    const producer = await produce(participant);
    expect(producer.kind).toBe('audio');
    expect(producer.appData.participantId).toBe(participant.id);
    expect(participant.producer).toBe(producer);
    expect(participant.muted).toBe(false);
    expect(onProducer).toHaveBeenCalledExactlyOnceWith(producer);
    expect((await rejection(produce(participant))).extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('participant.produce() refuses the receive transport and video with BAD_USER_INPUT, and a missing publish right with FORBIDDEN', async () => {
    const participant = await create();
    const onRecv = participant.produce(participant.recvTransport, { kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused: false });
    expect((await rejection(onRecv)).extensions?.code).toBe('BAD_USER_INPUT');
    const video = { ...opusRtpParameters(), codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] };
    const asVideo = participant.produce(participant.sendTransport, { kind: 'AUDIO', rtpParameters: video, paused: false });
    expect((await rejection(asVideo)).extensions?.code).toBe('BAD_USER_INPUT');
    const listener = await create({ permissions: { publish: false, subscribe: true } });
    expect((await rejection(produce(listener))).extensions?.code).toBe('FORBIDDEN');
  });

  it('a "producer" listener that throws is logged and reported as listenererror; produce() still resolves with a live producer and later listeners run', async () => {
    const { logger, errors } = recordingLogger();
    const participant = await create({ logger });
    const failure = new Error('listener bug');
    const onListenerError = vi.fn();
    const after = vi.fn();
    participant.on('producer', () => {
      throw failure;
    });
    participant.on('producer', after);
    participant.on('listenererror', onListenerError);
    const producer = await produce(participant);
    expect(producer.closed).toBe(false);
    expect(participant.producer).toBe(producer);
    expect(after).toHaveBeenCalledExactlyOnceWith(producer);
    expect(onListenerError).toHaveBeenCalledExactlyOnceWith('producer', failure);
    expect(errors).toMatchObject([{ msg: 'an event listener threw', eventName: 'producer' }]);
  });

  it('participant.setProducerPaused() emits "mutechange" only when the state changes', async () => {
    const participant = await create();
    const producer = await produce(participant);
    const onMute = vi.fn();
    participant.on('mutechange', onMute);
    await participant.setProducerPaused(producer, true);
    await participant.setProducerPaused(producer, true);
    expect(producer.paused).toBe(true);
    expect(participant.muted).toBe(true);
    await participant.setProducerPaused(producer, false);
    expect(onMute.mock.calls).toEqual([[true], [false]]);
  });

  it("participant.consume() creates a paused consumer of another participant's producer; closing that producer closes it and pushes ConsumerClosed", async () => {
    const speaker = await create();
    const listener = await create();
    const producer = await produce(speaker);
    const options = await listener.consume(producer);
    expect(options).toMatchObject({ producerId: producer.id, producerParticipantId: speaker.id, kind: 'AUDIO', producerPaused: false });
    const consumer = listener.find('consumer', options!.id)!;
    expect(consumer.paused).toBe(true);
    expect(await listener.consume(producer)).toBeNull();
    const onClose = vi.fn();
    speaker.on('producerclose', onClose);
    speaker.closeProducer(producer);
    expect(onClose).toHaveBeenCalledExactlyOnceWith(producer);
    await vi.waitFor(() => expect(consumer.closed).toBe(true));
    expect(listener.consumers).toEqual([]);
    const events = [];
    const stream = listener.outbox.subscribe(0);
    listener.close('LEFT');
    for await (const message of stream) events.push(message.event);
    expect(events).toContainEqual({ type: 'ConsumerClosed', consumerId: consumer.id, producerId: producer.id });
  });

  it('participant.close() frees its transports, producer and consumers, emits producerclose, @close and observer close with the reason, and is idempotent', async () => {
    const participant = await create();
    const other = await create();
    const producer = await produce(participant);
    const consumer = listenerConsumer(await participant.consume(await produce(other)), participant);
    const onProducerClose = vi.fn();
    const onPrivateClose = vi.fn();
    const onObserverClose = vi.fn();
    participant.on('producerclose', onProducerClose);
    participant.on('@close', onPrivateClose);
    participant.observer.on('close', onObserverClose);
    participant.close('LEFT');
    participant.close('DISCONNECTED');
    expect(participant.closed).toBe(true);
    expect(participant.leaveReason).toBe('LEFT');
    expect(participant.transports.every((transport) => transport.closed)).toBe(true);
    expect(producer.closed).toBe(true);
    expect(consumer.closed).toBe(true);
    expect(participant.producer).toBeUndefined();
    expect(participant.consumers).toEqual([]);
    expect(participant.outbox.closed).toBe(true);
    expect(onProducerClose).toHaveBeenCalledExactlyOnceWith(producer);
    expect(onPrivateClose).toHaveBeenCalledExactlyOnceWith('LEFT');
    expect(onObserverClose).toHaveBeenCalledExactlyOnceWith('LEFT');
    // Only the other participant's two transports are left on the worker.
    const dump = await router.dump();
    expect(dump.transportIds).toHaveLength(2);
    expect(worker.webRtcTransportCount).toBe(2);
  });

  it('participant.channelClosed() frees everything like close() but tells the channel nothing: no @close, no producerclose', async () => {
    const participant = await create();
    const producer = await produce(participant);
    const onPrivateClose = vi.fn();
    const onProducerClose = vi.fn();
    const onObserverClose = vi.fn();
    participant.on('@close', onPrivateClose);
    participant.on('producerclose', onProducerClose);
    participant.observer.on('close', onObserverClose);
    participant.channelClosed('CHANNEL_DELETED');
    expect(participant.closed).toBe(true);
    expect(participant.leaveReason).toBe('CHANNEL_DELETED');
    expect(producer.closed).toBe(true);
    expect(participant.transports.every((transport) => transport.closed)).toBe(true);
    expect(onPrivateClose).not.toHaveBeenCalled();
    expect(onProducerClose).not.toHaveBeenCalled();
    expect(onObserverClose).toHaveBeenCalledExactlyOnceWith('CHANNEL_DELETED');
    expect((await router.dump()).transportIds).toEqual([]);
  });

  it('media calls on a closed participant throw InvalidStateError', async () => {
    const participant = await create({ rtpCapabilities: undefined });
    const producer = await produce(participant);
    participant.close('LEFT');
    const calls: Array<Promise<unknown>> = [
      produce(participant),
      participant.connectTransport(participant.sendTransport, clientDtlsParameters()),
      participant.restartIce(participant.recvTransport),
      participant.setProducerPaused(producer, true),
    ];
    for (const call of calls) expect(await rejection(call)).toBeInstanceOf(InvalidStateError);
    expect(thrown(() => participant.setRtpCapabilities(router.rtpCapabilities))).toBeInstanceOf(InvalidStateError);
    // Consuming is asked by the channel for every listener: a closed one just gets none.
    expect(await participant.consume(producer)).toBeNull();
  });
});

/** The consumer behind the options a consume() returned. */
function listenerConsumer(options: { id: string } | null, listener: Participant) {
  expect(options).not.toBeNull();
  return listener.find('consumer', options!.id)!;
}
