import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelDirectory } from './ChannelDirectory.js';
import type { ChannelRecord } from './ChannelDirectoryTypes.js';
import type { NodeRegistry } from './NodeRegistry.js';
import type { NodeInfo } from './NodeRegistryTypes.js';

/** At most this many claims per sweep, so a node does not take a dead node's whole load at once. */
const MAX_CLAIMS_PER_SWEEP = 20;

export interface OrphanSweeperOptions {
  nodeId: string;
  directory: ChannelDirectory;
  nodes: NodeRegistry;
  logger: Logger;
  /** Channel ids hosted here. */
  hosted: () => ReadonlySet<string>;
  /** Hosts a claimed channel here. */
  adopt: (record: ChannelRecord) => Promise<unknown>;
  /** Another node hosts a channel this node still holds (it was cut off from Redis): let go. */
  lose: (channelId: string) => void;
  /** Channels this node hosts (or the default channel) missing from the directory (Redis restarted empty): register them again. */
  restore: (listedIds: ReadonlySet<string>) => Promise<void>;
  /** Every intervalMs (plus up to a quarter of it, at random, so nodes do not sweep in step); 500 ms. */
  intervalMs?: number | undefined;
  /** An orphan that the preferred node has not claimed after this long is claimed by anybody; 1500 ms. */
  fallbackMs?: number | undefined;
}

/**
 * Finds channels whose node is gone (its heartbeat expired, or it let go when stopping) and claims
 * them for this node. Each orphan has a preferred node, chosen among the least-loaded live nodes by a
 * hash of its id, so a dead node's channels spread; any node claims an orphan left too long.
 */
export class OrphanSweeper {
  readonly #options: OrphanSweeperOptions;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #fallbackMs: number;
  readonly #orphanSince = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #closed = false;

  constructor(options: OrphanSweeperOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'OrphanSweeper' });
    this.#intervalMs = options.intervalMs ?? 500;
    this.#fallbackMs = options.fallbackMs ?? 1500;
  }

  get closed(): boolean {
    return this.#closed;
  }

  start(): void {
    this.#schedule(0);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#sweeping;
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#sweeping = this.sweep()
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'sweep failed'))
        .finally(() => {
          this.#sweeping = undefined;
          this.#schedule(this.#intervalMs + Math.random() * (this.#intervalMs / 4));
        });
    }, delayMs);
    this.#timer.unref();
  }

  /** One pass: claim the orphans this node should take, let go of channels another node took over. */
  async sweep(): Promise<void> {
    const { nodeId, directory, nodes } = this.#options;
    const [live, entries] = await Promise.all([nodes.list(), directory.list()]);
    // Cut off (our own heartbeat expired): others may be claiming our channels; claim nothing.
    if (this.#closed || !live.some((node) => node.id === nodeId)) return;
    // Right after a Redis outage (a restart, a failover) a missing heartbeat may only be a node that
    // has not reconnected yet: no claim, no letting go; the restore below still registers what is ours.
    const judging = !nodes.recovering;
    const liveIds = new Set(live.map((node) => node.id));
    const hosted = this.#options.hosted();
    const now = Date.now();
    const listed = new Set(entries.map((entry) => entry.record.id));
    let claims = 0;
    for (const { record, host } of entries) {
      if (this.#closed) return;
      if (host === nodeId) {
        this.#orphanSince.delete(record.id);
        if (!hosted.has(record.id)) await this.#options.adopt(record);
        continue;
      }
      if (!judging) continue;
      if (hosted.has(record.id)) {
        // The listing may predate our own claim: look again before letting go.
        const fresh = await directory.get(record.id);
        if (fresh && fresh.host !== null && fresh.host !== nodeId) this.#options.lose(record.id);
        continue;
      }
      if (host !== null && liveIds.has(host)) {
        this.#orphanSince.delete(record.id);
        continue;
      }
      const since = this.#orphanSince.get(record.id) ?? now;
      this.#orphanSince.set(record.id, since);
      if (preferredNode(record.id, live) !== nodeId && now - since < this.#fallbackMs) continue;
      if (claims >= MAX_CLAIMS_PER_SWEEP) continue;
      claims += 1;
      const claim = await directory.claim(record.id);
      if (claim.outcome === 'claimed' || claim.outcome === 'ours') {
        this.#orphanSince.delete(record.id);
        this.#logger.info({ channelId: record.id, name: record.name, previousHost: host }, 'claimed an orphaned channel');
        await this.#options
          .adopt(record)
          .catch((error: unknown) => this.#logger.error({ err: error, channelId: record.id }, 'could not host a claimed channel'));
      }
    }
    for (const id of this.#orphanSince.keys()) if (!listed.has(id)) this.#orphanSince.delete(id);
    await this.#options.restore(listed);
  }
}

/** The live node an orphan should go to: among the less-loaded half of the nodes, by a hash of its id. */
export function preferredNode(channelId: string, live: readonly NodeInfo[]): string | undefined {
  if (live.length === 0) return undefined;
  const byLoad = [...live].sort(
    (a, b) => a.channelCount - b.channelCount || a.participantCount - b.participantCount || a.id.localeCompare(b.id),
  );
  const candidates = byLoad.slice(0, Math.max(1, Math.ceil(byLoad.length / 2)));
  const hash = createHash('sha1').update(channelId).digest().readUInt32BE(0);
  return candidates[hash % candidates.length]!.id;
}
