import { describe, expect, it } from 'vitest';
import { applyLobbyEvent, LOBBY_NAMES, type LobbyChannel, type LobbyEvent } from './lobbyChannels';

const person = (id: string, muted = false) => ({ id, displayName: id.toUpperCase(), muted, deafened: false });
const channel = (id: string, participants = [person('ann')], participantCount = participants.length): LobbyChannel => ({
  id,
  name: id,
  isDefault: id === 'lobby',
  participantCount,
  participants,
  recording: null,
});
const joined = (channelId: string, id: string): LobbyEvent => ({
  __typename: 'ParticipantJoined',
  channelId,
  participant: person(id, true),
});
const left = (channelId: string, participantId: string): LobbyEvent => ({
  __typename: 'ParticipantLeft',
  channelId,
  participantId,
  reason: 'LEFT',
});

describe('applyLobbyEvent()', () => {
  it('adds a created channel at the end, once', () => {
    const list = [channel('lobby')];
    const created: LobbyEvent = {
      __typename: 'ChannelCreated',
      channel: { id: 'raid', name: 'Raid', isDefault: false, participantCount: 0 },
    };
    const next = applyLobbyEvent(list, created);
    expect(next.map((c) => c.id)).toEqual(['lobby', 'raid']);
    expect(next[1]).toMatchObject({ participants: [], participantCount: 0 });
    expect(applyLobbyEvent(next, created)).toBe(next);
  });

  it('drops a deleted channel, and changes nothing for one it does not list', () => {
    const list = [channel('lobby'), channel('raid')];
    const deleted: LobbyEvent = { __typename: 'ChannelDeleted', channelId: 'raid', expired: false };
    const next = applyLobbyEvent(list, deleted);
    expect(next.map((c) => c.id)).toEqual(['lobby']);
    expect(applyLobbyEvent(next, deleted)).toBe(next);
  });

  it('lists a participant who joins and forgets one who leaves, counting both; twice changes nothing more', () => {
    const list = [channel('lobby')];
    const withBob = applyLobbyEvent(list, joined('lobby', 'bob'));
    expect(withBob[0]).toMatchObject({ participantCount: 2, participants: [person('ann'), person('bob', true)] });
    expect(applyLobbyEvent(withBob, joined('lobby', 'bob'))).toBe(withBob);
    const withoutAnn = applyLobbyEvent(withBob, left('lobby', 'ann'));
    expect(withoutAnn[0]).toMatchObject({ participantCount: 1, participants: [person('bob', true)] });
    expect(applyLobbyEvent(withoutAnn, left('lobby', 'ann'))).toBe(withoutAnn);
  });

  it('counts but does not list a participant beyond the listed names of a big channel', () => {
    const many = Array.from({ length: LOBBY_NAMES }, (_, i) => person(`p${i}`));
    const list = [channel('big', many, LOBBY_NAMES + 10)];
    const next = applyLobbyEvent(list, joined('big', 'late'));
    expect(next[0]?.participantCount).toBe(LOBBY_NAMES + 11);
    expect(next[0]?.participants).toHaveLength(LOBBY_NAMES);
    // Someone unlisted leaving a channel with unlisted people: counted.
    expect(applyLobbyEvent(next, left('big', 'late'))[0]?.participantCount).toBe(LOBBY_NAMES + 10);
  });

  it('shows mutes and deafening, and ignores events of channels it does not list', () => {
    const list = [channel('lobby')];
    const muted = applyLobbyEvent(list, { __typename: 'MuteChanged', channelId: 'lobby', participantId: 'ann', muted: true });
    expect(muted[0]?.participants[0]).toMatchObject({ muted: true, deafened: false });
    const deafened = applyLobbyEvent(muted, {
      __typename: 'ParticipantStateChanged',
      channelId: 'lobby',
      participant: { id: 'ann', deafened: true },
    });
    expect(deafened[0]?.participants[0]).toMatchObject({ muted: true, deafened: true });
    expect(applyLobbyEvent(deafened, { __typename: 'MuteChanged', channelId: 'lobby', participantId: 'ann', muted: true })).toBe(deafened);
    expect(applyLobbyEvent(deafened, joined('elsewhere', 'bob'))).toBe(deafened);
  });
});

describe('applyLobbyEvent() and recordings', () => {
  it('marks a channel recorded on RecordingStarted, and unmarks it on its own RecordingStopped only', () => {
    const list = [channel('lobby')];
    const started = applyLobbyEvent(list, {
      __typename: 'RecordingStarted',
      channelId: 'lobby',
      recordingId: 'r1',
      startedAt: '2026-12-07T19:00:00.000Z',
    });
    expect(started[0]?.recording).toEqual({ id: 'r1', startedAt: '2026-12-07T19:00:00.000Z' });
    const otherStop = applyLobbyEvent(started, {
      __typename: 'RecordingStopped',
      channelId: 'lobby',
      recordingId: 'r0',
      stopReason: 'STOPPED',
    });
    expect(otherStop).toBe(started);
    const stopped = applyLobbyEvent(started, {
      __typename: 'RecordingStopped',
      channelId: 'lobby',
      recordingId: 'r1',
      stopReason: 'DISK_FULL',
    });
    expect(stopped[0]?.recording).toBeNull();
  });
});
