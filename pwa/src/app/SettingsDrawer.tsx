import { useEffect, useRef, useState } from 'preact/hooks';
import { SettingsForm } from '@voxlay/core/ui';
import type { ChannelState } from '../core';
import type { SessionHandle } from '../session';

export interface SettingsDrawerProps {
  open: boolean;
  onClose: () => void;
  state: ChannelState;
  session: SessionHandle;
}

/** A modal side sheet (a native <dialog>: focus trap, Esc closes) holding the settings form. */
export function SettingsDrawer({ open, onClose, state, session }: SettingsDrawerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The display name lives in the shared settings store (mode, keys, devices are in `state`).
  const [displayName, setDisplayName] = useState(session.settings.settings.displayName);
  useEffect(() => session.settings.subscribe((s) => setDisplayName(s.displayName)), [session]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
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
          onDisplayNameChange={(name) => name && session.settings.update({ displayName: name })}
          onMicrophoneChange={(id) => session.selectMicrophone(id).catch((e: unknown) => console.warn('[voxlay]', e))}
          onVadSensitivityChange={(sensitivity) => session.setVadSensitivity(sensitivity)}
          onPttKeyChange={(code) => session.setPttKey(code)}
        />
      </div>
    </dialog>
  );
}
