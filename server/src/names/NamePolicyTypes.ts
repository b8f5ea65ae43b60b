export interface NamePolicyOptions {
  /** Most user-perceived characters (extended grapheme clusters, UAX #29); 64 when absent. */
  maxGraphemes?: number | undefined;
  /** Most bytes of UTF-8 once normalised; 512 when absent. */
  maxBytes?: number | undefined;
  /** Most combining marks in one grapheme (caps "Zalgo" stacks); 4 when absent. Emoji are exempt. */
  maxMarksPerGrapheme?: number | undefined;
}

/**
 * Why a name was refused:
 * - `blank`: nothing visible is left once spaces and invisible characters are set aside;
 * - `too-long`: more graphemes than `maxGraphemes`;
 * - `too-large`: more UTF-8 bytes than `maxBytes`;
 * - `too-many-marks`: a grapheme with more combining marks than `maxMarksPerGrapheme`;
 * - `bidi-control`: a bidirectional formatting character (it reorders the text shown around the name);
 * - `control`: a control character (C0/C1 other than the whitespace ones, which become spaces);
 * - `invisible`: a default-ignorable character (zero-width, fillers, variation selectors, tags…)
 *   outside the places where it is part of the writing (an emoji sequence, a joiner in Arabic or Indic text);
 * - `format`: another format character (Cf);
 * - `private-use`: a private-use character (looks different on every device);
 * - `unassigned`: a code point with no character (yet), a noncharacter or an unpaired surrogate.
 */
export type NameRefusal =
  | 'blank'
  | 'too-long'
  | 'too-large'
  | 'too-many-marks'
  | 'bidi-control'
  | 'control'
  | 'invisible'
  | 'format'
  | 'private-use'
  | 'unassigned';
