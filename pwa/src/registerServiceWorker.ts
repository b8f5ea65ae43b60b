import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the generated service worker (workbox precache of the shell; /graphql is never cached).
 * autoUpdate: a new version activates and the page reloads on its own once it is idle.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registerSW({
    immediate: true,
    onRegisterError(error: unknown) {
      console.warn('[voxlay] service worker registration failed', error);
    },
  });
}
