import { describe, expect, it } from 'vitest';
import { confusableKeys, foldCase, skeleton } from './skeleton.js';

/** Whether two names may not both be channel names. */
const clash = (a: string, b: string): boolean => {
  const [va, ca] = confusableKeys(a);
  const [vb, cb] = confusableKeys(b);
  return va === vb || ca === cb;
};

describe('skeleton (Unicode TR39)', () => {
  it('maps look-alikes from other scripts to one prototype', () => {
    expect(skeleton('L\u043ebby')).toBe(skeleton('Lobby'));
    expect(skeleton('\u0440\u0430\u0443\u0440\u0430l')).toBe(skeleton('paypal'));
    expect(skeleton('𝔭𝒶ỿ𝕡𝕒ℓ')).toBe(skeleton('paypal'));
    expect(skeleton('Lobby')).not.toBe(skeleton('Lobbies'));
  });

  it('drops default-ignorable characters and normalises to NFD on both sides of the mapping', () => {
    expect(skeleton('Lob\u200bby')).toBe(skeleton('Lobby'));
    expect(skeleton('Zoë')).toBe(skeleton('Zoe\u0308'));
    expect(skeleton('Zoë')).toBe(skeleton('Zoë').normalize('NFD'));
  });

  it('is idempotent', () => {
    for (const name of ['Lobby', 'L\u043ebby', 'ВАТ', 'main', 'Ⅿ', '𝔭𝒶ỿ𝕡𝕒ℓ']) expect(skeleton(skeleton(name))).toBe(skeleton(name));
  });

  it('folds case the way full case folding does for names', () => {
    expect(foldCase('Straße')).toBe(foldCase('STRASSE'));
    expect(foldCase('ΟΔΟΣ')).toBe(foldCase('οδος'));
    expect(foldCase('οδος')).toBe(foldCase('οδος'.replace(/σ$/, 'ς')));
  });

  it('throws TypeError on a non-string', () => {
    expect(() => skeleton(1 as unknown as string)).toThrow(TypeError);
  });
});

describe('confusableKeys', () => {
  it('makes Lobby, Cyrillic Lоbby, LOBBY and lobby clash, and Lob\\u200Bby too (were it accepted)', () => {
    for (const other of ['L\u043ebby', 'LOBBY', 'lobby', 'Lob\u200bby', 'L\u041eBBY']) expect(clash('Lobby', other), other).toBe(true);
  });

  it('catches upper-case look-alikes that lower-casing first would miss', () => {
    // Cyrillic capitals В А Т look like B A T; their small letters do not look like b a t.
    expect(clash('\u0412\u0410\u0422', 'BAT')).toBe(true);
    expect(clash('\u0412\u0410\u0422', 'bat')).toBe(true);
    expect(clash('Il', 'll')).toBe(true);
  });

  it('catches case variants that the skeleton as written would miss', () => {
    // I maps to l but i does not; m maps to rn.
    expect(clash('MAIN', 'main')).toBe(true);
    expect(clash('Admin', 'ADMIN')).toBe(true);
  });

  it('keeps different names apart', () => {
    expect(clash('Lobby', 'Lobby 2')).toBe(false);
    expect(clash('Raid night', 'Raid nights')).toBe(false);
    expect(clash('bat', 'bet')).toBe(false);
    expect(clash('Мама', 'Mama')).toBe(false);
  });
});
