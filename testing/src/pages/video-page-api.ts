// window.video (pages/video-page.ts), as the video tests and benchmarks see it, and what they compute
// from the frames it reports. No DOM.

/** The inbound-rtp video stats of one watched stream, as Chromium reports them. */
export interface VideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  bytesReceived: number;
}

/**
 * One frame a <video> element showed (requestVideoFrameCallback). Times are ms on the clock every
 * page of the browser shares (performance.timeOrigin + a page's performance.now()).
 */
export interface ShownFrame {
  /** Handed to the compositor (metadata.presentationTime). */
  presentedAt: number;
  /** When the compositor expected to show it (metadata.expectedDisplayTime). */
  displayAt: number;
  /** Its last packet arrived (metadata.receiveTime); absent when Chromium does not say. */
  receivedAt?: number;
  width: number;
  height: number;
  /** The sender's clock drawn into the frame (produceClock), when the stream is watched with readClock. */
  drawnAt?: number;
}

/** The longest time between two consecutive frames shown (ms): the longest freeze; 0 for fewer than two frames. */
export function longestGap(frames: readonly ShownFrame[]): number {
  let longest = 0;
  for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i]!.presentedAt - frames[i - 1]!.presentedAt);
  return longest;
}

/** When the steps of one watch() happened, on the shared clock (ms). */
export interface WatchTiming {
  /** watch() was called. */
  calledAt: number;
  /** watchStream answered. */
  answeredAt: number;
  /** The local consumer exists and resumeConsumers answered. */
  resumedAt: number;
  /** The first frame shown; absent until then. */
  firstFrame?: ShownFrame;
}

/** One encoding of a producer as the sender's outbound-rtp stats report it (one per simulcast layer). */
export interface SentEncoding {
  rid?: string;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  bytesSent: number;
  /** Why the encoder sends less than asked: none, cpu, bandwidth or other. */
  qualityLimitationReason: string;
}

export interface ConsumerLayers {
  spatialLayer: number;
  temporalLayer: number | null;
}

/** The stream key of the direct (P2P) connection in frames(). */
export const DIRECT_STREAM = 'direct';

export interface VideoPageApi {
  /** Joins over the WebSocket with the page's Device capabilities; sends nothing yet. */
  join(serverUrl: string, channelId: string, displayName: string): Promise<{ participantId: string }>;
  /**
   * Produces the fake camera (640x480) as a CAMERA producer; returns its id. With simulcast, two VP8
   * encodings of 320x240 and 640x480 (spatial layers 0 and 1).
   */
  produceCamera(options?: { simulcast?: boolean }): Promise<string>;
  /** Produces the fake screen (getDisplayMedia) as a SCREEN producer; returns its id. */
  produceScreen(): Promise<string>;
  /** Produces the clock canvas (video-clock.ts, 1280x720, 30 fps) as a SCREEN producer in VP8; returns its id. */
  produceClock(): Promise<string>;
  /**
   * watchStream, then consumes it locally into a <video> element, records the frames it shows and
   * resumes it; returns the consumer id. readClock: read the sender's clock from every frame.
   */
  watch(producerId: string, options?: { readClock?: boolean }): Promise<string>;
  /** stopWatching, and closes the local consumer. */
  stopWatching(producerId: string): Promise<boolean>;
  /** setPreferredLayers on the consumer of `producerId`; returns the consumer's layers as the server answers. */
  setPreferredLayers(
    producerId: string,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<{ preferredLayers: ConsumerLayers | null; currentLayers: ConsumerLayers | null }>;
  /** setReceiveBitrate: caps what the page receives (null: no cap of its own); returns the cap in force (0: none). */
  setReceiveBitrate(bitsPerSecond: number | null): Promise<number>;
  /** The encodings the page's producer `producerId` sends now, lowest first. */
  sentEncodings(producerId: string): Promise<SentEncoding[]>;
  /** The stats of the stream watched from `producerId` (zeros when not watched). */
  videoStats(producerId: string): Promise<VideoStats>;
  /** The steps of the last watch() of `producerId`. */
  watchTiming(producerId: string): Promise<WatchTiming>;
  /** Frames shown of a stream (a producer id, or DIRECT_STREAM) since `since` (shared clock), oldest first. */
  frames(stream: string, since?: number): Promise<ShownFrame[]>;
  /** The shared clock now (ms). */
  now(): Promise<number>;
  /** Sender of a direct connection: sends the clock canvas (VP8 first, as produceClock); returns the offer once ICE gathered. */
  directOffer(): Promise<string>;
  /** Viewer of a direct connection: answers, shows the track and reads the clock from its frames (DIRECT_STREAM). */
  directAnswer(offer: string): Promise<string>;
  /** Sender: applies the viewer's answer. */
  directAccept(answer: string): Promise<void>;
  errors(): Promise<string[]>;
  /** Leaves the channel, closes the direct connection and stops every track. */
  leave(): Promise<void>;
}
