import type { Redis } from 'ioredis';
import { confusableKeys } from '../names/skeleton.js';
import { keys } from './keys.js';
import type { ChannelDirectoryOptions, ChannelRecord, ClaimResult, DirectoryEntry, ParticipantRecord } from './ChannelDirectoryTypes.js';

/**
 * Atomic claim of a channel whose host is gone. KEYS: hosts hash, the channel's participants hash,
 * channels hash. ARGV: channel id, claiming node id, prefix of the heartbeat keys.
 */
const CLAIM_SCRIPT = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return {'missing', ''} end
local host = redis.call('HGET', KEYS[1], ARGV[1])
if host == ARGV[2] then return {'ours', host} end
if host and redis.call('EXISTS', ARGV[3] .. host) == 1 then return {'taken', host} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2])
return {'claimed', host or ''}
`;

/** Lets go of a channel only if this node still hosts it. KEYS: hosts hash, participants hash. ARGV: channel id, node id. */
const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
`;

/**
 * Takes a name's keys for a channel unless another channel holds one of them. KEYS: names hash.
 * ARGV: channel id, then the name's keys. Returns the holder's id, or nil when taken for this channel.
 */
const TAKE_NAME_SCRIPT = `
for i = 2, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[i])
  if holder and holder ~= ARGV[1] then return holder end
end
for i = 2, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
return false
`;

/** Lets go of a name's keys that this channel holds. KEYS: names hash. ARGV: channel id, then the keys. */
const RELEASE_NAME_SCRIPT = `
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 1
`;

/**
 * Removes a channel this node hosts from the directory: its record, host, name keys (those still its
 * own) and participant list, and leaves a tombstone for an hour. KEYS: channels, hosts, names, participants
 * hashes, tombstone. ARGV: channel id, node id, tombstone TTL in seconds, then the name's keys.
 */
const UNREGISTER_SCRIPT = `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
for i = 4, #ARGV do
  if redis.call('HGET', KEYS[3], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[3], ARGV[i]) end
end
redis.call('DEL', KEYS[4])
redis.call('SET', KEYS[5], '1', 'EX', ARGV[3])
return 1
`;

/** How long a deleted channel's tombstone lasts: longer than any node stays cut off and still holds channels. */
const TOMBSTONE_TTL_S = 3600;

/**
 * Which channels exist in the cluster, which node hosts each, their cluster-wide unique names and
 * their participant lists (written by the hosting node, read by every node).
 */
export class ChannelDirectory {
  readonly #redis: Redis;
  readonly #nodeId: string;

  constructor({ redis, nodeId }: ChannelDirectoryOptions) {
    this.#redis = redis;
    this.#nodeId = nodeId;
  }

  /**
   * Takes `name` for channel `id`, atomically for the whole cluster. Names are unique by look: the
   * name's confusable keys (names/skeleton.ts: the TR39 skeleton, ignoring case) are what is stored.
   * Resolves undefined when the name is now (or already was) this channel's, else with the id of
   * the channel whose name looks the same.
   */
  async takeName(name: string, id: string): Promise<string | undefined> {
    const holder = (await this.#redis.eval(TAKE_NAME_SCRIPT, 1, keys.channelNames, id, ...confusableKeys(name))) as string | null;
    return holder ?? undefined;
  }

  async releaseName(name: string, id: string): Promise<void> {
    await this.#redis.eval(RELEASE_NAME_SCRIPT, 1, keys.channelNames, id, ...confusableKeys(name));
  }

  /** Registers a channel hosted by this node. */
  async register(record: ChannelRecord): Promise<void> {
    await this.#redis
      .multi()
      .hset(keys.channels, record.id, JSON.stringify(record))
      .hset(keys.channelHosts, record.id, this.#nodeId)
      .exec();
  }

  /** Registers the default channel once for the whole cluster (hosted by whoever claims it first). */
  async registerDefault(record: ChannelRecord): Promise<void> {
    const [visual, caseless] = confusableKeys(record.name);
    await this.#redis
      .multi()
      .hsetnx(keys.channelNames, visual, record.id)
      .hsetnx(keys.channelNames, caseless, record.id)
      .hsetnx(keys.channels, record.id, JSON.stringify(record))
      .exec();
  }

  async get(id: string): Promise<DirectoryEntry | undefined> {
    const [raw, host] = await Promise.all([this.#redis.hget(keys.channels, id), this.#redis.hget(keys.channelHosts, id)]);
    return raw === null ? undefined : { record: JSON.parse(raw) as ChannelRecord, host };
  }

  /** Every channel, the default one first, then by creation time. */
  async list(): Promise<DirectoryEntry[]> {
    const [channels, hosts] = await Promise.all([this.#redis.hgetall(keys.channels), this.#redis.hgetall(keys.channelHosts)]);
    return Object.entries(channels)
      .map(([id, raw]) => ({ record: JSON.parse(raw) as ChannelRecord, host: hosts[id] ?? null }))
      .sort((a, b) => Number(b.record.isDefault) - Number(a.record.isDefault) || a.record.createdAt.localeCompare(b.record.createdAt));
  }

  /** Claims a channel whose host is absent or dead (atomic: one node wins). */
  async claim(id: string): Promise<ClaimResult> {
    const [outcome, host] = (await this.#redis.eval(
      CLAIM_SCRIPT,
      3,
      keys.channelHosts,
      keys.participants(id),
      keys.channels,
      id,
      this.#nodeId,
      keys.node(''),
    )) as [string, string];
    if (outcome === 'taken') return { outcome, host };
    return { outcome: outcome as 'ours' | 'claimed' | 'missing' };
  }

  /**
   * Deletes a channel this node hosts (deleteChannel, expiry): every node stops listing it and its
   * name is free again. False when this node does not host it (nothing is removed).
   */
  async unregister(record: Pick<ChannelRecord, 'id' | 'name'>): Promise<boolean> {
    const removed = await this.#redis.eval(
      UNREGISTER_SCRIPT,
      5,
      keys.channels,
      keys.channelHosts,
      keys.channelNames,
      keys.participants(record.id),
      keys.deleted(record.id),
      record.id,
      this.#nodeId,
      TOMBSTONE_TTL_S,
      ...confusableKeys(record.name),
    );
    return removed === 1;
  }

  /** Whether the channel was deleted (within the tombstone's hour), as opposed to forgotten by a Redis that restarted empty. */
  async wasDeleted(id: string): Promise<boolean> {
    return (await this.#redis.exists(keys.deleted(id))) === 1;
  }

  /** Lets go of channels this node hosts (graceful stop): the next join or sweep elsewhere claims them. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.eval(RELEASE_SCRIPT, 2, keys.channelHosts, keys.participants(id), id, this.#nodeId);
    await pipeline.exec();
  }

  async setParticipant(participant: ParticipantRecord): Promise<void> {
    await this.#redis.hset(keys.participants(participant.channelId), participant.id, JSON.stringify(participant));
  }

  /** Replaces a channel's participant list with `participants` (its host's own, after Redis lost writes). */
  async resetParticipants(channelId: string, participants: readonly ParticipantRecord[]): Promise<void> {
    const transaction = this.#redis.multi().del(keys.participants(channelId));
    for (const participant of participants) {
      transaction.hset(keys.participants(channelId), participant.id, JSON.stringify(participant));
    }
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('participant list transaction aborted');
  }

  async removeParticipant(channelId: string, participantId: string): Promise<void> {
    await this.#redis.hdel(keys.participants(channelId), participantId);
  }

  /** The participants of each channel, in join order. */
  async participants(channelIds: readonly string[]): Promise<Map<string, ParticipantRecord[]>> {
    const result = new Map<string, ParticipantRecord[]>();
    if (channelIds.length === 0) return result;
    const pipeline = this.#redis.pipeline();
    for (const id of channelIds) pipeline.hgetall(keys.participants(id));
    const replies = (await pipeline.exec()) ?? [];
    channelIds.forEach((id, index) => {
      const [error, hash] = replies[index] ?? [null, {}];
      if (error) throw error;
      const participants = Object.values(hash as Record<string, string>).map((raw) => JSON.parse(raw) as ParticipantRecord);
      participants.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.id.localeCompare(b.id));
      result.set(id, participants);
    });
    return result;
  }
}
