import { describe, expect, it } from 'vitest';
import { FakeConnection, participant } from '../channel/testFixtures';
import { AudioGraph } from '../media/AudioGraph';
import { SettingsStore } from '../settings';
import { memoryStorage } from '../storage';
import { RemoteParticipants } from './RemoteParticipants';

function setup() {
  const settings = new SettingsStore(memoryStorage());
  const remotes = new RemoteParticipants(new AudioGraph(), settings);
  const events: string[] = [];
  remotes.on('activeSpeakersChanged', (ids) => events.push(`active:${ids.join(',')}`));
  let changes = 0;
  remotes.on('changed', () => void changes++);
  const fake = new FakeConnection();
  remotes.follow(fake.asConnection);
  const ids = () => remotes.snapshots().map((p) => p.id);
  const active = () =>
    remotes
      .snapshots()
      .filter((p) => p.active)
      .map((p) => p.id);
  return { remotes, settings, events, fake, ids, active, changes: () => changes };
}

/** A consumer track as far as RemoteParticipants looks at it (node has no MediaStreamTrack). */
const track = {} as MediaStreamTrack;

describe('RemoteParticipants: the active speaker set (last-N)', () => {
  it('lists every participant, marks those in the active set, and emits only when the set changes', () => {
    const { remotes, events, active } = setup();
    for (const id of ['a', 'b', 'c']) remotes.add(participant(id), false);
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

  it('marks a participant that joins while already in the set (the set may name it before its ParticipantJoined)', () => {
    const { active, fake } = setup();
    fake.emit('activeSpeakersChanged', ['late']);
    fake.emit('participantJoined', participant('late'));
    expect(active()).toEqual(['late']);
  });

  it('keeps participants outside the set listed when their consumer closes (they are only not heard)', () => {
    const { remotes, ids, active, fake } = setup();
    for (const id of ['a', 'b']) remotes.add(participant(id), false);
    fake.emit('activeSpeakersChanged', ['a']);
    fake.emit('trackAdded', 'a', 'consumer-a', track);
    expect(remotes.get('a')?.consumerId).toBe('consumer-a');
    fake.emit('activeSpeakersChanged', ['b']);
    fake.emit('consumerClosed', 'a', 'consumer-a');
    expect(remotes.get('a')?.consumerId).toBeNull();
    expect(ids()).toEqual(['a', 'b']);
    expect(active()).toEqual(['b']);
  });

  it('clear() forgets the set, so the next join starts from its own payload', () => {
    const { remotes, events } = setup();
    remotes.add(participant('a'), false);
    remotes.setActive(['a']);
    remotes.clear();
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
    expect(remotes.setActive(['a'])).toBe(true);
    expect(events).toEqual(['active:a', 'active:a']);
  });

  it("follows the next join's connection after clear(), and no longer hears the closed one", () => {
    const { remotes, fake } = setup();
    fake.close();
    remotes.clear();
    const next = new FakeConnection();
    remotes.follow(next.asConnection);
    fake.emit('activeSpeakersChanged', ['x']);
    fake.emit('participantsLoaded', [participant('x', { displayName: 'X' })]);
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
    next.emit('participantsLoaded', [participant('y', { displayName: 'Y' })]);
    expect(remotes.snapshots().map((p) => p.id)).toEqual(['y']);
  });
});

describe('RemoteParticipants: participant pages of a large channel', () => {
  it('puts a later page in join order: first page, then the page, then those who joined live', () => {
    const { remotes, ids, changes, fake } = setup();
    for (const id of ['a', 'b']) remotes.add(participant(id), false); // the join's first page
    fake.emit('participantJoined', participant('live'));
    const before = changes();
    expect(remotes.addPage([participant('c'), participant('d')])).toBe(2);
    expect(ids()).toEqual(['a', 'b', 'c', 'd', 'live']);
    expect(changes()).toBe(before + 1); // one new snapshot for the whole page
  });

  it('skips participants that left before their page arrived, and does not list one twice', () => {
    const { remotes, ids, fake } = setup();
    remotes.add(participant('a'), false);
    fake.emit('participantLeft', 'gone');
    fake.emit('participantJoined', participant('c')); // joined live, then is in the page too
    expect(remotes.addPage([participant('b'), participant('gone'), participant('c')])).toBe(1);
    expect(ids()).toEqual(['a', 'b', 'c']);
  });

  it("names a placeholder made for a consumer that arrived before the participant's page, and marks it active", () => {
    const { remotes, settings, active, fake } = setup();
    fake.emit('activeSpeakersChanged', ['p']);
    fake.emit('trackAdded', 'p', 'consumer-p', track);
    expect(remotes.get('p')?.displayName).toBe('');
    settings.update({ participantVolumes: { 'name-p': 0.5 } });
    remotes.addPage([participant('p')]);
    expect(remotes.get('p')).toMatchObject({ displayName: 'name-p', volume: 0.5, consumerId: 'consumer-p' });
    expect(active()).toEqual(['p']);
  });
});
