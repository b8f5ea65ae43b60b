// 9. Participants per node (issue #12): one server with its default configuration (as many workers
// as cores, each with one UDP and one TCP port, the default node limit) takes participants up to its
// limit, then refuses with NODE_FULL. Silent members join from Node over graphql-ws (the large-channel
// suite's members), spread over channels of BENCH_NC_CHANNEL_SIZE (100); nobody connects media.
// BENCH_NC_LIMIT sets VOXLAY_MAX_PARTICIPANTS_PER_NODE (default: the server's own; 300 quick);
// BENCH_NC_BEYOND (50) joins are tried past the limit.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { listeningPorts } from '@voxlay/testing/sockets';
import { sleep, withTimeout } from '../lib/config.js';
import { LargeChannelServer } from '../lib/large-channel-server.js';
import { SilentMembers } from '../lib/large-channel-members.js';
import { cpuSeconds, rssBytes } from '../lib/proc.js';
import { fmt, percentile, slope } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { lineChart } from '../lib/svg.js';

const MiB = 2 ** 20;
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

interface HealthView {
  ok: boolean;
  participants: number;
  participantCapacity: number;
  acceptingJoins: boolean;
  workersTotal: number;
}

interface WorkerPorts {
  index: number;
  pid: number;
  udpPort: number;
  tcpPort: number;
  webRtcTransportCount: number;
}

/** What the server holds after a step of joins. */
interface Point {
  participants: number;
  joined: number;
  failed: number;
  seconds: number;
  joinsPerSecond: number;
  joinP50: number;
  joinP95: number;
  /** Server Node.js CPU per join during the step (ms). */
  nodeCpuMsPerJoin: number;
  /** Workers' CPU per join during the step (ms, all workers). */
  workerCpuMsPerJoin: number;
  nodeRss: number;
  nodeHeap: number;
  workersRss: number;
  /** UDP sockets and listening TCP sockets of every worker together. */
  udpPorts: number;
  tcpPorts: number;
  /** Idle CPU (share of a core) over 2 s after the step: Node.js, and all workers. */
  idleNode: number;
  idleWorkers: number;
  /** A health query over HTTP right after the step (the control plane's responsiveness), ms. */
  healthMs: number;
}

/** One join on its own socket: the error code it got ('JOINED' when it got in), and how long the answer took. */
async function tryJoin(serverUrl: string, channelId: string, name: string): Promise<{ code: string; ms: number; retryAfterMs?: number }> {
  const url = new URL('/graphql', serverUrl);
  url.protocol = 'ws:';
  const client = createClient({ url: url.href, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  const started = performance.now();
  try {
    const result = await withTimeout(
      new Promise<{ code: string; retryAfterMs?: number }>((resolve, reject) => {
        client.subscribe(
          {
            query: 'mutation($input: JoinChannelInput!) { joinChannel(input: $input) { participant { id } } }',
            variables: { input: { channelId, displayName: name } },
          },
          {
            next: (r) => {
              const ext = r.errors?.[0]?.extensions as { code?: string; retryAfterMs?: number } | undefined;
              resolve(
                r.errors?.length
                  ? { code: String(ext?.code), ...(ext?.retryAfterMs === undefined ? {} : { retryAfterMs: ext.retryAfterMs }) }
                  : { code: 'JOINED' },
              );
            },
            error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
            complete: () => undefined,
          },
        );
      }),
      30_000,
      `join ${name}`,
    );
    return { ...result, ms: performance.now() - started };
  } finally {
    await client.dispose();
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const channelSize = num('BENCH_NC_CHANNEL_SIZE', 100);
  const limitEnv = process.env.BENCH_NC_LIMIT ?? (ctx.quick ? '300' : undefined);
  const step = num('BENCH_NC_STEP', ctx.quick ? 100 : 250);
  const beyond = num('BENCH_NC_BEYOND', ctx.quick ? 20 : 50);
  const concurrency = 16;
  const server = await LargeChannelServer.start({ env: limitEnv ? { VOXLAY_MAX_PARTICIPANTS_PER_NODE: limitEnv } : {} });
  const members = new SilentMembers();
  const points: Point[] = [];
  const refusals: Array<{ code: string; ms: number; retryAfterMs?: number }> = [];
  let healthFull: { body: HealthView; healthz: number; readyz: number } | undefined;
  let workers: WorkerPorts[] = [];
  let serverPorts = { udp: [] as number[], tcp: [] as number[] };
  const started = performance.now();
  try {
    const health = () =>
      server
        .query<{ health: HealthView }>('{ health { ok participants participantCapacity acceptingJoins workersTotal } }')
        .then((d) => d.health);
    const h0 = await health();
    const capacity = h0.participantCapacity;
    workers = (await server.query<{ workers: WorkerPorts[] }>('{ workers { index pid udpPort tcpPort webRtcTransportCount } }')).workers;
    const pids = workers.map((w) => w.pid);
    ctx.log(
      `node-capacity: ${h0.workersTotal} workers, capacity ${capacity} participants (${limitEnv ? `VOXLAY_MAX_PARTICIPANTS_PER_NODE=${limitEnv}` : 'default'}), ports ${workers.map((w) => `${w.udpPort}/udp+${w.tcpPort}/tcp`).join(', ')}`,
    );
    const channels: string[] = [server.lobby];
    const channelFor = async (i: number): Promise<string> => {
      const index = Math.floor(i / channelSize);
      while (channels.length <= index) {
        const d = await server.query<{ createChannel: { id: string } }>(
          'mutation($name: String!) { createChannel(input: { name: $name }) { id } }',
          { name: `node-capacity ${channels.length}` },
        );
        channels.push(d.createChannel.id);
      }
      return channels[index]!;
    };
    const snapshot = async (): Promise<
      Pick<Point, 'nodeRss' | 'nodeHeap' | 'workersRss' | 'udpPorts' | 'tcpPorts' | 'idleNode' | 'idleWorkers' | 'healthMs'>
    > => {
      const t = performance.now();
      await health();
      const healthMs = performance.now() - t;
      const n0 = cpuSeconds(server.pid);
      const w0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
      await sleep(2000);
      const idleNode = (cpuSeconds(server.pid) - n0) / 2;
      const idleWorkers = (pids.reduce((s, p) => s + cpuSeconds(p), 0) - w0) / 2;
      const metrics = await server.metrics();
      const ports = pids.map((pid) => listeningPorts(pid));
      return {
        nodeRss: rssBytes(server.pid),
        nodeHeap: metrics.get('nodejs_heap_size_used_bytes') ?? Number.NaN,
        workersRss: pids.reduce((s, p) => s + rssBytes(p), 0),
        udpPorts: ports.reduce((s, p) => s + p.udp.length, 0),
        tcpPorts: ports.reduce((s, p) => s + p.tcp.length, 0),
        idleNode,
        idleWorkers,
        healthMs,
      };
    };
    points.push({
      participants: 0,
      joined: 0,
      failed: 0,
      seconds: 0,
      joinsPerSecond: Number.NaN,
      joinP50: Number.NaN,
      joinP95: Number.NaN,
      nodeCpuMsPerJoin: Number.NaN,
      workerCpuMsPerJoin: Number.NaN,
      ...(await snapshot()),
    });

    // Up to the limit, a step at a time, each step's members over channels of `channelSize`.
    let total = 0;
    while (total < capacity) {
      const target = Math.min(capacity, total + step);
      const n0 = cpuSeconds(server.pid);
      const w0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
      const t0 = performance.now();
      let joined = 0;
      let failed = 0;
      const joinMs: number[] = [];
      while (total + joined + failed < target) {
        const first = total + joined + failed;
        const channelId = await channelFor(first);
        const room = Math.min(target - first, channelSize - (first % channelSize));
        const phase = await members.join({
          serverUrl: server.url,
          channelId,
          count: room,
          rtpCapabilities: null,
          concurrency,
          subscribe: true,
          joinTimeoutMs: 60_000,
          log: () => undefined,
        });
        joined += phase.joined;
        failed += phase.failed;
        joinMs.push(...phase.joinMs);
        if (phase.failed) ctx.log(`node-capacity: ${phase.failed} joins failed: ${phase.errors.join(' | ')}`);
      }
      const seconds = (performance.now() - t0) / 1000;
      const nodeCpu = cpuSeconds(server.pid) - n0;
      const workerCpu = pids.reduce((s, p) => s + cpuSeconds(p), 0) - w0;
      total += joined + failed;
      const point: Point = {
        participants: members.size,
        joined,
        failed,
        seconds,
        joinsPerSecond: joined / seconds,
        joinP50: percentile(joinMs, 50),
        joinP95: percentile(joinMs, 95),
        nodeCpuMsPerJoin: (nodeCpu * 1000) / Math.max(1, joined),
        workerCpuMsPerJoin: (workerCpu * 1000) / Math.max(1, joined),
        ...(await snapshot()),
      };
      points.push(point);
      ctx.log(
        `node-capacity: ${point.participants} participants, ${fmt(point.joinsPerSecond)} joins/s (p50 ${fmt(point.joinP50, 0)} ms), Node RSS ${fmt(point.nodeRss / MiB, 0)} MiB, heap ${fmt(point.nodeHeap / MiB, 0)} MiB, workers RSS ${fmt(point.workersRss / MiB, 0)} MiB, ports ${point.udpPorts} UDP + ${point.tcpPorts} TCP`,
      );
      if (failed > 0 && joined === 0) break;
    }

    // Beyond the limit: every further join, in any channel, gets NODE_FULL.
    for (let i = 0; i < beyond; i++) refusals.push(await tryJoin(server.url, channels[i % channels.length]!, `beyond ${i}`));
    const status = async (path: string) => (await fetch(`${server.url}${path}`)).status;
    healthFull = { body: await health(), healthz: await status('/healthz'), readyz: await status('/readyz') };
    serverPorts = listeningPorts(server.pid);
  } finally {
    await members.close();
    await server.stop();
  }

  const last = points.at(-1)!;
  const first = points[0]!;
  const steps = points.slice(1);
  const capacity = healthFull?.body.participantCapacity ?? Number.NaN;
  const allJoined = steps.reduce((s, p) => s + p.joined, 0);
  const allFailed = steps.reduce((s, p) => s + p.failed, 0);
  const joinSeconds = steps.reduce((s, p) => s + p.seconds, 0);
  const perParticipant = (f: (p: Point) => number) => slope(points.map((p) => [p.participants, f(p)]));
  const nodeKiB = perParticipant((p) => p.nodeRss) / 1024;
  const heapKiB = perParticipant((p) => p.nodeHeap) / 1024;
  const workerKiB = perParticipant((p) => p.workersRss) / 1024;
  const codes = new Map<string, number>();
  for (const r of refusals) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
  const nodeFull = codes.get('NODE_FULL') ?? 0;
  const expectedPorts = workers.length;
  // Channels of `channelSize` (≤ 250) never span routers, so no pipe sockets: exactly one UDP and one TCP port per worker.
  const portsConstant = points.every((p) => p.udpPorts === expectedPorts && p.tcpPorts === expectedPorts);
  const misses: string[] = [];
  if (last.participants < capacity)
    misses.push(`Only ${last.participants} of the ${capacity} participants the node admits joined (${allFailed} joins failed).`);
  if (nodeFull !== refusals.length)
    misses.push(
      `Beyond the limit, ${refusals.length - nodeFull} of ${refusals.length} joins got something other than NODE_FULL: ${[...codes].map(([c, n]) => `${c} × ${n}`).join(', ')}.`,
    );
  if (!portsConstant)
    misses.push(
      `The workers' ports changed with the participants (UDP / TCP: ${points.map((p) => `${p.udpPorts} / ${p.tcpPorts}`).join(', ')}; expected ${expectedPorts} / ${expectedPorts}).`,
    );

  return {
    id: 'node-capacity',
    title: 'Participants per node',
    method: [
      `The server (server/src/main.ts in its own Node.js process) with its **default configuration** but loopback addresses and free media ports (VOXLAY_RTC_PORT=0): VOXLAY_WORKERS = the machine's cores (${workers.length}), each worker with one WebRtcServer (one UDP and one TCP port), and ${limitEnv ? `VOXLAY_MAX_PARTICIPANTS_PER_NODE=${limitEnv} (set for this run)` : 'the default node limit'} of ${capacity} participants. Silent members join from the benchmark's process, each on its own graphql-ws WebSocket (bench/lib/large-channel-members.ts: joinChannel, then participantEvents like a real client), ${concurrency} joins in flight, in channels of ${channelSize} created as needed (the default channel first), ${step} per step up to the limit. Nobody connects ICE or sends media: each member costs the server its participant, two WebRTC transports on its worker's WebRtcServer and its events, not forwarding (forwarding per core is §3 and §4).`,
      `After each step: the Node.js process's RSS (/proc) and V8 heap in use (/metrics, without a forced GC), the workers' RSS, the UDP sockets and listening TCP sockets of the worker processes (/proc/<pid>/fd matched with /proc/net), a health query's round trip, and the CPU of Node.js and the workers over 2 idle seconds. Memory per participant is the least-squares slope over the steps. Then ${beyond} more joins (one at a time, over all channels) past the limit, their error codes and answer times, and /healthz and /readyz.`,
    ],
    figures: [
      {
        label: 'Participants held by one node (default configuration)',
        value: `${last.participants} of ${capacity} admitted, ${allFailed} failed joins (${workers.length} workers)`,
        goal: '≥ 2,000',
        met: last.participants >= 2000 ? true : limitEnv ? null : false,
      },
      {
        label: 'Joins per second, up to the limit (median step; whole run)',
        value: `${fmt(
          percentile(
            steps.map((p) => p.joinsPerSecond),
            50,
          ),
        )} (${fmt(allJoined / joinSeconds)} over ${fmt(joinSeconds, 0)} s); join p50 / p95 ${fmt(
          percentile(
            steps.map((p) => p.joinP50),
            50,
          ),
          0,
        )} / ${fmt(Math.max(...steps.map((p) => p.joinP95)), 0)} ms`,
      },
      {
        label: 'Server CPU per join (median step)',
        value: `Node.js ${fmt(
          percentile(
            steps.map((p) => p.nodeCpuMsPerJoin),
            50,
          ),
        )} ms, workers ${fmt(
          percentile(
            steps.map((p) => p.workerCpuMsPerJoin),
            50,
          ),
          2,
        )} ms`,
      },
      {
        label: 'Memory per participant (slope)',
        value: `Node.js RSS ${fmt(nodeKiB, 0)} KiB (V8 heap ${fmt(heapKiB, 0)} KiB), workers RSS ${fmt(workerKiB, 0)} KiB`,
        source: 'derived',
        how: 'least-squares slope of the readings after each step over the participants held',
      },
      {
        label: 'Memory at the limit',
        value: `Node.js RSS ${fmt(last.nodeRss / MiB, 0)} MiB (heap ${fmt(last.nodeHeap / MiB, 0)} MiB), workers ${fmt(last.workersRss / MiB, 0)} MiB (empty: ${fmt(first.nodeRss / MiB, 0)} and ${fmt(first.workersRss / MiB, 0)} MiB)`,
      },
      {
        label: 'Media ports used',
        value: `${last.udpPorts} UDP + ${last.tcpPorts} TCP for ${last.participants} participants (${workers.length} workers × 2 = ${workers.length * 2}), the same at every step`,
        goal: 'workers × 2, constant',
        met: portsConstant,
      },
      {
        label: 'Joins beyond the limit',
        value: `${nodeFull} of ${refusals.length} refused with NODE_FULL (retryAfterMs ${refusals[0]?.retryAfterMs ?? '—'}), answered in ${fmt(
          percentile(
            refusals.map((r) => r.ms),
            50,
          ),
          0,
        )} ms (p50)`,
        goal: 'all NODE_FULL',
        met: refusals.length > 0 && nodeFull === refusals.length,
      },
      {
        label: 'Health when full',
        value: healthFull
          ? `/healthz ${healthFull.healthz}, /readyz ${healthFull.readyz}; participants ${healthFull.body.participants} / ${healthFull.body.participantCapacity}, acceptingJoins ${healthFull.body.acceptingJoins}`
          : 'not read',
      },
      {
        label: 'Idle CPU at the limit (2 s)',
        value: `Node.js ${fmt(last.idleNode * 100)}%, workers ${fmt(last.idleWorkers * 100)}% of a core; health round trip ${fmt(last.healthMs, 0)} ms`,
      },
    ],
    details: [
      table(
        [
          'participants',
          'joins/s',
          'join p50 / p95 ms',
          'Node CPU ms/join',
          'workers CPU ms/join',
          'Node RSS MiB',
          'heap MiB',
          'workers RSS MiB',
          'UDP / TCP ports',
          'idle CPU Node / workers',
          'health ms',
        ],
        points.map((p) => [
          p.participants,
          fmt(p.joinsPerSecond),
          `${fmt(p.joinP50, 0)} / ${fmt(p.joinP95, 0)}`,
          fmt(p.nodeCpuMsPerJoin),
          fmt(p.workerCpuMsPerJoin, 2),
          fmt(p.nodeRss / MiB, 0),
          fmt(p.nodeHeap / MiB, 0),
          fmt(p.workersRss / MiB, 0),
          `${p.udpPorts} / ${p.tcpPorts}`,
          `${fmt(p.idleNode * 100)}% / ${fmt(p.idleWorkers * 100)}%`,
          fmt(p.healthMs, 0),
        ]),
      ),
      `Workers' media ports: ${workers.map((w) => `worker ${w.index} UDP ${w.udpPort}, TCP ${w.tcpPort}`).join('; ')}. The server process itself listens on ${serverPorts.tcp.length} TCP port(s) (HTTP and WebSocket, and the inspector the suite starts it with) and ${serverPorts.udp.length} UDP port(s).`,
      `Beyond the limit: ${[...codes].map(([c, n]) => `${c} × ${n}`).join(', ')}.`,
    ],
    charts: [
      {
        file: 'node-capacity.svg',
        alt: 'Server memory against participants on one node',
        svg: lineChart({
          title: 'One node: memory vs participants (default configuration)',
          xLabel: 'participants',
          yLabel: 'MiB',
          series: [
            { name: 'Node RSS', points: points.map((p) => [p.participants, p.nodeRss / MiB]) },
            { name: 'Node heap', points: points.map((p) => [p.participants, p.nodeHeap / MiB]) },
            { name: 'workers RSS', points: points.map((p) => [p.participants, p.workersRss / MiB]) },
          ],
        }),
      },
    ],
    misses,
    notes: [
      'The members are silent and never connect media, so this measures what every participant holds (memory, transports, events, the join path); what speaking participants cost the workers is §3 (forwarding per core) and §4 (a real call). The capacity basis in docs/operations.md#capacity combines both.',
      `Whole suite: ${fmt((performance.now() - started) / 1000, 0)} s.`,
    ],
    data: { capacity, channelSize, step, concurrency, workers, points, refusals, healthFull, serverPorts },
  };
}

export const nodeCapacitySuite: Suite = { id: 'node-capacity', title: 'Participants per node', run };
