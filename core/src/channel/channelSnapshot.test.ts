import { describe, expect, it } from 'vitest';
import { buildChannelState, type ChannelSnapshotInput } from './channelSnapshot';
import { DEFAULT_SETTINGS } from '../settings';

const input: ChannelSnapshotInput = {
  settings: { ...DEFAULT_SETTINGS, displayName: 'Stored', microphoneId: 'stored-mic' },
  connectionState: 'disconnected',
  connection: null,
  joinDisplayName: undefined,
  muted: false,
  deafened: false,
  pttPressed: false,
  transmitting: false,
  localSpeaking: false,
  localLevel: 0,
  openMicrophoneId: null,
  remotes: [],
  activeSpeakerIds: [],
  microphones: [],
  error: null,
};

describe('buildChannelState', () => {
  it('has no participants outside a channel and shows the stored microphone', () => {
    const state = buildChannelState(input);
    expect(state.participants).toEqual([]);
    expect(state.channel).toBeNull();
    expect(state.localParticipantId).toBeNull();
    expect(state.microphoneId).toBe('stored-mic');
    expect(state.mode).toBe(DEFAULT_SETTINGS.mode);
  });

  it('puts the local participant first; muted as others see it = not transmitting', () => {
    const remote = {
      id: 'r1',
      displayName: 'Bob',
      isLocal: false,
      muted: false,
      speaking: false,
      level: 0,
      volume: 1,
      locallyMuted: false,
      active: false,
    };
    const state = buildChannelState({
      ...input,
      connectionState: 'connected',
      connection: { participantId: 'me', channel: { id: 'c1', name: 'General' }, lastN: 5 },
      joinDisplayName: 'Ada',
      localLevel: 0.5,
      openMicrophoneId: '',
      remotes: [remote],
    });
    expect(state.participants.map((p) => p.id)).toEqual(['me', 'r1']);
    expect(state.participants[0]).toMatchObject({ displayName: 'Ada', isLocal: true, muted: true, level: 0.5 });
    expect(state.channel).toEqual({ id: 'c1', name: 'General' });
    expect(state.microphoneId).toBe(''); // the open device wins over the stored one
  });

  it('shows the active set and lastN in a channel, the local participant active when in the set', () => {
    const state = buildChannelState({
      ...input,
      connectionState: 'connected',
      connection: { participantId: 'me', channel: { id: 'c1', name: 'General' }, lastN: 3 },
      activeSpeakerIds: ['r2', 'me'],
    });
    expect(state.lastN).toBe(3);
    expect(state.activeSpeakerIds).toEqual(['r2', 'me']);
    expect(state.participants[0]).toMatchObject({ id: 'me', active: true });
  });

  it('has no active set and lastN 0 outside a channel', () => {
    const state = buildChannelState({ ...input, activeSpeakerIds: ['stale'] });
    expect(state.activeSpeakerIds).toEqual([]);
    expect(state.lastN).toBe(0);
  });

  it('returns a new object every time', () => {
    expect(buildChannelState(input)).not.toBe(buildChannelState(input));
  });
});
