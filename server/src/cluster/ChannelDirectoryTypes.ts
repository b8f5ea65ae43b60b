import type { Redis } from 'ioredis';
import type { VoiceMode } from '../sfu/ParticipantTypes.js';

/** A channel as the cluster knows it (Redis hash voxlay:channels). */
export interface ChannelRecord {
  id: string;
  name: string;
  isDefault: boolean;
  /** ISO-8601. */
  createdAt: string;
  /** The hosting node's last-N (Channel.lastN of a remote channel). */
  lastN: number;
  /** The token identity that created it (deleteChannel rights, access); null or absent: none known. */
  createdBy?: { subject: string | null } | null | undefined;
  /** Deleted by its host once empty for a while (absent: no). */
  expires?: boolean | undefined;
}

/** One participant of a channel as listed by any node (hash voxlay:participants:<channelId>). */
export interface ParticipantRecord {
  id: string;
  displayName: string;
  channelId: string;
  /** ISO-8601. */
  joinedAt: string;
  muted: boolean;
  /** setParticipantState (absent in records written before these existed: false / ALWAYS_ON). */
  selfMuted?: boolean | undefined;
  deafened?: boolean | undefined;
  listenOnly?: boolean | undefined;
  voiceMode?: VoiceMode | undefined;
  /** Shares a screen / sends a camera (absent in records written before video: false). */
  live?: boolean | undefined;
  cameraOn?: boolean | undefined;
}

/** A channel and the node hosting it (null: nobody, the next join or sweep claims it). */
export interface DirectoryEntry {
  record: ChannelRecord;
  host: string | null;
}

/**
 * The outcome of a claim: `ours` (already hosted here), `claimed` (it was orphaned and is now
 * ours: host it), `taken` (a live node hosts it: `host`), `missing` (no such channel).
 */
export type ClaimResult = { outcome: 'ours' | 'claimed' | 'missing' } | { outcome: 'taken'; host: string };

export interface ChannelDirectoryOptions {
  redis: Redis;
  nodeId: string;
}
