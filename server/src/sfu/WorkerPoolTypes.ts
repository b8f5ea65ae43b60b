import type { Logger } from 'pino';
import type { PoolWorker } from './PoolWorker.js';

export interface WorkerPoolOptions {
  numWorkers: number;
  logger: Logger;
  /** How often worker CPU use is sampled (ms). */
  sampleIntervalMs?: number;
  /** mediasoup-worker log level. */
  workerLogLevel?: 'debug' | 'warn' | 'error' | 'none';
}

export type WorkerPoolEvents = {
  /** A worker process died; its routers are gone. The replacement is already being spawned. */
  workerdied: [PoolWorker, Error];
  /** A replacement worker is up at the same index. */
  workerreplaced: [PoolWorker];
};

export type RouterAppData = { channelId: string };
