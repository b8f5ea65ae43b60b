import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameError } from './NameError.js';
import { NamePolicy } from './NamePolicy.js';

const policy = new NamePolicy();

/** The NameError `normalize(value)` throws (fails the test when it accepts the name). */
function refusal(value: string, p = policy): NameError {
  try {
    const accepted = p.normalize(value);
    throw new Error(`accepted ${JSON.stringify(value)} as ${JSON.stringify(accepted)}`);
  } catch (error) {
    if (error instanceof NameError) return error;
    throw error;
  }
}

describe('NamePolicy', () => {
  it('keeps an ordinary name as it is, and a Cyrillic look-alike too (uniqueness is the skeleton’s job)', () => {
    expect(policy.normalize('Lobby')).toBe('Lobby');
    expect(policy.normalize('L\u043ebby')).toBe('L\u043ebby');
    expect(policy.normalize('Zoë Ødegaard')).toBe('Zoë Ødegaard');
  });

  it('normalises to NFKC: fullwidth letters, ligatures and decomposed accents', () => {
    expect(policy.normalize('Ｌｏｂｂｙ')).toBe('Lobby');
    expect(policy.normalize('\ufb01sh')).toBe('fish');
    expect(policy.normalize('Zoe\u0308')).toBe('Zoë');
    expect(policy.normalize('𝐁𝐨𝐥𝐝')).toBe('Bold');
  });

  it('collapses every run of white space into one space and trims it, tabs and line breaks included', () => {
    expect(policy.normalize('  Team \t\n  A\u00a0\u3000B  ')).toBe('Team A B');
    expect(policy.normalize('Line\u2028break')).toBe('Line break');
  });

  it('refuses a zero width space inside a name, naming the character and why', () => {
    const error = refusal('Lob\u200bby');
    expect(error.reason).toBe('invisible');
    expect(error.codePoint).toBe('U+200B');
    expect(error.message).toContain('U+200B ZERO WIDTH SPACE');
    expect(error.message).toContain('invisible');
  });

  it('refuses names that are blank: spaces only, U+200B alone, Hangul fillers, the blank Braille pattern', () => {
    expect(refusal('   ').reason).toBe('blank');
    expect(refusal('').reason).toBe('blank');
    for (const blank of ['\u200b', '\u3164', '\u3164 \u3164', '\u115f\u1160', '\uffa0', '\u2800\u2800', ' \u2060\ufeff ']) {
      const error = refusal(blank);
      expect(error.reason, JSON.stringify(blank)).toBe('blank');
    }
    expect(refusal('\u3164').message).toContain('U+3164 HANGUL FILLER');
  });

  it('refuses a Hangul filler between letters as invisible', () => {
    expect(refusal('Lob\u3164by')).toMatchObject({ reason: 'invisible', codePoint: 'U+3164' });
    // Halfwidth fillers are refused as typed (NFKC would make them U+1160).
    expect(refusal('Lob\uffa0by')).toMatchObject({ reason: 'invisible', codePoint: 'U+FFA0' });
  });

  it('refuses every bidirectional control: overrides, embeddings, isolates and marks', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      const error = refusal(`evil${String.fromCodePoint(cp)}txt.exe`);
      expect(error.reason).toBe('bidi-control');
      expect(error.codePoint).toBe(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      expect(error.message).toContain('reorders the text');
    }
    expect(refusal('\u202egnp.exe').message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it('refuses control characters that are not white space', () => {
    expect(refusal('bell\u0007')).toMatchObject({ reason: 'control', codePoint: 'U+0007' });
    expect(refusal('esc\u001b[31m')).toMatchObject({ reason: 'control', codePoint: 'U+001B' });
    expect(refusal('c1\u0090')).toMatchObject({ reason: 'control', codePoint: 'U+0090' });
  });

  it('refuses other invisible characters: word joiner, BOM, soft hyphen, tags, a variation selector alone', () => {
    expect(refusal('a\u2060b').codePoint).toBe('U+2060');
    expect(refusal('a\ufeffb').codePoint).toBe('U+FEFF');
    expect(refusal('in\u00advisible').codePoint).toBe('U+00AD');
    expect(refusal('tag\u{e0041}').codePoint).toBe('U+E0041');
    expect(refusal('A\ufe0f')).toMatchObject({ reason: 'invisible', codePoint: 'U+FE0F' });
    expect(refusal('\ufe0f\ufe0fx').reason).toBe('invisible');
    expect(refusal('\u{e0100}x').reason).toBe('invisible');
  });

  it('refuses format, private-use and unassigned code points and unpaired surrogates', () => {
    expect(refusal('x\u0600')).toMatchObject({ reason: 'format', codePoint: 'U+0600' });
    expect(refusal('logo\uf8ff')).toMatchObject({ reason: 'private-use', codePoint: 'U+F8FF' });
    expect(refusal('x\u0378')).toMatchObject({ reason: 'unassigned', codePoint: 'U+0378' });
    expect(refusal('x\ufdd0')).toMatchObject({ reason: 'unassigned', codePoint: 'U+FDD0' });
    const surrogate = refusal('half\ud800');
    expect(surrogate).toMatchObject({ reason: 'unassigned', codePoint: 'U+D800' });
    expect(surrogate.message).toContain('unpaired surrogate');
  });

  it('keeps emoji sequences whole: ZWJ families, VS16 hearts, keycaps, flags, skin tones', () => {
    for (const emoji of ['👩‍👩‍👧', '❤️', '1️⃣', '🇺🇦', '👍🏽', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑🏻‍❤️‍💋‍🧑🏼', '™️']) {
      expect(policy.normalize(`Team ${emoji}`), emoji).toBe(`Team ${emoji}`);
      expect(policy.graphemeCount(emoji), emoji).toBe(1);
    }
  });

  it('refuses a joiner between emoji that do not form a recommended sequence', () => {
    expect(refusal('😀\u200d😀')).toMatchObject({ reason: 'invisible', codePoint: 'U+200D' });
  });

  it('keeps ZWNJ and ZWJ where a script spells with them (Persian, Sinhala, Devanagari), not between Latin letters', () => {
    expect(policy.normalize('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(policy.normalize('ශ්\u200dරී ලංකා')).toBe('ශ්\u200dරී ලංකා'.normalize('NFKC'));
    expect(policy.normalize('र्\u200dय')).toBe('र्\u200dय');
    expect(refusal('Lob\u200cby')).toMatchObject({ reason: 'invisible', codePoint: 'U+200C' });
    expect(refusal('Lob\u200dby')).toMatchObject({ reason: 'invisible', codePoint: 'U+200D' });
    expect(refusal('\u200cمی')).toMatchObject({ reason: 'invisible' });
  });

  it('accepts 33 emoji: length is counted in user-perceived characters, not UTF-16 units', () => {
    const name = '😀'.repeat(33);
    expect(name.length).toBe(66);
    expect(policy.normalize(name)).toBe(name);
    expect(policy.normalize('👩‍👩‍👧'.repeat(20))).toHaveLength(160);
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(policy.normalize('a'.repeat(64))).toHaveLength(64);
    const error = refusal('a'.repeat(65));
    expect(error.reason).toBe('too-long');
    expect(error.message).toBe('is 65 characters long; at most 64');
    // A letter with its accents is one character.
    expect(policy.normalize('é'.normalize('NFD').repeat(64))).toBe('é'.repeat(64));
    expect(refusal('ü'.repeat(65)).reason).toBe('too-long');
  });

  it('counts combining marks per character and refuses Zalgo stacks', () => {
    expect(policy.normalize('a\u0301\u0323\u0330')).toBe('a\u0301\u0323\u0330'.normalize('NFKC'));
    expect(policy.normalize('Việt Nam')).toBe('Việt Nam');
    expect(policy.normalize('שָּׁלוֹם')).toBe('שָּׁלוֹם'.normalize('NFKC'));
    const zalgo = 'Z\u0351\u0357\u0346\u0300\u0352\u0310a\u0315\u0337l\u0344g\u0335o';
    const error = refusal(zalgo);
    expect(error.reason).toBe('too-many-marks');
    expect(error.message).toContain('has 6 combining marks on one character');
    expect(refusal(`x${'\u0301'.repeat(500)}`).reason).toBe('too-many-marks');
  });

  it('caps the size in bytes, before normalising too', () => {
    const small = new NamePolicy({ maxBytes: 16 });
    expect(small.normalize('😀😀😀😀')).toBe('😀😀😀😀');
    expect(refusal('😀😀😀😀😀', small)).toMatchObject({ reason: 'too-large', message: 'is 20 bytes long in UTF-8; at most 16' });
    // 100,000 characters are refused without being normalised.
    expect(refusal('\ufdfa'.repeat(100_000)).reason).toBe('too-large');
    // Realistic long names in several scripts fit the default.
    expect(policy.normalize('हिन्दी भाषा और साहित्य पर चर्चा के लिए साप्ताहिक बैठक कक्ष और मित्रों का समूह')).toBeTruthy();
  });

  it('counts graphemes', () => {
    expect(policy.graphemeCount('')).toBe(0);
    expect(policy.graphemeCount('Lobby')).toBe(5);
    expect(policy.graphemeCount('👩‍👩‍👧❤️')).toBe(2);
    expect(policy.graphemeCount('क्षत्रिय')).toBe(3);
  });

  it('answers any string with a name that keeps the rules and normalises to itself, or a NameError', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '\t',
      '\u0301',
      '\u200b',
      '\u200d',
      '\ufe0f',
      '\u202e',
      '\u3164',
      '😀',
      '👩',
      '❤',
      'ש',
      'م',
      '\u200c',
      'Ｌ',
      '\ud800',
      '\u0007',
    );
    const names = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(pieces, { maxLength: 80 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(names, (value) => {
        let name: string;
        try {
          name = policy.normalize(value);
        } catch (error) {
          expect(error).toBeInstanceOf(NameError);
          return;
        }
        expect(policy.normalize(name)).toBe(name);
        expect(policy.graphemeCount(name)).toBeLessThanOrEqual(64);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(512);
        expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\p{Cc}\p{Cs}]/u);
        expect(name).toBe(name.trim());
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('throws TypeError on bad arguments and options', () => {
    expect(() => policy.normalize(42 as unknown as string)).toThrow(TypeError);
    expect(() => policy.normalize(undefined as unknown as string)).toThrow(TypeError);
    expect(() => policy.graphemeCount(null as unknown as string)).toThrow(TypeError);
    expect(() => new NamePolicy({ maxGraphemes: 0 })).toThrow(TypeError);
    expect(() => new NamePolicy({ maxBytes: 1.5 })).toThrow(TypeError);
    expect(() => new NamePolicy({ maxMarksPerGrapheme: -1 })).toThrow(TypeError);
  });
});
