import { browser } from 'wxt/browser';
import { callControls } from '@voxlay/core/commands';
import { MessageType, Target } from '../../utils/messages';
import { send, sendCommand } from '../../utils/messaging';

/** The call's controls (core's callCommands), each sent to the Channel in the offscreen document. */
export const remoteControls = callControls(async (command) => {
  try {
    const result = await sendCommand(command);
    if (!result.ok) console.warn('[voxlay]', command.name, result.error);
  } catch (error) {
    console.warn('[voxlay]', command.name, error);
  }
});

export const leave = (): void => void remoteControls.leave();
export const toggleMute = (): void => void remoteControls.toggleMute();
/** The options page (a content script cannot open it itself: the background does). */
export const openOptions = (): void => {
  if (!browser.runtime?.id) return;
  send({ target: Target.Background, type: MessageType.OpenOptions }).catch(() => undefined);
};
