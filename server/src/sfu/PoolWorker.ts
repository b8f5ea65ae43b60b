import type { types } from 'mediasoup';
import { mediaCodecs } from './mediaCodecs.js';
import type { RouterAppData, RtcListenSettings, RtcPorts } from './WorkerPoolTypes.js';

/** A worker could not listen on its RTC ports (another process holds one, or the address is not local). */
export class RtcPortError extends Error {
  override name = 'RtcPortError';
}

/**
 * One mediasoup worker process in the pool, with its WebRtcServer (one UDP and one TCP port that
 * every WebRTC transport of the worker shares), its routers and CPU/memory samples.
 */
export class PoolWorker {
  readonly index: number;
  readonly worker: types.Worker;
  readonly webRtcServer: types.WebRtcServer;
  /** The ports webRtcServer listens on. */
  readonly ports: RtcPorts;
  readonly #routers = new Set<types.Router<RouterAppData>>();
  #webRtcTransportCount = 0;
  #cpuTimeMs = 0;
  #cpuLoad = 0;
  #maxRssBytes = 0;
  #sampledAt: number | undefined;

  /**
   * Gives `worker` its WebRtcServer on `ports` (0 = a free port). RtcPortError, and the worker
   * closed, when it cannot listen there.
   */
  static async create(index: number, worker: types.Worker, rtc: RtcListenSettings, ports: RtcPorts): Promise<PoolWorker> {
    const listen = { ip: rtc.listenIp, announcedAddress: rtc.announcedAddress };
    let webRtcServer: types.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ...listen, port: ports.udp },
          { protocol: 'tcp', ...listen, port: ports.tcp },
        ],
        appData: { workerIndex: index },
      });
    } catch (error) {
      worker.close();
      const wanted = (port: number) => (port === 0 ? 'a free port' : `port ${port}`);
      throw new RtcPortError(
        `mediasoup worker ${index} cannot listen for WebRTC media on ${rtc.listenIp}, UDP ${wanted(ports.udp)} and TCP ${wanted(ports.tcp)} ` +
          `(${(error as Error).message}). Another process holds the port, or the address is not this host's: ` +
          'stop it, or set VOXLAY_RTC_PORT / VOXLAY_LISTEN_IP (worker i listens on VOXLAY_RTC_PORT + i).',
        { cause: error },
      );
    }
    try {
      const dump = await webRtcServer.dump();
      return new PoolWorker(index, worker, webRtcServer, { udp: dump.udpSockets[0]!.port, tcp: dump.tcpServers[0]!.port });
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  private constructor(index: number, worker: types.Worker, webRtcServer: types.WebRtcServer, ports: RtcPorts) {
    this.index = index;
    this.worker = worker;
    this.webRtcServer = webRtcServer;
    this.ports = ports;
    webRtcServer.observer.on('webrtctransporthandled', () => (this.#webRtcTransportCount += 1));
    webRtcServer.observer.on('webrtctransportunhandled', () => (this.#webRtcTransportCount -= 1));
  }

  get udpPort(): number {
    return this.ports.udp;
  }

  get tcpPort(): number {
    return this.ports.tcp;
  }

  /** WebRTC transports on this worker's WebRtcServer now. */
  get webRtcTransportCount(): number {
    return this.#webRtcTransportCount;
  }

  get pid(): number {
    return this.worker.pid;
  }

  get alive(): boolean {
    return !this.worker.died && !this.worker.closed;
  }

  get routerCount(): number {
    return this.#routers.size;
  }

  /** The channels with a router here, once each (a large channel may have several routers on one worker). */
  get channelIds(): string[] {
    return [...new Set([...this.#routers].map((router) => router.appData.channelId))];
  }

  get cpuTimeMs(): number {
    return this.#cpuTimeMs;
  }

  get cpuLoad(): number {
    return this.#cpuLoad;
  }

  get maxRssBytes(): number {
    return this.#maxRssBytes;
  }

  async createRouter(appData: RouterAppData): Promise<types.Router<RouterAppData>> {
    const router = await this.worker.createRouter<RouterAppData>({ mediaCodecs, appData });
    this.#routers.add(router);
    router.observer.once('close', () => this.#routers.delete(router));
    return router;
  }

  /** Samples CPU time (user + system) and max RSS; cpuLoad is the share of one core since the last sample. */
  async sample(): Promise<void> {
    if (!this.alive) return;
    const usage = await this.worker.getResourceUsage();
    const now = performance.now();
    const cpuTimeMs = usage.ru_utime + usage.ru_stime;
    if (this.#sampledAt !== undefined && now > this.#sampledAt) {
      this.#cpuLoad = Math.max(0, Math.min(1, (cpuTimeMs - this.#cpuTimeMs) / (now - this.#sampledAt)));
    }
    this.#cpuTimeMs = cpuTimeMs;
    this.#sampledAt = now;
    this.#maxRssBytes = usage.ru_maxrss * 1024;
  }

  close(): void {
    this.worker.close();
    this.#routers.clear();
  }
}
