import { useEffect, useRef } from 'preact/hooks';

/** How long a press must be held to count as a long press. */
export const LONG_PRESS_MS = 500;
/** How far the pointer may drift during a long press (finger wobble); more is a scroll or a drag. */
export const LONG_PRESS_SLOP_PX = 10;

export interface LongPressHandlers {
  onPointerDown: (e: PointerEvent) => void;
  onPointerMove: (e: PointerEvent) => void;
  onPointerUp: () => void;
  onPointerCancel: () => void;
}

/**
 * A long press (touch, pen or the main mouse button) held LONG_PRESS_MS without moving more than
 * LONG_PRESS_SLOP_PX calls `onLongPress` with where it started. `enabled: false` ignores presses.
 * Presses that start on a control inside the element (button, input) are left to that control.
 */
export function useLongPress(enabled: boolean, onLongPress: (at: { x: number; y: number }) => void): LongPressHandlers {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number; pointerId: number } | null>(null);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;

  const cancel = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  };
  useEffect(() => cancel, []);

  return {
    onPointerDown(e) {
      cancel();
      if (!enabled || e.button !== 0 || !e.isPrimary) return;
      if ((e.target as Element | null)?.closest?.('button, input, select, textarea, a')) return;
      const at = { x: e.clientX, y: e.clientY, pointerId: e.pointerId };
      start.current = at;
      timer.current = setTimeout(() => {
        timer.current = null;
        start.current = null;
        callback.current({ x: at.x, y: at.y });
      }, LONG_PRESS_MS);
    },
    onPointerMove(e) {
      const s = start.current;
      if (!s || e.pointerId !== s.pointerId) return;
      if (Math.hypot(e.clientX - s.x, e.clientY - s.y) > LONG_PRESS_SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
  };
}
