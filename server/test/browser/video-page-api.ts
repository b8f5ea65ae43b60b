// window.video (pages/video-page.ts), as the video browser test sees it. Pure types, no DOM.

/** The inbound-rtp video stats of one watched stream, as Chromium reports them. */
export interface VideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  bytesReceived: number;
}

export interface VideoPageApi {
  /** Joins over the WebSocket with the page's Device capabilities; sends nothing yet. */
  join(serverUrl: string, channelId: string, displayName: string): Promise<{ participantId: string }>;
  /** Produces the fake camera (640x480) as a CAMERA producer; returns its id. */
  produceCamera(): Promise<string>;
  /** Produces the fake screen (getDisplayMedia) as a SCREEN producer; returns its id. */
  produceScreen(): Promise<string>;
  /** watchStream, then consumes it locally into a <video> element and resumes it; returns the consumer id. */
  watch(producerId: string): Promise<string>;
  /** stopWatching, and closes the local consumer. */
  stopWatching(producerId: string): Promise<boolean>;
  /** The stats of the stream watched from `producerId` (zeros when not watched). */
  videoStats(producerId: string): Promise<VideoStats>;
  errors(): Promise<string[]>;
  leave(): Promise<void>;
}
