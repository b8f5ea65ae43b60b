import { useEffect, useRef, useState } from 'preact/hooks';
import { SettingsForm } from '@voxlay/core/ui';
import type { Channel, CallControls } from '@voxlay/core';
import { type ChannelState, toVoxlayError } from '../core';
import { useMicrophoneTest } from '../hooks/useMicrophoneTest';
import { useSettings } from '../hooks/useSettings';
import { canChooseSpeaker, useSpeakers } from '../hooks/useSpeakers';

export interface SettingsDrawerProps {
  open: boolean;
  onClose: () => void;
  state: ChannelState;
  /** The speaker and the input gain are set on it (they apply to its audio at once). */
  channel: Channel;
  controls: CallControls;
}

/** A modal side sheet (a native <dialog>: focus trap, Esc closes) holding the settings form and the mic test. */
export function SettingsDrawer({ open, onClose, state, channel, controls }: SettingsDrawerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The shared settings store: display name, speaker, gain, shortcuts (mode, keys, devices are in `state`).
  const [settings, updateSettings] = useSettings();
  const speakers = useSpeakers(open);
  const [outputError, setOutputError] = useState<string | null>(null);
  const micTest = useMicrophoneTest(open, {
    microphoneId: state.microphoneId,
    inputGain: settings.inputGain,
    outputDeviceId: settings.outputDeviceId,
  });
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop is the pointer's way to dismiss; the keyboard's is Escape, which the modal <dialog> handles itself (cancel, then close -> onClose).
    <dialog
      ref={dialog}
      class="drawer"
      data-testid="settings-drawer"
      aria-labelledby="settings-title"
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && onClose()} // backdrop click
    >
      <div class="drawer__inner">
        <header class="drawer__head">
          <h2 id="settings-title">Settings</h2>
          <button type="button" class="vx-button vx-button--small" data-testid="settings-close" onClick={onClose}>
            Done
          </button>
        </header>
        <SettingsForm
          displayName={settings.displayName}
          displayNameHint="Applies the next time you join."
          microphones={state.microphones}
          microphoneId={state.microphoneId}
          vadSensitivity={state.vadSensitivity}
          pttKey={state.pttKey}
          onDisplayNameChange={(name) => name && updateSettings({ displayName: name })}
          onMicrophoneChange={(id) => controls.selectMicrophone(id).catch((e: unknown) => console.warn('[voxlay]', e))}
          onVadSensitivityChange={(sensitivity) => void controls.setVadSensitivity(sensitivity)}
          onPttKeyChange={(code) => void controls.setPttKey(code)}
          speakers={speakers}
          outputDeviceId={settings.outputDeviceId}
          outputSupported={canChooseSpeaker()}
          outputError={outputError}
          onOutputDeviceChange={(id) => {
            setOutputError(null);
            channel
              .selectOutputDevice(id)
              .catch((e: unknown) => setOutputError(`That speaker cannot be used: ${toVoxlayError(e).message}`));
          }}
          inputGain={settings.inputGain}
          onInputGainChange={(gain) => void channel.setInputGain(gain).catch((e: unknown) => console.warn('[voxlay]', e))}
          micTest={micTest}
          muteKey={settings.muteKey}
          deafenKey={settings.deafenKey}
          onMuteKeyChange={(code) => updateSettings({ muteKey: code })}
          onDeafenKeyChange={(code) => updateSettings({ deafenKey: code })}
        />
      </div>
    </dialog>
  );
}
