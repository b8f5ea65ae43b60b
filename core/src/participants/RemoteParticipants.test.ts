import { describe, expect, it } from 'vitest';
import type { ChannelConnection, ChannelConnectionEvents } from '../channel/ChannelConnection';
import { TypedEmitter } from '../events';
import { AudioGraph } from '../media/AudioGraph';
import { SettingsStore } from '../settings';
import { memoryStorage } from '../storage';
import { RemoteParticipants } from './RemoteParticipants';

/** A connection as far as RemoteParticipants follows it: its events, and close() (a closed connection emits nothing). */
function fakeConnection() {
  const emitter = new TypedEmitter<ChannelConnectionEvents>();
  const connection = { on: emitter.on.bind(emitter) } as unknown as ChannelConnection;
  const emit = <K extends keyof ChannelConnectionEvents>(event: K) =>
    ((...args: Parameters<ChannelConnectionEvents[K]>) => emitter.emit(event, ...args)) as (
      ...args: Parameters<ChannelConnectionEvents[K]>
    ) => void;
  const events = {
    participantJoined: emit('participantJoined'),
    participantLeft: emit('participantLeft'),
    participantsLoaded: emit('participantsLoaded'),
    activeSpeakersChanged: emit('activeSpeakersChanged'),
    trackAdded: emit('trackAdded'),
    consumerClosed: emit('consumerClosed'),
  };
  return { connection, events, close: () => emitter.removeAllListeners() };
}

function setup() {
  const settings = new SettingsStore(memoryStorage());
  const remotes = new RemoteParticipants(new AudioGraph(), settings);
  const events: string[] = [];
  remotes.on('activeSpeakersChanged', (ids) => events.push(`active:${ids.join(',')}`));
  let changes = 0;
  remotes.on('changed', () => void changes++);
  const participant = (id: string) => ({ id, displayName: `name-${id}`, muted: false });
  const fake = fakeConnection();
  remotes.follow(fake.connection);
  const ids = () => remotes.snapshots().map((p) => p.id);
  const active = () =>
    remotes
      .snapshots()
      .filter((p) => p.active)
      .map((p) => p.id);
  return { remotes, settings, events, participant, hooks: fake.events, fake, ids, active, changes: () => changes };
}

/** A consumer track as far as RemoteParticipants looks at it (node has no MediaStreamTrack). */
const track = {} as MediaStreamTrack;

describe('RemoteParticipants: the active speaker set (last-N)', () => {
  it('lists every participant, marks those in the active set, and emits only when the set changes', () => {
    const { remotes, events, participant, active } = setup();
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
    const { hooks, participant, active } = setup();
    hooks.activeSpeakersChanged(['late']);
    hooks.participantJoined({
      ...participant('late'),
      channelId: 'ch',
      joinedAt: '',
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON' as const,
      qualityLevel: 'UNKNOWN' as const,
    });
    expect(active()).toEqual(['late']);
  });

  it('keeps participants outside the set listed when their consumer closes (they are only not heard)', () => {
    const { remotes, hooks, participant, ids, active } = setup();
    for (const id of ['a', 'b']) remotes.add(participant(id), false);
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
    const { remotes, participant, events } = setup();
    remotes.add(participant('a'), false);
    remotes.setActive(['a']);
    remotes.clear();
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
    expect(remotes.setActive(['a'])).toBe(true);
    expect(events).toEqual(['active:a', 'active:a']);
  });

  it("follows the next join's connection after clear(), and no longer hears the closed one", () => {
    const { remotes, hooks, fake } = setup();
    fake.close();
    remotes.clear();
    const next = fakeConnection();
    remotes.follow(next.connection);
    hooks.activeSpeakersChanged(['x']);
    hooks.participantsLoaded([
      {
        id: 'x',
        displayName: 'X',
        muted: false,
        channelId: 'ch',
        joinedAt: '',
        selfMuted: false,
        deafened: false,
        listenOnly: false,
        voiceMode: 'ALWAYS_ON' as const,
        qualityLevel: 'UNKNOWN' as const,
      },
    ]);
    expect(remotes.activeSpeakerIds).toEqual([]);
    expect(remotes.snapshots()).toEqual([]);
    next.events.participantsLoaded([
      {
        id: 'y',
        displayName: 'Y',
        muted: false,
        channelId: 'ch',
        joinedAt: '',
        selfMuted: false,
        deafened: false,
        listenOnly: false,
        voiceMode: 'ALWAYS_ON' as const,
        qualityLevel: 'UNKNOWN' as const,
      },
    ]);
    expect(remotes.snapshots().map((p) => p.id)).toEqual(['y']);
  });
});

describe('RemoteParticipants: participant pages of a large channel', () => {
  it('puts a later page in join order: first page, then the page, then those who joined live', () => {
    const { remotes, hooks, participant, ids, changes } = setup();
    for (const id of ['a', 'b']) remotes.add(participant(id), false); // the join's first page
    hooks.participantJoined({
      ...participant('live'),
      channelId: 'ch',
      joinedAt: '',
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON' as const,
      qualityLevel: 'UNKNOWN' as const,
    });
    const before = changes();
    expect(remotes.addPage([participant('c'), participant('d')])).toBe(2);
    expect(ids()).toEqual(['a', 'b', 'c', 'd', 'live']);
    expect(changes()).toBe(before + 1); // one new snapshot for the whole page
  });

  it('skips participants that left before their page arrived, and does not list one twice', () => {
    const { remotes, hooks, participant, ids } = setup();
    remotes.add(participant('a'), false);
    hooks.participantLeft('gone');
    hooks.participantJoined({
      ...participant('c'),
      channelId: 'ch',
      joinedAt: '',
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON' as const,
      qualityLevel: 'UNKNOWN' as const,
    }); // joined live, then is in the page too
    expect(remotes.addPage([participant('b'), participant('gone'), participant('c')])).toBe(1);
    expect(ids()).toEqual(['a', 'b', 'c']);
  });

  it("names a placeholder made for a consumer that arrived before the participant's page, and marks it active", () => {
    const { remotes, settings, hooks, participant, active } = setup();
    hooks.activeSpeakersChanged(['p']);
    hooks.trackAdded('p', 'consumer-p', track);
    expect(remotes.get('p')?.displayName).toBe('');
    settings.update({ participantVolumes: { 'name-p': 0.5 } });
    remotes.addPage([participant('p')]);
    expect(remotes.get('p')).toMatchObject({ displayName: 'name-p', volume: 0.5, consumerId: 'consumer-p' });
    expect(active()).toEqual(['p']);
  });
});
