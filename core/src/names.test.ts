import { describe, expect, it } from 'vitest';
import { firstGrapheme, graphemeCount, isolate, NAME_MAX_GRAPHEMES, truncateGraphemes } from './names.js';

describe('names', () => {
  it('counts user-perceived characters, not UTF-16 units', () => {
    expect(graphemeCount('😀'.repeat(33))).toBe(33);
    expect('😀'.repeat(33).length).toBe(66);
    expect(graphemeCount('👩‍👩‍👧❤️')).toBe(2);
    expect(graphemeCount('e\u0301')).toBe(1);
    expect(graphemeCount('')).toBe(0);
    expect(NAME_MAX_GRAPHEMES).toBe(64);
  });

  it('truncates between characters, never inside an emoji or an accented letter', () => {
    expect(truncateGraphemes('👩‍👩‍👧👩‍👩‍👧', 1)).toBe('👩‍👩‍👧');
    expect(truncateGraphemes('e\u0301e\u0301', 1)).toBe('e\u0301');
    expect(truncateGraphemes('abc', 5)).toBe('abc');
  });

  it('takes the first character whole', () => {
    expect(firstGrapheme('👩‍👩‍👧 family')).toBe('👩‍👩‍👧');
    expect(firstGrapheme('🇺🇦')).toBe('🇺🇦');
    expect(firstGrapheme('')).toBe('');
  });

  it('isolates a name between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE', () => {
    expect(isolate('שלום')).toBe('\u2068שלום\u2069');
    expect(`Options for ${isolate('דני 2')}`).toBe('Options for \u2068דני 2\u2069');
  });
});
