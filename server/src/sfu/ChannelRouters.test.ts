// ChannelRouters and ChannelRouter over real mediasoup workers: placement, pipes and what close() frees.
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRouter } from './ChannelRouter.js';
import { DEFAULT_AUDIO_LEVELS } from './ChannelRouterTypes.js';
import { ChannelRouters } from './ChannelRouters.js';
import type { ProducerAppData, VoxlayProducer } from './ParticipantTypes.js';
import { WorkerPool } from './WorkerPool.js';

const transportSettings = { listenIp: '127.0.0.1' };
const logger = pino({ level: 'silent' });

/** A producer native to `router`, on a plain transport (no browser: nothing needs to flow). */
async function produceOn(router: ChannelRouter, participantId: string): Promise<VoxlayProducer> {
  const transport = await router.router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1', port: 0 },
  });
  return transport.produce<ProducerAppData>({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: randomInt(1, 0xffffffff) }],
    },
    appData: { participantId, source: 'MICROPHONE' },
  });
}

async function producerIdsOf(router: types.Router): Promise<string[]> {
  return (await router.dump()).mapProducerIdConsumerIds.map((entry) => entry.key);
}

describe('ChannelRouters', () => {
  let pool: WorkerPool;
  let routers: ChannelRouters;

  beforeEach(async () => {
    pool = await WorkerPool.create({ numWorkers: 2, logger, sampleIntervalMs: 60_000, rtc: { listenIp: '127.0.0.1', port: 0 } });
    routers = await ChannelRouters.create({
      channelId: 'test',
      pool,
      transportSettings,
      audioLevels: DEFAULT_AUDIO_LEVELS,
      maxParticipantsPerRouter: 2,
      logger,
    });
  });

  afterEach(() => {
    routers?.close();
    pool?.close();
  });

  it('place() fills the least-loaded router with room, then adds one on a worker the channel does not use', async () => {
    const first = routers.first;
    expect(await routers.place()).toBe(first);
    expect(await routers.place()).toBe(first);
    const second = await routers.place();
    expect(second).not.toBe(first);
    expect(second.worker).not.toBe(first.worker);
    expect(routers.list).toEqual([first, second]);
    // A third router has no unused worker left: the least-loaded one takes it.
    await routers.place();
    const third = await routers.place();
    expect(routers.list).toHaveLength(3);
    expect(third.participantCount).toBe(1);
  });

  it('release() closes a router left empty, but never the last one', async () => {
    const first = routers.first;
    await routers.place();
    await routers.place();
    const second = await routers.place();
    routers.release(second);
    expect(second.closed).toBe(true);
    expect(second.router.closed).toBe(true);
    expect(routers.list).toEqual([first]);
    routers.release(first);
    routers.release(first);
    expect(first.closed).toBe(false);
    expect(routers.first).toBe(first);
  });

  it('pipes a producer into another router once, and the pipe producer closes with the original', async () => {
    await routers.place();
    await routers.place();
    const other = await routers.place();
    const home = routers.first;
    const producer = await produceOn(home, 'p1');
    const [a, b] = await Promise.all([other.producerIdFor(producer, home), other.producerIdFor(producer, home)]);
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(await home.producerIdFor(producer, home)).toBe(producer.id);
    expect(other.pipedProducerCount).toBe(1);
    expect(await producerIdsOf(other.router)).toEqual([a]);

    producer.close();
    for (let i = 0; i < 50 && other.pipedProducerCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.pipedProducerCount).toBe(0);
    expect(await producerIdsOf(other.router)).toEqual([]);
  });

  it('close() closes every router, pipe transports included', async () => {
    await routers.place();
    await routers.place();
    const other = await routers.place();
    const producer = await produceOn(routers.first, 'p1');
    await other.producerIdFor(producer, routers.first);
    const all = routers.list;
    routers.close();
    routers.close();
    expect(routers.closed).toBe(true);
    expect(all.every((router) => router.closed && router.router.closed)).toBe(true);
    const dumps = await Promise.all(pool.workers.map((w) => w.worker.dump()));
    expect(dumps.flatMap((d) => d.routerIds)).toEqual([]);
    await expect(routers.place()).rejects.toThrow();
  });
});
