import { describe, expect, it } from 'vitest';
import { ConnectionCounts } from './ConnectionCounts.js';

describe('ConnectionCounts', () => {
  it('counts up to max per key and refuses the next one without counting it', () => {
    const counts = new ConnectionCounts(2);
    expect([counts.open('a'), counts.open('a'), counts.open('a')]).toEqual([true, true, false]);
    expect(counts.count('a')).toBe(2);
    expect(counts.open('b')).toBe(true);
    counts.close('a');
    expect(counts.open('a')).toBe(true);
  });

  it('forgets a key whose last connection closed, and ignores a close of an unknown key', () => {
    const counts = new ConnectionCounts(5);
    counts.open('a');
    counts.open('a');
    counts.close('a');
    counts.close('a');
    counts.close('a');
    counts.close('never-opened');
    expect(counts.size).toBe(0);
    expect(counts.count('a')).toBe(0);
  });

  it('refuses a max that is not a positive integer with a TypeError', () => {
    expect(() => new ConnectionCounts(0)).toThrow(TypeError);
    expect(() => new ConnectionCounts(1.5)).toThrow(TypeError);
  });
});
