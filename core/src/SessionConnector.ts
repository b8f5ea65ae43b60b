import type { Device } from 'mediasoup-client';
import { ChannelConnection, type ChannelConnectionHooks } from './ChannelConnection';
import { ChannelJoiner, channelIdByName, DEFAULT_JOIN_LIMITS, learnNodes, type JoinLimits } from './ChannelJoiner';
import type { VoxlayClient } from './createVoxlayClient';
import { deviceFor, PREPARE_SOCKET_WAIT_MS, whenConnected } from './sessionPreparation';
import type { Signaling } from './signaling';

/** How long after a join the session asks for the service's nodes (failover targets). */
const LEARN_NODES_DELAY_MS = 2_000;

export interface SessionConnectorOptions {
  /** mediasoup-client Device factory (tests, a forced handler); the default Device is shared per server URL. */
  createDevice?: () => Promise<Device>;
  /** Members per page of the member list (at most and by default 500). */
  memberPageSize?: number;
  joinLimits?: Partial<JoinLimits>;
  /**
   * 'all' (default): ICE uses whatever path works, the server's TURN relays among them (a client
   * behind a network that blocks UDP falls back to them by itself). 'relay': only through the TURN
   * relays, so the SFU never sees this client's own address (and tests can prove the relay works);
   * without TURN configured on the server a relay-only client cannot connect.
   */
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * Opens the ChannelConnection of each join attempt of a VoiceSession: the Device for the node in
 * use (loaded ahead by prepare()), the join through the service wherever the channel lives
 * (ChannelJoiner: WRONG_NODE, UNAVAILABLE, channel renamed ids); and, once joined, the service's
 * node list so the client can fall back when its node dies.
 */
export class SessionConnector {
  /** The Device for the node in use (loaded again when the client moved to another node). */
  private device: { url: string; promise: Promise<Device> } | null = null;
  private readonly joiner: ChannelJoiner<ChannelConnection>;

  constructor(
    private readonly client: VoxlayClient,
    private readonly signaling: Signaling,
    private readonly options: SessionConnectorOptions = {},
  ) {
    this.joiner = new ChannelJoiner(client, channelIdByName(signaling), { ...DEFAULT_JOIN_LIMITS, ...options.joinLimits });
  }

  /** Waits for the WebSocket (bounded) and loads the Device. Rejects when the capabilities cannot be loaded. */
  async prepare(): Promise<void> {
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

  /**
   * One join attempt. Resolves with the connection and the channel id it joined (another one when
   * the channel was found by `channelName`), or null when it went stale before joining.
   */
  async open(args: {
    channelId: string;
    displayName: string;
    /** The name of the channel joined before (a rejoin), else null. */
    channelName: string | null;
    isCurrent: () => boolean;
    hooks: ChannelConnectionHooks;
  }): Promise<{ connection: ChannelConnection; channelId: string } | null> {
    const device = await this.loadDevice();
    if (!args.isCurrent()) return null;
    const { result: connection, channelId } = await this.joiner.join({
      channelId: args.channelId,
      channelName: args.channelName,
      isCurrent: args.isCurrent,
      open: (id) =>
        ChannelConnection.open({
          signaling: this.signaling,
          device,
          channelId: id,
          displayName: args.displayName,
          hooks: args.hooks,
          ...(this.options.memberPageSize !== undefined ? { memberPageSize: this.options.memberPageSize } : {}),
          ...(this.options.iceTransportPolicy !== undefined ? { iceTransportPolicy: this.options.iceTransportPolicy } : {}),
        }),
    });
    return { connection, channelId };
  }

  /** Learns the service's nodes (Query.nodes) for the client to fall back to; best effort, after joining. */
  learnNodes(): Promise<void> {
    return learnNodes(this.signaling, this.client);
  }

  /** learnNodes() a moment after the join, off its path, if `stillWanted()` then. */
  learnNodesSoon(stillWanted: () => boolean): void {
    setTimeout(() => {
      if (stillWanted()) void this.learnNodes();
    }, LEARN_NODES_DELAY_MS);
  }
}
