import { describe, expect, it } from 'vitest';
import {
  filterParticipants,
  filterResultLabel,
  foldName,
  isLastNLimited,
  isUnheard,
  localFirst,
  matchesName,
  participantCountLabel,
  nextFocusIndex,
  speakersOf,
  withPinnedIndex,
} from './participantListModel.js';

const participant = (id: string, displayName: string, isLocal = false) => ({ id, displayName, isLocal });

const PARTICIPANTS = [
  participant('r1', 'Zoë Adams'),
  participant('me', 'Me Myself', true),
  participant('r2', 'Anna Lindqvist'),
  participant('r3', 'Ben Ånström'),
  participant('r4', 'anna b'),
];

describe('matchesName', () => {
  it('ignores case, accents and surrounding space', () => {
    expect(foldName('  Zoë ÅSA ')).toBe('zoe asa');
    expect(matchesName('Zoë Adams', 'ZOE')).toBe(true);
    expect(matchesName('Ben Ånström', 'anstrom')).toBe(true);
  });

  it('needs every word of the query, in any order', () => {
    expect(matchesName('Anna Lindqvist', 'lind ann')).toBe(true);
    expect(matchesName('Anna Lindqvist', 'anna x')).toBe(false);
  });

  it('matches everyone with an empty or blank query', () => {
    expect(matchesName('Anyone', '')).toBe(true);
    expect(matchesName('Anyone', '   ')).toBe(true);
  });
});

describe('filterParticipants', () => {
  it('keeps the local participant first and the others in join order', () => {
    expect(localFirst(PARTICIPANTS).map((m) => m.id)).toEqual(['me', 'r1', 'r2', 'r3', 'r4']);
    expect(filterParticipants(PARTICIPANTS, '').map((m) => m.id)).toEqual(['me', 'r1', 'r2', 'r3', 'r4']);
  });

  it('keeps only matching names, in list order', () => {
    expect(filterParticipants(PARTICIPANTS, 'anna').map((m) => m.id)).toEqual(['r2', 'r4']);
    expect(filterParticipants(PARTICIPANTS, 'm').map((m) => m.id)).toEqual(['me', 'r1', 'r3']);
  });

  it('returns an empty list when nobody matches', () => {
    expect(filterParticipants(PARTICIPANTS, 'nobody-here')).toEqual([]);
  });

  it('filters a thousand participants by name', () => {
    const many = Array.from({ length: 1000 }, (_, i) => participant(`p${i}`, `Person ${String(i).padStart(4, '0')}`, i === 500));
    expect(filterParticipants(many, 'PERSON 0999').map((m) => m.id)).toEqual(['p999']);
    const all = filterParticipants(many, 'person');
    expect(all).toHaveLength(1000);
    expect(all[0]?.id).toBe('p500');
    expect(filterParticipants(many, '099').map((m) => m.displayName)).toEqual([
      'Person 0099',
      ...Array.from({ length: 10 }, (_, i) => `Person 099${i}`),
    ]);
  });
});

describe('speakersOf', () => {
  it('lists the active set in activeSpeakerIds order, most recently loud first', () => {
    expect(speakersOf(PARTICIPANTS, ['r3', 'r1', 'me'], 5).map((m) => m.id)).toEqual(['r3', 'r1', 'me']);
  });

  it('skips ids that left the channel and repeated ids', () => {
    expect(speakersOf(PARTICIPANTS, ['gone', 'r2', 'r2', 'r4'], 5).map((m) => m.id)).toEqual(['r2', 'r4']);
  });

  it('shows at most lastN speakers, and all of them when lastN is not set', () => {
    expect(speakersOf(PARTICIPANTS, ['r1', 'r2', 'r3', 'r4'], 2).map((m) => m.id)).toEqual(['r1', 'r2']);
    expect(speakersOf(PARTICIPANTS, ['r1', 'r2', 'r3', 'r4'], 0)).toHaveLength(4);
  });

  it('is empty when nobody is active', () => {
    expect(speakersOf(PARTICIPANTS, [], 5)).toEqual([]);
  });
});

describe('the active set in the list', () => {
  it('limits only when there are more other participants than lastN', () => {
    expect(isLastNLimited(6, 5)).toBe(false);
    expect(isLastNLimited(7, 5)).toBe(true);
    expect(isLastNLimited(1000, 0)).toBe(false);
  });

  it('marks remote participants outside the active set, never the local one', () => {
    expect(isUnheard({ isLocal: false, active: false }, true)).toBe(true);
    expect(isUnheard({ isLocal: false, active: true }, true)).toBe(false);
    expect(isUnheard({ isLocal: true, active: false }, true)).toBe(false);
    expect(isUnheard({ isLocal: false, active: false }, false)).toBe(false);
  });
});

describe('header text', () => {
  it('counts participants and says how many are heard when last-N limits', () => {
    expect(participantCountLabel(1000, 5, 'en-US')).toBe('1,000 participants · hearing up to 5');
    expect(participantCountLabel(4, 5, 'en-US')).toBe('4 participants');
    expect(participantCountLabel(1, 0, 'en-US')).toBe('1 participant');
  });

  it('counts the others heard: the listener in the active set takes one of the lastN places', () => {
    expect(participantCountLabel(1000, 5, 'en-US', true)).toBe('1,000 participants · hearing up to 4');
    expect(participantCountLabel(1000, 5, 'en-US', false)).toBe('1,000 participants · hearing up to 5');
  });

  it('reports the filter result', () => {
    expect(filterResultLabel(12, 1000, 'en-US')).toBe('12 of 1,000 participants match');
    expect(filterResultLabel(1, 300, 'en-US')).toBe('1 of 300 participants matches');
    expect(filterResultLabel(0, 300, 'en-US')).toBe('No participants match');
  });
});

describe('keyboard movement in the virtualised list', () => {
  it('keeps the focused row rendered while it is scrolled out of view', () => {
    expect(withPinnedIndex([10, 11, 12], 0, 100)).toEqual([0, 10, 11, 12]);
    expect(withPinnedIndex([10, 11, 12], 11, 100)).toEqual([10, 11, 12]);
    expect(withPinnedIndex([0, 1], 5, 3)).toEqual([0, 1]);
  });

  it('moves by one, by a page and to the ends, never past them', () => {
    expect(nextFocusIndex('ArrowDown', 0, 300, 8)).toBe(1);
    expect(nextFocusIndex('ArrowDown', 299, 300, 8)).toBe(299);
    expect(nextFocusIndex('ArrowUp', 0, 300, 8)).toBe(0);
    expect(nextFocusIndex('PageDown', 295, 300, 8)).toBe(299);
    expect(nextFocusIndex('PageUp', 20, 300, 8)).toBe(12);
    expect(nextFocusIndex('End', 3, 300, 8)).toBe(299);
    expect(nextFocusIndex('Home', 30, 300, 8)).toBe(0);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextFocusIndex('a', 3, 300, 8)).toBeNull();
    expect(nextFocusIndex('ArrowDown', 0, 0, 8)).toBeNull();
  });
});
