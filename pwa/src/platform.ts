/**
 * What this device does to a web app, where the browser gives no API to ask: read from the user
 * agent (and the touch points, which tell an iPad from a Mac).
 */

/**
 * True where the call's audio stops while the app is in the background: iPhone and iPad, where every
 * browser is WebKit and a page (a Safari tab or a home-screen app alike) loses its microphone and
 * WebRTC audio when another app or the home screen is in front. Android and desktop browsers keep
 * playing and sending a page's call while it is hidden. iPadOS 13 and later report a Mac's user
 * agent: a "Macintosh" with a touch screen is an iPad.
 */
export function audioPausesInBackground(userAgent: string, maxTouchPoints: number): boolean {
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return true;
  return /\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1;
}
