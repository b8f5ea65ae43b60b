import { browser, type Browser } from 'wxt/browser';
import { MessageType, STATE_PORT, type ExtensionState, type PortMessage } from './messages';

const RECONNECT_MS = 1_000;

/**
 * The overlay's link to the Channel: a runtime port on which the background pushes every state.
 * Reconnects if the port drops (the service worker restarted). Returns the undo.
 */
export function connectState(listener: (state: ExtensionState | null) => void): () => void {
  let port: Browser.runtime.Port | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const onMessage = (message: unknown): void => {
    const m = message as PortMessage;
    if (m?.type === MessageType.State) listener(m.state);
  };
  const open = (): void => {
    if (stopped || !browser.runtime?.id) return;
    port = browser.runtime.connect({ name: STATE_PORT });
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => {
      port = null;
      if (!stopped) timer = setTimeout(open, RECONNECT_MS);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
    port = null;
  };
}
