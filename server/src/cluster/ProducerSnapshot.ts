import type { MediaSource } from '../sfu/ParticipantTypes.js';

/** A producer as a ProducerAdded event carries it over Redis (the mediasoup object stays on its node). */
export interface ProducerSnapshotData {
  id: string;
  participantId: string;
  paused: boolean;
  /** Absent in events of nodes from before video: a microphone. */
  kind?: 'audio' | 'video' | undefined;
  source?: MediaSource | undefined;
}

export class ProducerSnapshot {
  readonly id: string;
  readonly paused: boolean;
  readonly kind: 'audio' | 'video';
  readonly appData: { readonly participantId: string; readonly source: MediaSource };

  constructor(data: ProducerSnapshotData) {
    this.id = data.id;
    this.paused = data.paused;
    this.kind = data.kind ?? 'audio';
    this.appData = { participantId: data.participantId, source: data.source ?? 'MICROPHONE' };
  }
}
