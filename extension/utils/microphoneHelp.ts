/**
 * What the listen-only notice tells an extension user to do (VoicePanel's `microphoneHelp`). In the
 * extension the microphone is the Voxlay extension's, not the visited site's: there is no address-bar
 * prompt to look for. It is granted once, on the extension's own permission page (the popup's "Allow
 * the microphone" opens it), and a block is lifted in the browser's settings for the extension.
 * Undefined where core's words already fit (no microphone, or it is busy).
 */
export function extensionMicrophoneHelp(code: string): string | undefined {
  switch (code) {
    case 'MICROPHONE_NOT_FOUND':
    case 'MICROPHONE_BUSY':
      return undefined;
    case 'MICROPHONE_DISMISSED':
      return 'Click the Voxlay toolbar button, choose "Allow the microphone" and answer Allow on the Voxlay page it opens, then press Retry.';
    case 'MICROPHONE_DENIED':
      return (
        'The microphone belongs to the Voxlay extension, not to this site. Click the Voxlay toolbar button and choose "Allow the microphone"; ' +
        'if it was blocked, allow it in the browser\u2019s settings for the Voxlay extension, then press Retry.'
      );
    default:
      return 'Check your microphone, and that the Voxlay extension may use it (click the Voxlay toolbar button, then "Allow the microphone"), then press Retry.';
  }
}
