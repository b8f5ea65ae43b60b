import type { HostLink } from './hostLink';
import { isMessage, MessageType, Target, type CommandResult, type ExtensionState, type HostCommand, type PortMessage } from './messages';

/** A tab's or page's state port, as far as the router uses it. */
export interface StatePort {
  postMessage(message: PortMessage): void;
}

/**
 * The background's message routing, without the browser (background.ts wires it to `runtime`):
 * commands go to the ChannelHost (a prepare or a join opens it, a leave closes it once the Channel is
 * disconnected; the call's controls run one after the other so a push-to-talk release cannot
 * overtake its press, while join and leave never wait behind them); every state goes to every port.
 */
export class BackgroundRouter {
  private readonly ports = new Set<StatePort>();
  private last: ExtensionState | null = null;
  private callActive: boolean | null = null;
  private link: Promise<HostLink> | null = null;
  private controls: Promise<unknown> = Promise.resolve();

  constructor(
    /** Reaches the host (Chrome: the offscreen document; Firefox: this page), handing it `onState`. */
    private readonly openLink: (onState: (state: ExtensionState) => void) => Promise<HostLink>,
    /** Whether a call is active changed (the flag idle pages read). */
    private readonly callActiveChanged: (active: boolean) => void,
  ) {}

  private host(): Promise<HostLink> {
    this.link ??= this.openLink((state) => this.onState(state));
    return this.link;
  }

  /** A state from the host: remembered, and pushed to every port. */
  onState(state: ExtensionState): void {
    this.last = state;
    const active = state.channel.connectionState !== 'disconnected';
    if (active !== this.callActive) {
      this.callActive = active;
      this.callActiveChanged(active);
    }
    const message: PortMessage = { type: MessageType.State, state };
    for (const port of this.ports) port.postMessage(message);
  }

  command(command: HostCommand): Promise<CommandResult> {
    if (command.name === 'prepare' || command.name === 'join' || command.name === 'leave') return this.run(command);
    const next = this.controls.then(() => this.run(command));
    this.controls = next.catch(() => undefined);
    return next;
  }

  private async run(command: HostCommand): Promise<CommandResult> {
    const host = await this.host();
    // Preparing opens the host too (Chrome: the offscreen document), so the join finds it ready.
    if (command.name === 'join' || command.name === 'prepare') await host.open();
    else if (!(await host.isOpen())) return { ok: false, error: 'not in a channel' };
    const result = await host.command(command);
    if (command.name === 'leave' || (command.name === 'join' && !result.ok)) {
      const state = await host.state().catch(() => null);
      if (state) this.onState(state);
      if (state?.channel.connectionState === 'disconnected') await host.close();
    }
    return result;
  }

  async currentState(): Promise<ExtensionState | null> {
    if (this.last) return this.last;
    const host = await this.host();
    if (!(await host.isOpen())) return null;
    const state = await host.state().catch(() => null);
    if (state) this.onState(state);
    return state;
  }

  /** A runtime message: the answer (a promise) for those addressed to the background, else undefined. */
  onMessage(message: unknown): Promise<unknown> | undefined {
    if (!isMessage(message) || message.target !== Target.Background) return undefined;
    switch (message.type) {
      case MessageType.Command:
        return this.command(message.command);
      case MessageType.State:
        this.onState(message.state);
        return undefined;
      case MessageType.GetState:
        return this.currentState();
      case MessageType.GetStats:
        return this.host().then(async (host) => ((await host.isOpen()) ? host.stats() : null));
      default:
        return undefined;
    }
  }

  /** A new state port: it gets the current state at once, then every change until removePort(). */
  async addPort(port: StatePort): Promise<void> {
    this.ports.add(port);
    const state = await this.currentState();
    if (this.ports.has(port)) port.postMessage({ type: MessageType.State, state });
  }

  removePort(port: StatePort): void {
    this.ports.delete(port);
  }
}
