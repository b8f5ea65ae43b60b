import { useEffect, useRef, useState } from 'preact/hooks';
import { SettingsForm } from '@voxlay/core/ui';
import type { Channel, CallControls } from '@voxlay/core';
import type { ChannelState } from '../core';

export interface SettingsDrawerProps {
  open: boolean;
  onClose: () => void;
  state: ChannelState;
  /** For the shared settings store (the display name). */
  channel: Channel;
  controls: CallControls;
}

/** A modal side sheet (a native <dialog>: focus trap, Esc closes) holding the settings form. */
export function SettingsDrawer({ open, onClose, state, channel, controls }: SettingsDrawerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The display name lives in the shared settings store (mode, keys, devices are in `state`).
  const [displayName, setDisplayName] = useState(channel.settings.settings.displayName);
  useEffect(() => channel.settings.subscribe((s) => setDisplayName(s.displayName)), [channel]);
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
          displayName={displayName}
          displayNameHint="Applies the next time you join."
          microphones={state.microphones}
          microphoneId={state.microphoneId}
          vadSensitivity={state.vadSensitivity}
          pttKey={state.pttKey}
          onDisplayNameChange={(name) => name && channel.settings.update({ displayName: name })}
          onMicrophoneChange={(id) => controls.selectMicrophone(id).catch((e: unknown) => console.warn('[voxlay]', e))}
          onVadSensitivityChange={(sensitivity) => void controls.setVadSensitivity(sensitivity)}
          onPttKeyChange={(code) => void controls.setPttKey(code)}
        />
      </div>
    </dialog>
  );
}
