import { useState } from 'preact/hooks';
import { SettingsForm } from '@voxlay/core/ui';
import type { Channel, CallControls } from '@voxlay/core';
import { type ChannelState, toVoxlayError } from '../core';
import { canChooseSpeaker, useAudioDevices } from '../hooks/useAudioDevices';
import { useMicrophoneTest } from '../hooks/useMicrophoneTest';
import { useNoiseSuppression } from '../hooks/useNoiseSuppression';
import { useSettings } from '../hooks/useSettings';
import { wakeLockSupported } from '../hooks/useWakeLock';
import { useModalDialog } from '../hooks/useModalDialog';

/** The call the settings apply to at once (in a channel); without one they are saved for the next join. */
export interface SettingsCall {
  state: ChannelState;
  channel: Channel;
  controls: CallControls;
}

export interface SettingsDrawerProps {
  open: boolean;
  onClose: () => void;
  call?: SettingsCall;
  /** Why the screen could not be kept on during this call, or null. */
  keepScreenOnError?: string | null;
}

const warn = (e: unknown) => console.warn('[voxlay]', e);

/**
 * A modal side sheet (a native <dialog>: focus trap, Esc closes) holding the settings form and the
 * mic test. In a channel the Channel applies each change at once (and saves it); in the lobby the
 * shared settings store saves it for the next join.
 */
export function SettingsDrawer({ open, onClose, call, keepScreenOnError = null }: SettingsDrawerProps) {
  const dialog = useModalDialog(open);
  // The shared settings store: display name, speaker, gain, shortcuts (and, outside a call, the rest).
  const [settings, updateSettings] = useSettings();
  const [outputError, setOutputError] = useState<string | null>(null);
  const microphoneId = call ? call.state.microphoneId : settings.microphoneId;
  const micTest = useMicrophoneTest(open, { microphoneId, inputGain: settings.inputGain, outputDeviceId: settings.outputDeviceId });
  const speakers = useAudioDevices('audiooutput', open, micTest.running);
  const lobbyMicrophones = useAudioDevices('audioinput', open && !call, micTest.running);
  const noise = useNoiseSuppression(microphoneId, call);

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
          displayNameHint={call ? 'Applies the next time you join.' : undefined}
          microphones={call ? call.state.microphones : lobbyMicrophones}
          microphoneId={microphoneId}
          vadSensitivity={call ? call.state.vadSensitivity : settings.vadSensitivity}
          pttKey={call ? call.state.pttKey : settings.pttKey}
          onDisplayNameChange={(name) => name && updateSettings({ displayName: name })}
          onMicrophoneChange={(id) => (call ? call.controls.selectMicrophone(id).catch(warn) : updateSettings({ microphoneId: id }))}
          onVadSensitivityChange={(sensitivity) =>
            call ? void call.controls.setVadSensitivity(sensitivity) : updateSettings({ vadSensitivity: sensitivity })
          }
          onPttKeyChange={(code) => (call ? void call.controls.setPttKey(code) : updateSettings({ pttKey: code }))}
          speakers={speakers}
          outputDeviceId={settings.outputDeviceId}
          outputSupported={canChooseSpeaker()}
          outputError={outputError}
          onOutputDeviceChange={(id) => {
            setOutputError(null);
            if (!call) return updateSettings({ outputDeviceId: id });
            call.channel
              .selectOutputDevice(id)
              .catch((e: unknown) => setOutputError(`That speaker cannot be used: ${toVoxlayError(e).message}`));
          }}
          inputGain={settings.inputGain}
          onInputGainChange={(gain) => (call ? void call.channel.setInputGain(gain).catch(warn) : updateSettings({ inputGain: gain }))}
          noiseSuppression={noise.enabled}
          onNoiseSuppressionChange={noise.set}
          noiseSuppressionNotice={noise.notice}
          noiseSuppressionState={noise.state}
          micTest={micTest}
          muteKey={settings.muteKey}
          deafenKey={settings.deafenKey}
          onMuteKeyChange={(code) => updateSettings({ muteKey: code })}
          onDeafenKeyChange={(code) => updateSettings({ deafenKey: code })}
          keepScreenOn={settings.keepScreenOn}
          keepScreenOnSupported={wakeLockSupported()}
          keepScreenOnError={keepScreenOnError && `The screen cannot be kept on: ${keepScreenOnError}`}
          onKeepScreenOnChange={(on) => updateSettings({ keepScreenOn: on })}
        />
      </div>
    </dialog>
  );
}
