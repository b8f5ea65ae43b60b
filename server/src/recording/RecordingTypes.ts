import type { Logger } from 'pino';
import type { Channel } from '../sfu/Channel.js';
import type { TrackInfo } from './TrackRecorderTypes.js';

/** Where a recording is (the schema's RecordingState). */
export type RecordingState = 'RECORDING' | 'MIXING' | 'DONE';

/** Why a recording stopped (the schema's RecordingStopReason). */
export type RecordingStopReason =
  | 'STOPPED'
  | 'DISK_FULL'
  | 'MAX_DURATION'
  | 'WORKER_DIED'
  | 'CHANNEL_CLOSED'
  | 'SERVER_SHUTDOWN'
  | 'RECORDER_FAILED';

export interface RecordingOptions {
  id: string;
  channel: Channel;
  /** The recording's own folder (created). */
  dir: string;
  /** Who started it (token `sub`), for the manifest; null in open mode. */
  startedBy: string | null;
  /** Free bytes the disk must keep: below it the recording stops (DISK_FULL). */
  minFreeBytes: number;
  /** It stops on its own after this long (MAX_DURATION). */
  maxDurationMs: number;
  ffmpeg: string;
  logger: Logger;
  /** How often free space is checked; 5 s when absent. */
  diskCheckIntervalMs?: number | undefined;
}

export type RecordingEvents = {
  /** It stopped (files closed); the mix follows. */
  stop: [RecordingStopReason];
  /** Mixed (or the mix failed) and the manifest is final. */
  done: [];
};

/** The mixed file, once made. */
export interface MixedInfo {
  file: string;
  bytes: number;
}

/** What manifest.json in a recording's folder holds: enough to list, mix and align it after a restart. */
export interface RecordingManifest {
  version: 1;
  id: string;
  channelId: string;
  channelName: string;
  state: RecordingState;
  startedBy: string | null;
  /** Wall-clock ms. */
  startedAt: number;
  endedAt: number | null;
  stopReason: RecordingStopReason | null;
  /** One per recorded microphone; `offsetMs` is where its file starts relative to `startedAt`. */
  tracks: TrackInfo[];
  mixed: MixedInfo | null;
}
