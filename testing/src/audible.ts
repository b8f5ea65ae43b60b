// What "heard" means in the browser tests (server, PWA and extension): a received stream's audio
// level, measured by Chromium only while the track plays through an unmuted <audio> element.

/**
 * The quietest mean audio level (0..1) a test counts as heard: 0.001, about -60 dBFS. A tone or the
 * fake microphone's beep averages 0.1 and more; silence (a disabled track, DTX) still shows the
 * decoder's comfort noise at the lowest level, 1/32767 (3e-5); a track that is not played stays at 0.
 */
export const AUDIBLE_LEVEL = 0.001;

/**
 * The mean (RMS) level a stream played over `ms`, from two readings of its inbound-rtp
 * `totalAudioEnergy` (the sum of level² × seconds).
 */
export function meanLevel(energyBefore: number, energyAfter: number, ms: number): number {
  return Math.sqrt(Math.max(0, energyAfter - energyBefore) / Math.max(ms / 1000, 1e-3));
}
