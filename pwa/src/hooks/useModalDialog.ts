import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A native modal <dialog> shown while `open` (showModal: focus inside, Escape closes, focus back on
 * the opener). A layout effect: the modal opens and closes in the render's own task, so the page
 * behind it is never left inert for a frame after Close (a name typed then went nowhere).
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement> {
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return dialog;
}
