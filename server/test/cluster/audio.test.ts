// Real Chromium clients (core's VoiceSession in a page) on different nodes of a two-node cluster join
// one channel and hear each other; the hosting node is SIGKILLed and both clients, by themselves, fall
// back to the other node and rejoin: the time until audio flows again is measured (goal <= 5 s).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { NodeProcess } from '@voxlay/testing/cluster';
import { RedisServer } from '@voxlay/testing/redis';
import { expectHearing, joinVoice as join, voiceState as state } from './helpers/voice-page.js';

const PAGE = fileURLToPath(new URL('./pages/core-voice-page.ts', import.meta.url));
const RECOVERY_GOAL_MS = 5000;

describe('voice across a cluster: clients on different nodes, then a node SIGKILLed', () => {
  let redis: RedisServer;
  let a: NodeProcess;
  let b: NodeProcess;
  let chromium: ChromiumHarness;
  let pages: PageServer;

  beforeAll(async () => {
    redis = await RedisServer.start();
    a = await NodeProcess.start('node-a', { redisUrl: redis.url });
    b = await NodeProcess.start('node-b', { redisUrl: redis.url });
    pages = await startPageServer(await bundleBrowserEntry(PAGE));
    chromium = await ChromiumHarness.launch();
  }, 90_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('two pages joining through different nodes hear each other; after SIGKILL of the hosting node they hear each other again within 5 s', {
    timeout: 120_000,
  }, async () => {
    const created = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: 'mutation { createChannel(input: { name: "Voice room" }) { id } }' }),
    });
    const channelId = ((await created.json()) as { data: { createChannel: { id: string } } }).data.createChannel.id;

    const alice = await chromium.openPage(pages.url, 'alice');
    const bob = await chromium.openPage(pages.url, 'bob');

    // Alice enters through node A (the host), Bob through node B: B answers WRONG_NODE and Bob's session moves to A.
    expect((await join(alice, a.url, channelId, 'Alice')).url).toBe(a.url);
    expect((await join(bob, b.url, channelId, 'Bob')).url).toBe(a.url);
    await expectHearing(alice);
    await expectHearing(bob);

    const killedAt = Date.now();
    await a.kill();
    const [aliceBack, bobBack] = await Promise.all([expectHearing(alice, killedAt), expectHearing(bob, killedAt)]);
    const recoveredMs = Math.max(aliceBack, bobBack) - killedAt;
    console.log(
      `[cluster audio] node A SIGKILLed: audio flowing again both ways after ${recoveredMs} ms (alice ${aliceBack - killedAt} ms, bob ${bobBack - killedAt} ms)`,
    );

    for (const page of [alice, bob]) {
      expect(await state(page)).toMatchObject({ connectionState: 'connected', url: b.url, channelId });
    }
    expect(recoveredMs).toBeLessThanOrEqual(RECOVERY_GOAL_MS);
  });
});
