import type { VoicePanelControls } from '../../../core/src/ui/VoicePanel';
import type { SessionCommand } from '../../utils/messages';
import { sendCommand } from '../../utils/messaging';

const run = (command: SessionCommand): void => {
  sendCommand(command)
    .then((r) => {
      if (!r.ok) console.warn('[voxlay]', command.name, r.error);
    })
    .catch((e: unknown) => console.warn('[voxlay]', command.name, e));
};

/** VoicePanel controls that travel to the session as commands. */
export const remoteControls: VoicePanelControls = {
  setMuted: async (muted) => run({ name: 'setMuted', muted }),
  setDeafened: async (deafened) => run({ name: 'setDeafened', deafened }),
  setMode: async (mode) => run({ name: 'setMode', mode }),
  setPushToTalk: (pressed) => run({ name: 'setPushToTalk', pressed }),
  setParticipantVolume: (participantId, volume) => run({ name: 'setParticipantVolume', participantId, volume }),
  setParticipantLocallyMuted: async (participantId, muted) => run({ name: 'setParticipantLocallyMuted', participantId, muted }),
};

export const leave = (): void => run({ name: 'leave' });
export const toggleMute = (): void => run({ name: 'toggleMute' });
