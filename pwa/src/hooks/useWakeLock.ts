import { useEffect, useState } from 'preact/hooks';

export interface WakeLockView {
  /** False where the browser has no Screen Wake Lock API. */
  supported: boolean;
  /** The lock is held now. */
  held: boolean;
  /** Why the browser refused the lock (the last request), or null. */
  error: string | null;
}

export const wakeLockSupported = (): boolean => typeof navigator !== 'undefined' && 'wakeLock' in navigator;

/**
 * Holds a screen wake lock while `enabled` (in a call with "Keep screen on" set). The browser drops
 * the lock when the page is hidden; it is asked for again when the page is visible again. Released
 * when disabled or unmounted (leave).
 */
export function useWakeLock(enabled: boolean): WakeLockView {
  const supported = wakeLockSupported();
  const [held, setHeld] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled || !supported) return;
    setError(null);
    let sentinel: WakeLockSentinel | null = null;
    let requesting = false;
    let done = false;
    const onRelease = () => {
      if (!done) setHeld(false);
    };
    const acquire = async () => {
      if (done || requesting || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      requesting = true;
      try {
        const next = await navigator.wakeLock.request('screen');
        if (done) {
          await next.release();
          return;
        }
        sentinel?.removeEventListener('release', onRelease);
        sentinel = next;
        sentinel.addEventListener('release', onRelease);
        setHeld(true);
        setError(null);
      } catch (e) {
        if (!done) setError(e instanceof Error ? e.message : String(e));
      } finally {
        requesting = false;
      }
    };
    const onVisibility = () => void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    void acquire();
    return () => {
      done = true;
      document.removeEventListener('visibilitychange', onVisibility);
      sentinel?.removeEventListener('release', onRelease);
      void sentinel?.release().catch(() => undefined);
      setHeld(false);
    };
  }, [enabled, supported]);

  return { supported, held: enabled && held, error: enabled ? error : null };
}
