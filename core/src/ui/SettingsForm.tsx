/** @jsxImportSource preact */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type AudioDevice, type NoiseSuppressionState, NoiseSuppressionStatus, type VadSensitivity } from '../types.js';
import { formatKeyCode } from './keys.js';
import { LevelMeter } from './LevelMeter.js';
import { nameLengthError, NameInput } from './NameInput.js';

/** The mic test as the host runs it (MicrophoneTest): the form only shows it and toggles it. */
export interface MicTestView {
  running: boolean;
  /** 0..1 while running. */
  level: number;
  /** Why it could not start, or null. */
  error: string | null;
  onToggle: () => void;
}

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
  /** Speakers to play the call on; the choice shows when `onOutputDeviceChange` is given. */
  speakers?: AudioDevice[];
  /** '' = system default. */
  outputDeviceId?: string;
  /** False where the browser cannot choose a speaker (no setSinkId): a note replaces the choice. */
  outputSupported?: boolean;
  /** Why the chosen speaker could not be used, or null. */
  outputError?: string | null;
  onOutputDeviceChange?: (deviceId: string) => void;
  /** Microphone input gain 0..2; the slider shows when `onInputGainChange` is given. */
  inputGain?: number;
  onInputGainChange?: (gain: number) => void;
  /** "Noise suppression" (RNNoise) for the microphone in use; the checkbox shows when `onNoiseSuppressionChange` is given. */
  noiseSuppression?: boolean;
  onNoiseSuppressionChange?: (enabled: boolean) => void;
  /** Why noise suppression is not running as chosen (unavailable, or turned off after an overrun). */
  noiseSuppressionNotice?: string | null;
  /** While RNNoise runs in a call: its state (NoiseSuppressionState), shown as its CPU cost. */
  noiseSuppressionState?: NoiseSuppressionState | undefined;
  /** The mic test (meter and playback of one's own voice); shown when given. */
  micTest?: MicTestView;
  /** Keyboard shortcuts that toggle mute and deafen (KeyboardEvent.code, '' = none); shown when their handlers are given. */
  muteKey?: string;
  deafenKey?: string;
  onMuteKeyChange?: (code: string) => void;
  onDeafenKeyChange?: (code: string) => void;
  /** Hold a screen wake lock during calls; the checkbox shows when `onKeepScreenOnChange` is given. */
  keepScreenOn?: boolean;
  /** False where the browser has no Screen Wake Lock: a note replaces the checkbox. */
  keepScreenOnSupported?: boolean;
  /** Why the screen could not be kept on (the browser refused the wake lock), or null. */
  keepScreenOnError?: string | null;
  onKeepScreenOnChange?: (on: boolean) => void;
}

const SENSITIVITIES: ReadonlyArray<{ value: VadSensitivity; label: string }> = [
  { value: 'low', label: 'Low — only clear speech' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High — picks up quiet voices' },
];

/** The shortcuts that toggle an action, in the order shown; `action` names the prop pair and the test id. */
const SHORTCUTS = [
  { action: 'mute', label: 'Mute shortcut', value: 'muteKey', onChange: 'onMuteKeyChange' },
  { action: 'deafen', label: 'Deafen shortcut', value: 'deafenKey', onChange: 'onDeafenKeyChange' },
] as const satisfies ReadonlyArray<{ action: string; label: string; value: keyof SettingsFormProps; onChange: keyof SettingsFormProps }>;

/**
 * Display name, microphone (with its gain and a test), speaker, voice-activity sensitivity, and the
 * push-to-talk, mute and deafen keys. Parts a host does not handle are left out.
 */
export function SettingsForm(props: SettingsFormProps) {
  const { microphones, microphoneId } = props;
  const knownMic = microphoneId === '' || microphones.some((m) => m.deviceId === microphoneId);
  const displayNameId = useId();
  const gainId = useId();
  const noiseHintId = useId();
  const speakers = props.speakers ?? [];
  const outputDeviceId = props.outputDeviceId ?? '';
  const knownSpeaker = outputDeviceId === '' || speakers.some((m) => m.deviceId === outputDeviceId);
  const gainPercent = Math.round((props.inputGain ?? 1) * 100);
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

      {props.onInputGainChange && (
        <div class="vx-field">
          <label class="vx-field__label" for={gainId}>
            Input volume
          </label>
          <div class="vx-range">
            <input
              id={gainId}
              type="range"
              min={0}
              max={200}
              step={5}
              value={gainPercent}
              aria-valuetext={`${gainPercent}%`}
              data-testid="input-gain"
              onInput={(e) => props.onInputGainChange?.(Number((e.currentTarget as HTMLInputElement).value) / 100)}
            />
            <output for={gainId}>{gainPercent}%</output>
          </div>
        </div>
      )}

      {props.onNoiseSuppressionChange && (
        <div
          class="vx-field"
          data-testid="noise-suppression-field"
          data-status={props.noiseSuppressionState?.status ?? ''}
          data-frame-p95-ms={props.noiseSuppressionState?.frameP95Ms ?? ''}
          data-frame-mean-ms={props.noiseSuppressionState?.frameMeanMs ?? ''}
          data-reason={props.noiseSuppressionState?.reason ?? ''}
        >
          <label class="vx-check">
            <input
              type="checkbox"
              checked={props.noiseSuppression ?? false}
              data-testid="noise-suppression"
              aria-describedby={noiseHintId}
              onChange={(e) => props.onNoiseSuppressionChange?.((e.currentTarget as HTMLInputElement).checked)}
            />
            <span>Noise suppression</span>
          </label>
          <span class="vx-field__hint" id={noiseHintId}>
            Removes fan, hum and other background noise from this microphone (remembered per microphone).
            {props.noiseSuppressionState?.status === NoiseSuppressionStatus.On &&
              props.noiseSuppressionState.frameMeanMs !== undefined &&
              ` Running: ${props.noiseSuppressionState.frameMeanMs.toFixed(2)} ms of processing per 10 ms of sound.`}
          </span>
          {props.noiseSuppressionNotice && (
            <span class="vx-field__error" role="status" data-testid="noise-suppression-notice">
              {props.noiseSuppressionNotice}
            </span>
          )}
        </div>
      )}

      {props.micTest && (
        <div class="vx-field vx-mic-test" data-testid="mic-test">
          <span class="vx-field__label">Microphone test</span>
          <div class="vx-mic-test__row">
            <button
              type="button"
              class="vx-button vx-button--small"
              aria-pressed={props.micTest.running}
              data-testid="mic-test-button"
              onClick={props.micTest.onToggle}
            >
              {props.micTest.running ? 'Stop test' : 'Test microphone'}
            </button>
            <LevelMeter
              level={props.micTest.running ? props.micTest.level : 0}
              label="Microphone test level"
              active={props.micTest.running}
            />
          </div>
          <span class="vx-field__hint">
            {props.micTest.running
              ? 'You hear yourself as others will. Use headphones to avoid echo.'
              : 'Plays your microphone back to you.'}
          </span>
          {props.micTest.error && (
            <span class="vx-field__error" role="alert" data-testid="mic-test-error">
              {props.micTest.error}
            </span>
          )}
        </div>
      )}

      {props.onOutputDeviceChange &&
        (props.outputSupported === false ? (
          <div class="vx-field" data-testid="speaker-unsupported">
            <span class="vx-field__label">Speaker</span>
            <span class="vx-field__hint">This browser plays calls on the system's speaker; change it in the system's sound settings.</span>
          </div>
        ) : (
          <label class="vx-field">
            <span class="vx-field__label">Speaker</span>
            <select
              value={outputDeviceId}
              data-testid="speaker-select"
              onChange={(e) => props.onOutputDeviceChange?.((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">System default</option>
              {speakers.map((m, i) => (
                <option key={m.deviceId} value={m.deviceId}>
                  {m.label || `Speaker ${i + 1}`}
                </option>
              ))}
              {!knownSpeaker && <option value={outputDeviceId}>Unavailable speaker</option>}
            </select>
            {props.outputError && (
              <span class="vx-field__error" role="alert" data-testid="speaker-error">
                {props.outputError}
              </span>
            )}
          </label>
        ))}

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

      <KeyField label="Push-to-talk key" value={props.pttKey} onChange={props.onPttKeyChange} testId="ptt-key-button" />
      {SHORTCUTS.map(({ action, label, value, onChange }) => {
        const handler = props[onChange];
        return (
          handler && (
            <KeyField key={action} label={label} value={props[value] ?? ''} onChange={handler} testId={`${action}-key-button`} clearable />
          )
        );
      })}
      {props.onKeepScreenOnChange &&
        (props.keepScreenOnSupported === false ? (
          <div class="vx-field" data-testid="keep-screen-on-unsupported">
            <span class="vx-field__label">Keep screen on during calls</span>
            <span class="vx-field__hint">This browser cannot keep the screen on; the system's screen timeout applies.</span>
          </div>
        ) : (
          <div class="vx-field">
            <label class="vx-check">
              <input
                type="checkbox"
                checked={props.keepScreenOn ?? false}
                data-testid="keep-screen-on"
                onChange={(e) => props.onKeepScreenOnChange?.((e.currentTarget as HTMLInputElement).checked)}
              />
              <span>Keep screen on during calls</span>
            </label>
            {props.keepScreenOnError && (
              <span class="vx-field__error" role="alert" data-testid="keep-screen-on-error">
                {props.keepScreenOnError}
              </span>
            )}
          </div>
        ))}
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

/** A labelled KeyCapture: one key setting of the form. */
function KeyField({ label, ...capture }: Omit<KeyCaptureProps, 'labelledBy'> & { label: string }) {
  const labelId = useId();
  return (
    <div class="vx-field">
      <span class="vx-field__label" id={labelId}>
        {label}
      </span>
      <KeyCapture {...capture} labelledBy={labelId} />
    </div>
  );
}

interface KeyCaptureProps {
  value: string;
  onChange: (code: string) => void;
  labelledBy: string;
  testId: string;
  /** Backspace or Delete sets no key (''). */
  clearable?: boolean;
}

/** A button that, once clicked, takes the next key pressed (Escape cancels; Backspace clears when `clearable`). */
function KeyCapture({ value, onChange, labelledBy, testId, clearable = false }: KeyCaptureProps) {
  const [capturing, setCapturing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const valueId = useId();
  // A layout effect: listening from the render that shows "Press a key…", before the next key event.
  useLayoutEffect(() => {
    if (!capturing) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (clearable && (e.code === 'Backspace' || e.code === 'Delete')) onChange('');
      else if (e.code !== 'Escape' && e.code !== '') onChange(e.code);
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
      aria-labelledby={`${labelledBy} ${valueId}`}
      aria-pressed={capturing}
      data-testid={testId}
      data-key={value}
      onClick={() => setCapturing(!capturing)}
      onBlur={() => setCapturing(false)}
    >
      <span id={valueId}>{capturing ? `Press a key… (Esc cancels${clearable ? ', Backspace clears' : ''})` : formatKeyCode(value)}</span>
    </button>
  );
}
