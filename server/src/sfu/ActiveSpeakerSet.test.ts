import { describe, expect, it } from 'vitest';
import { ActiveSpeakerSet } from './ActiveSpeakerSet.js';

/** A set of size 2 with a 1500 ms hold on a clock the test moves. */
function setup(size = 2, holdMs = 1500) {
  const clock = { t: 0 };
  const set = new ActiveSpeakerSet({ size, holdMs, now: () => clock.t });
  /** Reports `ids` loud every 100 ms for `ms` (a synthetic volume sequence), returning every change. */
  const speak = (ids: Record<string, number>, ms: number) => {
    const changes = [];
    for (let elapsed = 0; elapsed < ms; elapsed += 100) {
      clock.t += 100;
      const change = set.loud(Object.entries(ids).map(([id, volume]) => ({ id, volume })));
      if (change) changes.push(change);
    }
    return changes;
  };
  return { clock, set, speak };
}

describe('ActiveSpeakerSet', () => {
  it('lets candidates in at once while there is room, and no further', () => {
    const { set } = setup();
    expect(set.add('a')).toEqual({ entered: ['a'], left: [], ids: ['a'] });
    expect(set.add('b')?.entered).toEqual(['b']);
    expect(set.add('c')).toBeUndefined();
    expect(set.ids.sort()).toEqual(['a', 'b']);
    expect(set.add('a')).toBeUndefined();
  });

  it('does not cut a member who spoke within the hold time, even for a louder speaker', () => {
    const { set, speak } = setup();
    set.add('a');
    set.add('b');
    set.add('c');
    // a and b keep talking, c is louder: nobody may be cut.
    expect(speak({ a: -30, b: -40, c: -10 }, 3000)).toEqual([]);
    expect(set.has('c')).toBe(false);
  });

  it('replaces the member silent the longest once it has been silent for the hold time', () => {
    const { set, speak } = setup();
    set.add('a');
    set.add('b');
    set.add('c');
    speak({ a: -30, b: -30 }, 500);
    // b goes on, a stops; c starts. Not before a has been silent 1500 ms.
    const changes = speak({ b: -30, c: -20 }, 1400);
    expect(changes).toEqual([]);
    const more = speak({ b: -30, c: -20 }, 200);
    expect(more).toHaveLength(1);
    expect(more[0]).toMatchObject({ entered: ['c'], left: ['a'] });
    expect(set.ids).toEqual(['b', 'c']);
  });

  it('protects a silent newcomer for the hold time, then lets a loud speaker take its place', () => {
    const { set, speak } = setup(1);
    set.add('quiet');
    set.add('loud');
    expect(speak({ loud: -20 }, 1400)).toEqual([]);
    const changes = speak({ loud: -20 }, 200);
    expect(changes.map((c) => [c.entered, c.left])).toEqual([[['loud'], ['quiet']]]);
  });

  it('admits the loudest of several waiting speakers first', () => {
    const { set, speak } = setup(1, 0);
    set.add('a');
    set.add('b');
    set.add('c');
    speak({ a: -30 }, 100);
    const [change] = speak({ b: -50, c: -15 }, 100);
    expect(change?.entered[0]).toBe('c');
    expect(set.has('c') || set.has('b')).toBe(true);
    expect(set.ids).toHaveLength(1);
  });

  it('keeps a muted member until a loud speaker needs its place after the hold time', () => {
    const { set, speak } = setup(1);
    set.add('a');
    set.add('b');
    speak({ a: -30 }, 300);
    set.setPaused('a', true);
    // a is muted (no more levels); b talks: a goes once silent for 1500 ms.
    expect(speak({ b: -30 }, 1400)).toEqual([]);
    expect(set.ids).toEqual(['a']);
    expect(speak({ b: -30 }, 200).map((c) => [c.entered, c.left])).toEqual([[['b'], ['a']]]);
  });

  it('lets an unmuting speaker in at once in place of a member silent for the hold time, not before', () => {
    const { clock, set, speak } = setup(1);
    set.add('a');
    set.add('b', true);
    speak({ a: -30 }, 500);
    clock.t += 1000; // a silent for 1000 ms: still protected
    expect(set.setPaused('b', false)).toBeUndefined();
    set.setPaused('b', true);
    clock.t += 600; // a silent for 1600 ms
    expect(set.setPaused('b', false)).toMatchObject({ entered: ['b'], left: ['a'] });
    expect(set.setPaused('b', false)).toBeUndefined();
  });

  it('fills a free place with an unmuted candidate before a muted one', () => {
    const { set, speak } = setup(1);
    set.add('a');
    set.add('muted', true);
    set.add('c');
    speak({ muted: -10 }, 100);
    set.setPaused('muted', true);
    expect(set.remove('a')?.entered).toEqual(['c']);
  });

  it('removes a closed producer at once and fills its place with the most recently loud candidate', () => {
    const { set, speak } = setup();
    set.add('a');
    set.add('b');
    set.add('c');
    set.add('d');
    speak({ a: -30, b: -30, d: -30 }, 300);
    speak({ a: -30, b: -30, c: -30 }, 300);
    const change = set.remove('a');
    expect(change).toEqual({ entered: ['c'], left: ['a'], ids: expect.any(Array) });
    expect(set.ids.sort()).toEqual(['b', 'c']);
    expect(set.isCandidate('a')).toBe(false);
    // A removal outside the set changes nothing visible.
    expect(set.remove('d')).toBeUndefined();
    expect(set.remove('nobody')).toBeUndefined();
  });

  it('orders members most recently loud first', () => {
    const { set, speak } = setup(3);
    set.add('a');
    set.add('b');
    set.add('c');
    speak({ a: -30 }, 100);
    speak({ c: -30 }, 100);
    expect(set.ids).toEqual(['c', 'a', 'b']);
  });

  it('ignores levels of ids that are not candidates (muted or unknown)', () => {
    const { set, speak } = setup(1, 0);
    set.add('a');
    expect(speak({ ghost: -5 }, 500)).toEqual([]);
    expect(set.ids).toEqual(['a']);
  });

  it('rejects a size below 1 and a negative hold time', () => {
    expect(() => new ActiveSpeakerSet({ size: 0 })).toThrow(TypeError);
    expect(() => new ActiveSpeakerSet({ holdMs: -1 })).toThrow(TypeError);
  });
});
