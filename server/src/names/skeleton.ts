import unhomoglyph from 'unhomoglyph';

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The confusable skeleton of Unicode TR39 (UTS #39 §4, internalSkeleton): NFD, default-ignorable
 * characters removed, each character replaced by its prototype from confusables.txt, NFD again.
 * Two strings that look alike have the same skeleton ("Lоbby" with a Cyrillic о, "Lobby"). The
 * mapping is unhomoglyph's copy of confusables.txt (a single-code-point table, applied once: no
 * prototype maps further); the normalisation steps around it are ours. For comparison only: a
 * skeleton is not meant to be shown.
 */
export function skeleton(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`skeleton needs a string, got ${typeof value}`);
  return unhomoglyph(value.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/**
 * Case folding without a table: upper then lower case gives full case folding's result for what
 * names hold ("ß" and "SS" are "ss", final sigma is "σ", Cherokee folds one way).
 */
export function foldCase(value: string): string {
  return value.toUpperCase().toLowerCase();
}

/**
 * The keys two channel names may not share, i.e. the case-insensitive confusable comparison. Both
 * are needed, because confusables.txt is case-sensitive:
 * - `v:` the skeleton of the name as written, case-folded: "ВАТ" (Cyrillic capitals) and "bat";
 *   "Il" and "ll". Cyrillic small в maps to small capital ʙ, so folding first would miss the capitals.
 * - `c:` the skeleton of the case-folded name: "MAIN" and "main" (the capital I maps to l, the
 *   small m to rn, so the first key alone tells them apart).
 */
export function confusableKeys(name: string): [visual: string, caseless: string] {
  return [`v:${foldCase(skeleton(name))}`, `c:${skeleton(foldCase(name))}`];
}
