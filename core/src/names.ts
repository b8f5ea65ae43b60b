// Names on the client: lengths in user-perceived characters, like the server's NamePolicy
// (schema.graphql, CreateChannelInput), and isolation of names inside other text.

/** Most user-perceived characters in a channel or display name (the server refuses more). */
export const NAME_MAX_GRAPHEMES = 64;

/** Grapheme clusters; code points where Intl.Segmenter is missing (Firefox before 125). */
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The user-perceived characters of `value` ("👩‍👩‍👧" and "é" written as e + accent are one each). */
export function graphemes(value: string): string[] {
  return segmenter ? Array.from(segmenter.segment(value), (s) => s.segment) : Array.from(value);
}

/** How many user-perceived characters `value` has: what a length limit on a name counts, not UTF-16 units. */
export function graphemeCount(value: string): number {
  return graphemes(value).length;
}

/** `value` cut to at most `max` user-perceived characters (never inside an emoji or an accented letter). */
export function truncateGraphemes(value: string, max: number): string {
  const parts = graphemes(value);
  return parts.length <= max ? value : parts.slice(0, max).join('');
}

/** The first user-perceived character of `value` ('' when empty). */
export function firstGrapheme(value: string): string {
  return graphemes(value)[0] ?? '';
}

/**
 * A name placed inside text that cannot hold markup (a title, an aria-label, a notification):
 * between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so a right-to-left name neither
 * reorders the words and numbers around it nor takes their direction. In markup use <bdi>.
 */
export function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}
