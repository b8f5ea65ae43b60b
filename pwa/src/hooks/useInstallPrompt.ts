import { useEffect, useState } from 'preact/hooks';
import { useInstalled } from './useInstalled';

/** Chromium's install prompt event (not in lib.dom). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

export interface InstallPrompt {
  /**
   * True only after `beforeinstallprompt` fired and until the app is installed or the prompt used;
   * never while the app runs installed (standalone).
   */
  canInstall: boolean;
  install(): Promise<void>;
}

/** Keeps the deferred `beforeinstallprompt` so an Install button can show the browser's prompt. */
export function useInstallPrompt(): InstallPrompt {
  const installed = useInstalled();
  const [deferred, setDeferred] = useState<BeforeInstallPromptEvent | null>(null);
  useEffect(() => {
    const onPrompt = (e: Event) => {
      e.preventDefault(); // we show our own button instead of the mini-infobar
      setDeferred(e as BeforeInstallPromptEvent);
    };
    const onInstalled = () => setDeferred(null);
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, []);
  return {
    canInstall: deferred !== null && !installed,
    async install() {
      if (!deferred) return;
      setDeferred(null); // a prompt can be used once
      await deferred.prompt();
      await deferred.userChoice.catch(() => undefined);
    },
  };
}
