/** The overlay frame around core's VoicePanel (which brings `voicePanelCss`). All inside the shadow root. */
export const overlayCss = /* css */ `
.vxo {
  position: fixed;
  z-index: 2147483647;
  font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--vx-text);
  box-sizing: border-box;
}
.vxo *, .vxo *::before, .vxo *::after { box-sizing: border-box; }
/* The frame is one column: VoicePanel fills it and its participant list (virtualised, scrolling by
   itself) takes the height left over, so the controls stay in view in a big channel. */
.vxo__frame {
  display: flex;
  flex-direction: column;
  width: 320px;
  max-height: min(720px, calc(100vh - 32px)); /* a big channel needs room for its speakers and list */
  overflow: auto;
  background: var(--vx-bg);
  border: 1px solid var(--vx-border);
  border-radius: 12px;
  box-shadow: 0 10px 30px rgba(0, 0, 0, 0.45);
}
.vxo__frame > .vx-panel { flex: 1 1 auto; min-height: 0; overflow-y: auto; }
.vxo .vx-participant-scroller { --vx-participant-list-max-height: 320px; min-height: min(176px, var(--vx-participant-list-content, 176px)); }
/* When the panel is taller than the frame, it scrolls under its controls, which stay in reach.
   The panel is the scroller: sticky offsets count from inside its 16px padding, hence -16px. */
.vxo .vx-controls {
  position: sticky; bottom: -16px; z-index: 1; background: var(--vx-surface);
  margin: 0 -16px -16px; padding: 12px 16px 16px; border-top: 1px solid var(--vx-border);
}
.vxo__bar {
  display: flex;
  align-items: center;
  gap: 6px;
  padding: 6px 8px;
  cursor: grab;
  user-select: none;
  touch-action: none;
  border-bottom: 1px solid var(--vx-border);
  color: var(--vx-muted);
  font-size: 12px;
}
.vxo__bar:active { cursor: grabbing; }
.vxo__brand { flex: 1; font-weight: 600; letter-spacing: 0.02em; }
.vxo__btn {
  all: unset;
  cursor: pointer;
  padding: 2px 6px;
  border-radius: 6px;
  color: var(--vx-muted);
  font-size: 12px;
}
.vxo__btn:hover, .vxo__btn:focus-visible { background: var(--vx-surface-2); color: var(--vx-text); }
.vxo__hint { margin: 8px 12px; color: var(--vx-muted); font-size: 12px; }
.vxo__pill {
  all: unset;
  display: inline-flex;
  align-items: center;
  gap: 8px;
  max-width: 240px;
  padding: 6px 12px;
  border-radius: 999px;
  background: var(--vx-bg);
  border: 1px solid var(--vx-border);
  box-shadow: 0 6px 18px rgba(0, 0, 0, 0.4);
  color: var(--vx-text);
  font-size: 13px;
  cursor: grab;
  touch-action: none;
  user-select: none;
}
.vxo__pill-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vxo__dot { width: 10px; height: 10px; border-radius: 50%; background: var(--vx-border); flex: none; }
.vxo__dot[data-speaking='true'] { background: var(--vx-speaking); box-shadow: 0 0 0 3px rgba(61, 220, 132, 0.25); }
.vxo__pill-count { color: var(--vx-muted); font-size: 12px; }
.vxo__pill-muted { color: var(--vx-danger); font-size: 12px; }
`;

/**
 * `rem` inside a shadow root still follows the page's <html> font-size, so a page with
 * `html { font-size: 31px }` would resize core's panel. The overlay pins rem to 16px.
 * (Core could avoid this by sizing with em or px; see the extension README.)
 */
export function pinRem(css: string, px = 16): string {
  return css.replace(/(-?\d*\.?\d+)rem\b/g, (_, n: string) => `${+(Number(n) * px).toFixed(3)}px`);
}
