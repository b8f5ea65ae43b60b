import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackgroundRouter } from '../utils/backgroundRouter';
import { chromeHostLink, inPageHostLink } from '../utils/hostLink';
import { acceptAdvertisedServer } from '../utils/discovery';
import { isMessage, MessageType, STATE_PORT, Target, type CommandResult } from '../utils/messages';
import { tabStreamId } from '../utils/tabCapture';
import { PrefKey, readPrefs, writePref } from '../utils/prefs';

// Routes messages between the UI (popup, options, every tab's overlay) and the ChannelHost; holds
// no media. The routing itself is utils/backgroundRouter.ts; this file wires it to the browser.
export default defineBackground({
  // Firefox (MV2) hosts the Channel in this page: it must not be unloaded during a call.
  persistent: { firefox: true },
  main,
});

function main(): void {
  const router = new BackgroundRouter(
    (onState) => (import.meta.env.FIREFOX ? inPageHostLink(onState) : chromeHostLink()),
    (active) => void writePref(PrefKey.CallActive, active),
  );

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isMessage(message) && message.target === Target.Background) {
      if (message.type === MessageType.ServerAdvertised) {
        // Kept only when the page advertises its own origin (the browser says which page sent it).
        const origin = acceptAdvertisedServer(message.url, sender.url);
        if (origin) void rememberAdvertisedServer(origin);
        return undefined;
      }
      if (message.type === MessageType.OpenOptions) {
        void browser.runtime.openOptionsPage();
        return undefined;
      }
      if (message.type === MessageType.ShareTab) return shareTab(router, message.tabId ?? sender.tab?.id);
    }
    return router.onMessage(message);
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== STATE_PORT) return;
    port.onDisconnect.addListener(() => router.removePort(port));
    void router.addPort(port);
  });

  browser.commands.onCommand.addListener((name) => {
    if (name === 'toggle-mute') void router.command({ name: 'toggleMute', args: [] });
  });

  // A browser restart leaves no Channel behind: clear the flag idle pages read.
  browser.runtime.onStartup.addListener(() => void writePref(PrefKey.CallActive, false));
  browser.runtime.onInstalled.addListener(() => void writePref(PrefKey.CallActive, false));
}

/** Asks Chrome for the tab's capture (the user invoked Voxlay on it) and hands it to the host. */
async function shareTab(router: BackgroundRouter, tabId: number | undefined): Promise<CommandResult> {
  if (tabId === undefined) return { ok: false, error: 'No tab to share.' };
  try {
    return await router.command({ name: 'shareTab', streamId: await tabStreamId(tabId), tabId });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The last server a page advertised, for the popup's "Use <origin>" (written only when it changes). */
async function rememberAdvertisedServer(origin: string): Promise<void> {
  const { advertisedServer } = await readPrefs();
  if (advertisedServer?.origin !== origin) await writePref(PrefKey.AdvertisedServer, { origin, seenAt: Date.now() });
}
