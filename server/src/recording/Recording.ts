import { mkdirSync, renameSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Channel } from '../sfu/Channel.js';
import { EnhancedEventEmitter } from '../sfu/EnhancedEventEmitter.js';
import type { Participant } from '../sfu/Participant.js';
import type { VoxlayProducer } from '../sfu/ParticipantTypes.js';
import { mixTracks } from './ffmpeg.js';
import type {
  RecordingEvents,
  RecordingManifest,
  RecordingOptions,
  RecordingState,
  RecordingStopReason,
  MixedInfo,
} from './RecordingTypes.js';
import { TrackRecorder } from './TrackRecorder.js';
import type { TrackEndReason, TrackInfo } from './TrackRecorderTypes.js';

export const MANIFEST_FILE = 'manifest.json';
export const MIXED_FILE = 'mixed.ogg';
const DEFAULT_DISK_CHECK_MS = 5000;

/** Free bytes for an unprivileged writer on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/**
 * One channel being recorded: a TrackRecorder for every microphone of the channel, those that start
 * later and those on any of its routers included, each into its own file; when it stops, the files
 * are closed (padded to the stop) and mixed into one. It stops on stop(), when the disk fills
 * (checked every few seconds, and a failed write), at its longest duration, when the channel closes
 * and when a worker carrying a recorded microphone dies: the call itself never notices more than the
 * RecordingStopped event. manifest.json beside the files is rewritten at each change, so a node that
 * restarts finds the recording and can still mix it.
 */
export class Recording extends EnhancedEventEmitter<RecordingEvents> {
  readonly id: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly dir: string;
  readonly startedAt = Date.now();
  readonly #options: RecordingOptions;
  readonly #logger: Logger;
  readonly #channel: Channel;
  readonly #tracks: TrackRecorder[] = [];
  /** Producers being attached (their TrackRecorder is being created). */
  readonly #attaching = new Set<string>();
  /** Undo of every listener put on the channel and its participants. */
  readonly #detach: (() => void)[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  #state: RecordingState = 'RECORDING';
  #endedAt: number | null = null;
  #stopReason: RecordingStopReason | null = null;
  #mixed: MixedInfo | null = null;
  #done: Promise<void> | undefined;
  #files = 0;

  constructor(options: RecordingOptions) {
    const logger = options.logger.child({ recordingId: options.id, channelId: options.channel.id });
    super(logger);
    this.#options = options;
    this.#logger = logger;
    this.#channel = options.channel;
    this.id = options.id;
    this.channelId = options.channel.id;
    this.channelName = options.channel.name;
    this.dir = options.dir;
    mkdirSync(this.dir, { recursive: true });
    this.#writeManifest();
    const channel = options.channel;
    const onParticipant = (participant: Participant) => this.#follow(participant);
    const onClose = () => this.stop('CHANNEL_CLOSED');
    channel.observer.on('newparticipant', onParticipant);
    channel.observer.on('close', onClose);
    this.#detach.push(() => {
      channel.observer.off('newparticipant', onParticipant);
      channel.observer.off('close', onClose);
    });
    for (const participant of channel.participants) this.#follow(participant);
    const diskCheck = setInterval(() => this.#checkDisk(), options.diskCheckIntervalMs ?? DEFAULT_DISK_CHECK_MS);
    const maxDuration = setTimeout(() => this.stop('MAX_DURATION'), options.maxDurationMs);
    diskCheck.unref();
    maxDuration.unref();
    this.#timers.push(diskCheck, maxDuration);
    channel.announceRecording({
      type: 'RecordingStarted',
      channelId: channel.id,
      recordingId: this.id,
      startedAt: new Date(this.startedAt).toISOString(),
    });
    logger.info({ dir: this.dir }, 'recording started');
  }

  get state(): RecordingState {
    return this.#state;
  }

  /** Resolves once the recording is DONE (mixed, or the mix failed). */
  get done(): Promise<void> {
    return this.#done ?? new Promise((resolve) => this.once('done', () => resolve()));
  }

  manifest(): RecordingManifest {
    const tracks: TrackInfo[] = this.#tracks.map((track) => track.info());
    return {
      version: 1,
      id: this.id,
      channelId: this.channelId,
      channelName: this.channelName,
      state: this.#state,
      startedBy: this.#options.startedBy,
      startedAt: this.startedAt,
      endedAt: this.#endedAt,
      stopReason: this.#stopReason,
      tracks,
      mixed: this.#mixed,
    };
  }

  /**
   * Stops recording (idempotent): every file is padded to now and closed, the channel is told
   * (RecordingStopped with `reason`), then the files are mixed; `done` resolves after the mix.
   */
  stop(reason: RecordingStopReason): Promise<void> {
    if (this.#state !== 'RECORDING') return this.done;
    const stoppedAt = Date.now();
    this.#state = 'MIXING';
    this.#endedAt = stoppedAt;
    this.#stopReason = reason;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const undo of this.#detach.splice(0)) undo();
    for (const track of this.#tracks) track.close(stoppedAt);
    this.#writeManifest();
    this.#channel.announceRecording({ type: 'RecordingStopped', channelId: this.channelId, recordingId: this.id, stopReason: reason });
    this.#logger.info({ reason }, 'recording stopped');
    this.safeEmit('stop', reason);
    this.#done = this.#mix();
    return this.#done;
  }

  async #mix(): Promise<void> {
    const manifest = this.manifest();
    const inputs = manifest.tracks.flatMap((track) =>
      track.offsetMs === null || track.samples === 0 ? [] : [{ path: join(this.dir, track.file), offsetMs: track.offsetMs }],
    );
    const out = join(this.dir, MIXED_FILE);
    try {
      await mixTracks(this.#options.ffmpeg, inputs, (this.#endedAt ?? Date.now()) - this.startedAt, out);
      this.#mixed = { file: MIXED_FILE, bytes: statSync(out).size };
    } catch (error) {
      this.#logger.error({ err: error }, 'mixing the recording failed; the speakers’ files are kept');
    }
    this.#state = 'DONE';
    this.#writeManifest();
    this.safeEmit('done');
  }

  #follow(participant: Participant): void {
    if (participant.producer) this.#record(participant, participant.producer);
    const onProducer = (producer: VoxlayProducer) => this.#record(participant, producer);
    participant.on('producer', onProducer);
    this.#detach.push(() => participant.off('producer', onProducer));
  }

  #record(participant: Participant, producer: VoxlayProducer): void {
    if (producer.appData.source !== 'MICROPHONE' || producer.closed || this.#state !== 'RECORDING') return;
    if (this.#attaching.has(producer.id) || this.#tracks.some((track) => track.producerId === producer.id)) return;
    const home = this.#channel.routerOf(participant);
    if (!home) return;
    this.#attaching.add(producer.id);
    this.#files += 1;
    const file = `${String(this.#files).padStart(2, '0')}-${safeName(participant.displayName)}-${participant.id.slice(0, 8)}.ogg`;
    TrackRecorder.create({
      producer,
      router: home.router,
      path: join(this.dir, file),
      participantId: participant.id,
      displayName: participant.displayName,
      recordingStartedAt: this.startedAt,
      logger: this.#logger,
    }).then(
      (track) => {
        this.#attaching.delete(producer.id);
        if (this.#state !== 'RECORDING') {
          track.close(this.#endedAt ?? Date.now());
          return;
        }
        this.#tracks.push(track);
        track.on('firstpacket', () => this.#writeManifest());
        track.on('writeerror', (error) => this.stop(isDiskFull(error) ? 'DISK_FULL' : 'RECORDER_FAILED'));
        track.on('ended', (reason) => this.#trackEnded(reason));
        this.#writeManifest();
      },
      (error: unknown) => {
        this.#attaching.delete(producer.id);
        // The producer or its router closed meanwhile: nothing to record.
        if (producer.closed || home.closed) return;
        this.#logger.error({ err: error, producerId: producer.id }, 'could not record a microphone');
      },
    );
  }

  #trackEnded(reason: TrackEndReason): void {
    if (reason === 'routerclosed' && !this.#channel.closed) {
      void this.stop('WORKER_DIED');
      return;
    }
    this.#writeManifest();
  }

  #checkDisk(): void {
    try {
      const free = freeBytes(this.dir);
      if (free < this.#options.minFreeBytes) {
        this.#logger.warn({ free, min: this.#options.minFreeBytes }, 'the recordings disk is full');
        void this.stop('DISK_FULL');
      }
    } catch (error) {
      this.#logger.error({ err: error }, 'could not check free disk space');
    }
  }

  /** manifest.json, replaced atomically (a crash leaves the previous one). */
  #writeManifest(): void {
    try {
      const path = join(this.dir, MANIFEST_FILE);
      writeFileSync(`${path}.tmp`, JSON.stringify(this.manifest(), null, 2));
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      this.#logger.error({ err: error }, 'could not write the recording manifest');
      if (isDiskFull(error) && this.#state === 'RECORDING') void this.stop('DISK_FULL');
    }
  }
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A display name as a file name part: letters, digits, - and _ only, at most 32. */
function safeName(name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);
  return safe === '' ? 'speaker' : safe;
}
