import { describe, expect, it } from 'vitest';
import {
  filterMembers,
  filterResultLabel,
  foldName,
  isLastNLimited,
  isUnheard,
  localFirst,
  matchesName,
  memberCountLabel,
  nextFocusIndex,
  speakersOf,
  withPinnedIndex,
} from './members.js';

const member = (id: string, displayName: string, isLocal = false) => ({ id, displayName, isLocal });

const MEMBERS = [
  member('r1', 'Zoë Adams'),
  member('me', 'Me Myself', true),
  member('r2', 'Anna Lindqvist'),
  member('r3', 'Ben Ånström'),
  member('r4', 'anna b'),
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

describe('filterMembers', () => {
  it('keeps the local participant first and the others in join order', () => {
    expect(localFirst(MEMBERS).map((m) => m.id)).toEqual(['me', 'r1', 'r2', 'r3', 'r4']);
    expect(filterMembers(MEMBERS, '').map((m) => m.id)).toEqual(['me', 'r1', 'r2', 'r3', 'r4']);
  });

  it('keeps only matching names, in list order', () => {
    expect(filterMembers(MEMBERS, 'anna').map((m) => m.id)).toEqual(['r2', 'r4']);
    expect(filterMembers(MEMBERS, 'm').map((m) => m.id)).toEqual(['me', 'r1', 'r3']);
  });

  it('returns an empty list when nobody matches', () => {
    expect(filterMembers(MEMBERS, 'nobody-here')).toEqual([]);
  });

  it('filters a thousand members by name', () => {
    const many = Array.from({ length: 1000 }, (_, i) => member(`p${i}`, `Member ${String(i).padStart(4, '0')}`, i === 500));
    expect(filterMembers(many, 'MEMBER 0999').map((m) => m.id)).toEqual(['p999']);
    const all = filterMembers(many, 'member');
    expect(all).toHaveLength(1000);
    expect(all[0]?.id).toBe('p500');
    expect(filterMembers(many, '099').map((m) => m.displayName)).toEqual(['Member 0099', ...Array.from({ length: 10 }, (_, i) => `Member 099${i}`)]);
  });
});

describe('speakersOf', () => {
  it('lists the active set in activeSpeakerIds order, most recently loud first', () => {
    expect(speakersOf(MEMBERS, ['r3', 'r1', 'me'], 5).map((m) => m.id)).toEqual(['r3', 'r1', 'me']);
  });

  it('skips ids that left the channel and repeated ids', () => {
    expect(speakersOf(MEMBERS, ['gone', 'r2', 'r2', 'r4'], 5).map((m) => m.id)).toEqual(['r2', 'r4']);
  });

  it('shows at most lastN speakers, and all of them when lastN is not set', () => {
    expect(speakersOf(MEMBERS, ['r1', 'r2', 'r3', 'r4'], 2).map((m) => m.id)).toEqual(['r1', 'r2']);
    expect(speakersOf(MEMBERS, ['r1', 'r2', 'r3', 'r4'], 0)).toHaveLength(4);
  });

  it('is empty when nobody is active', () => {
    expect(speakersOf(MEMBERS, [], 5)).toEqual([]);
  });
});

describe('the active set in the list', () => {
  it('limits only when there are more other members than lastN', () => {
    expect(isLastNLimited(6, 5)).toBe(false);
    expect(isLastNLimited(7, 5)).toBe(true);
    expect(isLastNLimited(1000, 0)).toBe(false);
  });

  it('marks remote members outside the active set, never the local one', () => {
    expect(isUnheard({ isLocal: false, active: false }, true)).toBe(true);
    expect(isUnheard({ isLocal: false, active: true }, true)).toBe(false);
    expect(isUnheard({ isLocal: true, active: false }, true)).toBe(false);
    expect(isUnheard({ isLocal: false, active: false }, false)).toBe(false);
  });
});

describe('header text', () => {
  it('counts members and says how many are heard when last-N limits', () => {
    expect(memberCountLabel(1000, 5, 'en-US')).toBe('1,000 members · hearing up to 5');
    expect(memberCountLabel(4, 5, 'en-US')).toBe('4 members');
    expect(memberCountLabel(1, 0, 'en-US')).toBe('1 member');
  });

  it('reports the filter result', () => {
    expect(filterResultLabel(12, 1000, 'en-US')).toBe('12 of 1,000 members match');
    expect(filterResultLabel(1, 300, 'en-US')).toBe('1 of 300 members matches');
    expect(filterResultLabel(0, 300, 'en-US')).toBe('No members match');
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
