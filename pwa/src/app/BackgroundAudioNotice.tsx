import { audioPausesInBackground } from '../platform';

/**
 * In a call, on a device that stops the call's audio while the app is in the background (iPhone,
 * iPad): says so, so that leaving the app is not mistaken for staying in the conversation.
 * Elsewhere (Android, desktop) the call goes on in the background and nothing is shown.
 */
export function BackgroundAudioNotice() {
  if (!audioPausesInBackground(navigator.userAgent, navigator.maxTouchPoints)) return null;
  return (
    <p class="background-audio muted small" role="note" data-testid="background-audio-notice">
      Audio pauses when Voxlay is in the background on iPhone and iPad: keep it open to stay in the call.
    </p>
  );
}
