/**
 * What the recorder needs to know of an Opus packet (RFC 6716 section 3.1): how many 48 kHz
 * samples it holds, read from its TOC byte and frame count, without decoding anything.
 */

/** Samples per second of every Opus granule position and RTP timestamp. */
export const OPUS_RATE = 48_000;

/** Samples in one 20 ms frame. */
export const FRAME_SAMPLES = 960;

/**
 * One 20 ms Opus frame of silence (CELT, full band, mono, code 0): what the recorder writes where
 * nothing was received (a muted speaker, DTX), so the file keeps the gap's length.
 */
export const SILENCE_FRAME: Readonly<Buffer> = Buffer.from([0xf8, 0xff, 0xfe]);

/** Frame duration in samples for each TOC configuration (0..31). */
function frameSamples(config: number): number {
  if (config < 12) return [480, 960, 1920, 2880][config % 4] as number; // SILK: 10, 20, 40, 60 ms
  if (config < 16) return config % 2 === 0 ? 480 : 960; // Hybrid: 10, 20 ms
  return [120, 240, 480, 960][config % 4] as number; // CELT: 2.5, 5, 10, 20 ms
}

/**
 * The 48 kHz samples an Opus packet decodes to; 0 for a packet too short to say (RFC 6716 3.1:
 * code 0 one frame, 1 and 2 two frames, 3 the count in the second byte).
 */
export function packetSamples(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const perFrame = frameSamples(toc >> 3);
  const code = toc & 0x03;
  if (code === 0) return perFrame;
  if (code === 1 || code === 2) return 2 * perFrame;
  const count = packet[1];
  return count === undefined ? 0 : (count & 0x3f) * perFrame;
}
