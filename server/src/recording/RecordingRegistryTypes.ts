import type { Logger } from 'pino';
import type { RecordingManifest, RecordingState, RecordingStopReason } from './RecordingTypes.js';

export interface RecordingRegistryOptions {
  /** Where recordings go: one folder per recording (created). */
  dir: string;
  /** Recordings ended longer ago than this are deleted; 0 keeps them. */
  retentionDays: number;
  /** Recordings running at once (LIMIT_EXCEEDED recordingsPerNode). */
  maxRecordings: number;
  /** Free bytes the disk must keep (RECORDING_UNAVAILABLE DISK_FULL at start, DISK_FULL stop later). */
  minFreeBytes: number;
  maxDurationMs: number;
  ffmpeg: string;
  logger: Logger;
  diskCheckIntervalMs?: number | undefined;
}

export type RecordingRegistryEvents = {
  /** A recording stopped (its mix may still run). */
  recordingstop: [recordingId: string, RecordingStopReason];
};

/** One file of a recording (the schema's RecordingFile, without its URL). */
export interface RecordingFileSummary {
  recordingId: string;
  name: string;
  kind: 'SPEAKER' | 'MIXED';
  participantId: string | null;
  displayName: string | null;
  offsetMs: number;
  sizeBytes: number;
}

/** A recording as GraphQL shows it (the schema's Recording): running or finished, from its manifest. */
export interface RecordingSummary {
  id: string;
  channelId: string;
  channelName: string;
  state: RecordingState;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number;
  stopReason: RecordingStopReason | null;
  participantNames: string[];
  sizeBytes: number;
  files: RecordingFileSummary[];
}

export type { RecordingManifest };
