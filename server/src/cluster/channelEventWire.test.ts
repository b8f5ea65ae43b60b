import { describe, expect, it } from 'vitest';
import { channelEventSerializer } from './channelEventWire.js';
import { ProducerSnapshot } from './ProducerSnapshot.js';
import type { RemoteParticipant } from './RemoteParticipant.js';

describe('channelEventSerializer', () => {
  it("carries a ParticipantStateChanged to another node: the participant's own state survives, its quality stays with its node", () => {
    const participant = {
      id: 'p1',
      displayName: 'Ann',
      channelId: 'c1',
      joinedAt: new Date(0),
      muted: true,
      selfMuted: false,
      deafened: true,
      listenOnly: false,
      voiceMode: 'PUSH_TO_TALK' as const,
      live: true,
      cameraOn: false,
    };
    const wire = channelEventSerializer.stringify({ type: 'ParticipantStateChanged', channelId: 'c1', participant });
    const back = channelEventSerializer.parse(wire) as { type: string; participant: RemoteParticipant };
    expect(back.type).toBe('ParticipantStateChanged');
    expect(back.participant).toMatchObject({
      id: 'p1',
      muted: true,
      selfMuted: false,
      deafened: true,
      listenOnly: false,
      voiceMode: 'PUSH_TO_TALK',
      live: true,
      cameraOn: false,
    });
    expect(back.participant.quality).toBeNull();
  });

  it('carries a StreamStarted with its producer as a snapshot: kind and source survive', () => {
    const producer = { id: 'pr1', kind: 'video' as const, paused: false, appData: { participantId: 'p1', source: 'SCREEN' as const } };
    const wire = channelEventSerializer.stringify({ type: 'StreamStarted', channelId: 'c1', producer });
    const back = channelEventSerializer.parse(wire) as { type: string; producer: ProducerSnapshot };
    expect(back.type).toBe('StreamStarted');
    expect(back.producer).toBeInstanceOf(ProducerSnapshot);
    expect(back.producer).toMatchObject({ id: 'pr1', kind: 'video', paused: false, appData: { participantId: 'p1', source: 'SCREEN' } });
  });

  it('reads a ProducerAdded of a node from before video as a microphone', () => {
    const wire = JSON.stringify({ type: 'ProducerAdded', channelId: 'c1', producer: { id: 'pr1', participantId: 'p1', paused: true } });
    const back = channelEventSerializer.parse(wire) as { producer: ProducerSnapshot };
    expect(back.producer).toMatchObject({ kind: 'audio', appData: { participantId: 'p1', source: 'MICROPHONE' } });
  });

  it('reads a participant record written before the state existed with the defaults', () => {
    const wire = JSON.stringify({
      type: 'ParticipantJoined',
      channelId: 'c1',
      participant: { id: 'p1', displayName: 'Ann', channelId: 'c1', joinedAt: new Date(0).toISOString(), muted: false },
    });
    const back = channelEventSerializer.parse(wire) as { participant: RemoteParticipant };
    expect(back.participant).toMatchObject({
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON',
      live: false,
      cameraOn: false,
    });
  });
});
