// Two Voxlay node processes over Redis Sentinel (a primary, its replica, three sentinels; all real
// redis-server processes): the Redis primary is SIGKILLed during calls on both nodes, two of the
// participants real Chromium clients (core's Channel) that joined through different nodes. The calls
// go on (participants, their mediasoup objects and the audio between the two pages stay, nobody
// reconnects), a sentinel promotes the replica, and the nodes
// follow it: joins, channel creation and channel events across nodes work again, and what was lost
// while Redis had no primary (a participant who left meanwhile) is put right. Prints kill → first join.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { TestClient } from '@voxlay/testing/client';
import { NodeProcess } from '@voxlay/testing/cluster';
import { opusRtpParameters } from '@voxlay/testing/media';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { RedisSentinelGroup } from '@voxlay/testing/redis-sentinel';
import { untilChannelEventsLive } from '@voxlay/testing/session';
import { sleep, waitFor } from '@voxlay/testing/wait';
import {
  ChannelEventsSubscription,
  ChannelQuery,
  CreateChannelMutation,
  JoinMutation,
  LeaveMutation,
  ProduceMutation,
} from './helpers/documents.js';
import { expectHearing, joinVoice, voiceState, voiceStats } from './helpers/voice-page.js';

const PAGE = fileURLToPath(new URL('./pages/core-voice-page.ts', import.meta.url));

/** How long the test waits for the first join after the kill (a bound for the loop, not a goal). */
const JOIN_RETRY_LIMIT_MS = 30_000;

describe('a cluster over Redis Sentinel when the Redis primary dies', () => {
  let redis: RedisSentinelGroup;
  let a: NodeProcess;
  let b: NodeProcess;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  const clients: TestClient[] = [];
  const connect = (node: NodeProcess): TestClient => {
    const client = new TestClient(node.url);
    clients.push(client);
    return client;
  };
  const join = async (node: NodeProcess, channelId: string, displayName: string) => {
    const client = connect(node);
    const { joinChannel } = await client.data(JoinMutation, { channelId, displayName });
    return { client, ...joinChannel };
  };
  const participantNames = async (client: TestClient, channelId: string): Promise<string[]> =>
    ((await client.data(ChannelQuery, { id: channelId })).channel?.participants ?? []).map((participant) => participant.displayName).sort();

  beforeAll(async () => {
    redis = await RedisSentinelGroup.start();
    // Errors only: the outage below makes every node warn, as it should.
    const shared = { redisSentinels: redis.sentinelAddresses, redisSentinelName: redis.name, logLevel: 'error' };
    a = await NodeProcess.start('node-a', shared);
    b = await NodeProcess.start('node-b', shared);
    pages = await startPageServer(await bundleBrowserEntry(PAGE));
    chromium = await ChromiumHarness.launch();
  }, 90_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await chromium?.close();
    await pages?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('keeps the calls going while a replica is promoted; joins, channel creation and events across nodes work after it', {
    timeout: 90_000,
  }, async () => {
    const stage = (await connect(a).data(CreateChannelMutation, { name: 'Stage' })).createChannel.id;
    const side = (await connect(b).data(CreateChannelMutation, { name: 'Side room' })).createChannel.id;
    const alice = await join(a, stage, 'Alice');
    await alice.client.data(ProduceMutation, { transportId: alice.sendTransport.id, rtpParameters: opusRtpParameters() });
    const bob = await join(a, stage, 'Bob');
    const dave = await join(b, side, 'Dave');
    await dave.client.data(ProduceMutation, { transportId: dave.sendTransport.id, rtpParameters: opusRtpParameters() });
    // Two browsers in the Stage: Pat through node A, Quinn through node B (WRONG_NODE: on to A). They hear each other.
    const pat = await chromium.openPage(pages.url, 'pat');
    const quinn = await chromium.openPage(pages.url, 'quinn');
    expect((await joinVoice(pat, a.url, stage, 'Pat')).url).toBe(a.url);
    expect((await joinVoice(quinn, b.url, stage, 'Quinn')).url).toBe(a.url);
    await Promise.all([expectHearing(pat), expectHearing(quinn)]);
    const voicesBefore = await Promise.all([voiceState(pat), voiceState(quinn)]);

    // Node B follows node A's channel: its list, and its events.
    const onB = connect(b);
    await waitFor(
      () => participantNames(onB, stage),
      (names) => names.join() === 'Alice,Bob,Pat,Quinn',
      { message: "node A's Stage listed with Alice, Bob, Pat and Quinn on node B", timeoutMs: 5000 },
    );
    const events = onB.subscribe(ChannelEventsSubscription, { channelId: stage });
    const probeJoin = async (name: string): Promise<string> => {
      const probe = await join(a, stage, name);
      await probe.client.data(LeaveMutation, {});
      await probe.client.close();
      return probe.participant.id;
    };
    await untilChannelEventsLive(events, () => probeJoin('Probe'));
    const stageBefore = await a.state(stage);
    const sideBefore = await b.state(side);
    expect(stageBefore).toMatchObject({ participants: 4, transports: 8, producers: 3 }); // Alice, Bob, Pat, Quinn
    expect(sideBefore).toMatchObject({ participants: 1, transports: 2, producers: 1 }); // Dave

    const formerPrimary = await redis.primaryPort();
    const killedAt = Date.now();
    await redis.killPrimary();
    const promoted = redis.waitForFailover(formerPrimary).then((port) => ({ port, afterMs: Date.now() - killedAt }));
    // Bob leaves while Redis has no primary: his removal from the list cannot be written then.
    await bob.client.data(LeaveMutation, {});

    // A client of node A keeps trying to join: UNAVAILABLE (retryAfterMs) until A reaches the new primary.
    const erin = connect(a);
    const codes = new Set<unknown>();
    let joinedAfterMs = -1;
    while (Date.now() - killedAt < JOIN_RETRY_LIMIT_MS) {
      const result = await erin.request(JoinMutation, { channelId: stage, displayName: 'Erin' });
      if (result.data?.joinChannel) {
        joinedAfterMs = Date.now() - killedAt;
        break;
      }
      codes.add(result.errors?.[0]?.extensions?.code);
      await sleep(100);
    }
    const failover = await promoted;
    expect(failover.port).not.toBe(formerPrimary);
    expect(joinedAfterMs, 'a join through node A succeeded after the failover').toBeGreaterThan(0);
    expect([...codes].every((code) => code === 'UNAVAILABLE')).toBe(true);

    // Channel creation works again on both nodes, and names are still unique across the cluster.
    const after = (await connect(b).data(CreateChannelMutation, { name: 'After the failover' })).createChannel;
    expect(await connect(a).errorCode(CreateChannelMutation, { name: 'Stage' })).toBe('NAME_TAKEN');
    const createdAfterMs = Date.now() - killedAt;

    // Events flow between the nodes again: B's subscription (made before the kill) sees A's joins.
    await untilChannelEventsLive(events, () => probeJoin('Probe again'), 10_000);
    const eventsBackAfterMs = Date.now() - killedAt;
    const frank = await join(a, stage, 'Frank');
    const { channelEvents: frankJoined } = await events.waitFor(
      ({ channelEvents: event }) => event.__typename === 'ParticipantJoined' && event.participant.id === frank.participant.id,
    );
    expect(frankJoined).toMatchObject({ channelId: stage, participant: { displayName: 'Frank' } });
    expect(events.errors).toEqual([]);

    // The calls went on: the same hosts, Alice's and Dave's media objects still there, nobody dropped.
    const stageAfter = await a.state(stage);
    // Alice, Pat, Quinn, Erin, Frank (Bob left); the same producers and consumers: Erin and Frank receive nothing.
    expect(stageAfter).toMatchObject({ participants: 5, transports: 10, producers: 3, consumers: stageBefore.consumers });
    // The browsers still hear each other over the connections they had before the kill: none was made since.
    for (const [index, page] of [pat, quinn].entries()) {
      expect(await voiceState(page)).toEqual(voicesBefore[index]);
      expect((await voiceStats(page, killedAt)).connections).toBe(0);
      await expectHearing(page);
    }
    expect(voicesBefore.map((state) => state.connectionState)).toEqual(['connected', 'connected']);
    expect(await b.state(side)).toMatchObject({ participants: 1, transports: 2, producers: 1 }); // Dave
    expect(alice.client.closes).toEqual([]);
    expect(dave.client.closes).toEqual([]);
    // What Redis missed is written again: node B lists the Stage without Bob, hosted by A still.
    const listed = await waitFor(
      () => onB.data(ChannelQuery, { id: stage }),
      ({ channel }) =>
        channel?.participants
          .map((participant) => participant.displayName)
          .sort()
          .join() === 'Alice,Erin,Frank,Pat,Quinn',
      { message: 'the Stage listed on node B with Alice, Erin, Frank, Pat and Quinn (not Bob)', timeoutMs: 10_000 },
    );
    expect(listed.channel?.node).toMatchObject({ id: 'node-a', alive: true });
    expect((await connect(a).data(ChannelQuery, { id: side })).channel).toMatchObject({
      node: { id: 'node-b', alive: true },
      participants: [{ displayName: 'Dave' }],
    });
    expect((await connect(a).data(ChannelQuery, { id: after.id })).channel?.node.id).toBe('node-b');

    console.log(
      `[sentinel] Redis primary SIGKILLed: replica promoted (seen by the sentinels) after ${failover.afterMs} ms; first join through node A after ${joinedAfterMs} ms (codes before: ${[...codes].join(', ')}); channel created after ${createdAfterMs} ms; channel events across nodes again after ${eventsBackAfterMs} ms`,
    );
  });
});
