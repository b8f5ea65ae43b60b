import type { ChannelEventData } from '../sfu/ChannelTypes.js';
import type { ParticipantRecord } from './ChannelDirectoryTypes.js';
import { ProducerSnapshot, type ProducerSnapshotData } from './ProducerSnapshot.js';
import { RemoteParticipant } from './RemoteParticipant.js';
import type { VoiceMode } from '../sfu/ParticipantTypes.js';

/** What a participant list and a ParticipantJoined over Redis say about a participant. */
export function participantRecord(participant: {
  id: string;
  displayName: string;
  channelId: string;
  joinedAt: Date;
  muted: boolean;
  selfMuted: boolean;
  deafened: boolean;
  listenOnly: boolean;
  voiceMode: VoiceMode;
  live: boolean;
  cameraOn: boolean;
}): ParticipantRecord {
  return {
    id: participant.id,
    displayName: participant.displayName,
    channelId: participant.channelId,
    joinedAt: participant.joinedAt.toISOString(),
    muted: participant.muted,
    selfMuted: participant.selfMuted,
    deafened: participant.deafened,
    listenOnly: participant.listenOnly,
    voiceMode: participant.voiceMode,
    live: participant.live,
    cameraOn: participant.cameraOn,
  };
}

/** A channel event of another node: its participant and producer are snapshots. */
export type RemoteChannelEventData = ChannelEventData<RemoteParticipant, ProducerSnapshot>;

/** A channel event as JSON travels over Redis. */
export type WireEvent =
  | Exclude<ChannelEventData, { type: 'ParticipantJoined' | 'ProducerAdded' | 'StreamStarted' | 'ParticipantStateChanged' }>
  | { type: 'ParticipantJoined' | 'ParticipantStateChanged'; channelId: string; participant: ParticipantRecord }
  | { type: 'ProducerAdded' | 'StreamStarted'; channelId: string; producer: ProducerSnapshotData };

export function toWire(event: ChannelEventData): WireEvent {
  switch (event.type) {
    case 'ParticipantJoined':
    case 'ParticipantStateChanged':
      return { type: event.type, channelId: event.channelId, participant: participantRecord(event.participant) };
    case 'ProducerAdded':
    case 'StreamStarted': {
      const { producer } = event;
      return {
        type: event.type,
        channelId: event.channelId,
        producer: {
          id: producer.id,
          participantId: producer.appData.participantId,
          paused: producer.paused,
          kind: producer.kind,
          source: producer.appData.source,
        },
      };
    }
    default:
      return event;
  }
}

export function fromWire(event: WireEvent): RemoteChannelEventData {
  switch (event.type) {
    case 'ParticipantJoined':
    case 'ParticipantStateChanged':
      return { ...event, participant: new RemoteParticipant(event.participant) };
    case 'ProducerAdded':
    case 'StreamStarted':
      return { ...event, producer: new ProducerSnapshot(event.producer) };
    default:
      return event;
  }
}

/**
 * The serializer of the Redis event target: channel events travel as plain JSON (the live
 * Participant and Producer objects become snapshots) and come back as RemoteParticipant and
 * ProducerSnapshot, which the same resolvers answer from.
 */
export const channelEventSerializer = {
  stringify: (event: unknown): string => JSON.stringify(toWire(event as ChannelEventData)),
  parse: (message: string): unknown => fromWire(JSON.parse(message) as WireEvent),
};
