import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Voxlay browser extension. Chrome MV3 first; `wxt build -b firefox` builds the Firefox (MV2) flavour.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { sourcemap: false },
  }),
  manifest: ({ browser }) => ({
    name: 'Voxlay',
    description: 'Voice channels that stay with you while you browse.',
    permissions: browser === 'firefox' ? ['storage'] : ['offscreen', 'storage', 'tabCapture'],
    // No port in a pattern: Firefox's match patterns have none; in Chrome these cover every port.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // Other servers are asked for at run time (popup / options, in the user's click).
    ...(browser === 'firefox'
      ? {
          optional_permissions: ['http://*/*', 'https://*/*'],
          browser_specific_settings: { gecko: { id: 'extension@voxlay.dev', strict_min_version: '115.0' } },
        }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    commands: {
      'toggle-mute': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Mute or unmute the microphone',
      },
    },
    // 'wasm-unsafe-eval': the offscreen document compiles RNNoise's wasm ("Noise suppression"); no other eval.
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
        : { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    // The overlay bundle is imported on demand by the content script; no other file is exposed to pages.
    web_accessible_resources:
      browser === 'firefox' ? ['overlay.js'] : [{ resources: ['overlay.js'], matches: ['<all_urls>'], use_dynamic_url: true }],
  }),
});
