import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ErrorCode, limitExceeded, notFound, voxlayError } from '../errors.js';
import type { Channel } from '../sfu/Channel.js';
import { EnhancedEventEmitter } from '../sfu/EnhancedEventEmitter.js';
import { InvalidStateError } from '../sfu/errors.js';
import { FFMPEG_APT_LINE, ffmpegAvailable, mixTracks } from './ffmpeg.js';
import { freeBytes, MANIFEST_FILE, MIXED_FILE, Recording } from './Recording.js';
import type {
  RecordingFileSummary,
  RecordingRegistryEvents,
  RecordingRegistryOptions,
  RecordingSummary,
} from './RecordingRegistryTypes.js';
import type { RecordingManifest } from './RecordingTypes.js';

const DAY_MS = 24 * 3600_000;
const SWEEP_INTERVAL_MS = 3600_000;
/** A recording id: what randomUUID gives (the download route checks ids against it before any path is built). */
export const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long shutdown waits for running recordings to mix. */
const SHUTDOWN_MIX_MS = 15_000;

/**
 * The recordings of this node: at most one running per channel and `maxRecordings` at once, each in
 * its own folder under `dir` with its manifest; finished ones are read back from their manifests
 * (after a restart too: one left RECORDING by a node that died is closed as SERVER_SHUTDOWN and
 * mixed), and deleted after the retention time. close() stops those running (SERVER_SHUTDOWN).
 */
export class RecordingRegistry extends EnhancedEventEmitter<RecordingRegistryEvents> {
  readonly dir: string;
  readonly #options: RecordingRegistryOptions;
  readonly #logger: Logger;
  /** Running (and mixing) recordings by channel id. */
  readonly #running = new Map<string, Recording>();
  /** Starts in progress, by channel id (counted towards the limits). */
  readonly #starting = new Set<string>();
  /** Finished recordings by id (their manifests). */
  readonly #finished = new Map<string, RecordingManifest>();
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;

  constructor(options: RecordingRegistryOptions) {
    const logger = options.logger.child({ component: 'recordings' });
    super(logger);
    this.#options = options;
    this.#logger = logger;
    this.dir = options.dir;
    mkdirSync(this.dir, { recursive: true });
    this.#load();
    this.sweep();
    this.#sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The channel's running recording (not one that is mixing). */
  active(channelId: string): Recording | undefined {
    const recording = this.#running.get(channelId);
    return recording?.state === 'RECORDING' ? recording : undefined;
  }

  /**
   * Starts recording `channel`. Refusals, nothing started: LIMIT_EXCEEDED recordingsPerChannel
   * (already recorded) or recordingsPerNode; RECORDING_UNAVAILABLE FFMPEG_MISSING or DISK_FULL.
   */
  start(channel: Channel, startedBy: string | null): Recording {
    if (this.#closed) throw new InvalidStateError('the recordings are closed (start)');
    if (this.active(channel.id) || this.#starting.has(channel.id)) {
      throw limitExceeded('recordingsPerChannel', 1, `channel ${channel.id} is already being recorded`);
    }
    const running = [...this.#running.values()].filter((recording) => recording.state === 'RECORDING').length + this.#starting.size;
    if (running >= this.#options.maxRecordings) {
      throw limitExceeded(
        'recordingsPerNode',
        this.#options.maxRecordings,
        `this server records at most ${this.#options.maxRecordings} channels at once`,
      );
    }
    if (!ffmpegAvailable(this.#options.ffmpeg)) {
      throw voxlayError(
        ErrorCode.RECORDING_UNAVAILABLE,
        `recording needs ffmpeg, which is not installed on the server (${FFMPEG_APT_LINE}, or set VOXLAY_FFMPEG)`,
        { reason: 'FFMPEG_MISSING' },
      );
    }
    const free = freeBytes(this.dir);
    if (free < this.#options.minFreeBytes) {
      throw voxlayError(
        ErrorCode.RECORDING_UNAVAILABLE,
        `the recordings disk has ${Math.floor(free / 1e6)} MB free, less than the ${Math.floor(this.#options.minFreeBytes / 1e6)} MB kept free`,
        { reason: 'DISK_FULL', freeBytes: free },
      );
    }
    if (channel.closed) throw notFound('Channel', channel.id);
    this.#starting.add(channel.id);
    try {
      const id = randomUUID();
      const recording = new Recording({
        id,
        channel,
        dir: join(this.dir, id),
        startedBy,
        minFreeBytes: this.#options.minFreeBytes,
        maxDurationMs: this.#options.maxDurationMs,
        ffmpeg: this.#options.ffmpeg,
        logger: this.#logger,
        diskCheckIntervalMs: this.#options.diskCheckIntervalMs,
      });
      this.#running.set(channel.id, recording);
      recording.once('stop', (reason) => this.safeEmit('recordingstop', recording.id, reason));
      recording.once('done', () => {
        if (this.#running.get(channel.id) === recording) this.#running.delete(channel.id);
        this.#finished.set(recording.id, recording.manifest());
      });
      return recording;
    } finally {
      this.#starting.delete(channel.id);
    }
  }

  /** Stops the channel's running recording (reason STOPPED); NOT_FOUND when none. Resolves to it, stopped (MIXING). */
  stop(channelId: string): Recording {
    const recording = this.active(channelId);
    if (!recording) throw voxlayError(ErrorCode.NOT_FOUND, `channel ${channelId} is not being recorded`);
    void recording.stop('STOPPED');
    return recording;
  }

  /** Every recording (running first, then newest first), of one channel when given. */
  list(channelId?: string): RecordingSummary[] {
    const live = [...this.#running.values()].map((recording) => recording.manifest());
    const liveIds = new Set(live.map((manifest) => manifest.id));
    const finished = [...this.#finished.values()].filter((manifest) => !liveIds.has(manifest.id));
    finished.sort((a, b) => b.startedAt - a.startedAt);
    return [...live, ...finished]
      .filter((manifest) => channelId === undefined || manifest.channelId === channelId)
      .map((m) => summarize(m));
  }

  /** One recording by id. */
  find(id: string): RecordingSummary | undefined {
    for (const recording of this.#running.values()) if (recording.id === id) return summarize(recording.manifest());
    const manifest = this.#finished.get(id);
    return manifest ? summarize(manifest) : undefined;
  }

  /** The path of one file of a recording, or undefined for an unknown recording or file name (never outside the recording). */
  filePath(id: string, name: string): { path: string; recording: RecordingSummary } | undefined {
    if (!RECORDING_ID.test(id)) return undefined;
    const recording = this.find(id);
    if (!recording?.files.some((file) => file.name === name)) return undefined;
    return { path: join(this.dir, id, name), recording };
  }

  /** Deletes finished recordings older than the retention time. */
  sweep(): void {
    const days = this.#options.retentionDays;
    if (days <= 0) return;
    const before = Date.now() - days * DAY_MS;
    for (const manifest of [...this.#finished.values()]) {
      if ((manifest.endedAt ?? manifest.startedAt) >= before) continue;
      try {
        rmSync(join(this.dir, manifest.id), { recursive: true, force: true });
        this.#finished.delete(manifest.id);
        this.#logger.info({ recordingId: manifest.id }, 'recording deleted (retention)');
      } catch (error) {
        this.#logger.error({ err: error, recordingId: manifest.id }, 'could not delete an old recording');
      }
    }
  }

  /** Stops every running recording (SERVER_SHUTDOWN) and waits a little for their mixes. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    const mixes = [...this.#running.values()].map((recording) => recording.stop('SERVER_SHUTDOWN'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(mixes), new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_MIX_MS)))]);
    clearTimeout(timer);
    this.removeAllListeners();
  }

  /** Reads the manifests on disk; a recording a dead node left running is closed (SERVER_SHUTDOWN) and mixed. */
  #load(): void {
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !RECORDING_ID.test(entry.name)) continue;
      const path = join(this.dir, entry.name, MANIFEST_FILE);
      if (!existsSync(path)) continue;
      try {
        const manifest = JSON.parse(readFileSync(path, 'utf8')) as RecordingManifest;
        if (manifest.state !== 'DONE') this.#recover(manifest);
        else this.#finished.set(manifest.id, manifest);
      } catch (error) {
        this.#logger.error({ err: error, path }, 'could not read a recording manifest');
      }
    }
  }

  #recover(manifest: RecordingManifest): void {
    const dir = join(this.dir, manifest.id);
    const tracks = manifest.tracks.map((track) => {
      const file = join(dir, track.file);
      return existsSync(file) ? { ...track, bytes: statSync(file).size } : track;
    });
    const endedAt =
      manifest.endedAt ??
      Math.max(
        manifest.startedAt,
        ...tracks.map((track) => (existsSync(join(dir, track.file)) ? statSync(join(dir, track.file)).mtimeMs : 0)),
      );
    const recovered: RecordingManifest = {
      ...manifest,
      tracks,
      state: 'DONE',
      endedAt,
      stopReason: manifest.stopReason ?? 'SERVER_SHUTDOWN',
    };
    this.#finished.set(manifest.id, recovered);
    this.#logger.warn({ recordingId: manifest.id }, 'a recording was interrupted by a restart: closing and mixing it');
    const inputs = tracks.flatMap((track) => (track.offsetMs === null ? [] : [{ path: join(dir, track.file), offsetMs: track.offsetMs }]));
    mixTracks(this.#options.ffmpeg, inputs, endedAt - manifest.startedAt, join(dir, MIXED_FILE))
      .then(() => ({ file: MIXED_FILE, bytes: statSync(join(dir, MIXED_FILE)).size }))
      .catch((error: unknown) => {
        this.#logger.error({ err: error, recordingId: manifest.id }, 'mixing an interrupted recording failed');
        return null;
      })
      .then((mixed) => {
        const final = { ...recovered, mixed };
        if (this.#finished.has(manifest.id)) this.#finished.set(manifest.id, final);
        try {
          writeFileSync(join(dir, `${MANIFEST_FILE}.tmp`), JSON.stringify(final, null, 2));
          renameSync(join(dir, `${MANIFEST_FILE}.tmp`), join(dir, MANIFEST_FILE));
        } catch (error) {
          this.#logger.error({ err: error, recordingId: manifest.id }, 'could not write a recovered manifest');
        }
      });
  }
}

/** A manifest as the schema's Recording shows it. */
export function summarize(manifest: RecordingManifest): RecordingSummary {
  const files: RecordingFileSummary[] = manifest.tracks.map((track) => ({
    recordingId: manifest.id,
    name: track.file,
    kind: 'SPEAKER',
    participantId: track.participantId,
    displayName: track.displayName,
    offsetMs: track.offsetMs ?? 0,
    sizeBytes: track.bytes,
  }));
  if (manifest.mixed) {
    files.push({
      recordingId: manifest.id,
      name: manifest.mixed.file,
      kind: 'MIXED',
      participantId: null,
      displayName: null,
      offsetMs: 0,
      sizeBytes: manifest.mixed.bytes,
    });
  }
  const names: string[] = [];
  for (const track of manifest.tracks) if (track.packets > 0 && !names.includes(track.displayName)) names.push(track.displayName);
  return {
    id: manifest.id,
    channelId: manifest.channelId,
    channelName: manifest.channelName,
    state: manifest.state,
    startedAt: new Date(manifest.startedAt),
    endedAt: manifest.endedAt === null ? null : new Date(manifest.endedAt),
    durationMs: (manifest.endedAt ?? Date.now()) - manifest.startedAt,
    stopReason: manifest.stopReason,
    participantNames: names,
    sizeBytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
    files,
  };
}
