/** @jsxImportSource preact */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AudioDevice, VadSensitivity } from '../types.js';
import { formatKeyCode } from './keys.js';
import { nameLengthError, NameInput } from './NameInput.js';

export interface SettingsFormProps {
  displayName: string;
  microphones: AudioDevice[];
  /** '' = system default. */
  microphoneId: string;
  vadSensitivity: VadSensitivity;
  pttKey: string;
  onDisplayNameChange: (name: string) => void;
  onMicrophoneChange: (deviceId: string) => void;
  onVadSensitivityChange: (sensitivity: VadSensitivity) => void;
  onPttKeyChange: (code: string) => void;
  /** Shown under the name field, e.g. "Applies the next time you join". */
  displayNameHint?: string;
}

const SENSITIVITIES: ReadonlyArray<{ value: VadSensitivity; label: string }> = [
  { value: 'low', label: 'Low — only clear speech' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High — picks up quiet voices' },
];

/** Microphone, voice-activity sensitivity, push-to-talk key and display name. */
export function SettingsForm(props: SettingsFormProps) {
  const { microphones, microphoneId } = props;
  const knownMic = microphoneId === '' || microphones.some((m) => m.deviceId === microphoneId);
  const displayNameId = useId();
  return (
    <form class="vx-settings" data-testid="settings-form" onSubmit={(e) => e.preventDefault()}>
      <label class="vx-field" for={displayNameId}>
        <span class="vx-field__label">Display name</span>
        <DisplayNameInput id={displayNameId} displayName={props.displayName} onCommit={props.onDisplayNameChange} />
        {props.displayNameHint && <span class="vx-field__hint">{props.displayNameHint}</span>}
      </label>

      <label class="vx-field">
        <span class="vx-field__label">Microphone</span>
        <select
          value={microphoneId}
          data-testid="microphone-select"
          onChange={(e) => props.onMicrophoneChange((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">System default</option>
          {microphones
            .filter((m) => m.kind === 'audioinput' && m.deviceId !== '' && m.deviceId !== 'default')
            .map((m, i) => (
              <option key={m.deviceId} value={m.deviceId}>
                {m.label || `Microphone ${i + 1}`}
              </option>
            ))}
          {!knownMic && <option value={microphoneId}>Unavailable microphone</option>}
        </select>
      </label>

      <label class="vx-field">
        <span class="vx-field__label">Voice activity sensitivity</span>
        <select
          value={props.vadSensitivity}
          data-testid="vad-sensitivity"
          onChange={(e) => props.onVadSensitivityChange((e.currentTarget as HTMLSelectElement).value as VadSensitivity)}
        >
          {SENSITIVITIES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>

      <div class="vx-field">
        <span class="vx-field__label" id="vx-ptt-key-label">
          Push-to-talk key
        </span>
        <KeyCapture value={props.pttKey} onChange={props.onPttKeyChange} labelledBy="vx-ptt-key-label" />
      </div>
    </form>
  );
}

/** The display name: edited locally, committed (trimmed) on change while it is not too long. */
function DisplayNameInput({ id, displayName, onCommit }: { id: string; displayName: string; onCommit: (name: string) => void }) {
  const [draft, setDraft] = useState(displayName);
  useEffect(() => setDraft(displayName), [displayName]);
  return (
    <NameInput
      id={id}
      value={draft}
      autoComplete="nickname"
      testId="display-name-input"
      onInput={setDraft}
      onChange={(value) => {
        if (nameLengthError(value) === null) onCommit(value.trim());
      }}
    />
  );
}

interface KeyCaptureProps {
  value: string;
  onChange: (code: string) => void;
  labelledBy: string;
}

/** A button that, once clicked, takes the next key pressed (Escape cancels). */
function KeyCapture({ value, onChange, labelledBy }: KeyCaptureProps) {
  const [capturing, setCapturing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!capturing) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.code !== 'Escape' && e.code !== '') onChange(e.code);
      setCapturing(false);
    };
    // Capture phase on window: the app's own push-to-talk listener must not see this key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [capturing]);

  return (
    <button
      ref={button}
      type="button"
      class={capturing ? 'vx-button vx-keycap vx-keycap--capturing' : 'vx-button vx-keycap'}
      aria-labelledby={`${labelledBy} vx-ptt-key-value`}
      aria-pressed={capturing}
      data-testid="ptt-key-button"
      data-key={value}
      onClick={() => setCapturing(!capturing)}
      onBlur={() => setCapturing(false)}
    >
      <span id="vx-ptt-key-value">{capturing ? 'Press a key… (Esc cancels)' : formatKeyCode(value)}</span>
    </button>
  );
}
