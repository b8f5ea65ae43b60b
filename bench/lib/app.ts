// The Voxlay server in this process, and small GraphQL helpers.
import { startApp, type VoxlayApp } from '../../server/src/app.js';

/** One worker, its WebRTC media on free ports (rtcPort 0). */
export async function startBenchApp(): Promise<VoxlayApp> {
  return startApp({
    port: 0,
    host: '127.0.0.1',
    numWorkers: 1,
    listenIp: '127.0.0.1',
    announcedAddress: undefined,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent',
    disconnectGraceMs: 500,
    staticDir: undefined,
    // The benchmark pages are served from their own port (another origin).
    allowedOrigins: ['*'],
    rtcPort: 0,
    // Every benchmark client comes from this machine: no per-address limit for loopback.
    addressLimitsExempt: ['loopback'],
  });
}

export function workerPid(app: VoxlayApp): number {
  const worker = app.pool.workers[0];
  if (!worker) throw new Error('no worker');
  return worker.pid;
}
