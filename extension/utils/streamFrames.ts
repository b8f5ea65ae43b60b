/**
 * How a watched stream's frames reach the overlay's viewer (Chrome). The consumer lives in the
 * offscreen document, and a MediaStreamTrack cannot leave it; so an encoded transform on its
 * RTCRtpReceiver (entrypoints/offscreen/tapWorker.ts; set on every received video track as it arrives) posts each encoded frame, still compressed,
 * on a BroadcastChannel of the extension's origin, and the viewer page (entrypoints/viewer/, in an
 * iframe the overlay inserts) decodes them with WebCodecs. No re-encoding, no second connection.
 */

/** The BroadcastChannel carrying one stream's frames (same extension origin on both ends). */
export function streamChannelName(producerId: string): string {
  return `voxlay-stream:${producerId}`;
}

/**
 * The runtime port a viewer holds open while it shows the stream `producerId`: when the last
 * viewer's port goes (closed, its tab navigated or closed), the offscreen document stops watching.
 */
export const VIEWER_PORT_PREFIX = 'voxlay-viewer:';

export function viewerPortName(producerId: string): string {
  return `${VIEWER_PORT_PREFIX}${producerId}`;
}

/** The producer id a viewer port is for, or null for another port. */
export function producerOfViewerPort(name: string): string | null {
  return name.startsWith(VIEWER_PORT_PREFIX) && name.length > VIEWER_PORT_PREFIX.length ? name.slice(VIEWER_PORT_PREFIX.length) : null;
}

/** One encoded video frame, offscreen → viewer. */
export interface StreamFrameMessage {
  type: 'frame';
  /** The encoded frame as received (a copy). */
  data: ArrayBuffer;
  key: boolean;
  /** RTP timestamp (90 kHz). */
  timestamp: number;
  /** The codec's MIME type, e.g. 'video/VP8'. */
  mimeType: string;
  /** A frame replayed for one viewer (the id it asked with); other viewers skip it. */
  for?: string;
}

/**
 * Viewer → offscreen: the decoder needs a key frame (it opened, or lost its place). The frames since
 * the last key frame are replayed for `viewerId` when the worker has them all, else the SFU is asked (PLI).
 */
export interface KeyFrameRequestMessage {
  type: 'key-frame-request';
  viewerId: string;
}

/** The most the worker keeps of a stream since its last key frame, to replay to a new viewer. */
export const REPLAY_LIMIT = { bytes: 8 * 1024 * 1024, frames: 600 };

export type StreamChannelMessage = StreamFrameMessage | KeyFrameRequestMessage;

/** What the transform worker gets with each receiver's RTCRtpScriptTransform. */
export interface TransformOptions {
  /** The received track's id: what a TapCommand names. */
  trackId: string;
}

/** Offscreen → transform worker: start (or stop) posting a received stream's frames for its viewers. */
export type TapCommand =
  | {
      type: 'tap';
      trackId: string;
      /** The stream's BroadcastChannel (streamChannelName). */
      channel: string;
      /** The receiver's video codec (its first one but RTX), used when a frame's metadata has none. */
      mimeType: string;
    }
  | { type: 'untap'; trackId: string };

/** The WebCodecs codec string for a video MIME type (null: a codec the viewer cannot decode). */
export function decoderCodec(mimeType: string): string | null {
  switch (mimeType.toLowerCase()) {
    case 'video/vp8':
      return 'vp8';
    case 'video/vp9':
      return 'vp09.00.10.08';
    case 'video/h264':
      // Annex B (what the encoded transform gives), Constrained Baseline 3.1: without a
      // `description` the decoder reads the parameter sets from the key frames.
      return 'avc1.42e01f';
    case 'video/av1':
      return 'av01.0.04M.08';
    default:
      return null;
  }
}
