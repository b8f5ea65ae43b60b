// Pure logic behind the participant list and the speakers strip (no DOM, no Preact): ordering, the
// name filter, the active-set view of a channel and the header text. Tested in participantListModel.test.ts.
import type { ParticipantState } from '../types.js';

/** Over this many participants the panel shows a name filter above the list. */
export const FILTER_THRESHOLD = 50;

/** The fields the list logic needs; a ParticipantState fits. */
export type ParticipantLike = Pick<ParticipantState, 'id' | 'displayName' | 'isLocal'>;

/** Lower case, without accents and surrounding space: "  Zoë " → "zoe". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase()
    .trim();
}

/**
 * True when every word of `query` occurs in `displayName`, ignoring case and accents
 * ("ann li" finds "Anna Lindqvist"). An empty query matches everyone.
 */
export function matchesName(displayName: string, query: string): boolean {
  const words = foldName(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const name = foldName(displayName);
  return words.every((word) => name.includes(word));
}

/** The local participant first, everyone else in the order given (join order). Stable. */
export function localFirst<T extends ParticipantLike>(participants: readonly T[]): T[] {
  const local = participants.filter((p) => p.isLocal);
  return local.length === 0 ? [...participants] : [...local, ...participants.filter((p) => !p.isLocal)];
}

/** The participants whose name matches `query`, in list order (the local one stays first when it matches). */
export function filterParticipants<T extends ParticipantLike>(participants: readonly T[], query: string): T[] {
  const ordered = localFirst(participants);
  return foldName(query) === '' ? ordered : ordered.filter((p) => matchesName(p.displayName, query));
}

/**
 * The speakers strip: the participants of the active set in `activeSpeakerIds` order (most
 * recently loud first), skipping ids not (or no longer) in the channel and repeats, at most
 * `lastN` when it is set.
 */
export function speakersOf<T extends ParticipantLike>(participants: readonly T[], activeSpeakerIds: readonly string[], lastN: number): T[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const speakers: T[] = [];
  for (const id of activeSpeakerIds) {
    const p = byId.get(id);
    if (!p || seen.has(id)) continue;
    seen.add(id);
    speakers.push(p);
    if (lastN > 0 && speakers.length >= lastN) break;
  }
  return speakers;
}

/**
 * A channel where last-N actually limits what a listener hears: more other participants than `lastN`.
 * Only then does the panel show the speakers strip and mark participants "not heard right now".
 */
export function isLastNLimited(participantCount: number, lastN: number): boolean {
  return lastN > 0 && participantCount - 1 > lastN;
}

/** A remote participant outside the active set of a channel where last-N limits who is heard. */
export function isUnheard(p: Pick<ParticipantState, 'isLocal' | 'active'>, limited: boolean): boolean {
  return limited && !p.isLocal && p.active !== true;
}

/**
 * One Intl.NumberFormat per locale, the default one made when this module loads: the first one
 * costs about 14 ms in Chromium (ICU data), which a render right after Join must not pay.
 */
const numberFormats = new Map<string | undefined, Intl.NumberFormat>([[undefined, new Intl.NumberFormat()]]);

function formatCount(n: number, locale?: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/**
 * "1,000 participants · hearing up to 5"; "1 participant" (no last-N part when last-N does not limit).
 * It counts the others heard: when the listener is in the active set itself (`localActive`), it
 * holds one of the lastN places, so up to lastN − 1 others are heard.
 */
export function participantCountLabel(participantCount: number, lastN: number, locale?: string, localActive = false): string {
  const label = `${formatCount(participantCount, locale)} ${participantCount === 1 ? 'participant' : 'participants'}`;
  const heard = localActive ? lastN - 1 : lastN;
  return isLastNLimited(participantCount, lastN) ? `${label} · hearing up to ${formatCount(heard, locale)}` : label;
}

/** "12 of 1,000 participants match" for the filter's live region. */
export function filterResultLabel(shown: number, total: number, locale?: string): string {
  if (shown === 0) return 'No participants match';
  return `${formatCount(shown, locale)} of ${formatCount(total, locale)} ${total === 1 ? 'participant' : 'participants'} ${shown === 1 ? 'matches' : 'match'}`;
}

/**
 * The rows a virtualised list renders: the window's `indexes` plus `pinned` (the row holding the
 * keyboard focus stays in the DOM while scrolled out of view). Sorted, without repeats.
 */
export function withPinnedIndex(indexes: readonly number[], pinned: number, count: number): number[] {
  if (pinned < 0 || pinned >= count || indexes.includes(pinned)) return [...indexes];
  return [...indexes, pinned].sort((a, b) => a - b);
}

/**
 * Where a key moves the focus in a list of `count` rows (ArrowUp/Down, Home/End, PageUp/Down by
 * `pageSize` rows), or null when the key does not move it.
 */
export function nextFocusIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const page = Math.max(1, Math.floor(pageSize));
  const clamp = (i: number): number => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    default:
      return null;
  }
}
