import type { VoiceMode } from '../sfu/ParticipantTypes.js';
import type { ParticipantRecord } from './ChannelDirectoryTypes.js';

/**
 * A participant of a channel hosted on another node, as its participant list (or an event that came
 * over Redis) describes it. Its media objects live on that node: they are listed there.
 */
export class RemoteParticipant {
  readonly id: string;
  readonly displayName: string;
  readonly channelId: string;
  readonly joinedAt: Date;
  readonly muted: boolean;
  readonly selfMuted: boolean;
  readonly deafened: boolean;
  readonly listenOnly: boolean;
  readonly voiceMode: VoiceMode;
  readonly live: boolean;
  readonly cameraOn: boolean;
  /** Measured on the hosting node: not known here. */
  readonly quality = null;

  constructor(record: ParticipantRecord) {
    this.id = record.id;
    this.displayName = record.displayName;
    this.channelId = record.channelId;
    this.joinedAt = new Date(record.joinedAt);
    this.muted = record.muted;
    this.selfMuted = record.selfMuted ?? false;
    this.deafened = record.deafened ?? false;
    this.listenOnly = record.listenOnly ?? false;
    this.voiceMode = record.voiceMode ?? 'ALWAYS_ON';
    this.live = record.live ?? false;
    this.cameraOn = record.cameraOn ?? false;
  }

  /** Its media objects live on the hosting node: none here. */
  get producers(): never[] {
    return [];
  }

  /** Watched on the hosting node: none here. */
  get streams(): never[] {
    return [];
  }

  get consumers(): never[] {
    return [];
  }

  get transports(): never[] {
    return [];
  }
}
