/// <reference lib="dom" />
// The frames a <video> element shows, from requestVideoFrameCallback: when each was presented, its
// size, and (with a ClockReader) the sender's clock drawn into it.
import type { ShownFrame } from './video-page-api.js';
import { type ClockReader, clockNow, onSharedClock } from './video-clock.js';

/** The most frames kept per element (about 11 minutes at 30 fps). */
const MAX_FRAMES = 20_000;

/** A muted, autoplaying <video> element showing `track`, small so that many fit in the viewport. */
export function videoElement(track: MediaStreamTrack, errors: string[]): HTMLVideoElement {
  const element = document.createElement('video');
  element.autoplay = true;
  element.muted = true;
  element.playsInline = true;
  element.width = 160;
  element.srcObject = new MediaStream([track]);
  document.body.append(element);
  void element.play().catch((err: unknown) => errors.push(`video.play(): ${String(err)}`));
  return element;
}

/** Records the frames `element` shows until stop(). */
export class FrameLog {
  readonly frames: ShownFrame[] = [];
  #handle = 0;
  #stopped = false;

  constructor(
    private readonly element: HTMLVideoElement,
    private readonly clock?: ClockReader,
  ) {
    this.#handle = element.requestVideoFrameCallback(this.#onFrame);
  }

  /** Frames shown since `since` (shared clock). */
  since(since = 0): ShownFrame[] {
    return this.frames.filter((f) => f.presentedAt >= since);
  }

  stop(): void {
    this.#stopped = true;
    this.element.cancelVideoFrameCallback(this.#handle);
  }

  readonly #onFrame = (_now: number, metadata: VideoFrameCallbackMetadata): void => {
    if (this.#stopped) return;
    const frame: ShownFrame = {
      presentedAt: onSharedClock(metadata.presentationTime),
      displayAt: onSharedClock(metadata.expectedDisplayTime),
      width: metadata.width,
      height: metadata.height,
    };
    if (metadata.receiveTime !== undefined) frame.receivedAt = onSharedClock(metadata.receiveTime);
    const drawnAt = this.clock?.read(this.element, clockNow());
    if (drawnAt !== undefined) frame.drawnAt = drawnAt;
    this.frames.push(frame);
    if (this.frames.length > MAX_FRAMES) this.frames.splice(0, this.frames.length - MAX_FRAMES);
    this.#handle = this.element.requestVideoFrameCallback(this.#onFrame);
  };
}
