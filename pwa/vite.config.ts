import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { manifest } from './manifest.ts';

// `npm run dev` proxies the control plane to a local server (VOXLAY_SERVER, default :3000).
const server = process.env.VOXLAY_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      registerType: 'autoUpdate',
      strategies: 'generateSW',
      injectRegister: false, // src/registerServiceWorker.ts does it (virtual:pwa-register)
      includeManifestIcons: false, // globPatterns already precaches public/ (no duplicate entries)
      manifest,
      workbox: {
        navigateFallback: '/index.html',
        // The control plane and probes are always live: never served from the cache.
        navigateFallbackDenylist: [/^\/graphql/, /^\/healthz/, /^\/metrics/],
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
        cleanupOutdatedCaches: true,
        // autoUpdate: a new worker takes over at once (set by hand: injectRegister is off).
        skipWaiting: true,
        clientsClaim: true,
        runtimeCaching: [], // nothing at runtime: the shell is precached, everything else is live
      },
    }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': { target: server, ws: true, changeOrigin: true },
      '/healthz': { target: server },
    },
  },
});
