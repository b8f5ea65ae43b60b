import type { AudioGraph, LevelMeter } from '../media/AudioGraph';
import { dbfsToLevel } from '../media/levels';
import type { LinkQuality, ParticipantState, StreamSource, StreamState, VoiceMode } from '../types';
import type {
  MediaSource as ServerMediaSource,
  QualityLevel as ServerQualityLevel,
  VoiceMode as ServerVoiceMode,
} from '../graphql/__generated__/graphql';
import { fromServerVoiceMode } from './ParticipantStateSync';

/** What the server tells of a participant besides its mute (ParticipantFields, ParticipantStateChanged). */
export interface RemoteStateFields {
  selfMuted?: boolean;
  deafened?: boolean;
  listenOnly?: boolean;
  voiceMode?: ServerVoiceMode;
  qualityLevel?: ServerQualityLevel;
  quality?: { level: ServerQualityLevel; packetLoss: number; jitterMs: number; rttMs?: number | null } | null;
  live?: boolean;
  cameraOn?: boolean;
}
import { VoiceActivityDetector } from '../media/vad';

/** Remote "speaking": medium sensitivity, quick attack, ~300 ms hangover. */
const SPEAKING = { attackMs: 20, hangoverMs: 300 } as const;

/**
 * One remote participant as this client sees it: its server state (muted), its audio (one consumer
 * track played through an <audio> element), its level and speaking flag, and local preferences.
 *
 * Playback: Chromium needs a media element for remote WebRTC audio to play (and for the
 * receiver's audioLevel stats), so the track plays through an unmuted <audio> element. Volume uses
 * `audio.volume`, which only goes to 1: values 1..2 are kept in the state (and persisted) but
 * played at 1. (A GainNode path would allow boost but needs a muted element + a running
 * AudioContext, and breaks audioLevel stats.)
 */
export class RemoteParticipant {
  readonly id: string;
  displayName: string;
  muted: boolean;
  speaking = false;
  level = 0;
  volume = 1;
  locallyMuted = false;
  /** In the channel's active speaker set (last-N): the server sends its audio. */
  active = false;
  selfMuted = false;
  deafenedRemote = false;
  listenOnly = false;
  voiceMode: VoiceMode = 'always-on';
  /** As the server sees it (null: not measured). */
  quality: LinkQuality | null = null;
  /** Shares a screen. */
  live = false;
  cameraOn = false;
  /** Its streams others may watch, by producer id. */
  private readonly streams = new Map<string, StreamState>();
  private deafened = false;
  private consumerIdValue: string | null = null;
  private audio: HTMLAudioElement | null = null;
  private meter: LevelMeter | null = null;
  private readonly vad = new VoiceActivityDetector({ ...SPEAKING });

  constructor(init: { id: string; displayName: string; muted: boolean } & RemoteStateFields) {
    this.id = init.id;
    this.displayName = init.displayName;
    this.muted = init.muted;
    this.setState(init);
  }

  /** Applies the fields the server gave; returns whether anything shown changed. */
  setState(fields: RemoteStateFields): boolean {
    const before = JSON.stringify([
      this.selfMuted,
      this.deafenedRemote,
      this.listenOnly,
      this.voiceMode,
      this.quality,
      this.live,
      this.cameraOn,
    ]);
    if (fields.live !== undefined) this.live = fields.live;
    if (fields.cameraOn !== undefined) this.cameraOn = fields.cameraOn;
    if (fields.selfMuted !== undefined) this.selfMuted = fields.selfMuted;
    if (fields.deafened !== undefined) this.deafenedRemote = fields.deafened;
    if (fields.listenOnly !== undefined) this.listenOnly = fields.listenOnly;
    if (fields.voiceMode !== undefined) this.voiceMode = fromServerVoiceMode(fields.voiceMode);
    if (fields.quality) {
      const q = fields.quality;
      this.quality = { level: toLevel(q.level), rttMs: q.rttMs ?? null, packetLoss: q.packetLoss, jitterMs: q.jitterMs };
    } else if (fields.qualityLevel !== undefined) {
      this.quality =
        fields.qualityLevel === 'UNKNOWN' ? null : { level: toLevel(fields.qualityLevel), rttMs: null, packetLoss: null, jitterMs: null };
    }
    return (
      JSON.stringify([this.selfMuted, this.deafenedRemote, this.listenOnly, this.voiceMode, this.quality, this.live, this.cameraOn]) !==
      before
    );
  }

  /** A stream it started (join snapshot, StreamStarted); false when already known or not a stream. */
  addStream(producerId: string, source: ServerMediaSource, viewerIds: readonly string[] = []): boolean {
    const mapped = toStreamSource(source);
    if (!mapped || this.streams.has(producerId)) return false;
    this.streams.set(producerId, { producerId, participantId: this.id, source: mapped, viewerIds: [...viewerIds] });
    // StreamStarted may come before ParticipantStateChanged: the badges follow the streams at once.
    if (mapped === 'screen') this.live = true;
    if (mapped === 'camera') this.cameraOn = true;
    return true;
  }

  /** A stream it stopped (StreamStopped); false when unknown. */
  removeStream(producerId: string): boolean {
    const stream = this.streams.get(producerId);
    if (!stream) return false;
    this.streams.delete(producerId);
    if (stream.source === 'screen') this.live = false;
    if (stream.source === 'camera') this.cameraOn = false;
    return true;
  }

  /** Who watches one of its streams now (StreamViewersChanged); false when unknown or unchanged. */
  setViewers(producerId: string, viewerIds: readonly string[]): boolean {
    const stream = this.streams.get(producerId);
    if (!stream || (stream.viewerIds.length === viewerIds.length && stream.viewerIds.every((id, i) => id === viewerIds[i]))) return false;
    this.streams.set(producerId, { ...stream, viewerIds: [...viewerIds] });
    return true;
  }

  stream(producerId: string): StreamState | undefined {
    return this.streams.get(producerId);
  }

  /** Its stream of `source`, if any. */
  streamOf(source: StreamSource): StreamState | undefined {
    for (const stream of this.streams.values()) if (stream.source === source) return stream;
    return undefined;
  }

  get consumerId(): string | null {
    return this.consumerIdValue;
  }

  /** Plays the consumer's track (replacing any previous one). */
  attach(consumerId: string, track: MediaStreamTrack, graph: AudioGraph | null): void {
    this.detach();
    this.consumerIdValue = consumerId;
    if (typeof document !== 'undefined') {
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.srcObject = new MediaStream([track]);
      this.audio = audio;
      graph?.playThrough(audio); // the chosen speaker (setSinkId)
      this.applyPlayback();
      void audio.play().catch(() => undefined); // autoplay may need a gesture; join() is one
    }
    try {
      this.meter = graph?.createMeter(track) ?? null;
    } catch {
      this.meter = null;
    }
  }

  /** Stops playback of the current consumer (closed, or about to be replaced). */
  detach(): void {
    this.consumerIdValue = null;
    this.meter?.close();
    this.meter = null;
    if (this.audio) {
      this.audio.pause();
      this.audio.srcObject = null;
      this.audio = null;
    }
    this.level = 0;
    this.speaking = false;
    this.vad.reset();
  }

  setVolume(volume: number): void {
    this.volume = volume;
    this.applyPlayback();
  }

  setLocallyMuted(muted: boolean): void {
    this.locallyMuted = muted;
    this.applyPlayback();
  }

  setDeafened(deafened: boolean): void {
    this.deafened = deafened;
    this.applyPlayback();
  }

  /** Whether its consumer should be running server-side. */
  get wantsAudio(): boolean {
    return !this.deafened && !this.locallyMuted;
  }

  private applyPlayback(): void {
    if (!this.audio) return;
    this.audio.muted = !this.wantsAudio;
    this.audio.volume = Math.min(1, Math.max(0, this.volume));
  }

  /** One level-loop tick; returns true when level or speaking changed. */
  sample(elapsedMs: number): boolean {
    if (!this.meter) return false;
    const dbfs = this.muted ? -100 : this.meter.readDbfs();
    const level = dbfsToLevel(dbfs);
    const speaking = this.vad.push(dbfs, elapsedMs);
    const changed = level !== this.level || speaking !== this.speaking;
    this.level = level;
    this.speaking = speaking;
    return changed;
  }

  snapshot(): ParticipantState {
    return {
      id: this.id,
      displayName: this.displayName,
      isLocal: false,
      muted: this.muted,
      speaking: this.speaking,
      level: this.level,
      volume: this.volume,
      locallyMuted: this.locallyMuted,
      active: this.active,
      selfMuted: this.selfMuted,
      deafened: this.deafenedRemote,
      listenOnly: this.listenOnly,
      voiceMode: this.voiceMode,
      quality: this.quality,
      live: this.live,
      cameraOn: this.cameraOn,
      streams: [...this.streams.values()],
    };
  }

  close(): void {
    this.detach();
  }
}

function toStreamSource(source: ServerMediaSource): StreamSource | null {
  return source === 'CAMERA' ? 'camera' : source === 'SCREEN' ? 'screen' : source === 'SCREEN_AUDIO' ? 'screen-audio' : null;
}

function toLevel(level: ServerQualityLevel): LinkQuality['level'] {
  return level === 'GOOD' ? 'good' : level === 'FAIR' ? 'fair' : level === 'POOR' ? 'poor' : 'unknown';
}
