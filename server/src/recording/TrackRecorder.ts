import { basename } from 'node:path';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { EnhancedEventEmitter } from '../sfu/EnhancedEventEmitter.js';
import { OggOpusWriter } from './OggOpusWriter.js';
import { FRAME_SAMPLES, OPUS_RATE, packetSamples, SILENCE_FRAME } from './opusPacket.js';
import type { TrackEndReason, TrackInfo, TrackRecorderEvents, TrackRecorderOptions } from './TrackRecorderTypes.js';

const SAMPLES_PER_MS = OPUS_RATE / 1000;
/** A packet arriving this much later (wall clock) than its RTP timestamp says: the sender's clock stood still while paused. */
const WALL_CLOCK_SLACK_SAMPLES = 300 * SAMPLES_PER_MS;
/** Gaps shorter than this are jitter, not silence. */
const GAP_SAMPLES = FRAME_SAMPLES / 2;
/** The longest gap filled at once (a sender jumping its clock by hours is not followed). */
const MAX_GAP_SAMPLES = 6 * 3600 * OPUS_RATE;

/**
 * One microphone producer written to an Ogg Opus file as it arrives, not re-encoded: a
 * DirectTransport consumer on the producer's own router hands its RTP packets to Node. The file
 * keeps the call's timing: where nothing was received (muted, DTX) silence frames fill the gap, by
 * the RTP timestamps and, when those stood still (a paused sender), by the wall clock; at the end
 * it is padded up to the stop. Packets arriving out of order behind what is written are dropped.
 * close() (the recording stopped) and the producer or router closing both end the file.
 */
export class TrackRecorder extends EnhancedEventEmitter<TrackRecorderEvents> {
  readonly participantId: string;
  readonly displayName: string;
  readonly producerId: string;
  readonly #transport: types.DirectTransport;
  readonly #writer: OggOpusWriter;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #recordingStartedAt: number;
  /** Wall-clock ms of the first packet; the last RTP timestamp and the samples since the first one (unwrapped). */
  #firstAt: number | null = null;
  #lastTimestamp = 0;
  #unwrapped = 0;
  /** Added to RTP positions after a wall-clock correction. */
  #adjust = 0;
  #packets = 0;
  #silenceFrames = 0;
  #endReason: TrackEndReason | null = null;

  static async create(options: TrackRecorderOptions): Promise<TrackRecorder> {
    const transport = await options.router.createDirectTransport();
    try {
      const consumer = await transport.consume({
        producerId: options.producer.id,
        rtpCapabilities: options.router.rtpCapabilities,
        paused: true,
      });
      const recorder = new TrackRecorder(options, transport, consumer);
      await consumer.resume();
      return recorder;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  private constructor(options: TrackRecorderOptions, transport: types.DirectTransport, consumer: types.Consumer) {
    const logger = options.logger.child({ producerId: options.producer.id, file: basename(options.path) });
    super(logger);
    this.participantId = options.participantId;
    this.displayName = options.displayName;
    this.producerId = options.producer.id;
    this.#logger = logger;
    this.#now = options.now ?? Date.now;
    this.#recordingStartedAt = options.recordingStartedAt;
    this.#transport = transport;
    this.#writer = new OggOpusWriter(options.path, { channels: consumer.rtpParameters.codecs[0]?.channels ?? 2 });
    consumer.on('rtp', (packet) => this.#onRtp(packet));
    consumer.on('producerclose', () => this.#end('producerclosed'));
    consumer.on('transportclose', () => this.#end('routerclosed'));
    transport.on('routerclose', () => this.#end('routerclosed'));
  }

  get closed(): boolean {
    return this.#endReason !== null;
  }

  get path(): string {
    return this.#writer.path;
  }

  info(): TrackInfo {
    return {
      file: basename(this.#writer.path),
      participantId: this.participantId,
      displayName: this.displayName,
      producerId: this.producerId,
      offsetMs: this.#firstAt === null ? null : this.#firstAt - this.#recordingStartedAt,
      samples: this.#writer.samples,
      bytes: this.#writer.bytes,
      silenceFrames: this.#silenceFrames,
      packets: this.#packets,
      endReason: this.#endReason,
    };
  }

  /** The recording stopped at `stoppedAt` (wall-clock ms): pads the file with silence up to then and closes it. */
  close(stoppedAt: number = this.#now()): void {
    if (this.#endReason !== null) return;
    this.#finish('stopped', stoppedAt);
  }

  #end(reason: TrackEndReason): void {
    if (this.#endReason !== null) return;
    // Ended under us (producer closed, worker died): the file ends with its last packet.
    this.#finish(reason, null);
    this.safeEmit('ended', reason);
  }

  #finish(reason: TrackEndReason, padUntil: number | null): void {
    this.#endReason = reason;
    this.#transport.close();
    try {
      if (padUntil !== null && this.#firstAt !== null) this.#fillUntil((padUntil - this.#firstAt) * SAMPLES_PER_MS);
      this.#writer.close();
    } catch (error) {
      this.#logger.error({ err: error }, 'could not finish the recorded file');
    }
  }

  #onRtp(packet: Buffer): void {
    if (this.#endReason !== null) return;
    const now = this.#now();
    // RTP fixed header (RFC 3550): CSRCs and a header extension come before the payload.
    const first = packet[0] ?? 0;
    let offset = 12 + (first & 0x0f) * 4;
    if (first & 0x10) offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    let end = packet.length;
    if (first & 0x20) end -= packet[packet.length - 1] ?? 0;
    if (offset >= end) return;
    const payload = packet.subarray(offset, end);
    const samples = packetSamples(payload);
    if (samples === 0) return;
    const timestamp = packet.readUInt32BE(4);
    if (this.#firstAt === null) {
      this.#firstAt = now;
      this.#lastTimestamp = timestamp;
      this.#unwrapped = 0;
      this.safeEmit('firstpacket', now - this.#recordingStartedAt);
    } else {
      // Unwrap the 32-bit timestamp: a difference beyond half the range is a wrap.
      const delta = (timestamp - this.#lastTimestamp) | 0;
      this.#unwrapped += delta;
      this.#lastTimestamp = timestamp;
    }
    let position = this.#unwrapped + this.#adjust;
    const wallPosition = (now - this.#firstAt) * SAMPLES_PER_MS;
    if (wallPosition - position > WALL_CLOCK_SLACK_SAMPLES) {
      // The sender's timestamps did not advance while it was paused: follow the wall clock.
      this.#adjust += wallPosition - position;
      position = wallPosition;
    }
    try {
      if (position < this.#writer.samples - GAP_SAMPLES) return; // late or repeated
      this.#fillUntil(position);
      this.#writer.write(payload, samples);
      this.#packets += 1;
    } catch (error) {
      this.#writeFailed(error);
    }
  }

  /** Silence frames up to `position` (samples from the first packet). */
  #fillUntil(position: number): void {
    const gap = Math.min(position - this.#writer.samples, MAX_GAP_SAMPLES);
    if (gap < GAP_SAMPLES) return;
    const frames = Math.round(gap / FRAME_SAMPLES);
    for (let i = 0; i < frames; i++) this.#writer.write(SILENCE_FRAME, FRAME_SAMPLES);
    this.#silenceFrames += frames;
  }

  #writeFailed(thrown: unknown): void {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    this.#logger.error({ err: error }, 'writing the recorded file failed');
    this.safeEmit('writeerror', error);
    this.#end('writefailed');
  }
}
