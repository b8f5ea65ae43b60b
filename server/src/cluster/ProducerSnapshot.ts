/** A producer as a ProducerAdded event carries it over Redis (the mediasoup object stays on its node). */
export interface ProducerSnapshotData {
  id: string;
  participantId: string;
  paused: boolean;
}

export class ProducerSnapshot {
  readonly id: string;
  readonly paused: boolean;
  readonly kind = 'audio' as const;
  readonly appData: { readonly participantId: string };

  constructor(data: ProducerSnapshotData) {
    this.id = data.id;
    this.paused = data.paused;
    this.appData = { participantId: data.participantId };
  }
}
