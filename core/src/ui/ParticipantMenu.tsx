/** @jsxImportSource preact */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isolate } from '../names.js';
import type { ParticipantState } from '../types.js';

/** Keeps the menu this far from the window's edges. */
const EDGE_PX = 8;

export interface ParticipantMenuProps {
  /** A remote participant. */
  participant: ParticipantState;
  /** Where it opened (viewport coordinates): the pointer, or the row for the keyboard. */
  at: { x: number; y: number };
  onVolumeChange: (participantId: string, volume: number) => void;
  onLocallyMutedChange: (participantId: string, muted: boolean) => void;
  /** `returnFocus`: closed from the keyboard (Escape), so focus goes back to the row. */
  onClose: (returnFocus: boolean) => void;
}

/**
 * A small non-modal dialog for one remote participant, opened from its row (right-click,
 * long-press, the row's menu button, Shift+F10 or the ContextMenu key): playback volume 0–200 % and
 * "Mute for me". Focus moves into it; Escape closes it (focus back to the row), and so do a press
 * outside it and focus leaving it.
 */
export function ParticipantMenu({ participant: p, at, onVolumeChange, onLocallyMutedChange, onClose }: ParticipantMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const volumeRef = useRef<HTMLInputElement>(null);
  const [place, setPlace] = useState(at);
  const name = isolate(p.displayName);
  const close = useRef(onClose);
  close.current = onClose;

  // Inside the window, measured once shown.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const view = el.ownerDocument.defaultView;
    const width = view?.innerWidth ?? at.x;
    const height = view?.innerHeight ?? at.y;
    const rect = el.getBoundingClientRect();
    setPlace({
      x: Math.max(EDGE_PX, Math.min(at.x, width - rect.width - EDGE_PX)),
      y: Math.max(EDGE_PX, Math.min(at.y, height - rect.height - EDGE_PX)),
    });
  }, [at.x, at.y]);

  // Focus the first control when opened for this participant.
  useEffect(() => {
    volumeRef.current?.focus();
  }, [p.id]);

  // A press anywhere outside closes it (composedPath: the overlay lives in a shadow root).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const doc = el.ownerDocument;
    const onPointerDown = (e: PointerEvent): void => {
      if (!e.composedPath().includes(el)) close.current(false);
    };
    doc.addEventListener('pointerdown', onPointerDown, true);
    return () => doc.removeEventListener('pointerdown', onPointerDown, true);
  }, []);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close.current(true);
  };
  const onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (next && !ref.current?.contains(next)) close.current(false);
  };

  return (
    <div
      ref={ref}
      class="vx-participant-menu"
      role="dialog"
      aria-label={`Options for ${name}`}
      id={`vx-participant-${p.id}-menu`}
      data-testid="participant-menu"
      data-participant-id={p.id}
      style={{ left: `${place.x}px`, top: `${place.y}px` }}
      onKeyDown={onKeyDown}
      onFocusOut={onFocusOut}
      onContextMenu={(e) => e.preventDefault()}
    >
      <p class="vx-participant-menu__title" aria-hidden="true">
        <bdi>{p.displayName}</bdi>
      </p>
      <label class="vx-volume">
        <span>Volume</span>
        <input
          ref={volumeRef}
          type="range"
          min={0}
          max={2}
          step={0.05}
          value={p.volume}
          aria-label={`Volume of ${name}`}
          aria-valuetext={`${Math.round(p.volume * 100)}%`}
          data-testid="participant-menu-volume"
          onInput={(e) => onVolumeChange(p.id, Number((e.currentTarget as HTMLInputElement).value))}
        />
        <output>{Math.round(p.volume * 100)}%</output>
      </label>
      <button
        type="button"
        class="vx-button vx-button--small"
        aria-pressed={p.locallyMuted}
        data-testid="participant-menu-local-mute"
        onClick={() => onLocallyMutedChange(p.id, !p.locallyMuted)}
      >
        Mute for me
      </button>
    </div>
  );
}
