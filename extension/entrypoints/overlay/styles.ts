import { extensionThemeCss } from '../../utils/theme';

/**
 * The overlay around core's VoicePanel (which brings `voicePanelCss`). All inside the shadow root.
 * Compact by default: 248 px wide, one line per participant, mute and deafen; expanded: 340 px, the
 * whole panel with the mode labels and Mute / Deafen / Leave each on one line.
 */
export const overlayCss = /* css */ `${extensionThemeCss}
.vxo {
  position: fixed;
  z-index: 2147483647;
  font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--vx-text);
  box-sizing: border-box;
}
.vxo *, .vxo *::before, .vxo *::after { box-sizing: border-box; }
.vxo__frame {
  display: flex;
  flex-direction: column;
  max-height: calc(100vh - 32px);
  overflow: hidden;
  background: var(--vx-bg);
  border: 1px solid var(--vx-border);
  border-radius: 12px;
  box-shadow: 0 10px 30px rgba(0, 0, 0, 0.45);
}
.vxo__frame--compact { width: 248px; position: relative; } /* the width the user chose replaces it */
.vxo__grip { all: unset; position: absolute; left: -3px; top: 8px; bottom: 8px; width: 6px; cursor: ew-resize; touch-action: none; z-index: 2; border-radius: 3px; }
.vxo__grip:hover, .vxo__grip:focus-visible { background: var(--vx-accent-2); outline: none; }
/* Expanded: one column; VoicePanel fills it and its participant list (virtualised, scrolling by
   itself) takes the height left over, so the controls stay in view in a big channel. */
.vxo__frame--expanded { width: 340px; max-height: min(720px, calc(100vh - 32px)); overflow: auto; }
.vxo__frame > .vx-panel { flex: 1 1 auto; min-height: 0; overflow-y: auto; border: 0; border-radius: 0 0 12px 12px; }
.vxo .vx-participant-scroller { --vx-participant-list-max-height: 320px; min-height: min(176px, var(--vx-participant-list-content, 176px)); }
/* When the panel is taller than the frame, it scrolls under its controls, which stay in reach.
   The panel is the scroller: sticky offsets count from inside its 16px padding, hence -16px. */
.vxo .vx-controls {
  position: sticky; bottom: -16px; z-index: 1; background: var(--vx-surface);
  margin: 0 -16px -16px; padding: 12px 16px 16px; border-top: 1px solid var(--vx-border);
}
/* Mute, Deafen and Leave share one row; mode labels stay on one line. */
.vxo .vx-controls__row { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.vxo .vx-controls__row .vx-button { padding: 8px 8px; white-space: nowrap; }
.vxo .vx-mode { font-size: 12.5px; white-space: nowrap; padding: 4px 2px; }
.vxo__bar {
  display: flex;
  align-items: center;
  gap: 4px;
  padding: 4px 4px 4px 10px;
  cursor: grab;
  user-select: none;
  touch-action: none;
  border-bottom: 1px solid var(--vx-border);
  color: var(--vx-muted);
  font-size: 12px;
  min-height: 36px;
}
.vxo__bar:active { cursor: grabbing; }
.vxo__title {
  flex: 1; min-width: 0; font-weight: 600; font-size: 13px; color: var(--vx-text);
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.vxo__btn {
  all: unset;
  display: inline-grid;
  place-items: center;
  min-width: 28px;
  height: 28px;
  cursor: pointer;
  padding: 0 6px;
  border-radius: 6px;
  color: var(--vx-muted);
  font-size: 12px;
  white-space: nowrap;
}
.vxo__btn svg { width: 16px; height: 16px; }
.vxo__btn:hover, .vxo__btn:focus-visible { background: var(--vx-surface-2); color: var(--vx-text); }
.vxo__btn:focus-visible, .vxo__action:focus-visible, .vxo__pill:focus-visible { outline: 2px solid var(--vx-accent-2); outline-offset: 1px; }
.vxo__hint { margin: 10px 12px; color: var(--vx-muted); font-size: 12px; }
.vxo__body { display: flex; flex-direction: column; min-height: 0; }
.vxo__status { padding: 6px 10px 0; }
.vxo__error { margin: 6px 8px 0; padding: 6px 8px; border-radius: 8px; font-size: 12px; background: rgba(240, 71, 90, 0.12); color: #ffc9cf; }
.vxo__people {
  list-style: none; margin: 0; padding: 6px; display: flex; flex-direction: column; gap: 2px;
  max-height: 172px; overflow-y: auto; overscroll-behavior: contain;
}
.vxo__person { display: flex; align-items: center; gap: 8px; min-height: 32px; padding: 2px 6px; border-radius: 8px; }
.vxo__person .vx-avatar { width: 24px; height: 24px; font-size: 12px; box-shadow: 0 0 0 2px var(--vx-bg), 0 0 0 3px transparent; }
.vxo__person--speaking .vx-avatar { box-shadow: 0 0 0 2px var(--vx-bg), 0 0 0 4px var(--vx-speaking); }
.vxo__person--speaking .vxo__name { color: #fff; }
.vxo__name { flex: 1; min-width: 0; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vxo__icon { display: inline-flex; color: var(--vx-danger); }
.vxo__icon svg { width: 14px; height: 14px; }
.vxo__actions { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; padding: 6px 8px 8px; border-top: 1px solid var(--vx-border); }
.vxo__action {
  all: unset;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-height: 32px; padding: 0 8px; border-radius: 8px; cursor: pointer; white-space: nowrap;
  background: var(--vx-surface-2); border: 1px solid var(--vx-border); color: var(--vx-text); font-size: 13px; font-weight: 600;
}
.vxo__action svg { width: 16px; height: 16px; }
.vxo__action:hover { border-color: var(--vx-muted); }
.vxo__action--on { background: rgba(240, 71, 90, 0.16); border-color: rgba(240, 71, 90, 0.55); color: #ffb3bc; }
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
.vxo__pill-muted { color: #ff8a98; font-size: 12px; }
`;

/**
 * `rem` inside a shadow root still follows the page's <html> font-size, so a page with
 * `html { font-size: 31px }` would resize core's panel. The overlay pins rem to 16px.
 * (Core could avoid this by sizing with em or px; see the extension README.)
 */
export function pinRem(css: string, px = 16): string {
  return css.replace(/(-?\d*\.?\d+)rem\b/g, (_, n: string) => `${+(Number(n) * px).toFixed(3)}px`);
}
