// 6. Server memory per participant: RSS growth per 100 participants (Node process and worker).
import { CreateChannelDocument, RouterRtpCapabilitiesDocument } from '../../core/src/graphql/__generated__/graphql.js';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member, produceAudio } from '@voxlay/testing/session';
import type { VoxlayApp } from '../../server/src/app.js';
import { sleep } from '../lib/config.js';
import { startServerProcess } from '../lib/server-process.js';
import { fmt, percentile, slope } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { lineChart } from '../lib/svg.js';

const PER_CHANNEL = 10;
const MiB = 2 ** 20;

interface Point {
  participants: number;
  rss: number;
  heapUsed: number;
  workerRss: number;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const steps = ctx.quick ? [0, 50, 100] : [0, 100, 200, 300, 400];
  const runs = ctx.quick ? 1 : 2;
  const all: Point[][] = [];
  for (let r = 0; r < runs; r++) {
    const server = await startServerProcess();
    const members: Member[] = [];
    const points: Point[] = [];
    try {
      const app = { url: server.url } as VoxlayApp;
      const admin = new TestClient(server.url);
      const caps = (await admin.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
      let channelId = '';
      // Warm up: one participant joins and leaves, so first-use allocations are not counted.
      const warm = await joinMember(app, server.lobby, 'warm-up', caps);
      await warm.client.close();
      await sleep(1500);
      for (const target of steps) {
        while (members.length < target) {
          if (members.length % PER_CHANNEL === 0) {
            channelId = (await admin.data(CreateChannelDocument, { name: `bench-${r}-${members.length / PER_CHANNEL}` })).createChannel.id;
          }
          const m = await joinMember(app, channelId, `p${members.length}`, caps);
          await produceAudio(m);
          members.push(m);
        }
        await sleep(1000);
        const mem = await server.memory();
        points.push({ participants: mem.participants, rss: mem.rss, heapUsed: mem.heapUsed, workerRss: mem.workerRss });
        ctx.log(
          `memory run ${r + 1}: ${mem.participants} participants, Node RSS ${fmt(mem.rss / MiB)} MiB, heap ${fmt(mem.heapUsed / MiB)} MiB, worker RSS ${fmt(mem.workerRss / MiB)} MiB`,
        );
      }
      await admin.close();
    } finally {
      await Promise.all(members.map((m) => m.client.close().catch(() => undefined)));
      await server.stop();
    }
    all.push(points);
  }
  const per100 = (f: (p: Point) => number) => all.map((pts) => slope(pts.map((p) => [p.participants, f(p)])) * 100);
  const node = per100((p) => p.rss);
  const heap = per100((p) => p.heapUsed);
  const worker = per100((p) => p.workerRss);
  const mib = (v: number[]) =>
    `${fmt(percentile(v, 50) / MiB, 1)} MiB${v.length > 1 ? ` (runs: ${v.map((x) => fmt(x / MiB, 1)).join(', ')})` : ''}`;
  return {
    id: 'memory',
    title: 'Server memory per participant',
    method: [
      `The server in its own Node process (one worker). Participants join over graphql-ws from the benchmark process (the integration tests' client: join with RTP capabilities, participantEvents subscription, produce), ${PER_CHANNEL} per channel, so each channel of ${PER_CHANNEL} has ${PER_CHANNEL} producers and ${PER_CHANNEL * (PER_CHANNEL - 1)} consumers and each participant two WebRTC transports (no media flows: nothing connects ICE). At ${steps.join(', ')} participants, after a forced GC (node --expose-gc) and 1 s: the Node process's RSS and heap, and the worker's RSS (VmRSS). The growth per 100 participants is the least-squares slope; ${runs} run(s), each with a fresh server.`,
    ],
    figures: [
      { label: 'Node process RSS per 100 participants', value: mib(node) },
      { label: 'of which JS heap per 100 participants', value: mib(heap) },
      { label: 'mediasoup worker RSS per 100 participants', value: mib(worker) },
    ],
    details: [
      table(
        ['run', 'participants', 'Node RSS MiB', 'heap MiB', 'worker RSS MiB'],
        all.flatMap((pts, r) => pts.map((p) => [r + 1, p.participants, fmt(p.rss / MiB), fmt(p.heapUsed / MiB), fmt(p.workerRss / MiB)])),
      ),
    ],
    charts: [
      {
        file: 'memory.svg',
        alt: 'Server memory against participants',
        svg: lineChart({
          title: 'Server memory vs participants (channels of 10)',
          xLabel: 'participants',
          yLabel: 'MiB',
          series: [
            { name: 'Node RSS', points: all[0]!.map((p) => [p.participants, p.rss / MiB]) },
            { name: 'Node heap', points: all[0]!.map((p) => [p.participants, p.heapUsed / MiB]) },
            { name: 'worker RSS', points: all[0]!.map((p) => [p.participants, p.workerRss / MiB]) },
          ],
        }),
      },
    ],
    misses: [],
    notes: [
      'No goal was set for memory; the figure is for sizing.',
      'RSS moves in whole pages and the heap reuses pages freed since the start, so over a few hundred participants the Node RSS slope can come out below the heap slope; the heap slope is the better per-participant figure for the Node side (the server runs under tsx here, whose compiled code explains most of the ~230 MiB base).',
    ],
    data: { steps, runs, points: all },
  };
}

export const memorySuite: Suite = { id: 'memory', title: 'Server memory', run };
