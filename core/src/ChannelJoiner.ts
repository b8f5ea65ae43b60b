import type { VoxlayClient } from './createVoxlayClient';
import { ErrorCode, VoxlayError } from './errors';
import { ChannelsDocument, NodesDocument } from './graphql/__generated__/graphql';
import { whenConnected } from './sessionPreparation';
import type { Signaling } from './signaling';

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

/** What ChannelJoiner needs of the client: where it talks to, and switching node. */
export type JoinerClient = Pick<VoxlayClient, 'url' | 'connected' | 'on' | 'retarget'>;

/**
 * One join of a channel through the service, whichever node hosts it: sends the join on the node in
 * use, follows WRONG_NODE to the node named in `extensions.nodeUrl` (retargeting the client, at most
 * `maxHops` times), waits out UNAVAILABLE (`retryAfterMs`, while a dead node's channel is being
 * moved; bounded), and on a rejoin whose channel id the server no longer knows (a server restart
 * gives channels new ids) joins the channel of the same name once. Stops with the last error when a
 * bound is reached or `isCurrent()` turns false (leave()).
 */
export class ChannelJoiner<T> {
  constructor(
    private readonly client: JoinerClient,
    /** The id of the channel called `name` now (case-insensitive), or null. */
    private readonly findByName: (name: string) => Promise<string | null>,
    private readonly limits: JoinLimits = DEFAULT_JOIN_LIMITS,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves with what `open` returned and the channel id it finally joined. */
  async join(args: { channelId: string; channelName: string | null; isCurrent: () => boolean; open: (channelId: string) => Promise<T> }): Promise<{ result: T; channelId: string }> {
    let channelId = args.channelId;
    let hops = 0;
    let unavailable = 0;
    let triedName = false;
    for (;;) {
      try {
        return { result: await args.open(channelId), channelId };
      } catch (error) {
        if (!(error instanceof VoxlayError) || !args.isCurrent()) throw error;
        if (error.code === ErrorCode.WRONG_NODE) {
          const nodeUrl = error.extensions['nodeUrl'];
          if (typeof nodeUrl !== 'string' || hops >= this.limits.maxHops) throw error;
          hops++;
          await this.moveTo(nodeUrl, error);
        } else if (error.code === ErrorCode.UNAVAILABLE) {
          if (unavailable >= this.limits.maxUnavailableRetries) throw error;
          unavailable++;
          const asked = Number(error.extensions['retryAfterMs']);
          await this.sleep(Number.isFinite(asked) ? Math.min(Math.max(asked, 50), this.limits.maxRetryAfterMs) : 500);
        } else if (error.code === ErrorCode.NOT_FOUND && args.channelName !== null && !triedName) {
          triedName = true;
          const same = await this.findByName(args.channelName);
          if (same === null || same === channelId) throw error;
          channelId = same;
        } else {
          throw error;
        }
        if (!args.isCurrent()) throw error;
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

}

/** ChannelJoiner's `findByName` over the Channels query. */
export function channelIdByName(signaling: Signaling): (name: string) => Promise<string | null> {
  return async (name) => {
    const { channels } = await signaling.query(ChannelsDocument, {});
    return channels.find((channel) => channel.name.toLowerCase() === name.toLowerCase())?.id ?? null;
  };
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
    console.warn('[voxlay] could not list the service nodes', error);
  }
}
