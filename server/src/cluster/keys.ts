/** The Redis keys of a Voxlay cluster (one Redis, or one Redis per cluster: the names are not sharded). */
export const KEY_PREFIX = 'voxlay:';

export const keys = {
  /** String with a TTL: this node is alive; JSON NodeHeartbeat. */
  node: (nodeId: string): string => `${KEY_PREFIX}node:${nodeId}`,
  /** Set of the node ids seen (dead ones are removed when listed). */
  nodes: `${KEY_PREFIX}nodes`,
  /** Hash node id -> url, kept after a node dies so its channels still name where they were. */
  nodeUrls: `${KEY_PREFIX}node-urls`,
  /** Hash channel id -> JSON ChannelRecord. */
  channels: `${KEY_PREFIX}channels`,
  /**
   * Hash confusable name key -> channel id (cluster-wide unique names): each channel holds its
   * name's two keys (names/skeleton.ts confusableKeys: the TR39 skeleton, ignoring case).
   */
  channelNames: `${KEY_PREFIX}channel-name-keys`,
  /** Hash channel id -> id of the node hosting it (absent: nobody; claimed by the next join or sweep). */
  channelHosts: `${KEY_PREFIX}channel-hosts`,
  /** Hash participant id -> JSON ParticipantRecord, kept by the hosting node. */
  participants: (channelId: string): string => `${KEY_PREFIX}participants:${channelId}`,
  /** String with a TTL: this channel was deleted (a node that still holds it closes it rather than registering it again). */
  deleted: (channelId: string): string => `${KEY_PREFIX}deleted:${channelId}`,
} as const;
