import type { Logger } from 'pino';
import type { PoolWorker } from './PoolWorker.js';

/** Where each worker's WebRtcServer listens (from the server config). */
export interface RtcListenSettings {
  /** Address the UDP socket and TCP server bind. */
  listenIp: string;
  /** Address given to browsers in ICE candidates (the listen IP when absent). */
  announcedAddress?: string | undefined;
  /** Worker i listens on UDP and TCP port `port + i`; 0: free ports chosen at start (kept by a replacement). */
  port: number;
}

/** The ports a worker's WebRtcServer listens on. */
export interface RtcPorts {
  udp: number;
  tcp: number;
}

export interface WorkerPoolOptions {
  numWorkers: number;
  logger: Logger;
  /** Each worker's WebRtcServer: every WebRTC transport of the worker shares its one UDP and one TCP port. */
  rtc: RtcListenSettings;
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
