import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { makeDraggable } from './drag';

/** The stream the overlay's viewer shows (the user clicked LIVE or a camera in the overlay). */
export interface Viewing {
  producerId: string;
  /** "Alice's screen", "Bob's camera". */
  label: string;
  /** The offscreen document watches it (watchStream answered): the viewer page may connect. */
  ready: boolean;
  /** Seen in the Channel's `watching`: its absence from now on means the watch ended. */
  seen: boolean;
}

/**
 * A small window on top of the page showing one watched stream: a bar to drag it by, with the
 * stream's name and a close button, and the viewer page (entrypoints/viewer/) in an iframe, where
 * the frames are decoded and Picture-in-Picture is. Resizable from its bottom-right corner.
 */
export function StreamViewer({ viewing, onClose }: { viewing: Viewing; onClose: () => void }) {
  const box = useRef<HTMLElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ right: 280, bottom: 16 });
  const posRef = useRef(pos);
  posRef.current = pos;
  useEffect(() => {
    if (!handle.current || !box.current) return undefined;
    return makeDraggable(handle.current, box.current, () => posRef.current, setPos, setPos);
  }, []);
  const src = browser.runtime.getURL(
    `/viewer.html?${new URLSearchParams({ producer: viewing.producerId, label: viewing.label }).toString()}` as '/viewer.html',
  );
  return (
    <section
      class="vxo vxo-viewer vx-root"
      aria-label={viewing.label}
      ref={box}
      style={{ right: `${pos.right}px`, bottom: `${pos.bottom}px` }}
      data-testid="stream-viewer"
      data-producer-id={viewing.producerId}
    >
      <div class="vxo__bar" ref={handle}>
        <span class="vxo__title">
          <bdi>{viewing.label}</bdi>
        </span>
        <button
          type="button"
          class="vxo__btn"
          data-testid="stream-viewer-close"
          aria-label={`Stop watching ${viewing.label}`}
          title="Stop watching"
          onClick={onClose}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {/* `*`: the src is a dynamic URL (another id than the page's origin), so the default `src` allowlist would not match. */}
      {viewing.ready ? (
        <iframe class="vxo-viewer__frame" src={src} title={viewing.label} allow="picture-in-picture *" data-testid="stream-viewer-frame" />
      ) : (
        <p class="vxo__hint" role="status">
          Opening the stream…
        </p>
      )}
    </section>
  );
}
