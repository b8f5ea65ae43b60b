import { callControls } from '@voxlay/core/commands';
import { sendCommand } from '../../utils/messaging';

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
