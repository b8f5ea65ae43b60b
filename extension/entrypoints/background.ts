import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { chromeHostLink, inPageHostLink, type HostLink } from '../utils/hostLink';
import { isMessage, MessageType, STATE_PORT, Target, type CommandResult, type ExtensionState, type PortMessage, type SessionCommand } from '../utils/messages';
import { PrefKey, writePref } from '../utils/prefs';

// Routes messages between the UI (popup, options, every tab's overlay) and the SessionHost; holds
// no media. Opens the host on join and closes it after leave; pushes every state to every port.
export default defineBackground({
  // Firefox (MV2) hosts the session in this page: it must not be unloaded during a call.
  persistent: { firefox: true },
  main,
});

function main(): void {
  const ports = new Set<Browser.runtime.Port>();
  let last: ExtensionState | null = null;
  let callActive: boolean | null = null;
  let linkPromise: Promise<HostLink> | null = null;

  const link = (): Promise<HostLink> =>
    (linkPromise ??= import.meta.env.FIREFOX ? inPageHostLink(onState) : chromeHostLink());

  function onState(state: ExtensionState): void {
    last = state;
    const active = state.session.connectionState !== 'disconnected';
    if (active !== callActive) {
      callActive = active;
      void writePref(PrefKey.CallActive, active);
    }
    const message: PortMessage = { type: MessageType.State, state };
    for (const port of ports) port.postMessage(message);
  }

  // Controls (mute, push-to-talk press / release...) run one after the other so they cannot
  // overtake each other on the async hops; join and leave do not wait behind them.
  let controls: Promise<unknown> = Promise.resolve();
  function command(cmd: SessionCommand): Promise<CommandResult> {
    if (cmd.name === 'join' || cmd.name === 'leave') return runCommand(cmd);
    const next = controls.then(() => runCommand(cmd));
    controls = next.catch(() => undefined);
    return next;
  }

  async function runCommand(cmd: SessionCommand): Promise<CommandResult> {
    const host = await link();
    if (cmd.name === 'join') await host.open();
    else if (!(await host.isOpen())) return { ok: false, error: 'not in a channel' };
    const result = await host.command(cmd);
    if (cmd.name === 'leave' || (cmd.name === 'join' && !result.ok)) {
      const state = await host.state().catch(() => null);
      if (state) onState(state);
      if (state?.session.connectionState === 'disconnected') await host.close();
    }
    return result;
  }

  async function currentState(): Promise<ExtensionState | null> {
    if (last) return last;
    const host = await link();
    if (!(await host.isOpen())) return null;
    const state = await host.state().catch(() => null);
    if (state) onState(state);
    return state;
  }

  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isMessage(message) || message.target !== Target.Background) return undefined;
    switch (message.type) {
      case MessageType.Command:
        return command(message.command);
      case MessageType.State:
        onState(message.state);
        return undefined;
      case MessageType.GetState:
        return currentState();
      case MessageType.GetStats:
        return link().then(async (host) => ((await host.isOpen()) ? host.stats() : null));
      default:
        return undefined;
    }
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== STATE_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    void currentState().then((state) => {
      if (ports.has(port)) port.postMessage({ type: MessageType.State, state } satisfies PortMessage);
    });
  });

  browser.commands.onCommand.addListener((name) => {
    if (name === 'toggle-mute') void command({ name: 'toggleMute' });
  });

  // A browser restart leaves no session behind: clear the flag idle pages read.
  browser.runtime.onStartup.addListener(() => void writePref(PrefKey.CallActive, false));
  browser.runtime.onInstalled.addListener(() => void writePref(PrefKey.CallActive, false));
}
