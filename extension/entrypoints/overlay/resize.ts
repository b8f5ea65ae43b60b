import { clampWidth } from '../../utils/prefs';

/** How far one arrow key press widens or narrows the overlay, px. */
export const RESIZE_STEP = 16;

/**
 * Resizes the overlay's width from a grip on its left edge (the overlay is anchored to the right, so
 * it grows to the left): by pointer, and by ArrowLeft / ArrowRight when the grip has focus. Calls
 * `onResize` while resizing and `onDrop` once at the end. Returns the undo.
 */
export function makeResizable(
  grip: HTMLElement,
  width: () => number,
  onResize: (width: number) => void,
  onDrop: (width: number) => void,
): () => void {
  let origin: { x: number; width: number } | null = null;
  let current: number | null = null;
  const move = (e: PointerEvent): void => {
    if (!origin) return;
    current = clampWidth(origin.width + (origin.x - e.clientX));
    onResize(current);
  };
  const up = (): void => {
    if (!origin) return;
    origin = null;
    removeEventListener('pointermove', move);
    removeEventListener('pointerup', up);
    if (current !== null) onDrop(current);
    current = null;
  };
  const down = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation(); // not a drag of the whole overlay
    origin = { x: e.clientX, width: width() };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  };
  const key = (e: KeyboardEvent): void => {
    const delta = e.key === 'ArrowLeft' ? RESIZE_STEP : e.key === 'ArrowRight' ? -RESIZE_STEP : 0;
    if (!delta) return;
    e.preventDefault();
    const next = clampWidth(width() + delta);
    onResize(next);
    onDrop(next);
  };
  grip.addEventListener('pointerdown', down);
  grip.addEventListener('keydown', key);
  return () => {
    grip.removeEventListener('pointerdown', down);
    grip.removeEventListener('keydown', key);
    up();
  };
}
