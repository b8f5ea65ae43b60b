import { browser } from 'wxt/browser';
import { MessageType, Target, type CommandResult, type ExtensionState, type HostCommand, type CallStats } from './messages';

/** How the background reaches the ChannelHost, wherever it lives. */
export interface HostLink {
  /** Starts the host if it is not running. */
  open(): Promise<void>;
  isOpen(): Promise<boolean>;
  command(command: HostCommand): Promise<CommandResult>;
  state(): Promise<ExtensionState | null>;
  stats(): Promise<CallStats | null>;
  close(): Promise<void>;
}

const NO_RECEIVER_RETRIES = 20;
const NO_RECEIVER_DELAY_MS = 100;

/** Chrome: the host is the offscreen document; messages go through chrome.runtime. */
export async function chromeHostLink(): Promise<HostLink> {
  const offscreen = await import('./offscreen');
  const send = async <T>(message: object): Promise<T> => {
    // A just-created offscreen document may not listen yet: retry briefly while nobody answers.
    for (let attempt = 0; ; attempt++) {
      try {
        return (await browser.runtime.sendMessage({ target: Target.Offscreen, ...message })) as T;
      } catch (error) {
        if (attempt >= NO_RECEIVER_RETRIES || !String(error).includes('Receiving end does not exist')) throw error;
        await new Promise((resolve) => setTimeout(resolve, NO_RECEIVER_DELAY_MS));
      }
    }
  };
  return {
    open: () => offscreen.ensureOffscreenDocument(),
    isOpen: () => offscreen.hasOffscreenDocument(),
    command: (command) => send<CommandResult>({ type: MessageType.Command, command }),
    state: () => send<ExtensionState | null>({ type: MessageType.GetState }),
    stats: () => send<CallStats | null>({ type: MessageType.GetStats }),
    close: () => offscreen.closeOffscreenDocument(),
  };
}

/**
 * Firefox: no offscreen documents, but its background is a page with DOM and getUserMedia, so the
 * host runs right there (loaded on the first join).
 */
export async function inPageHostLink(onState: (state: ExtensionState) => void): Promise<HostLink> {
  const [{ ChannelHost }, { collectStats, trackPeerConnections }] = await Promise.all([import('./channelHost'), import('./peerStats')]);
  let host: InstanceType<typeof ChannelHost> | null = null;
  let untrack: (() => void) | null = null;
  return {
    open: async () => {
      untrack ??= trackPeerConnections();
      host ??= new ChannelHost(localStorage, onState);
    },
    isOpen: async () => host !== null,
    command: async (command) => (host ? host.run(command) : { ok: false, error: 'not in a channel' }),
    state: async () => host?.state ?? null,
    stats: async () => (host ? collectStats() : null),
    close: async () => {
      await host?.close();
      host = null;
      untrack?.();
      untrack = null;
    },
  };
}
