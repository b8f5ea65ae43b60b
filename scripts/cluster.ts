// A local Voxlay cluster: one redis-server (persistence off, its dir under a temp dir) and three
// server nodes over it, each started like `npm run dev -w server` (server/src/main.ts with tsx):
//   npm run cluster
// Nodes listen on ports 3000-3002 (VOXLAY_CLUSTER_BASE_PORT), each with one mediasoup worker and
// its media on one UDP and one TCP port (VOXLAY_RTC_PORT 40000, 40010, 40020). Every node inherits this
// environment, so they share the auth config (VOXLAY_AUTH_MODE, VOXLAY_JWT_SECRET...): a token works on
// any node. VOXLAY_CLUSTER_NODES (3) sets how many; VOXLAY_CLUSTER_REDIS_PORT a fixed Redis port (default:
// a free one). Kill a node (`kill -9 <pid>`, printed) to watch its channels move. Ctrl-C stops everything.
// VOXLAY_CLUSTER_SENTINEL=1: Redis with Sentinel instead (a primary, its replica and three sentinels on
// free ports, the nodes given VOXLAY_REDIS_SENTINELS); kill the primary (its pid is printed) to watch a
// sentinel promote the replica while the calls go on.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// The same redis-server starter the cluster tests use.
import { RedisServer } from '@voxlay/testing/redis';
import { RedisSentinelGroup } from '@voxlay/testing/redis-sentinel';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'server', 'src', 'main.ts');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`cluster: ${name}=${JSON.stringify(raw)} must be an integer in ${min}..${max}`);
    process.exit(2);
  }
  return value;
}

const count = intFromEnv('VOXLAY_CLUSTER_NODES', 3, 1, 9);
const basePort = intFromEnv('VOXLAY_CLUSTER_BASE_PORT', 3000, 1, 65535 - count);
const redisPort = process.env.VOXLAY_CLUSTER_REDIS_PORT ? intFromEnv('VOXLAY_CLUSTER_REDIS_PORT', 6379, 1, 65535) : undefined;
const withSentinel = intFromEnv('VOXLAY_CLUSTER_SENTINEL', 0, 0, 1) === 1;

interface RunningNode {
  id: string;
  url: string;
  child: ChildProcess;
}

const nodes: RunningNode[] = [];
let redis: RedisServer | undefined;
let sentinels: RedisSentinelGroup | undefined;
let stopping: Promise<void> | undefined;

function prefixOutput(id: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${id}] ${line}`));
  }
}

async function waitHealthy(node: RunningNode): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (node.child.exitCode !== null) throw new Error(`${node.id} exited with code ${node.child.exitCode}`);
    const ok = await fetch(`${node.url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${node.id} did not answer ${node.url}/healthz within ${READY_TIMEOUT_MS / 1000} s`);
}

/** How the nodes reach Redis: one server's URL, or the sentinels of a group. */
type RedisEnv = Record<string, string>;

function startNode(index: number, redisEnv: RedisEnv): RunningNode {
  const id = `node-${index + 1}`;
  const port = basePort + index;
  // One worker per node: node i's media on UDP and TCP port 40000 + 10 i (room for up to 10 workers each).
  const rtcPort = 40000 + index * 10;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      VOXLAY_NODE_ID: id,
      ...redisEnv,
      VOXLAY_WORKERS: '1',
      VOXLAY_RTC_PORT: String(rtcPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixOutput(id, child);
  const node: RunningNode = { id, url: `http://127.0.0.1:${port}`, child };
  child.once('exit', (code, signal) => {
    if (!stopping) console.log(`cluster: ${id} exited (${signal ?? code}); its channels move to the live nodes`);
  });
  return node;
}

async function stopNode(node: RunningNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => node.child.once('exit', () => resolve()));
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function stopAll(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    console.log('cluster: stopping');
    await Promise.all(nodes.map(stopNode));
    await redis?.stop();
    await sentinels?.stop();
    process.exit(exitCode);
  })();
  return stopping;
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  let redisEnv: RedisEnv;
  if (withSentinel) {
    sentinels = await RedisSentinelGroup.start();
    const [primary, replica] = sentinels.servers;
    console.log(
      `cluster: Redis primary on port ${primary?.port} (pid ${primary?.pid}), replica on port ${replica?.port} (pid ${replica?.pid}), ` +
        `sentinels ${sentinels.sentinelAddresses.join(', ')} watching "${sentinels.name}" (no persistence)`,
    );
    redisEnv = { VOXLAY_REDIS_SENTINELS: sentinels.sentinelAddresses.join(','), VOXLAY_REDIS_SENTINEL_NAME: sentinels.name };
  } else {
    redis = await RedisServer.start(redisPort);
    console.log(`cluster: redis-server on ${redis.url} (pid ${redis.pid}, no persistence)`);
    redisEnv = { VOXLAY_REDIS_URL: redis.url };
  }
  for (let index = 0; index < count; index++) nodes.push(startNode(index, redisEnv));
  await Promise.all(nodes.map(waitHealthy));
  console.log('cluster: ready');
  for (const node of nodes) console.log(`  ${node.id}  ${node.url}  (pid ${node.child.pid})`);
  console.log('Open any node; Query.nodes lists them all. Ctrl-C stops the cluster.');
} catch (error) {
  console.error(`cluster: ${(error as Error).message}`);
  await stopAll(1);
}
