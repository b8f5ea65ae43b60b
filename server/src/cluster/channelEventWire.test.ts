import { describe, expect, it } from 'vitest';
import { channelEventSerializer } from './channelEventWire.js';
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
    });
    expect(back.participant.quality).toBeNull();
  });

  it('reads a participant record written before the state existed with the defaults', () => {
    const wire = JSON.stringify({
      type: 'ParticipantJoined',
      channelId: 'c1',
      participant: { id: 'p1', displayName: 'Ann', channelId: 'c1', joinedAt: new Date(0).toISOString(), muted: false },
    });
    const back = channelEventSerializer.parse(wire) as { participant: RemoteParticipant };
    expect(back.participant).toMatchObject({ selfMuted: false, deafened: false, listenOnly: false, voiceMode: 'ALWAYS_ON' });
  });
});
