import { describe, expect, it } from 'vitest';
import type { ParticipantState } from '../types';
import { participantStatus } from './status';

const base: ParticipantState = {
  id: 'p',
  displayName: 'P',
  isLocal: false,
  muted: false,
  speaking: false,
  level: 0,
  volume: 1,
  locallyMuted: false,
  active: true,
  selfMuted: false,
  deafened: false,
  listenOnly: false,
  voiceMode: 'always-on',
};

describe('participantStatus', () => {
  it('tells push-to-talk with the key up from a user who muted', () => {
    expect(participantStatus({ ...base, muted: true, voiceMode: 'push-to-talk' })).toBe('push-to-talk-idle');
    expect(participantStatus({ ...base, muted: true, selfMuted: true, voiceMode: 'push-to-talk' })).toBe('muted');
    expect(participantStatus({ ...base, muted: true, voiceMode: 'voice-activity' })).toBe('voice-activity-idle');
  });

  it('puts listen-only before deafened before muted, and speaking only when sending', () => {
    expect(participantStatus({ ...base, muted: true, listenOnly: true, deafened: true })).toBe('listen-only');
    expect(participantStatus({ ...base, muted: true, selfMuted: true, deafened: true })).toBe('deafened');
    expect(participantStatus({ ...base, speaking: true })).toBe('speaking');
    expect(participantStatus(base)).toBe('idle');
  });

  it('shows a paused producer as muted when the participant said nothing about itself', () => {
    const { selfMuted: _s, voiceMode: _v, ...older } = base;
    expect(participantStatus({ ...older, muted: true })).toBe('muted');
  });
});
