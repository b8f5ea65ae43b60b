// The background's message routing without a browser: a fake ChannelHost link and fake ports.
import { describe, expect, it } from 'vitest';
import { BackgroundRouter, type StatePort } from '../utils/backgroundRouter';
import type { HostLink } from '../utils/hostLink';
import { MessageType, Target, type CommandResult, type ExtensionState, type HostCommand, type PortMessage } from '../utils/messages';
import { idleChannelState } from '../utils/state';

const stateOf = (connectionState: ExtensionState['channel']['connectionState']): ExtensionState => ({
  channel: { ...idleChannelState(), connectionState },
  serverUrl: 'http://voxlay.test',
});

/** A host that records what it is asked; `hold` keeps the next command of that name back until released. */
function fakeHost() {
  const log: string[] = [];
  let open = false;
  let state = stateOf('disconnected');
  const holds = new Set<string>();
  const releases = new Map<string, () => void>();
  const link: HostLink = {
    open: async () => {
      log.push('open');
      open = true;
    },
    isOpen: async () => open,
    command: async (command: HostCommand): Promise<CommandResult> => {
      log.push(`command ${command.name}${'args' in command ? JSON.stringify(command.args) : ''}`);
      if (holds.delete(command.name)) await new Promise<void>((resolve) => releases.set(command.name, resolve));
      if (command.name === 'join') state = stateOf('connected');
      if (command.name === 'leave') state = stateOf('disconnected');
      log.push(`done ${command.name}`);
      return { ok: true };
    },
    state: async () => state,
    stats: async () => ({ inboundBytes: 1, outboundBytes: 2, inboundAudioLevel: 0 }),
    close: async () => {
      log.push('close');
      open = false;
    },
  };
  return { link, log, hold: (name: string) => void holds.add(name), release: (name: string) => releases.get(name)?.() };
}

function setup() {
  const host = fakeHost();
  const active: boolean[] = [];
  const router = new BackgroundRouter(
    async () => host.link,
    (a) => active.push(a),
  );
  const port = (): StatePort & { got: PortMessage[] } => {
    const got: PortMessage[] = [];
    return { got, postMessage: (m) => void got.push(m) };
  };
  const command = (command: HostCommand) =>
    router.onMessage({ target: Target.Background, type: MessageType.Command, command }) as Promise<CommandResult>;
  return { router, host, active, port, command };
}

const join: HostCommand = { name: 'join', serverUrl: 'http://voxlay.test', channel: { id: 'ch', name: 'Lobby' }, displayName: 'Me' };

describe('BackgroundRouter', () => {
  it('opens the host on join and sends the command there; a control without a host is refused', async () => {
    const { host, command } = setup();
    expect(await command({ name: 'setMuted', args: [true] })).toEqual({ ok: false, error: 'not in a channel' });
    expect(host.log).toEqual([]);
    expect(await command(join)).toEqual({ ok: true });
    expect(await command({ name: 'setMuted', args: [true] })).toEqual({ ok: true });
    expect(host.log).toEqual(['open', 'command join', 'done join', 'command setMuted[true]', 'done setMuted']);
  });

  it('opens the host on prepare and hands it the server, without a call', async () => {
    const { host, command, active } = setup();
    expect(await command({ name: 'prepare', serverUrl: 'http://voxlay.test' })).toEqual({ ok: true });
    expect(host.log).toEqual(['open', 'command prepare', 'done prepare']);
    expect(await command(join)).toEqual({ ok: true });
    expect(host.log.slice(3)).toEqual(['open', 'command join', 'done join']);
    expect(active).toEqual([]);
  });

  it('runs the call controls one after the other (a release never overtakes its press); a join does not wait behind them', async () => {
    const { host, command } = setup();
    await command(join);
    host.log.length = 0;
    host.hold('setPushToTalk');
    const press = command({ name: 'setPushToTalk', args: [true] });
    const release = command({ name: 'setPushToTalk', args: [false] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.log).toEqual(['command setPushToTalk[true]']);
    await command(join); // join (and leave) never queue behind the controls
    expect(host.log).toEqual(['command setPushToTalk[true]', 'open', 'command join', 'done join']);
    host.release('setPushToTalk');
    await Promise.all([press, release]);
    expect(host.log.slice(4)).toEqual(['done setPushToTalk', 'command setPushToTalk[false]', 'done setPushToTalk']);
  });

  it('closes the host after a leave once the Channel is disconnected, and pushes that state to every port', async () => {
    const { router, host, command, port, active } = setup();
    const a = port();
    await command(join);
    await router.addPort(a); // no state pushed yet: the new port gets the host's
    expect(a.got.at(-1)).toEqual({ type: MessageType.State, state: stateOf('connected') });
    await command({ name: 'leave', args: [] });
    expect(host.log.at(-1)).toBe('close');
    expect(a.got.at(-1)).toEqual({ type: MessageType.State, state: stateOf('disconnected') });
    expect(active).toEqual([true, false]);
  });

  it('pushes every state from the host to every port, and remembers the last for new ports and GetState', async () => {
    const { router, port, active } = setup();
    const a = port();
    const b = port();
    await router.addPort(a);
    await router.addPort(b);
    router.onMessage({ target: Target.Background, type: MessageType.State, state: stateOf('connected') });
    expect(a.got.at(-1)?.state?.channel.connectionState).toBe('connected');
    expect(b.got.at(-1)?.state?.channel.connectionState).toBe('connected');
    router.removePort(b);
    router.onMessage({ target: Target.Background, type: MessageType.State, state: stateOf('reconnecting') });
    expect(b.got.at(-1)?.state?.channel.connectionState).toBe('connected');
    expect(await router.onMessage({ target: Target.Background, type: MessageType.GetState })).toEqual(stateOf('reconnecting'));
    expect(active).toEqual([true]);
  });

  it('ignores messages for other targets and anything that is not a message', () => {
    const { router } = setup();
    expect(router.onMessage({ target: Target.Offscreen, type: MessageType.GetState })).toBeUndefined();
    expect(router.onMessage('hello')).toBeUndefined();
    expect(router.onMessage(null)).toBeUndefined();
  });

  it('answers GetStats from the host only while it is open', async () => {
    const { router, command } = setup();
    expect(await router.onMessage({ target: Target.Background, type: MessageType.GetStats })).toBeNull();
    await command(join);
    expect(await router.onMessage({ target: Target.Background, type: MessageType.GetStats })).toEqual({
      inboundBytes: 1,
      outboundBytes: 2,
      inboundAudioLevel: 0,
    });
  });
});
