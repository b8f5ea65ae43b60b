/// <reference lib="dom" />
// A video source that carries the time it was drawn: a canvas (the size of the fake screen, 30 fps)
// whose top rows hold the sender's clock as a bar code of black and white 32x32 blocks, and the
// reader that gets that time back from a received frame. Both pages of one Chromium share a clock
// (performance.timeOrigin + now()), so the viewer's time minus the frame's is the glass-to-glass latency.
// Blocks on the 16x16 macroblock grid of VP8 stay black or white at any bitrate a screen gets.

/** The clock in tenths of a millisecond, modulo 2^32 (about 5 days). */
const BITS = 32;
const CELL = 32;
const UNITS_PER_MS = 10;
const WIDTH = 1280;
const HEIGHT = 720;

/** performance.timeOrigin + now(): one clock for every page of the same browser. */
export const clockNow = (): number => performance.timeOrigin + performance.now();

/** A page's own performance.now()-based timestamp (rVFC metadata) on the shared clock. */
export const onSharedClock = (pageTime: number): number => performance.timeOrigin + pageTime;

export interface ClockSource {
  track: MediaStreamTrack;
  close(): void;
}

/** Starts drawing the clock at 30 fps; close() stops the drawing and the track. */
export function startClockSource(): ClockSource {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const g = canvas.getContext('2d', { alpha: false });
  if (!g) throw new Error('no 2d context');
  const stream = canvas.captureStream(30);
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('no canvas track');
  let frame = 0;
  const draw = () => {
    // Some screen-like content that changes a little every frame, under the bar code.
    g.fillStyle = '#d8dde6';
    g.fillRect(0, 2 * CELL, WIDTH, HEIGHT - 2 * CELL);
    g.fillStyle = '#24354f';
    g.fillRect(((frame * 8) % (WIDTH - 160)) + 40, 200, 120, 80);
    g.font = '32px sans-serif';
    g.fillText(`frame ${frame++}`, 40, 400);
    const units = Math.floor(clockNow() * UNITS_PER_MS) >>> 0;
    for (let bit = 0; bit < BITS; bit++) {
      const one = (units >>> (BITS - 1 - bit)) & 1;
      // Row 0: the bits; row 1: their complement (a block read wrong shows as the rows agreeing).
      g.fillStyle = one ? '#fff' : '#000';
      g.fillRect(bit * CELL, 0, CELL, CELL);
      g.fillStyle = one ? '#000' : '#fff';
      g.fillRect(bit * CELL, CELL, CELL, CELL);
    }
  };
  draw();
  const timer = setInterval(draw, 1000 / 30);
  return {
    track,
    close() {
      clearInterval(timer);
      track.stop();
    },
  };
}

/** Reads the clock drawn into the frame `video` shows now; undefined when any block is unreadable. */
export class ClockReader {
  readonly #canvas = document.createElement('canvas');
  readonly #g: CanvasRenderingContext2D;

  constructor() {
    this.#canvas.width = BITS * CELL;
    this.#canvas.height = 2 * CELL;
    const g = this.#canvas.getContext('2d', { willReadFrequently: true });
    if (!g) throw new Error('no 2d context');
    this.#g = g;
  }

  /** The sender's clock (ms, shared clock) when it drew the frame; `near` picks the wrap (about now). */
  read(video: HTMLVideoElement, near: number): number | undefined {
    const scale = video.videoWidth / WIDTH;
    if (!scale) return undefined;
    this.#g.drawImage(video, 0, 0, BITS * CELL * scale, 2 * CELL * scale, 0, 0, BITS * CELL, 2 * CELL);
    const pixels = this.#g.getImageData(0, 0, BITS * CELL, 2 * CELL).data;
    /** Mean luma of the 16x16 centre of a block. */
    const luma = (col: number, row: number) => {
      let sum = 0;
      for (let y = row * CELL + 8; y < row * CELL + 24; y++)
        for (let x = col * CELL + 8; x < col * CELL + 24; x++) sum += pixels[(y * BITS * CELL + x) * 4 + 1] ?? 0;
      return sum / 256;
    };
    let units = 0;
    for (let bit = 0; bit < BITS; bit++) {
      const top = luma(bit, 0);
      const bottom = luma(bit, 1);
      if (Math.abs(top - bottom) < 96) return undefined;
      units = ((units << 1) | (top > bottom ? 1 : 0)) >>> 0;
    }
    // The drawn time is the one ≡ units (mod 2^32 tenths of a ms) just before `near`.
    const nearUnits = Math.floor(near * UNITS_PER_MS);
    const back = ((nearUnits >>> 0) - units) >>> 0;
    return (nearUnits - back) / UNITS_PER_MS;
  }
}
