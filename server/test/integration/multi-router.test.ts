// A channel spanning several routers on two workers, joined with pipe transports: placement, pipes,
// what is freed when everybody leaves, and a worker dying under one of the routers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseProducerDocument,
  LeaveChannelDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import type { Channel } from '../../src/sfu/Channel.js';
import type { ChannelRouter } from '../../src/sfu/ChannelRouter.js';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { ChannelRoutersDocument, dumpCounts } from './helpers/channel-state.js';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member, produceAudio, waitForEvent } from '@voxlay/testing/session';

describe('a channel spanning routers on several workers', () => {
  let app: VoxlayApp;
  let caps: unknown;
  let observer: TestClient;
  let lobby: string;

  const routerOf = (member: Member): ChannelRouter => {
    const channel = app.channels.defaultChannel;
    const participant = channel.participant(member.joined.participant.id);
    const router = participant && channel.routerOf(participant);
    if (!router) throw new Error('participant has no router');
    return router;
  };

  /** Routers (and their transports, producers, consumers) of every worker, from the workers' own dumps. */
  async function workerRouterIds(): Promise<string[]> {
    const dumps = await Promise.all(app.pool.workers.filter((w) => w.alive).map((w) => w.worker.dump()));
    return dumps.flatMap((dump) => dump.routerIds);
  }

  /** Waits until the channel is back to one router and the workers hold no other (the extra ones closed). */
  async function expectOneRouterLeft(channel: Channel): Promise<void> {
    expect(
      await waitFor(
        () => channel.routers.length,
        (n) => n === 1,
        5000,
      ),
    ).toBe(1);
    expect(
      await waitFor(
        () => workerRouterIds(),
        (ids) => ids.length === 1,
        5000,
      ),
    ).toEqual([channel.router.id]);
  }

  beforeAll(async () => {
    app = await startTestApp({ numWorkers: 2, maxParticipantsPerRouter: 2, lastN: 5 });
    observer = new TestClient(app.url);
    caps = (await observer.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
    lobby = app.channels.defaultChannel.id;
  });

  afterAll(async () => {
    await observer?.close();
    await app?.stop();
  });

  it('places 5 members on 3 routers over both workers, pipes producers between them, and frees it all', async () => {
    const members: Member[] = [];
    for (let i = 0; i < 5; i++) members.push(await joinMember(app, lobby, `m${i}`, caps));
    const { channel } = await observer.data(ChannelRoutersDocument, { id: lobby });
    expect(channel?.routers).toHaveLength(3);
    expect(channel!.routers.map((r) => r.participantCount).sort()).toEqual([1, 2, 2]);
    expect(new Set(channel!.routers.map((r) => r.worker.index))).toEqual(new Set([0, 1]));
    expect(channel!.routerId).toBe(channel!.routers[0]!.id);

    // m0 (first router) speaks: everybody else hears it, through a pipe when on another router.
    const [m0, , , , m4] = members as [Member, Member, Member, Member, Member];
    const a = routerOf(m0);
    const c = routerOf(m4);
    expect(c).not.toBe(a);
    const p0 = await produceAudio(m0);
    for (const member of members.slice(1)) {
      const { consumer } = await waitForEvent(member, 'ConsumerAdded', (event) => event.consumer.producerId === p0);
      expect(consumer.producerParticipantId).toBe(m0.joined.participant.id);
    }
    const routersNow = app.channels.defaultChannel.routers;
    expect(routersNow.filter((r) => r !== a).every((r) => r.pipedProducerCount === 1)).toBe(true);
    // The listener's consumer in its own router is fed by the pipe producer (the worker's own view).
    const m4Consumer = app.channels.defaultChannel.participant(m4.joined.participant.id)!.consumers[0]!;
    const cDump = await c.router.dump();
    expect(cDump.mapProducerIdConsumerIds.some((entry) => entry.values.includes(m4Consumer.id))).toBe(true);
    expect(cDump.transportIds.length).toBeGreaterThan(2); // m4's two WebRTC transports and a pipe transport

    // m4 and m2 (the router on the other worker) speak too; m2's producer is piped into both routers
    // of worker 0. Then m0 stops: its pipe producers close and everybody's consumer of it closes.
    const p4 = await produceAudio(m4);
    await waitForEvent(m0, 'ConsumerAdded', (event) => event.consumer.producerId === p4);
    const m2 = members[2]!;
    expect(routerOf(m2).worker).not.toBe(a.worker);
    const p2 = await produceAudio(m2);
    for (const member of members.filter((m) => m !== m2)) {
      await waitForEvent(member, 'ConsumerAdded', (event) => event.consumer.producerId === p2);
    }
    await m0.client.data(CloseProducerDocument, { producerId: p0 });
    for (const member of members.slice(1)) await waitForEvent(member, 'ConsumerClosed', (event) => event.producerId === p0);
    // Left piped: m4's into a, m2's into a and c.
    expect(
      await waitFor(
        () => a.pipedProducerCount + c.pipedProducerCount,
        (n) => n === 3,
        5000,
      ),
    ).toBe(3);
    // Operators see the same in /metrics: 3 routers, and m4's and m2's producers piped into the 2 others each.
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('voxlay_channel_routers{kind="routers"} 3');
    expect(metrics).toContain('voxlay_channel_routers{kind="piped_producers"} 4');
    expect(metrics).toMatch(/voxlay_worker_routers\{worker="0"\} 2/);
    // Worker 0 holds two routers of the lobby but lists the channel once.
    expect(app.pool.workers[0]!.routerCount).toBe(2);
    expect(app.pool.workers[0]!.channelIds).toEqual([lobby]);

    // Everybody leaves: the extra routers close, the last one is empty, no pipe or media object is left.
    const routerIdsBefore = await workerRouterIds();
    expect(routerIdsBefore.length).toBeGreaterThanOrEqual(3);
    await Promise.all(members.map((member) => member.client.data(LeaveChannelDocument, {})));
    const lobbyChannel = app.channels.defaultChannel;
    await expectOneRouterLeft(lobbyChannel);
    expect(await dumpCounts(lobbyChannel)).toEqual({ consumers: 0, producers: 0, transports: 0 });
    await Promise.all(members.map((member) => member.client.close()));
  });

  it('adds one router per full router when many join at once, and closes the extra ones when they leave', async () => {
    const channel = app.channels.defaultChannel;
    expect(channel.routers).toHaveLength(1);
    const members = await Promise.all(Array.from({ length: 6 }, (_, i) => joinMember(app, lobby, `p${i}`, caps)));
    expect(channel.routers.map((r) => r.participantCount)).toEqual([2, 2, 2]);
    expect(new Set(members.map(routerOf)).size).toBe(3);
    await Promise.all(members.map((member) => member.client.data(LeaveChannelDocument, {})));
    await expectOneRouterLeft(channel);
    await Promise.all(members.map((member) => member.client.close()));
  });

  it('interrupts only the participants on routers of a dead worker; the channel keeps its other routers', async () => {
    const members: Member[] = [];
    for (let i = 0; i < 4; i++) members.push(await joinMember(app, lobby, `w${i}`, caps));
    const channel = app.channels.defaultChannel;
    expect(channel.routers).toHaveLength(2);
    const workers = new Set(channel.routers.map((r) => r.worker));
    expect(workers.size).toBe(2);
    const survivors = members.filter((m) => routerOf(m) === channel.routers[0]);
    const doomed = members.filter((m) => routerOf(m) !== channel.routers[0]);
    expect(survivors).toHaveLength(2);
    const deadWorker = routerOf(doomed[0]!).worker;
    const doomedProducer = await produceAudio(doomed[0]!);
    for (const s of survivors) await waitForEvent(s, 'ConsumerAdded', (event) => event.consumer.producerId === doomedProducer);

    process.kill(deadWorker.pid, 'SIGKILL');

    for (const d of doomed) {
      const interrupted = await waitForEvent(d, 'ChannelInterrupted');
      expect(interrupted.message).toMatch(/worker/);
      await d.events.waitForCompletion();
    }
    for (const s of survivors) {
      await waitForEvent(s, 'ConsumerClosed', (event) => event.producerId === doomedProducer);
      await waitForEvent(s, 'ParticipantLeft', (event) => event.participantId === doomed[0]!.joined.participant.id);
    }
    await sleep(200);
    expect(survivors.some((s) => s.events.values.some((v) => v.participantEvents.event.__typename === 'ChannelInterrupted'))).toBe(false);
    expect(channel.participantCount).toBe(2);
    expect(channel.routers).toHaveLength(1);
    expect(channel.routers[0]!.worker).not.toBe(deadWorker);
    expect((await dumpCounts(channel)).consumers).toBe(0);

    // New joins keep working: the channel spans a router on the replacement worker again.
    await waitFor(
      () => app.pool.aliveCount,
      (n) => n === 2,
      10_000,
    );
    const late = await joinMember(app, lobby, 'late', caps);
    expect(channel.routers).toHaveLength(2);
    await Promise.all([...survivors, late].map((m) => m.client.data(LeaveChannelDocument, {})));
    expect(
      await waitFor(
        () => channel.participantCount,
        (n) => n === 0,
        5000,
      ),
    ).toBe(0);
    expect(await dumpCounts(channel)).toEqual({ consumers: 0, producers: 0, transports: 0 });
    await Promise.all([...members, late].map((m) => m.client.close()));
  });
});
