// The Voxlay server in this process, and small GraphQL helpers.
import type { VoxlayApp } from '../../server/src/app.js';
import { startTestApp } from '@voxlay/testing/server';

/** The test server's defaults (one worker, its WebRTC media on free ports) with the benchmark's log level. */
export async function startBenchApp(): Promise<VoxlayApp> {
  return startTestApp({
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent',
    disconnectGraceMs: 500,
    // The benchmark pages are served from their own port (another origin).
    allowedOrigins: ['*'],
    // Every benchmark client comes from this machine: no per-address limit for loopback.
    addressLimitsExempt: ['loopback'],
  });
}

export function workerPid(app: VoxlayApp): number {
  const worker = app.pool.workers[0];
  if (!worker) throw new Error('no worker');
  return worker.pid;
}
