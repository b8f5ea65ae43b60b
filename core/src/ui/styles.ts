/**
 * The voice panel's CSS as a string, so the PWA (a <style> in the document) and the extension
 * overlay (a <style> inside its shadow root) inject the same rules. Every class starts with `vx-`;
 * colours are custom properties on `.vx-root`, which hosts override.
 */
export const voicePanelCss = /* css */ `
.vx-root {
  --vx-bg: #0f1115;
  --vx-surface: #171a21;
  --vx-surface-2: #1f232c;
  --vx-border: #2a2f3a;
  --vx-text: #e8eaf0;
  --vx-muted: #9aa3b2;
  /* Filled buttons and the selected mode carry white text: accent 5.2:1, danger-strong 5.4:1 (WCAG AA). */
  --vx-accent: #6553f0;
  --vx-accent-2: #9d91ff;
  --vx-speaking: #3ddc84;
  /* Red as text or an icon on the dark surfaces (5.7:1 on surface-2); filled red uses danger-strong. */
  --vx-danger: #ff6b7c;
  --vx-danger-strong: #c82a40;
  --vx-warn: #f5b841;
  --vx-radius: 14px;
  color: var(--vx-text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.4;
  -webkit-tap-highlight-color: transparent;
}
.vx-root *, .vx-root *::before, .vx-root *::after { box-sizing: border-box; }
.vx-sr {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.vx-root :where(button, input, select) { font: inherit; color: inherit; }
.vx-root svg { flex: none; }
.vx-root :focus-visible { outline: 2px solid var(--vx-accent-2); outline-offset: 2px; }
/* Names people chose are isolated from the text around them (bidi), whatever a host page sets. */
.vx-root bdi { unicode-bidi: isolate; }

.vx-panel {
  display: flex; flex-direction: column; gap: 12px;
  background: var(--vx-surface); border: 1px solid var(--vx-border);
  border-radius: var(--vx-radius); padding: 16px;
}
.vx-panel__header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.vx-panel__title { display: flex; align-items: center; gap: 10px; min-width: 0; flex-wrap: wrap; }
.vx-panel__title h2 {
  margin: 0; font-size: 1.15rem; font-weight: 650;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.vx-error {
  margin: 0; padding: 10px 12px; border-radius: 10px;
  background: rgba(240, 71, 90, .12); border: 1px solid rgba(240, 71, 90, .4); color: #ffc9cf;
}

.vx-badge {
  display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px;
  border-radius: 999px; font-size: .8rem; background: var(--vx-surface-2); color: var(--vx-muted);
  border: 1px solid var(--vx-border); white-space: nowrap;
}
.vx-badge__dot { width: 8px; height: 8px; border-radius: 50%; background: var(--vx-muted); }
.vx-badge--connected { color: var(--vx-speaking); }
.vx-badge--connected .vx-badge__dot { background: var(--vx-speaking); }
.vx-badge--connecting .vx-badge__dot, .vx-badge--reconnecting .vx-badge__dot {
  background: var(--vx-warn); animation: vx-pulse 1s ease-in-out infinite;
}
.vx-badge--reconnecting { color: var(--vx-warn); }
.vx-badge--disconnected { color: var(--vx-danger); }
.vx-badge--disconnected .vx-badge__dot { background: var(--vx-danger); }
@keyframes vx-pulse { 50% { opacity: .3; } }

.vx-participant-count { margin: 0; font-size: .85rem; font-weight: 600; color: var(--vx-muted); font-variant-numeric: tabular-nums; }
/* The participant list scrolls by itself and only the rows in view are in the DOM (ParticipantList). A host
   that gives the panel a height lets the list fill what is left; otherwise it stops at
   --vx-participant-list-max-height. */
.vx-participant-scroller {
  flex: 1 1 auto; /* a panel given a height keeps its controls at the bottom */
  min-height: 0; max-height: var(--vx-participant-list-max-height, 60vh);
  overflow-y: auto; overscroll-behavior: contain;
}
.vx-participants { list-style: none; margin: 0; padding: 0; position: relative; width: 100%; }
.vx-participants > .vx-participant { position: absolute; top: 0; left: 0; width: 100%; }
.vx-empty { color: var(--vx-muted); padding: 12px 4px; margin: 0; flex: 1 1 auto; }
.vx-participant { border-radius: 12px; padding: 8px; background: var(--vx-surface-2); }
.vx-root .vx-participant:focus-visible { outline-offset: -2px; }
.vx-participant__main { display: flex; align-items: center; gap: 12px; }
.vx-participant__body { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 6px; }
.vx-participant__name-line { display: flex; align-items: center; gap: 6px; min-width: 0; }
.vx-participant__name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vx-participant__muted { color: var(--vx-danger); display: inline-flex; }
.vx-participant--silenced .vx-participant__name, .vx-participant--silenced .vx-avatar { opacity: .5; }
/* Outside the active speaker set (last-N): listed, not heard right now. Quiet, not alarming. */
.vx-participant--unheard { background: transparent; }
.vx-participant--unheard .vx-avatar { opacity: .6; filter: saturate(.35); }
.vx-participant--unheard .vx-participant__name { font-weight: 500; }
.vx-participant__unheard {
  font-size: .72rem; line-height: 1; color: var(--vx-muted);
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.vx-tag {
  font-size: .7rem; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px;
  border-radius: 6px; background: var(--vx-border); color: var(--vx-muted); white-space: nowrap;
}
.vx-tag--warn { color: var(--vx-warn); }
.vx-tag--live { background: var(--vx-danger-strong); color: #fff; font-weight: 700; }
.vx-tag--camera { display: inline-flex; align-items: center; padding: 0 4px; color: var(--vx-text); }
.vx-tag--camera svg { width: 14px; height: 14px; }

.vx-avatar {
  --vx-avatar-hue: 250;
  flex: none; width: 40px; height: 40px; border-radius: 50%;
  display: grid; place-items: center; font-weight: 700; font-size: 1.05rem;
  background: hsl(var(--vx-avatar-hue) 45% 32%); color: hsl(var(--vx-avatar-hue) 90% 88%);
  box-shadow: 0 0 0 2px var(--vx-surface-2), 0 0 0 4px transparent;
  transition: box-shadow .12s ease-out;
}
.vx-participant--speaking .vx-avatar {
  box-shadow: 0 0 0 2px var(--vx-surface-2), 0 0 0 4px var(--vx-speaking), 0 0 14px rgba(61, 220, 132, .45);
}

/* The active speaker set (last-N) above the participant list, most recently loud first. */
.vx-speakers { border: 1px solid var(--vx-border); border-radius: 12px; background: var(--vx-bg); padding: 6px; }
.vx-speakers__list {
  list-style: none; margin: 0; padding: 2px; display: flex; gap: 4px;
  overflow-x: auto; overscroll-behavior-x: contain; scrollbar-width: thin;
}
.vx-speaker {
  flex: 0 0 84px; min-width: 0; display: flex; flex-direction: column; align-items: center; gap: 5px;
  padding: 5px 3px 4px; border-radius: 10px;
}
.vx-speaker .vx-avatar {
  width: 32px; height: 32px; font-size: .9rem;
  box-shadow: 0 0 0 2px var(--vx-bg), 0 0 0 4px transparent;
}
.vx-speaker--speaking .vx-avatar {
  box-shadow: 0 0 0 2px var(--vx-bg), 0 0 0 4px var(--vx-speaking), 0 0 14px rgba(61, 220, 132, .45);
}
.vx-speaker__name {
  max-width: 100%; font-size: .75rem; font-weight: 600; line-height: 1.2;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.vx-speaker .vx-meter { width: 100%; }
.vx-speakers__empty { margin: 0; padding: 6px; color: var(--vx-muted); font-size: .85rem; }

.vx-meter { height: 4px; border-radius: 2px; background: var(--vx-border); overflow: hidden; }
.vx-meter__fill {
  height: 100%; width: 100%; transform-origin: left center; background: var(--vx-muted);
  transition: transform 80ms linear;
}
.vx-meter--active .vx-meter__fill { background: var(--vx-speaking); }

.vx-participant__details {
  display: flex; align-items: center; gap: 12px; flex-wrap: wrap; padding: 10px 4px 2px 52px;
}
/* A row opens its menu on a long press: no text selection or callout in the way. */
.vx-participant[data-has-menu] { -webkit-user-select: none; user-select: none; -webkit-touch-callout: none; }
.vx-participant-menu {
  position: fixed; z-index: 50; display: flex; flex-direction: column; gap: 10px; width: min(280px, calc(100vw - 16px));
  padding: 12px; border-radius: 12px; background: var(--vx-surface); border: 1px solid var(--vx-border);
  box-shadow: 0 8px 24px rgba(0, 0, 0, .45); color: var(--vx-text);
}
.vx-participant-menu__title { margin: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vx-participant-menu .vx-volume { min-width: 0; }
.vx-volume { display: flex; align-items: center; gap: 8px; flex: 1; min-width: 180px; color: var(--vx-muted); }
.vx-volume input { flex: 1; accent-color: var(--vx-accent); }
.vx-volume output { width: 3.5em; text-align: right; font-variant-numeric: tabular-nums; }

.vx-icon-button {
  flex: none; width: 40px; height: 40px; display: grid; place-items: center; border-radius: 10px;
  background: transparent; border: 1px solid transparent; color: var(--vx-muted); cursor: pointer;
}
.vx-icon-button:hover { background: var(--vx-surface-2); color: var(--vx-text); }
.vx-button {
  display: inline-flex; align-items: center; justify-content: center; gap: 8px;
  min-height: 44px; padding: 8px 14px; border-radius: 12px; cursor: pointer;
  background: var(--vx-surface-2); border: 1px solid var(--vx-border); font-weight: 600;
}
.vx-button:hover:not(:disabled) { border-color: var(--vx-muted); }
.vx-button:disabled { opacity: .5; cursor: not-allowed; }
.vx-button--small { min-height: 36px; padding: 4px 12px; font-size: .9rem; }
.vx-button--on, .vx-button[aria-pressed="true"] {
  background: rgba(240, 71, 90, .16); border-color: rgba(240, 71, 90, .55); color: #ffb3bc;
}
.vx-button--danger { background: var(--vx-danger-strong); border-color: var(--vx-danger-strong); color: #fff; }
.vx-button--primary { background: var(--vx-accent); border-color: var(--vx-accent); color: #fff; }

.vx-controls { display: flex; flex-direction: column; gap: 12px; padding-top: 4px; }
.vx-controls__row { display: grid; grid-template-columns: repeat(auto-fit, minmax(90px, 1fr)); gap: 8px; }
.vx-modes {
  display: grid; grid-template-columns: repeat(3, 1fr); gap: 4px; margin: 0; padding: 4px;
  border: 1px solid var(--vx-border); border-radius: 12px; background: var(--vx-bg); min-width: 0;
}
.vx-mode {
  position: relative; display: grid; place-items: center; text-align: center; min-height: 40px;
  padding: 4px 6px; border-radius: 9px; color: var(--vx-muted); font-size: .88rem; font-weight: 600;
  cursor: pointer;
}
.vx-mode input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
.vx-mode--checked { background: var(--vx-accent); color: #fff; }
.vx-mode:has(input:focus-visible) { outline: 2px solid var(--vx-accent-2); outline-offset: 1px; }

.vx-tx { margin: 0; display: flex; align-items: center; gap: 8px; font-size: .85rem; color: var(--vx-muted); }
.vx-tx__dot { width: 8px; height: 8px; border-radius: 50%; background: var(--vx-border); }
.vx-tx--on { color: var(--vx-speaking); }
.vx-tx--on .vx-tx__dot { background: var(--vx-speaking); box-shadow: 0 0 8px var(--vx-speaking); }

.vx-ptt {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px;
  width: 100%; min-height: 112px; border-radius: 20px; cursor: pointer;
  border: 2px solid var(--vx-accent); background: rgba(124, 108, 255, .14); color: var(--vx-text);
  touch-action: none; user-select: none; -webkit-user-select: none; -webkit-touch-callout: none;
  transition: transform .08s;
}
.vx-ptt__label { font-size: 1.25rem; font-weight: 700; }
.vx-ptt__hint { font-size: .8rem; color: var(--vx-muted); }
.vx-ptt kbd {
  font: inherit; padding: 0 6px; border-radius: 4px; border: 1px solid var(--vx-border); background: var(--vx-bg);
}
.vx-ptt--pressed { background: var(--vx-speaking); border-color: var(--vx-speaking); color: #06210f; transform: scale(.985); }
.vx-ptt--pressed .vx-ptt__hint { color: #0b3a1c; }
.vx-ptt:disabled { opacity: .45; cursor: not-allowed; }

.vx-settings { display: flex; flex-direction: column; gap: 14px; }
.vx-field { display: flex; flex-direction: column; gap: 6px; }
.vx-field__label { font-size: .85rem; font-weight: 600; color: var(--vx-muted); }
.vx-field__hint { font-size: .8rem; color: var(--vx-muted); }
.vx-field__error { font-size: .8rem; color: #ffc9cf; }
.vx-root input[type="text"], .vx-root input[type="search"], .vx-root select {
  min-height: 44px; padding: 8px 12px; border-radius: 10px; width: 100%;
  background: var(--vx-bg); border: 1px solid var(--vx-border);
}
.vx-root input.vx-filter__input { min-height: 40px; padding: 6px 12px; }
.vx-root input[aria-invalid="true"] { border-color: var(--vx-danger); }
.vx-keycap { justify-content: flex-start; font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
.vx-keycap--capturing { border-color: var(--vx-accent); color: var(--vx-accent-2); }
.vx-range { display: flex; align-items: center; gap: 10px; }
.vx-range input { flex: 1; accent-color: var(--vx-accent); min-height: 32px; }
.vx-range output { width: 3.5em; text-align: right; font-variant-numeric: tabular-nums; color: var(--vx-muted); }
/* Touch targets: every control at least 44 x 44 px (phones; the same sizes on a desktop). */
.vx-icon-button { min-width: 44px; min-height: 44px; }
.vx-button--small, .vx-mode { min-height: 44px; }
.vx-volume input, .vx-range input { min-height: 44px; margin: 0; }
.vx-check { display: flex; align-items: center; gap: 10px; min-height: 44px; cursor: pointer; }
.vx-check input { width: 22px; height: 22px; margin: 0; accent-color: var(--vx-accent); }
.vx-mic-test__row { display: flex; align-items: center; gap: 12px; }
.vx-mic-test__row .vx-meter { flex: 1; height: 8px; border-radius: 4px; }

/* Trouble model (TroubleNotice, MicrophoneNotice, ConnectionBadge troubles, QualityBars, participant states). */
.vx-trouble {
  display: flex; flex-direction: column; gap: 6px; margin: 0; padding: 10px 12px; border-radius: 10px;
  background: var(--vx-surface-2); border: 1px solid var(--vx-warn); color: var(--vx-text);
}
.vx-trouble--final { border-color: var(--vx-danger); }
.vx-trouble--mic { border-color: var(--vx-warn); }
.vx-trouble__title { margin: 0; font-weight: 600; }
.vx-trouble__detail { margin: 0; font-size: .85rem; color: var(--vx-muted); }
.vx-trouble__code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: .75rem; }
.vx-trouble .vx-button { align-self: flex-start; }
.vx-badge--trouble-offline, .vx-badge--trouble-server-unreachable, .vx-badge--trouble-reconnecting,
.vx-badge--trouble-media-connecting { color: var(--vx-warn); }
.vx-badge--trouble-offline .vx-badge__dot, .vx-badge--trouble-server-unreachable .vx-badge__dot,
.vx-badge--trouble-reconnecting .vx-badge__dot, .vx-badge--trouble-media-connecting .vx-badge__dot {
  background: var(--vx-warn); animation: vx-pulse 1s ease-in-out infinite;
}
.vx-badge--trouble-media-failed, .vx-badge--trouble-gave-up { color: #ff8a97; }
.vx-badge--trouble-media-failed .vx-badge__dot, .vx-badge--trouble-gave-up .vx-badge__dot { background: var(--vx-danger); }
.vx-quality { display: inline-flex; align-items: flex-end; gap: 2px; height: 14px; padding: 0 2px; flex: none; }
.vx-quality__bar { width: 4px; border-radius: 1px; background: var(--vx-border); }
.vx-quality--good .vx-quality__bar--on { background: var(--vx-speaking); }
.vx-quality--fair .vx-quality__bar--on { background: var(--vx-warn); }
.vx-quality--poor .vx-quality__bar--on { background: var(--vx-danger); }
.vx-participant__status { display: inline-flex; color: var(--vx-muted); }
.vx-participant__status--muted, .vx-participant__status--deafened { color: var(--vx-danger); }
.vx-participant__status--push-to-talk-idle { color: var(--vx-accent-2); }
.vx-participant__status--listen-only { color: var(--vx-warn); }
.vx-participant--stale { opacity: .6; }
.vx-tx--listen-only .vx-tx__dot { background: var(--vx-warn); }

@media (prefers-reduced-motion: reduce) {
  .vx-root *, .vx-root *::before, .vx-root *::after { animation: none !important; transition: none !important; }
}
`;

/**
 * The stream tiles (StreamTile) and the Go Live / camera buttons (VideoButtons): a separate sheet, so
 * a UI without video (the extension overlay) does not carry it. Inject it next to voicePanelCss.
 */
export const streamTileCss = /* css */ `
.vx-video-buttons { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.vx-video-buttons select {
  min-height: 40px; max-width: 14rem; border-radius: 10px; padding: 0 8px;
  background: var(--vx-surface-2); color: var(--vx-text); border: 1px solid var(--vx-border);
}
.vx-video-buttons__viewers { flex-basis: 100%; margin: 0; font-size: .8rem; color: var(--vx-muted); }
.vx-tile {
  position: relative; margin: 0; display: flex; flex-direction: column; min-width: 0;
  background: var(--vx-surface-2); border: 1px solid var(--vx-border); border-radius: 12px; overflow: hidden;
}
.vx-tile--focused { border-color: var(--vx-accent-2); }
.vx-tile__screen {
  position: relative; aspect-ratio: 16 / 9; background: #000; display: flex; align-items: center; justify-content: center;
}
.vx-tile__screen video { width: 100%; height: 100%; object-fit: contain; display: block; }
.vx-tile:fullscreen .vx-tile__screen { aspect-ratio: auto; flex: 1 1 auto; }
.vx-tile__idle { color: var(--vx-muted); padding: 12px; text-align: center; }
.vx-tile__bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 8px; }
.vx-tile__caption { flex: 1 1 8rem; min-width: 0; display: flex; gap: 6px; align-items: center; overflow: hidden; }
.vx-tile__name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
.vx-tile__viewers { flex-basis: 100%; margin: 0; font-size: .8rem; color: var(--vx-muted); }
`;
