/** Options of a NodeFailover. */
export interface NodeFailoverOptions {
  /** Failed connection attempts in a row (after a drop, or from the start) before trying another node. */
  failuresBeforeFailover?: number;
}

export const DEFAULT_FAILURES_BEFORE_FAILOVER = 2;

/**
 * Which server node a client should connect to next (clustered service). Knows the entry URL the
 * client was created with and the nodes learned since (Query.nodes, WRONG_NODE redirects), as
 * normalized base URLs. Counts failed WebSocket connection attempts in a row to the current node;
 * after `failuresBeforeFailover` of them the node is taken for dead and the next known node, in
 * order after it, is chosen. A successful connection resets the count. Pure logic: no timers, no I/O.
 */
export class NodeFailover {
  private readonly urls: string[];
  private failures = 0;
  private readonly threshold: number;

  constructor(
    readonly entryUrl: string,
    options: NodeFailoverOptions = {},
  ) {
    const threshold = options.failuresBeforeFailover ?? DEFAULT_FAILURES_BEFORE_FAILOVER;
    if (!Number.isInteger(threshold) || threshold < 1)
      throw new TypeError(`failuresBeforeFailover must be a positive integer, got ${threshold}`);
    this.threshold = threshold;
    this.urls = [entryUrl];
  }

  /** Every node known, the entry first. */
  get knownUrls(): string[] {
    return [...this.urls];
  }

  /** Failed attempts in a row to the current node. */
  get failureCount(): number {
    return this.failures;
  }

  /** Adds nodes (already normalized); returns true when one was new. */
  add(urls: readonly string[]): boolean {
    let added = false;
    for (const url of urls) {
      if (this.urls.includes(url)) continue;
      this.urls.push(url);
      added = true;
    }
    return added;
  }

  /** The WebSocket to the current node is connected: it is alive. */
  connected(): void {
    this.failures = 0;
  }

  /** The client moved to another node on purpose (a redirect): its attempts start from zero. */
  moved(): void {
    this.failures = 0;
  }

  /**
   * A connection attempt to `currentUrl` failed. Returns the node to try instead once the current
   * one counts as dead (the count starts again for that node), or null to keep retrying it (not
   * dead yet, or no other node is known).
   */
  failed(currentUrl: string): string | null {
    this.failures++;
    if (this.failures < this.threshold) return null;
    const others = this.urls.filter((url) => url !== currentUrl);
    if (others.length === 0) return null;
    const index = this.urls.indexOf(currentUrl);
    // The next one in order after the current node (wrapping), so each node gets its turn.
    const next = index < 0 ? others[0]! : this.urls[(index + 1) % this.urls.length]!;
    this.failures = 0;
    return next;
  }
}
