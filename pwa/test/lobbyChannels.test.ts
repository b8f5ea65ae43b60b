import { describe, expect, it } from 'vitest';
import { applyChannelEvent, type ChannelSummary, LOBBY_NAMES } from '../src/hooks/lobbyChannels';

const person = (id: string, muted = false) => ({ id, displayName: `Name ${id}`, muted });
const channel = (id: string, ids: string[], count = ids.length): ChannelSummary => ({
  id,
  name: `Channel ${id}`,
  isDefault: false,
  participantCount: count,
  participants: ids.map((p) => person(p)),
});
const joined = (channelId: string, id: string) =>
  ({
    __typename: 'ParticipantJoined',
    channelId,
    participant: {
      ...person(id),
      channelId,
      joinedAt: '2026-12-07T00:00:00Z',
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON',
      qualityLevel: 'UNKNOWN',
    },
  }) as const;
const left = (channelId: string, participantId: string) =>
  ({ __typename: 'ParticipantLeft', channelId, participantId, reason: 'LEFT' }) as const;

describe('the lobby list under channel events', () => {
  it('adds a participant who joined, once, and counts them', () => {
    const list = [channel('a', ['p1']), channel('b', [])];
    const once = applyChannelEvent(list, joined('b', 'p2'));
    expect(once[1]).toMatchObject({ participantCount: 1, participants: [person('p2')] });
    expect(once[0]).toBe(list[0]);
    expect(applyChannelEvent(once, joined('b', 'p2'))).toBe(once);
  });

  it('removes a participant who left and marks mutes; unknown channels and other events change nothing', () => {
    const list = [channel('a', ['p1', 'p2'])];
    const muted = applyChannelEvent(list, { __typename: 'MuteChanged', channelId: 'a', participantId: 'p2', muted: true });
    expect(muted[0]?.participants).toEqual([person('p1'), person('p2', true)]);
    const after = applyChannelEvent(muted, left('a', 'p1'));
    expect(after[0]).toMatchObject({ participantCount: 1, participants: [person('p2', true)] });
    expect(applyChannelEvent(after, left('a', 'p1'))).toBe(after);
    expect(applyChannelEvent(after, left('zzz', 'p2'))).toBe(after);
    expect(applyChannelEvent(after, { __typename: 'ActiveSpeakersChanged' })).toBe(after);
  });

  it('in a channel listed only in part, counts joins and leaves of people it does not list', () => {
    const ids = Array.from({ length: LOBBY_NAMES }, (_, i) => `p${i}`);
    const list = [channel('big', ids, 80)];
    const more = applyChannelEvent(list, joined('big', 'new'));
    expect(more[0]?.participantCount).toBe(81);
    expect(more[0]?.participants).toHaveLength(LOBBY_NAMES);
    const fewer = applyChannelEvent(more, left('big', 'somebody-unlisted'));
    expect(fewer[0]?.participantCount).toBe(80);
  });
});
