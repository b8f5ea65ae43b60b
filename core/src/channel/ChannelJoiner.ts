import type { Device } from 'mediasoup-client';
import type { VoxlayClient } from '../createVoxlayClient';
import { ErrorCode, VoxlayError } from '../errors';
import { ChannelsDocument, NodesDocument } from '../graphql/__generated__/graphql';
import { Logger } from '../logger';
import { Signaling } from '../signaling/Signaling';
import { ChannelConnection, type AudioWants, type ChannelConnectionOptions } from './ChannelConnection';
import { deviceFor, PREPARE_SOCKET_WAIT_MS, whenConnected } from './prepare';
import { sleep } from './Reconnector';

const logger = new Logger('ChannelJoiner');

/** How long after a join the Channel asks for the service's nodes (failover targets). */
const LEARN_NODES_DELAY_MS = 2_000;

/** Bounds of one join through a clustered service. */
export interface JoinLimits {
  /** WRONG_NODE redirects followed before giving up. */
  maxHops: number;
  /** UNAVAILABLE answers retried (each after its retryAfterMs) before giving up. */
  maxUnavailableRetries: number;
  /** Longest wait asked by one UNAVAILABLE that is honoured (ms); longer ones are cut to it. */
  maxRetryAfterMs: number;
  /** How long to wait for the WebSocket to the new node after a redirect (ms). */
  connectTimeoutMs: number;
}

export const DEFAULT_JOIN_LIMITS: JoinLimits = { maxHops: 3, maxUnavailableRetries: 20, maxRetryAfterMs: 2_000, connectTimeoutMs: 5_000 };

/** What ChannelJoiner needs of the client: where it talks to, switching node, the node list. */
export type JoinerClient = Pick<VoxlayClient, 'client' | 'url' | 'connected' | 'on' | 'retarget' | 'addKnownNodes'>;

export interface ChannelJoinerOptions extends ChannelConnectionOptions {
  /** mediasoup-client Device factory (tests, a forced handler); the default Device is shared per server URL. */
  createDevice?: () => Promise<Device>;
  joinLimits?: Partial<JoinLimits>;
}

/** One join request: who joins where, and what the new connection is wired to. */
export interface JoinRequest {
  channelId: string;
  displayName: string;
  /** The name of the channel joined before (a rejoin), else null. */
  channelName: string | null;
  audio: AudioWants;
  /** Subscribes to the new connection's events before it can emit any. */
  listen: (connection: ChannelConnection) => void;
}

/** Replaceable parts for unit tests: opening a connection on the node in use, the name look-up, the clock. */
export interface JoinerSeams {
  open?: (request: JoinRequest, channelId: string) => Promise<ChannelConnection>;
  findChannelByName?: (name: string) => Promise<string | null>;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Joins a Channel through the service, whichever node hosts it: loads the mediasoup-client Device
 * for the node in use (ahead, with prepare()), sends JoinChannel (ChannelConnection.open), follows
 * WRONG_NODE to the node named in `extensions.nodeUrl` (retargeting the client, at most `maxHops`
 * times), waits out UNAVAILABLE (`retryAfterMs`, while a dead node's channel is being moved;
 * bounded), and on a rejoin whose channel id the server no longer knows (a server restart gives
 * channels new ids) joins the channel of the same name once. Stops with the last error when a
 * bound is reached or the attempt's signal aborts (leave()). Once joined, learns the service's
 * node list so the client can fall back when its node dies.
 */
export class ChannelJoiner {
  /** The Device for the node in use (loaded again when the client moved to another node). */
  private device: { url: string; promise: Promise<Device> } | null = null;
  private readonly limits: JoinLimits;

  constructor(
    private readonly client: JoinerClient,
    private readonly signaling: Signaling,
    private readonly options: ChannelJoinerOptions = {},
    private readonly seams: JoinerSeams = {},
  ) {
    this.limits = { ...DEFAULT_JOIN_LIMITS, ...options.joinLimits };
  }

  /** Waits for the WebSocket (bounded) and loads the Device. Rejects when the capabilities cannot be loaded. */
  async prepare(): Promise<void> {
    Signaling.prepare(ChannelConnection.joinDocuments);
    await Promise.all([this.loadDevice(), whenConnected(this.client, PREPARE_SOCKET_WAIT_MS)]);
  }

  private loadDevice(): Promise<Device> {
    const url = this.client.url;
    if (this.device?.url !== url) {
      const promise = deviceFor(this.client, this.options.createDevice);
      const entry = { url, promise };
      this.device = entry;
      promise.catch(() => {
        if (this.device === entry) this.device = null;
      });
    }
    return this.device.promise;
  }

  /** JoinChannel on the node in use, with its Device. */
  private async open(request: JoinRequest, channelId: string, signal: AbortSignal): Promise<ChannelConnection> {
    if (this.seams.open) return this.seams.open(request, channelId);
    const device = await this.loadDevice();
    signal.throwIfAborted(); // gone stale before joining: send nothing
    return ChannelConnection.open({
      signaling: this.signaling,
      device,
      channelId,
      displayName: request.displayName,
      audio: request.audio,
      listen: request.listen,
      options: this.options,
    });
  }

  /**
   * Resolves with the connection and the channel id it joined (another one when the channel was
   * found by `channelName`). Rejects with the last error, also when `signal` aborted meanwhile.
   */
  async join(request: JoinRequest, signal: AbortSignal): Promise<{ connection: ChannelConnection; channelId: string }> {
    let channelId = request.channelId;
    let hops = 0;
    let unavailable = 0;
    let triedName = false;
    for (;;) {
      try {
        return { connection: await this.open(request, channelId, signal), channelId };
      } catch (error) {
        if (!(error instanceof VoxlayError) || signal.aborted) throw error;
        if (error.code === ErrorCode.WRONG_NODE) {
          const nodeUrl = error.extensions.nodeUrl;
          if (typeof nodeUrl !== 'string' || hops >= this.limits.maxHops) throw error;
          hops++;
          await this.moveTo(nodeUrl, error);
        } else if (error.code === ErrorCode.UNAVAILABLE) {
          if (unavailable >= this.limits.maxUnavailableRetries) throw error;
          unavailable++;
          const asked = Number(error.extensions.retryAfterMs);
          const wait = Number.isFinite(asked) ? Math.min(Math.max(asked, 50), this.limits.maxRetryAfterMs) : 500;
          await (this.seams.sleep ?? sleep)(wait, signal);
        } else if (error.code === ErrorCode.NOT_FOUND && request.channelName !== null && !triedName) {
          triedName = true;
          const same = await this.findChannelByName(request.channelName);
          if (same === null || same === channelId) throw error;
          channelId = same;
        } else {
          throw error;
        }
        if (signal.aborted) throw error;
      }
    }
  }

  /** Retargets the client to the node a WRONG_NODE named and waits for its WebSocket. */
  private async moveTo(nodeUrl: string, cause: VoxlayError): Promise<void> {
    try {
      this.client.retarget(nodeUrl);
    } catch {
      throw cause; // not a usable URL
    }
    if (!(await whenConnected(this.client, this.limits.connectTimeoutMs))) {
      throw new VoxlayError(ErrorCode.NETWORK_ERROR, `could not connect to ${this.client.url}`, { cause });
    }
  }

  /** The id of the channel called `name` now (case-insensitive), or null. */
  private async findChannelByName(name: string): Promise<string | null> {
    if (this.seams.findChannelByName) return this.seams.findChannelByName(name);
    const { channels } = await this.signaling.query(ChannelsDocument, {});
    return channels.find((channel) => channel.name.toLowerCase() === name.toLowerCase())?.id ?? null;
  }

  /** Learns the service's nodes a moment after the join, off its path, unless `signal` aborts first. */
  learnNodesSoon(signal: AbortSignal): void {
    const cancel = (): void => clearTimeout(timer);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      void learnNodes(this.signaling, this.client);
    }, LEARN_NODES_DELAY_MS);
    signal.addEventListener('abort', cancel, { once: true });
  }
}

/**
 * Tells the client every live node of a clustered service (Query.nodes) to fall back to; best
 * effort. A single server (one node) is left out: its advertised URL may not be the one the client
 * reaches it by (a proxy), and there is nowhere else to go anyway.
 */
export async function learnNodes(signaling: Signaling, client: Pick<VoxlayClient, 'addKnownNodes'>): Promise<void> {
  try {
    const { nodes } = await signaling.query(NodesDocument, {});
    if (nodes.length < 2) return;
    client.addKnownNodes(nodes.filter((node) => node.alive).map((node) => node.url));
  } catch (error) {
    logger.warn('could not list the service nodes', error);
  }
}
