/**
 * The extension's colour adjustments over core's voicePanelCss, shared by its pages and the overlay:
 * white text on the accent and danger buttons and on the selected voice mode meets 4.5:1 (core's
 * #7c6cff gives 3.86:1, #f0475a 3.65:1), and "Disconnected" is not an alarm when nobody joined yet
 * (grey, not red: the idle state is calm). Candidates for core itself; see the extension README.
 */
export const extensionThemeCss = /* css */ `
.vx-root { --vx-accent-strong: #6554f0; --vx-danger-strong: #cc2d42; }
.vx-root .vx-button--primary, .vx-root .vx-mode--checked { background: var(--vx-accent-strong); border-color: var(--vx-accent-strong); color: #fff; }
.vx-root .vx-button--danger { background: var(--vx-danger-strong); border-color: var(--vx-danger-strong); color: #fff; }
.vx-root .vx-badge--disconnected { color: var(--vx-muted); }
.vx-root .vx-badge--disconnected .vx-badge__dot { background: var(--vx-muted); }
`;
