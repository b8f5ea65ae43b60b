import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { readAdvertisedServer } from '../../utils/discovery';
import { isMessage, MessageType, Target } from '../../utils/messages';
import { PrefKey } from '../../utils/prefs';

/**
 * The script on every page, kept tiny: it tells the background when the page advertises a Voxlay
 * server (utils/discovery.ts), and decides when to load the overlay bundle (a call is active, or the
 * user opened it from the popup), then hands over to it for good.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    const advertised = readAdvertisedServer(document);
    if (advertised) {
      void browser.runtime
        .sendMessage({ target: Target.Background, type: MessageType.ServerAdvertised, url: advertised })
        .catch(() => undefined);
    }
    let loading = false;
    const stop = (): void => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
    };
    const load = (open: boolean): void => {
      if (loading || ctx.isInvalid) return;
      loading = true;
      stop();
      // The overlay registers itself; `open` asks it to show even without a call.
      (globalThis as { __voxlayOverlayOpen?: boolean }).__voxlayOverlayOpen = open;
      import(/* @vite-ignore */ browser.runtime.getURL('/overlay.js')).catch((e: unknown) => {
        console.warn('[voxlay] overlay failed to load', e);
        loading = false;
      });
    };
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'local' && changes[PrefKey.CallActive]?.newValue === true) load(false);
    };
    const onMessage = (message: unknown): undefined | Promise<boolean> => {
      if (!isMessage(message) || message.target !== Target.Tab || message.type !== MessageType.OpenOverlay) return undefined;
      load(true);
      return Promise.resolve(true);
    };
    browser.storage.onChanged.addListener(onStorage);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(stop);
    void browser.storage.local.get(PrefKey.CallActive).then((v) => {
      if (v[PrefKey.CallActive] === true) load(false);
    });
  },
});
