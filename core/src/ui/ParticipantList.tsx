/** @jsxImportSource preact */
import { defaultRangeExtractor, type Range } from '@tanstack/virtual-core';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantState } from '../types.js';
import { isUnheard, nextFocusIndex, withPinnedIndex } from './participantListModel.js';
import { ParticipantMenu } from './ParticipantMenu.js';
import { ParticipantRow } from './ParticipantRow.js';
import { useVirtualizer } from './useVirtualizer.js';

/** A collapsed row: 8px padding around a 40px avatar. Expanded rows are measured. */
const ROW_ESTIMATE_PX = 56;
const ROW_GAP_PX = 4;
/** Rows rendered beyond each edge of the view, so a fast scroll does not show blanks. */
const OVERSCAN = 6;

export interface ParticipantListProps {
  /** The participants to list, in order (already filtered). */
  participants: ParticipantState[];
  /** Accessible name of the list. */
  label: string;
  /** We are deafened: remote rows look dimmed. */
  deafened: boolean;
  /** Last-N limits who is heard: rows outside the active set are marked. */
  limited: boolean;
  onVolumeChange: (participantId: string, volume: number) => void;
  onLocallyMutedChange: (participantId: string, muted: boolean) => void;
  /** When this changes (the filter text), the list scrolls back to its first row. */
  scrollResetKey?: string;
  /** The list is the last one known (the connection dropped): rows are marked stale. */
  stale?: boolean;
}

/**
 * The participant list, virtualised: only the rows in view (plus a few) are in the DOM, each with its
 * aria-posinset / aria-setsize. One row takes Tab (roving focus); arrows, Page Up/Down, Home and
 * End move between rows and scroll them in. Expanded rows stay expanded while scrolled out.
 */
export function ParticipantList({
  participants,
  label,
  deafened,
  limited,
  onVolumeChange,
  onLocallyMutedChange,
  scrollResetKey = '',
  stale = false,
}: ParticipantListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const pendingFocus = useRef<number | null>(null);
  /** The open participant menu: whose, and where. */
  const [menu, setMenu] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const menuParticipant = menu ? participants.find((p) => p.id === menu.id && !p.isLocal) : undefined;
  const count = participants.length;
  const current = Math.min(focusIndex, Math.max(0, count - 1));

  const getItemKey = useCallback((index: number) => participants[index]?.id ?? index, [participants]);
  const rangeExtractor = useCallback((range: Range) => withPinnedIndex(defaultRangeExtractor(range), current, count), [current, count]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    gap: ROW_GAP_PX,
    overscan: OVERSCAN,
    getItemKey,
    rangeExtractor,
  });

  // New filter results start at the top, like any search result list.
  const lastResetKey = useRef(scrollResetKey);
  useEffect(() => {
    if (lastResetKey.current === scrollResetKey) return;
    lastResetKey.current = scrollResetKey;
    setFocusIndex(0);
    virtualizer.scrollToOffset(0);
  }, [scrollResetKey, virtualizer]);

  // Focus a row moved to by keyboard once it is rendered (scrollToIndex renders it first).
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!list || !row) return;
    pendingFocus.current = null;
    // Not if the user went elsewhere meanwhile (document or the overlay's shadow root).
    const active = (list.getRootNode() as Document | ShadowRoot).activeElement;
    if (active && active !== list.ownerDocument.body && !list.contains(active)) return;
    row.focus({ preventScroll: true });
  });

  const onKeyDown = (e: KeyboardEvent): void => {
    // Only from a row itself: inside a row, arrows belong to its controls (the volume slider).
    const target = e.target as HTMLElement | null;
    if (!target?.hasAttribute('data-index')) return;
    const pageSize = Math.floor((scrollRef.current?.clientHeight ?? 0) / (ROW_ESTIMATE_PX + ROW_GAP_PX));
    const next = nextFocusIndex(e.key, current, count, pageSize);
    if (next === null) return;
    e.preventDefault();
    setFocusIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onFocusIn = (e: FocusEvent): void => {
    const row = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-index]');
    const index = Number(row?.dataset.index);
    if (Number.isInteger(index) && index !== current) setFocusIndex(index);
  };

  const onOpenChange = (id: string, open: boolean): void =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  const onMenu = (id: string, at: { x: number; y: number }): void => setMenu({ id, at });
  const closeMenu = (returnFocus: boolean): void => {
    const id = menu?.id;
    setMenu(null);
    if (!returnFocus || id === undefined) return;
    const index = participants.findIndex((p) => p.id === id);
    if (index < 0) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    setFocusIndex(index);
    if (row) row.focus({ preventScroll: true });
    else {
      pendingFocus.current = index;
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
  };

  return (
    // --vx-participant-list-content: the list's full height, so a host can keep it from being squeezed below
    // min(a few rows, all of it) (see the PWA and overlay styles).
    <div
      class="vx-participant-scroller"
      ref={scrollRef}
      data-testid="participant-scroller"
      style={{ '--vx-participant-list-content': `${virtualizer.getTotalSize()}px` }}
    >
      <ul
        class="vx-participants"
        ref={listRef}
        aria-label={label}
        data-testid="participants"
        data-count={count}
        style={{ height: `${virtualizer.getTotalSize()}px` }}
        onKeyDown={onKeyDown}
        onFocusIn={onFocusIn}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const p = participants[item.index];
          if (!p) return null;
          return (
            <ParticipantRow
              key={p.id}
              participant={p}
              deafened={deafened}
              unheard={isUnheard(p, limited)}
              onVolumeChange={onVolumeChange}
              onLocallyMutedChange={onLocallyMutedChange}
              open={expanded.has(p.id)}
              onOpenChange={onOpenChange}
              position={{ index: item.index, setSize: count }}
              style={{ transform: `translateY(${item.start}px)` }}
              rowRef={virtualizer.measureElement}
              tabIndex={item.index === current ? 0 : -1}
              stale={stale}
              onMenu={onMenu}
              menuOpen={menuParticipant?.id === p.id}
            />
          );
        })}
      </ul>
      {menu && menuParticipant && (
        <ParticipantMenu
          key={menu.id}
          participant={menuParticipant}
          at={menu.at}
          onVolumeChange={onVolumeChange}
          onLocallyMutedChange={onLocallyMutedChange}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
