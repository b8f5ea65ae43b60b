import { browser } from 'wxt/browser';
import { MessageType, Target, type CommandResult, type Message, type ResponseMap, type HostCommand } from './messages';

/** Sends one typed runtime message; the response type follows the message type. */
export function send<M extends Message>(message: M): Promise<ResponseMap[M['type']]> {
  return browser.runtime.sendMessage(message) as Promise<ResponseMap[M['type']]>;
}

/** A host command through the background (from the popup, options or an overlay). */
export function sendCommand(command: HostCommand): Promise<CommandResult> {
  return send({ target: Target.Background, type: MessageType.Command, command });
}
