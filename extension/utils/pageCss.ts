import { extensionThemeCss } from './theme';

/** Layout for the extension's own pages (popup, options, permission); the look comes from voicePanelCss. */
export const pageCss = /* css */ `${extensionThemeCss}
html, body { margin: 0; background: #0f1115; }
.vx-root { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--vx-text); background: var(--vx-bg); }
.xp { display: flex; flex-direction: column; gap: 12px; padding: 14px; }
.xp--popup { width: 340px; }
.xp--page { max-width: 560px; margin: 0 auto; padding: 32px 20px; }
.xp h1 { font-size: 1.1rem; margin: 0; }
.xp h2 { font-size: .95rem; margin: 0; }
.xp h2:focus { outline: none; }
.xp__offer { display: flex; flex-direction: column; gap: 8px; padding: 10px 12px; border-radius: 10px; background: var(--vx-surface-2); border: 1px solid var(--vx-border); }
.xp__offer p { margin: 0; }
.xp__hint { margin: 0; color: var(--vx-text); }
.xp__row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.xp__muted { color: var(--vx-muted); font-size: 12px; margin: 0; }
.xp input[type='text'], .xp input[type='url'], .xp select, .xp textarea {
  background: var(--vx-surface-2); color: var(--vx-text); border: 1px solid var(--vx-border);
  border-radius: 8px; padding: 8px 10px; font: inherit;
}
.xp textarea { min-height: 80px; resize: vertical; }
.xp__list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.xp__item { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 10px; border-radius: 10px; background: var(--vx-surface-2); }
.xp__links { display: flex; gap: 12px; flex-wrap: wrap; }
.xp a, .xp__link { color: var(--vx-accent-2); cursor: pointer; background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; }
`;
