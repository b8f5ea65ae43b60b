import type { ChannelControls } from './types';

/**
 * The controls of a call, declared once: every control of a Channel but join (which needs more
 * than the Channel: a server, a channel to pick), plus toggleMute. The PWA screen, the extension's
 * popup, overlay, options page and keyboard shortcut, and the offscreen host all use this list.
 */
export const CALL_COMMAND_NAMES = [
  'leave',
  'setMuted',
  'toggleMute',
  'setDeafened',
  'setMode',
  'setVadSensitivity',
  'setPushToTalk',
  'setPttKey',
  'selectMicrophone',
  'setNoiseSuppression',
  'setParticipantVolume',
  'setParticipantLocallyMuted',
  'rejoin',
  'retryMicrophone',
] as const;

type ControlName = Exclude<keyof ChannelControls, 'join'>;

/** What each call command carries: the arguments of the Channel control of the same name. */
export type CallCommandArgs = { [K in ControlName]: Parameters<ChannelControls[K]> } & {
  /** Flips the user's mute. */
  toggleMute: [];
};
export type CallCommandName = keyof CallCommandArgs;

/** One call command as a message (serializable): `{ name: 'setMuted', args: [true] }`. */
export type CallCommand = { [K in CallCommandName]: { name: K; args: CallCommandArgs[K] } }[CallCommandName];

/** The controls as functions, each of which sends its command (a Channel in another context). */
export type CallControls = { [K in CallCommandName]: (...args: CallCommandArgs[K]) => Promise<void> };

// Every command has its name in the list, and the list holds nothing else (compile-time).
type Missing = Exclude<CallCommandName, (typeof CALL_COMMAND_NAMES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export function isCallCommandName(name: unknown): name is CallCommandName {
  return typeof name === 'string' && (CALL_COMMAND_NAMES as readonly string[]).includes(name);
}

/** Controls whose every call becomes one command handed to `send` (to the offscreen host, over messages). */
export function callControls(send: (command: CallCommand) => Promise<void>): CallControls {
  const controls: Partial<Record<CallCommandName, (...args: unknown[]) => Promise<void>>> = {};
  for (const name of CALL_COMMAND_NAMES) controls[name] = (...args) => send({ name, args } as CallCommand);
  return controls as CallControls;
}

/** What runCallCommand drives: a Channel (or anything with its controls and its mute state). */
export type CallTarget = Omit<ChannelControls, 'join'> & { readonly state: { readonly muted: boolean } };

/**
 * Applies one command to a Channel. A message from another context is not trusted: an unknown name
 * is a TypeError, and missing arguments count as none.
 */
export async function runCallCommand(channel: CallTarget, command: CallCommand): Promise<void> {
  if (!isCallCommandName(command.name)) throw new TypeError(`unknown call command: ${String(command.name)}`);
  if (command.name === 'toggleMute') return channel.setMuted(!channel.state.muted);
  const control = channel[command.name] as (...args: unknown[]) => unknown;
  await control.apply(channel, Array.isArray(command.args) ? command.args : []);
}

/** The Channel's own controls as CallControls (the PWA: same screen code, no messages in between). */
export function localCallControls(channel: CallTarget): CallControls {
  return callControls((command) => runCallCommand(channel, command));
}
