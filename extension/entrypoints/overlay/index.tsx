import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { voicePanelCss } from '@voxlay/core/ui';
import { isMessage, MessageType, Target, type ExtensionState } from '../../utils/messages';
import { overlayPrefsOf, readPrefs, setSiteHidden, watchPrefs, writeOverlayPrefs, type OverlayPrefs, type Prefs } from '../../utils/prefs';
import { idleChannelState, isCallActive } from '../../utils/state';
import { connectState } from '../../utils/stateClient';
import { bindKeys } from './keys';
import { Overlay } from './Overlay';
import { overlayCss, pinRem } from './styles';

/**
 * The overlay bundle, imported on demand by the content script into its isolated world. Mounts
 * once per page in a shadow root (page CSS cannot reach in, ours cannot leak out) and renders the
 * shared VoicePanel from the state the background pushes. Everything it starts, it stops when the
 * extension context goes away.
 */
export default defineUnlistedScript(() => {
  const g = globalThis as { __voxlayOverlay?: boolean; __voxlayOverlayOpen?: boolean };
  if (g.__voxlayOverlay) return;
  g.__voxlayOverlay = true;
  void start(g.__voxlayOverlayOpen === true);
});

async function start(openedByUser: boolean): Promise<void> {
  const ctx = new ContentScriptContext('voxlay-overlay');
  const site = location.hostname;
  let state: ExtensionState | null = null;
  let prefs: Prefs = await readPrefs();
  let opened = openedByUser;
  let unbindKeys: (() => void) | null = null;
  let keysFor = '';

  const ui = await createShadowRootUi(ctx, {
    name: 'voxlay-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: pinRem(`${voicePanelCss}\n${overlayCss}`),
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  ui.mount();

  // Position and view are remembered per site.
  const setOverlay = (patch: Partial<OverlayPrefs>): void => {
    const overlay = { ...overlayPrefsOf(prefs, site), ...patch };
    prefs = { ...prefs, overlaySites: { ...prefs.overlaySites, [site]: overlay } };
    void writeOverlayPrefs(site, overlay);
    draw();
  };

  function draw(): void {
    if (ctx.isInvalid) return;
    const channelState = state?.channel;
    const active = isCallActive(channelState);
    // Keys follow the Channel's mode and key; rebind only when those change.
    const keys = active && channelState ? `${channelState.mode}|${channelState.pttKey}` : '';
    if (keys !== keysFor) {
      unbindKeys?.();
      unbindKeys = keys && channelState ? bindKeys(channelState) : null;
      keysFor = keys;
    }
    const visible = !!state && (active || opened) && !prefs.hiddenSites.includes(site);
    ui.shadowHost.toggleAttribute('data-active', active);
    render(
      visible && state ? (
        <Overlay
          state={state}
          prefs={overlayPrefsOf(prefs, site)}
          onPrefs={setOverlay}
          onHideSite={() => void setSiteHidden(site, true)}
          onClose={
            active
              ? undefined
              : () => {
                  opened = false;
                  draw();
                }
          }
        />
      ) : null,
      ui.uiContainer,
    );
  }

  const stopState = connectState((next) => {
    state = next ?? { channel: idleChannelState(), serverUrl: null };
    draw();
  });
  const stopPrefs = watchPrefs(() => {
    void readPrefs().then((p) => {
      prefs = p;
      draw();
    });
  });
  const onMessage = (message: unknown): undefined | Promise<boolean> => {
    if (!isMessage(message) || message.target !== Target.Tab || message.type !== MessageType.OpenOverlay) return undefined;
    opened = true;
    if (prefs.hiddenSites.includes(site)) void setSiteHidden(site, false);
    draw();
    return Promise.resolve(true);
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.onInvalidated(() => {
    stopState();
    stopPrefs();
    browser.runtime.onMessage.removeListener(onMessage);
    unbindKeys?.();
    unbindKeys = null;
  });
  if (openedByUser && prefs.hiddenSites.includes(site)) void setSiteHidden(site, false);
  draw();
}
