/** @jsxImportSource preact */
import { useEffect, useRef } from 'preact/hooks';
import type { VoiceMode, ChannelControls, ChannelState } from '../types.js';
import { Logger } from '../logger.js';
import { formatKeyCode } from './keys.js';
import { HeadphonesIcon, LeaveIcon, MicIcon } from './icons.js';
import { VideoButtons, type VideoButtonsProps } from './VideoButtons.js';

const logger = new Logger('Controls');

export type ControlsState = Pick<ChannelState, 'muted' | 'deafened' | 'mode' | 'pttKey' | 'pttPressed' | 'transmitting' | 'microphone'>;
export type ControlsActions = Pick<ChannelControls, 'setMuted' | 'setDeafened' | 'setMode' | 'setPushToTalk'>;

export interface ControlsProps {
  state: ControlsState;
  controls: ControlsActions;
  /** Shown as the red "Leave" button when given. */
  onLeave?: () => void;
  /** Disable the buttons (e.g. while not connected). The mode can still be chosen. */
  disabled?: boolean;
  /** Go Live and the camera (VideoButtons) in the call controls; none when absent. */
  video?: VideoButtonsProps;
}

const MODES: ReadonlyArray<{ mode: VoiceMode; label: string }> = [
  { mode: 'always-on', label: 'Always on' },
  { mode: 'push-to-talk', label: 'Push to talk' },
  { mode: 'voice-activity', label: 'Voice activity' },
];

/** Controls return promises; the Channel reports failures in `state.error`, so only log here. */
function fire(result: unknown): void {
  if (result instanceof Promise) result.catch((err: unknown) => logger.warn('control failed', err));
}

/** What the transmitting line says, and its kind (data-tx): the words are the state, not only its color. */
export function transmitText(state: ControlsState): { kind: string; text: string } {
  if (state.transmitting) return { kind: 'transmitting', text: 'Transmitting' };
  if (state.microphone?.status === 'unavailable') return { kind: 'listen-only', text: 'Listen-only: no microphone' };
  if (state.deafened) return { kind: 'deafened', text: 'Deafened: not hearing, not transmitting' };
  if (state.muted) return { kind: 'muted', text: 'Microphone muted' };
  if (state.mode === 'push-to-talk' && !state.pttPressed) return { kind: 'push-to-talk-idle', text: 'Push to talk: hold to transmit' };
  if (state.mode === 'voice-activity') return { kind: 'voice-activity-idle', text: 'Waiting for your voice' };
  return { kind: 'not-sending', text: 'Not transmitting: no audio is leaving yet' };
}

/** Mute, deafen, leave, the voice-mode selector and, in push-to-talk mode, a large hold-to-talk button. */
export function Controls({ state, controls, onLeave, disabled = false, video }: ControlsProps) {
  return (
    <div class="vx-controls" data-testid="controls">
      <fieldset class="vx-modes">
        <legend class="vx-sr">Voice mode</legend>
        {MODES.map(({ mode, label }) => (
          <label key={mode} class={state.mode === mode ? 'vx-mode vx-mode--checked' : 'vx-mode'}>
            <input
              type="radio"
              name="vx-voice-mode"
              value={mode}
              checked={state.mode === mode}
              data-testid={`mode-${mode}`}
              onChange={() => fire(controls.setMode(mode))}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>

      <div class="vx-controls__row">
        <button
          type="button"
          class={state.muted ? 'vx-button vx-button--on' : 'vx-button'}
          aria-pressed={state.muted}
          aria-label="Mute microphone"
          data-testid="mute-button"
          disabled={disabled}
          onClick={() => fire(controls.setMuted(!state.muted))}
        >
          <MicIcon off={state.muted} />
          <span>{state.muted ? 'Muted' : 'Mute'}</span>
        </button>
        <button
          type="button"
          class={state.deafened ? 'vx-button vx-button--on' : 'vx-button'}
          aria-pressed={state.deafened}
          aria-label="Deafen"
          data-testid="deafen-button"
          disabled={disabled}
          onClick={() => fire(controls.setDeafened(!state.deafened))}
        >
          <HeadphonesIcon off={state.deafened} />
          <span>{state.deafened ? 'Deafened' : 'Deafen'}</span>
        </button>
        {onLeave && (
          <button type="button" class="vx-button vx-button--danger" data-testid="leave-button" onClick={onLeave}>
            <LeaveIcon />
            <span>Leave</span>
          </button>
        )}
      </div>

      {video && <VideoButtons {...video} disabled={disabled || video.disabled} />}

      <p
        class={state.transmitting ? 'vx-tx vx-tx--on' : `vx-tx vx-tx--${transmitText(state).kind}`}
        data-testid="transmitting"
        data-transmitting={state.transmitting ? 'true' : 'false'}
        data-tx={transmitText(state).kind}
      >
        <span class="vx-tx__dot" aria-hidden="true" />
        {transmitText(state).text}
      </p>

      {state.mode === 'push-to-talk' && (
        <PushToTalkButton
          pressed={state.pttPressed}
          pttKey={state.pttKey}
          disabled={disabled || state.muted}
          onPushToTalk={(pressed) => controls.setPushToTalk(pressed)}
        />
      )}
    </div>
  );
}

interface PushToTalkButtonProps {
  pressed: boolean;
  pttKey: string;
  disabled: boolean;
  onPushToTalk: (pressed: boolean) => void;
}

/**
 * Hold to talk with a finger, a mouse or the keyboard (Space/Enter while focused). Releases only
 * what it pressed itself, so moving the mouse across it never cuts off the keyboard shortcut.
 */
function PushToTalkButton({ pressed, pttKey, disabled, onPushToTalk }: PushToTalkButtonProps) {
  const held = useRef(false);
  const callback = useRef(onPushToTalk);
  callback.current = onPushToTalk;
  const press = () => {
    if (held.current) return;
    held.current = true;
    callback.current(true);
  };
  const release = () => {
    if (!held.current) return;
    held.current = false;
    callback.current(false);
  };
  // Never leave the microphone open after this button goes away while held.
  useEffect(() => () => release(), []);
  useEffect(() => {
    if (disabled) release();
  }, [disabled]);

  return (
    <button
      type="button"
      class={pressed ? 'vx-ptt vx-ptt--pressed' : 'vx-ptt'}
      aria-pressed={pressed}
      data-testid="ptt-button"
      disabled={disabled}
      onPointerDown={(e) => {
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        e.preventDefault(); // no text selection / focus-scroll on long press
        press();
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onPointerLeave={release}
      onBlur={release}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.code !== 'Space' && e.code !== 'Enter') return;
        e.preventDefault();
        e.stopPropagation(); // the window-level shortcut must not see it twice
        if (!e.repeat) press();
      }}
      onKeyUp={(e) => {
        if (e.code !== 'Space' && e.code !== 'Enter') return;
        e.preventDefault();
        e.stopPropagation();
        release();
      }}
    >
      <span class="vx-ptt__label">{pressed ? 'Talking…' : 'Hold to talk'}</span>
      <span class="vx-ptt__hint">
        or hold <kbd>{formatKeyCode(pttKey)}</kbd>
      </span>
    </button>
  );
}
