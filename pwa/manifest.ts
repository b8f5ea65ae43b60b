import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#0f1115';
export const BACKGROUND_COLOR = '#0f1115';

/** The web app manifest (vite-plugin-pwa writes it as manifest.webmanifest). Icons live in public/. */
export const manifest = {
  name: 'Voxlay',
  short_name: 'Voxlay',
  description: 'Voice channels: join a channel and talk, from your phone or your desktop.',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  categories: ['social', 'communication'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
} satisfies Partial<ManifestOptions>;
