import type { OverlayPrefs } from '../../utils/prefs';

type Position = Pick<OverlayPrefs, 'right' | 'bottom'>;

const clamp = (v: number, max: number): number => Math.max(0, Math.min(v, Math.max(0, max)));

/**
 * Drags a fixed element by its handle, anchored to the viewport's bottom-right corner. Calls
 * `onMove` while dragging and `onDrop` once at the end. Returns the undo.
 */
export function makeDraggable(
  handle: HTMLElement,
  box: HTMLElement,
  start: () => Position,
  onMove: (p: Position) => void,
  onDrop: (p: Position) => void,
): () => void {
  let origin: { x: number; y: number; pos: Position } | null = null;
  let current: Position | null = null;
  const move = (e: PointerEvent): void => {
    if (!origin) return;
    const rect = box.getBoundingClientRect();
    current = {
      right: clamp(origin.pos.right - (e.clientX - origin.x), innerWidth - rect.width),
      bottom: clamp(origin.pos.bottom - (e.clientY - origin.y), innerHeight - rect.height),
    };
    onMove(current);
  };
  const up = (): void => {
    if (!origin) return;
    origin = null;
    removeEventListener('pointermove', move);
    removeEventListener('pointerup', up);
    if (current) onDrop(current);
    current = null;
  };
  const down = (e: PointerEvent): void => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    e.preventDefault();
    origin = { x: e.clientX, y: e.clientY, pos: start() };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  };
  handle.addEventListener('pointerdown', down);
  return () => {
    handle.removeEventListener('pointerdown', down);
    up();
  };
}
