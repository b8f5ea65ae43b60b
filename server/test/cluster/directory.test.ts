// The Redis side of the cluster against a real redis-server, without media: heartbeats expire, claims of
// an orphaned channel are atomic (exactly one node wins), names are unique by look under concurrent creation,
// and only the hosting node can let a channel go.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDirectory } from '../../src/cluster/ChannelDirectory.js';
import type { ChannelRecord } from '../../src/cluster/ChannelDirectoryTypes.js';
import { NodeRegistry } from '../../src/cluster/NodeRegistry.js';
import { preferredNode } from '../../src/cluster/OrphanSweeper.js';
import { RedisServer } from '@voxlay/testing/redis';
import { sleep } from '@voxlay/testing/wait';

const logger = pino({ level: 'silent' });
const record = (id: string, name = id): ChannelRecord => ({ id, name, isDefault: false, createdAt: new Date().toISOString(), lastN: 5 });

describe('cluster state in Redis', () => {
  let server: RedisServer;
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const redis = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    server = await RedisServer.start();
  });

  afterAll(async () => {
    for (const redis of connections) redis.disconnect();
    await server?.stop();
  });

  it('lists a node while its heartbeat lives; close() removes it at once, silence after the TTL', async () => {
    const one = new NodeRegistry({
      redis: connect(),
      nodeId: 'hb-1',
      url: 'http://one',
      logger,
      load: () => ({ channelCount: 2, participantCount: 3, participantCapacity: 100, acceptingJoins: true }),
      heartbeatMs: 100,
      ttlMs: 300,
    });
    const silentConnection = connect();
    const two = new NodeRegistry({
      redis: silentConnection,
      nodeId: 'hb-2',
      url: 'http://two',
      logger,
      load: () => ({ channelCount: 0, participantCount: 0, participantCapacity: 100, acceptingJoins: true }),
      heartbeatMs: 100,
      ttlMs: 300,
    });
    await one.start();
    await two.start();
    expect((await one.list()).map((node) => [node.id, node.url, node.channelCount, node.participantCount])).toEqual([
      ['hb-1', 'http://one', 2, 3],
      ['hb-2', 'http://two', 0, 0],
    ]);

    silentConnection.disconnect(); // node two goes silent without a goodbye
    await sleep(600);
    expect((await one.list()).map((node) => node.id)).toEqual(['hb-1']);
    expect(await one.get('hb-2')).toMatchObject({ id: 'hb-2', url: 'http://two', alive: false });

    await one.close();
    expect(one.closed).toBe(true);
    const observer = new NodeRegistry({
      redis: connect(),
      nodeId: 'hb-3',
      url: 'http://three',
      logger,
      load: () => ({ channelCount: 0, participantCount: 0, participantCapacity: 100, acceptingJoins: true }),
    });
    expect(await observer.list()).toEqual([]);
    await two.close();
  });

  it('lets exactly one of several nodes claim an orphaned channel, and none claim a channel of a live node', async () => {
    const nodes = ['claim-x', 'claim-y', 'claim-z'];
    // The claimers are alive (a claim only takes a channel whose host's heartbeat is gone).
    const heartbeats = nodes.map(
      (nodeId) =>
        new NodeRegistry({
          redis: connect(),
          nodeId,
          url: `http://${nodeId}`,
          logger,
          load: () => ({ channelCount: 0, participantCount: 0, participantCapacity: 100, acceptingJoins: true }),
        }),
    );
    await Promise.all(heartbeats.map((heartbeat) => heartbeat.start()));
    const directories = nodes.map((nodeId) => new ChannelDirectory({ redis: connect(), nodeId }));
    const owner = new ChannelDirectory({ redis: connect(), nodeId: 'claim-dead' });
    const ids = Array.from({ length: 20 }, (_, i) => `orphan-${i}`);
    for (const id of ids) await owner.register(record(id));

    // claim-dead never had a heartbeat: every channel is an orphan; all three race for each.
    const outcomes = await Promise.all(ids.map((id) => Promise.all(directories.map((directory) => directory.claim(id)))));
    for (const perChannel of outcomes) {
      expect(perChannel.filter((claim) => claim.outcome === 'claimed')).toHaveLength(1);
      expect(perChannel.filter((claim) => claim.outcome === 'taken')).toHaveLength(2);
    }
    const hosts = new Map((await owner.list()).map((entry) => [entry.record.id, entry.host]));
    ids.forEach((id, index) => {
      const winner = nodes[outcomes[index]!.findIndex((claim) => claim.outcome === 'claimed')];
      expect(hosts.get(id)).toBe(winner);
    });

    // A live host keeps its channel.
    const live = new NodeRegistry({
      redis: connect(),
      nodeId: 'claim-live',
      url: 'http://live',
      logger,
      load: () => ({ channelCount: 1, participantCount: 0, participantCapacity: 100, acceptingJoins: true }),
    });
    await live.start();
    const liveDirectory = new ChannelDirectory({ redis: connect(), nodeId: 'claim-live' });
    await liveDirectory.register(record('kept'));
    expect(await directories[0]!.claim('kept')).toEqual({ outcome: 'taken', host: 'claim-live' });
    expect(await liveDirectory.claim('kept')).toEqual({ outcome: 'ours' });
    expect(await directories[0]!.claim('no-such-channel')).toEqual({ outcome: 'missing' });

    // Only the host lets go; then anybody may claim it.
    await directories[0]!.release(['kept']);
    expect((await liveDirectory.get('kept'))?.host).toBe('claim-live');
    await liveDirectory.release(['kept']);
    expect((await liveDirectory.get('kept'))?.host).toBeNull();
    expect(await directories[1]!.claim('kept')).toEqual({ outcome: 'claimed' });
    await live.close();
    await Promise.all(heartbeats.map((heartbeat) => heartbeat.close()));
  });

  it('gives a name to one channel only, by look (case and confusables), under concurrent creation', async () => {
    const directories = ['name-1', 'name-2', 'name-3', 'name-4'].map((nodeId) => new ChannelDirectory({ redis: connect(), nodeId }));
    // Four spellings that look alike: Latin, capitals, a Cyrillic а, a Cyrillic capital Ѕ.
    const spellings = ['Standup', 'STANDUP', 'St\u0430ndup', '\u0405TANDUP'];
    const results = await Promise.all(directories.map((directory, index) => directory.takeName(spellings[index]!, `standup-${index}`)));
    expect(results.filter((holder) => holder === undefined)).toHaveLength(1);
    const winner = results.indexOf(undefined);
    // The losers are told who holds the name.
    expect(results.filter((holder) => holder !== undefined)).toEqual([0, 1, 2].map(() => `standup-${winner}`));
    // The winner may ask again (idempotent); after it lets go, the name is free.
    expect(await directories[winner]!.takeName('standup', `standup-${winner}`)).toBeUndefined();
    await directories[winner]!.releaseName(spellings[winner]!, `standup-${winner}`);
    expect(await directories[0]!.takeName('St\u0430ndup', 'standup-new')).toBeUndefined();
    expect(await directories[1]!.takeName('standup', 'standup-other')).toBe('standup-new');
    // A different name is free.
    expect(await directories[1]!.takeName('Standup 2', 'standup-2')).toBeUndefined();
  });

  it("reserves the default channel's name by look too", async () => {
    const directory = new ChannelDirectory({ redis: connect(), nodeId: 'default-name' });
    await directory.registerDefault({ ...record('default-hall'), name: 'Hall', isDefault: true });
    for (const lookalike of ['Hall', 'HALL', 'H\u0430ll', 'Ηall'])
      expect(await directory.takeName(lookalike, 'intruder'), lookalike).toBe('default-hall');
    expect(await directory.takeName('Hallway', 'hallway')).toBeUndefined();
  });

  it('keeps participant lists per channel in join order', async () => {
    const directory = new ChannelDirectory({ redis: connect(), nodeId: 'participants' });
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    await directory.setParticipant({ id: 'p2', displayName: 'Second', channelId: 'room', joinedAt: at(2), muted: true });
    await directory.setParticipant({ id: 'p1', displayName: 'First', channelId: 'room', joinedAt: at(1), muted: false });
    await directory.setParticipant({ id: 'p3', displayName: 'Other room', channelId: 'elsewhere', joinedAt: at(0), muted: false });
    let participants = await directory.participants(['room', 'elsewhere', 'empty']);
    expect(participants.get('room')?.map((participant) => participant.displayName)).toEqual(['First', 'Second']);
    expect(participants.get('elsewhere')).toHaveLength(1);
    expect(participants.get('empty')).toEqual([]);
    await directory.removeParticipant('room', 'p1');
    participants = await directory.participants(['room']);
    expect(participants.get('room')?.map((participant) => participant.id)).toEqual(['p2']);
  });

  it('spreads orphans over the less-loaded half of the live nodes', () => {
    const node = (id: string, channelCount: number) => ({
      id,
      url: `http://${id}`,
      channelCount,
      participantCount: 0,
      participantCapacity: 100,
      acceptingJoins: true,
      at: 0,
      alive: true,
    });
    const live = [node('busy', 50), node('calm', 1), node('idle', 0), node('full', 80)];
    const picks = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const pick = preferredNode(`channel-${i}`, live)!;
      picks.set(pick, (picks.get(pick) ?? 0) + 1);
    }
    expect([...picks.keys()].sort()).toEqual(['calm', 'idle']);
    expect(Math.min(...picks.values())).toBeGreaterThan(60);
    expect(preferredNode('x', [])).toBeUndefined();
    expect(preferredNode('x', [node('only', 9)])).toBe('only');
  });
});
