import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { VoxlayProducer } from '../sfu/ParticipantTypes.js';

export interface TrackRecorderOptions {
  /** The microphone producer to record. */
  producer: VoxlayProducer;
  /** The router the producer lives on (its participant's home router). */
  router: types.Router;
  /** The Ogg file to write. */
  path: string;
  /** Who speaks (for the manifest and the file list). */
  participantId: string;
  displayName: string;
  /** Wall-clock ms of the recording's start: the track's offset is counted from it. */
  recordingStartedAt: number;
  logger: Logger;
  /** Wall-clock source (Date.now when absent). */
  now?: (() => number) | undefined;
}

/** Why a track stopped: its recording stopped, its producer closed, or its router (worker) went away. */
export type TrackEndReason = 'stopped' | 'producerclosed' | 'routerclosed' | 'writefailed';

export type TrackRecorderEvents = {
  /** The first packet arrived (the track's offset is known). */
  firstpacket: [offsetMs: number];
  /** The file could not be written (ENOSPC...): the track is closed, its file holds what came before. */
  writeerror: [Error];
  /** The track ended on its own (producer closed, router gone, write failed); the file is closed. */
  ended: [TrackEndReason];
};

/** What a track says about itself (the recording's manifest and Recording.files). */
export interface TrackInfo {
  file: string;
  participantId: string;
  displayName: string;
  producerId: string;
  /** Ms from the recording's start to the first packet; null while none arrived. */
  offsetMs: number | null;
  /** Samples written (48 kHz), silence filling gaps included. */
  samples: number;
  bytes: number;
  /** Silence frames written where nothing was received (muted, DTX). */
  silenceFrames: number;
  packets: number;
  endReason: TrackEndReason | null;
}
