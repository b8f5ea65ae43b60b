import { NameError } from './NameError.js';
import type { NamePolicyOptions, NameRefusal } from './NamePolicyTypes.js';

export const DEFAULT_MAX_GRAPHEMES = 64;
export const DEFAULT_MAX_BYTES = 512;
export const DEFAULT_MAX_MARKS_PER_GRAPHEME = 4;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** One emoji Unicode recommends for interchange (RGI), sequences included: a property of strings, `v` flag only. */
// biome-ignore lint/complexity/useRegexLiterals: a regex literal with the v flag does not compile at this project's target (ES2022, TS1501); the constructor is only checked at run time, where Node supports v
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
/** Every RGI emoji holds one of these (a pictograph, a skin tone, a regional indicator or a keycap). */
const MAYBE_EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]|\u20e3/u;
const SINGLE_EMOJI = /^\p{Emoji_Presentation}$/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
/** RGI_EMOJI can cost tens of microseconds a test: answers are kept (bounded; emptied when full). */
const rgiAnswers = new Map<string, boolean>();
const RGI_ANSWERS_MAX = 4096;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const WHITE_SPACE = /\p{White_Space}/u;
const WHITE_SPACE_RUNS = /\p{White_Space}+/gu;
const SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const FORMAT = /\p{Cf}/u;
const PRIVATE_USE = /\p{Co}/u;
const UNASSIGNED = /\p{Cn}/u;
const MARK = /\p{M}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const ZWNJ_OR_ZWJ = /[\u200C\u200D]/u;
/** Nothing a reader can see: spaces, invisible and format characters, and the blank Braille pattern. */
const NOTHING_VISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu;
/**
 * Scripts whose spelling uses ZERO WIDTH NON-JOINER / JOINER between letters (Persian, Urdu, Indic
 * conjuncts): there the character changes the letters' shapes, so it is visible.
 */
const JOINING_SCRIPTS = [
  'Arabic',
  'Syriac',
  'Nko',
  'Mongolian',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
].map((script) => new RegExp(`\\p{Script_Extensions=${script}}`, 'u'));

/** Names of the characters a refusal most often names (the message shows U+XXXX for the others). */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfe0e: 'VARIATION SELECTOR-15',
  0xfe0f: 'VARIATION SELECTOR-16',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0x2800: 'BRAILLE PATTERN BLANK',
};

const WHY: Readonly<Record<Exclude<NameRefusal, 'blank' | 'too-long' | 'too-large' | 'too-many-marks'>, string>> = {
  'bidi-control': 'a bidirectional control character: it reorders the text shown around the name',
  control: 'a control character',
  invisible: 'an invisible (default-ignorable) character: it makes names that look the same differ',
  format: 'a format character',
  'private-use': 'a private-use character: it looks different on every device',
  unassigned: 'not an assigned character',
};

/** `U+200B`, and its name when we know it. */
export function describeCodePoint(char: string): { codePoint: string; label: string } {
  const cp = char.codePointAt(0) ?? 0;
  const codePoint = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CHARACTER_NAMES[cp];
  return { codePoint, label: name ? `${codePoint} ${name}` : codePoint };
}

/**
 * What Voxlay accepts as a name people see (channel names, display names, token `name` claims).
 * Pure logic. `normalize()` returns the name as it is stored and shown, or throws a NameError whose
 * message says why (and which character, U+XXXX):
 *
 * 1. Refused characters, looked for as typed and again after normalising: bidirectional controls,
 *    control characters, invisible (default-ignorable) characters, other format characters,
 *    private-use and unassigned code points, unpaired surrogates. Two deliberate exceptions:
 *    ZERO WIDTH JOINER, variation selectors and tag characters inside one emoji Unicode recommends
 *    (RGI: "👩‍👩‍👧", "❤️", flags of England or Scotland), and ZWNJ/ZWJ between two letters of a script
 *    whose spelling uses them (Arabic, Syriac, N'Ko, Mongolian, Indic scripts), where they are visible.
 * 2. NFKC (fullwidth "Ｌｏｂｂｙ" is "Lobby"), except inside RGI emoji (NFKC would turn "™️" into
 *    "TM" and a stray variation selector); every run of white space becomes one space; trimmed.
 * 3. Blank (nothing visible: spaces, invisible characters, the blank Braille pattern) is refused.
 * 4. Lengths count user-perceived characters (extended grapheme clusters, `Intl.Segmenter`): at
 *    most `maxGraphemes`; at most `maxMarksPerGrapheme` combining marks on one character (no
 *    "Zalgo" stacks; emoji are exempt); at most `maxBytes` of UTF-8.
 */
export class NamePolicy {
  readonly maxGraphemes: number;
  readonly maxBytes: number;
  readonly maxMarksPerGrapheme: number;

  constructor(options: NamePolicyOptions = {}) {
    this.maxGraphemes = positiveInteger(options.maxGraphemes ?? DEFAULT_MAX_GRAPHEMES, 'maxGraphemes');
    this.maxBytes = positiveInteger(options.maxBytes ?? DEFAULT_MAX_BYTES, 'maxBytes');
    this.maxMarksPerGrapheme = positiveInteger(options.maxMarksPerGrapheme ?? DEFAULT_MAX_MARKS_PER_GRAPHEME, 'maxMarksPerGrapheme');
  }

  /** The name as stored and shown; NameError when it is refused. */
  normalize(value: string): string {
    if (typeof value !== 'string') throw new TypeError(`a name must be a string, got ${typeof value}`);
    // Bound the work before normalising: NFKC makes up to 18 characters of one.
    if (value.length > this.maxBytes * 4) {
      throw new NameError('too-large', `is ${utf8Length(value)} bytes long in UTF-8; at most ${this.maxBytes}`);
    }
    if (value.replace(NOTHING_VISIBLE, '') === '') {
      const invisible = Array.from(value).find((char) => !WHITE_SPACE.test(char));
      const detail =
        invisible === undefined ? 'only spaces' : `only spaces and invisible characters such as ${describeCodePoint(invisible).label}`;
      throw new NameError('blank', `is blank: it has ${detail}`, invisible && describeCodePoint(invisible).codePoint);
    }
    refuseCharacters(value);
    const name = collapseWhiteSpace(nfkcOutsideEmoji(value));
    refuseCharacters(name);
    if (name.replace(NOTHING_VISIBLE, '') === '') throw new NameError('blank', 'is blank once normalised');

    const clusters = Array.from(graphemes.segment(name), (s) => s.segment);
    if (clusters.length > this.maxGraphemes) {
      throw new NameError('too-long', `is ${clusters.length} characters long; at most ${this.maxGraphemes}`);
    }
    for (const cluster of clusters) {
      const marks = Array.from(cluster).filter((char) => MARK.test(char)).length;
      if (marks > this.maxMarksPerGrapheme && !isRgiEmoji(cluster)) {
        const base = describeCodePoint(cluster).label;
        throw new NameError(
          'too-many-marks',
          `has ${marks} combining marks on one character (${base}); at most ${this.maxMarksPerGrapheme}`,
        );
      }
    }
    const bytes = utf8Length(name);
    if (bytes > this.maxBytes) throw new NameError('too-large', `is ${bytes} bytes long in UTF-8; at most ${this.maxBytes}`);
    return name;
  }

  /** User-perceived characters (extended grapheme clusters) in `value`. */
  graphemeCount(value: string): number {
    if (typeof value !== 'string') throw new TypeError(`graphemeCount needs a string, got ${typeof value}`);
    let count = 0;
    for (const _ of graphemes.segment(value)) count++;
    return count;
  }
}

/** The policy of every name Voxlay shows (channel names, display names, token `name` claims). */
export const namePolicy = new NamePolicy();

function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${what} must be a positive integer, got ${value}`);
  return value;
}

function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Throws for the first refused character of `value`. */
function refuseCharacters(value: string): void {
  const chars = Array.from(value);
  let graphemeOf: string[] | undefined; // segmenting is the slow part: only when a character needs it
  chars.forEach((char, index) => {
    const reason = refusalOf(chars, index, () => {
      graphemeOf ??= graphemeIndex(value);
      return isRgiEmoji(graphemeOf[index]!);
    });
    if (reason === undefined) return;
    const { codePoint, label } = describeCodePoint(char);
    const why = SURROGATE.test(char) ? 'an unpaired surrogate (malformed text)' : WHY[reason];
    throw new NameError(reason, `contains ${label}, ${why}`, codePoint);
  });
}

/** `inEmoji` is asked only for the few characters it can excuse (the emoji test is the costly part). */
function refusalOf(chars: readonly string[], index: number, inEmoji: () => boolean): keyof typeof WHY | undefined {
  const char = chars[index]!;
  // Every kind of space (tab and line breaks too) becomes one U+0020.
  if (WHITE_SPACE.test(char)) return undefined;
  if (SURROGATE.test(char)) return 'unassigned';
  if (BIDI_CONTROL.test(char)) return 'bidi-control';
  if (CONTROL.test(char)) return 'control';
  if (!DEFAULT_IGNORABLE.test(char) && !FORMAT.test(char) && !PRIVATE_USE.test(char) && !UNASSIGNED.test(char)) return undefined;
  // Joiners, variation selectors, tags and keycaps are part of an RGI emoji.
  if (inEmoji()) return undefined;
  if (ZWNJ_OR_ZWJ.test(char) && joinsLetters(chars[index - 1], chars[index + 1])) return undefined;
  if (DEFAULT_IGNORABLE.test(char)) return 'invisible';
  if (FORMAT.test(char)) return 'format';
  if (PRIVATE_USE.test(char)) return 'private-use';
  if (UNASSIGNED.test(char)) return 'unassigned';
  return undefined;
}

/** A joiner between two letters (or a letter and its marks) of one script that spells with joiners. */
function joinsLetters(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  if (!LETTER_OR_MARK.test(before) || !LETTER_OR_MARK.test(after)) return false;
  return JOINING_SCRIPTS.some((script) => script.test(before) && script.test(after));
}

/** Whether `grapheme` is exactly one RGI emoji. */
function isRgiEmoji(grapheme: string): boolean {
  // One code point: RGI exactly when it is drawn as emoji by default (Basic_Emoji), regional
  // indicators aside; checked against \p{RGI_Emoji} for every emoji code point of Unicode 17.
  if (grapheme.length <= 2 && Array.from(grapheme).length === 1) return SINGLE_EMOJI.test(grapheme) && !REGIONAL_INDICATOR.test(grapheme);
  if (!MAYBE_EMOJI.test(grapheme)) return false;
  let answer = rgiAnswers.get(grapheme);
  if (answer === undefined) {
    if (rgiAnswers.size >= RGI_ANSWERS_MAX) rgiAnswers.clear();
    answer = RGI_EMOJI.test(grapheme);
    rgiAnswers.set(grapheme, answer);
  }
  return answer;
}

/** For each code point of `value`: the grapheme it belongs to. */
function graphemeIndex(value: string): string[] {
  const index: string[] = [];
  for (const { segment } of graphemes.segment(value)) {
    for (const _ of segment) index.push(segment);
  }
  return index;
}

/** NFKC, leaving RGI emoji as they are. */
function nfkcOutsideEmoji(value: string): string {
  let out = '';
  let run = '';
  for (const { segment } of graphemes.segment(value)) {
    if (segment.normalize('NFKC') !== segment && isRgiEmoji(segment)) {
      out += run.normalize('NFKC') + segment;
      run = '';
    } else {
      run += segment;
    }
  }
  return out + run.normalize('NFKC');
}

function collapseWhiteSpace(value: string): string {
  return value.replace(WHITE_SPACE_RUNS, ' ').replace(/^ | $/g, '');
}
