/** @jsxImportSource preact */
import type { MicrophoneState } from '../types.js';
import { microphoneHelp } from './microphoneHelp.js';

export interface MicrophoneNoticeProps {
  microphone: MicrophoneState;
  /** Shown as a "Retry" button: asks for the microphone again, without rejoining. */
  onRetry?: () => void;
  /** Replaces the browser-specific help (the extension's own permission page, for example). */
  help?: string;
}

/** Listen-only because the microphone could not be opened: why, what to do in this browser, and Retry. */
export function MicrophoneNotice({ microphone, onRetry, help }: MicrophoneNoticeProps) {
  if (microphone.status !== 'unavailable' || !microphone.error) return null;
  const code = microphone.error.code;
  const words = microphoneHelp(code, typeof navigator === 'undefined' ? '' : navigator.userAgent);
  return (
    <div class="vx-trouble vx-trouble--mic" role="alert" data-testid="microphone-notice" data-code={code}>
      <p class="vx-trouble__title">Listen-only: {words.title}</p>
      <p class="vx-trouble__detail">You hear the channel; others see you as listen-only. {help ?? words.help}</p>
      {onRetry && (
        <button type="button" class="vx-button vx-button--primary" data-testid="microphone-retry" onClick={onRetry}>
          Retry microphone
        </button>
      )}
    </div>
  );
}
