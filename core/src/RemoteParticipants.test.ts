import { describe, expect, it } from 'vitest';
import { AudioGraph } from './AudioGraph';
import { TypedEmitter } from './events';
import { RemoteParticipants } from './RemoteParticipants';
import type { VoiceSessionEvents } from './types';

function setup() {
  const emitter = new TypedEmitter<VoiceSessionEvents>();
  const events: string[] = [];
  emitter.on('activeSpeakersChanged', (ids) => events.push(`active:${ids.join(',')}`));
  emitter.on('participantJoined', (p) => events.push(`joined:${p.id}`));
  emitter.on('participantLeft', (id) => events.push(`left:${id}`));
  let changes = 0;
  const remotes = new RemoteParticipants(new AudioGraph(), emitter, () => void changes++);
  const member = (id: string) => ({ id, displayName: `name-${id}`, muted: false });
  const hooks = remotes.connectionHooks(() => true, () => ({}));
  const ids = () => remotes.snapshots().map((p) => p.id);
  const active = () => remotes.snapshots().filter((p) => p.active).map((p) => p.id);
  return { remotes, events, member, hooks, ids, active, changes: () => changes };
}

/** A consumer track as far as RemoteParticipants looks at it (node has no MediaStreamTrack). */
const track = {} as MediaStreamTrack;

describe('RemoteParticipants: the active speaker set (last-N)', () => {
  it('lists every member, marks those in the active set, and emits only when the set changes', () => {
    const { remotes, events, member, active } = setup();
    for (const id of ['a', 'b', 'c']) remotes.add(member(id), {}, false);
    expect(active()).toEqual([]);
    expect(remotes.setActive(['c', 'a'])).toBe(true);
    expect(active()).toEqual(['a', 'c']);
    expect(remotes.activeSpeakerIds).toEqual(['c', 'a']);
    expect(remotes.setActive(['c', 'a'])).toBe(false);
    expect(remotes.setActive(['a', 'c'])).toBe(true); // the order is "most recently loud first": a change
    remotes.setActive(['b']);
    expect(active()).toEqual(['b']);
    expect(events).toEqual(['active:c,a', 'active:a,c', 'active:b']);
  });

  it('marks a member that joins while already in the set (the set may name it before its ParticipantJoined)', () => {
    const { remotes, hooks, member, active } = setup();
    hooks.activeSpeakersChanged(['late']);
    hooks.participantJoined({ ...member('late'), channelId: 'ch', joinedAt: '' });
    expect(active()).toEqual(['late']);
  });

  it('keeps members outside the set listed when their consumer closes (they are only not heard)', () => {
    const { remotes, hooks, member, ids, active } = setup();
    for (const id of ['a', 'b']) remotes.add(member(id), {}, false);
    hooks.activeSpeakersChanged(['a']);
    hooks.trackAdded('a', 'consumer-a', track);
    expect(remotes.get('a')?.consumerId).toBe('consumer-a');
    hooks.activeSpeakersChanged(['b']);
    hooks.consumerClosed('a', 'consumer-a');
    expect(remotes.get('a')?.consumerId).toBeNull();
    expect(ids()).toEqual(['a', 'b']);
    expect(active()).toEqual(['b']);
  });

  it('clear() forgets the set, so the next join starts from its own payload', () => {
    const { remotes, member, events } = setup();
    remotes.add(member('a'), {}, false);
    remotes.setActive(['a']);
    remotes.clear();
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
    expect(remotes.setActive(['a'])).toBe(true);
    expect(events).toEqual(['active:a', 'active:a']);
  });

  it('ignores a stale join\'s hooks', () => {
    const emitter = new TypedEmitter<VoiceSessionEvents>();
    const remotes = new RemoteParticipants(new AudioGraph(), emitter, () => undefined);
    const stale = remotes.connectionHooks(() => false, () => ({}));
    stale.activeSpeakersChanged(['x']);
    stale.membersLoaded([{ id: 'x', displayName: 'X', muted: false, channelId: 'ch', joinedAt: '' }]);
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
  });
});

describe('RemoteParticipants: member pages of a large channel', () => {
  it('puts a later page in join order: first page, then the page, then those who joined live', () => {
    const { remotes, hooks, member, ids, events } = setup();
    for (const id of ['a', 'b']) remotes.add(member(id), {}, false); // the join's first page
    hooks.participantJoined({ ...member('live'), channelId: 'ch', joinedAt: '' });
    expect(remotes.addMembers([member('c'), member('d')], {})).toBe(2);
    expect(ids()).toEqual(['a', 'b', 'c', 'd', 'live']);
    expect(events).toEqual(['joined:live']); // a page announces nobody
  });

  it('skips members that left before their page arrived, and does not list one twice', () => {
    const { remotes, hooks, member, ids } = setup();
    remotes.add(member('a'), {}, false);
    hooks.participantLeft('gone');
    hooks.participantJoined({ ...member('c'), channelId: 'ch', joinedAt: '' }); // joined live, then is in the page too
    expect(remotes.addMembers([member('b'), member('gone'), member('c')], {})).toBe(1);
    expect(ids()).toEqual(['a', 'b', 'c']);
  });

  it('names a placeholder made for a consumer that arrived before the member\'s page, and marks it active', () => {
    const { remotes, hooks, member, active } = setup();
    hooks.activeSpeakersChanged(['p']);
    hooks.trackAdded('p', 'consumer-p', track);
    expect(remotes.get('p')?.displayName).toBe('');
    remotes.addMembers([member('p')], { 'name-p': 0.5 });
    expect(remotes.get('p')).toMatchObject({ displayName: 'name-p', volume: 0.5, consumerId: 'consumer-p' });
    expect(active()).toEqual(['p']);
  });
});
