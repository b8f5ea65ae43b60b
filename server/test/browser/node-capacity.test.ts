// Issue #12: 2,000 participants on one node with the default configuration, then a Chromium pair on
// that node still hears each other. The server is the real entry point (server/src/main.ts) in its
// own process, configured only by what a test on loopback needs (addresses, free ports, origins);
// limits, workers and ports per worker are its defaults. The 2,000 are the large-channel benchmark's
// silent members (Node graphql-ws clients that join and follow their events, no media), spread over
// channels of 100; the pair joins the default channel, which holds 100 of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SilentMembers } from '../../../bench/lib/large-channel-members.js';
import { LargeChannelServer } from '../../../bench/lib/large-channel-server.js';
import { listeningPorts } from '@voxlay/testing/sockets';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type Remote, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { sleep, waitFor } from '@voxlay/testing/wait';
import { VOICE_PAGE } from '@voxlay/testing/pages';

const MEMBERS = 2000;
const CHANNEL_SIZE = 100;

interface HealthView {
  ok: boolean;
  participants: number;
  participantCapacity: number;
  acceptingJoins: boolean;
  workersTotal: number;
}

describe('one node with its default configuration', () => {
  let server: LargeChannelServer;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  const members = new SilentMembers();

  const health = () =>
    server
      .query<{ health: HealthView }>('{ health { ok participants participantCapacity acceptingJoins workersTotal } }')
      .then((d) => d.health);

  beforeAll(async () => {
    server = await LargeChannelServer.start({});
    pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 90_000);

  afterAll(async () => {
    await members.close();
    await chromium?.close();
    await pages?.close();
    await server?.stop();
  }, 60_000);

  async function openVoicePage(label: string): Promise<Remote<VoicePageApi>> {
    const page = await chromium.openPage(pages.url, label);
    await waitForPageApi(page);
    return pageApi<VoicePageApi>(page, 'voice');
  }

  /** Bytes grow over about 2 s and the level rises above 0. */
  async function expectHearing(voice: Remote<VoicePageApi>): Promise<void> {
    const first = await waitFor(
      () => voice.stats(),
      (s) => s.packetsReceived > 0,
      20_000,
    );
    expect(first.packetsReceived).toBeGreaterThan(0);
    let maxLevel = first.audioLevel;
    let last = first;
    for (let i = 0; i < 10; i++) {
      await sleep(200);
      last = await voice.stats();
      maxLevel = Math.max(maxLevel, last.audioLevel);
    }
    expect(last.bytesReceived).toBeGreaterThan(first.bytesReceived);
    expect(maxLevel).toBeGreaterThan(0);
  }

  it('holds 2,000 participants, then a Chromium pair on it hears each other', async () => {
    const empty = await health();
    // The defaults admit 2,000 and the pair (with this machine's cores as workers).
    expect(empty.participantCapacity).toBeGreaterThanOrEqual(MEMBERS + 2);
    const workers = (
      await server.query<{ workers: Array<{ pid: number; udpPort: number; tcpPort: number }> }>('{ workers { pid udpPort tcpPort } }')
    ).workers;
    expect(workers).toHaveLength(empty.workersTotal);

    const channels = [server.lobby];
    while (channels.length < MEMBERS / CHANNEL_SIZE) {
      const d = await server.query<{ createChannel: { id: string } }>(
        'mutation($name: String!) { createChannel(input: { name: $name }) { id } }',
        { name: `Room ${channels.length}` },
      );
      channels.push(d.createChannel.id);
    }
    const failures: string[] = [];
    for (const channelId of channels) {
      const phase = await members.join({
        serverUrl: server.url,
        channelId,
        count: CHANNEL_SIZE,
        rtpCapabilities: null,
        concurrency: 16,
        subscribe: true,
        joinTimeoutMs: 30_000,
        log: () => undefined,
      });
      failures.push(...phase.errors);
      expect(phase.failed, `joins failed: ${phase.errors.join(' | ')}`).toBe(0);
    }
    expect(members.size).toBe(MEMBERS);
    expect(await health()).toMatchObject({ ok: true, participants: MEMBERS, acceptingJoins: true });

    // 4,000 transports, and still each worker's one UDP and one TCP port.
    for (const worker of workers) {
      const held = listeningPorts(worker.pid);
      expect(held.tcp).toEqual([worker.tcpPort]);
      expect(held.udp).toEqual([worker.udpPort]);
    }

    const alice = await openVoicePage('alice');
    const bob = await openVoicePage('bob');
    await alice.join(server.url, server.lobby, 'Alice');
    await bob.join(server.url, server.lobby, 'Bob');
    await expectHearing(bob);
    await expectHearing(alice);
    expect(await alice.errors()).toEqual([]);
    expect(await bob.errors()).toEqual([]);
    expect(await health()).toMatchObject({ participants: MEMBERS + 2 });
    // The members' sockets stayed up throughout (their events arrived, none dropped).
    expect(members.events.get('socket closed') ?? 0).toBe(0);
  }, 240_000);
});
