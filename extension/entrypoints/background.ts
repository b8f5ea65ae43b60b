import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackgroundRouter } from '../utils/backgroundRouter';
import { chromeHostLink, inPageHostLink } from '../utils/hostLink';
import { STATE_PORT } from '../utils/messages';
import { PrefKey, writePref } from '../utils/prefs';

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

  browser.runtime.onMessage.addListener((message: unknown) => router.onMessage(message));

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
