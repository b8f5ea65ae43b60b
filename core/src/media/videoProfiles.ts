import type { StreamProduceOptions } from '../channel/ChannelConnection';

/**
 * How a camera is sent: VP8 simulcast in three encodings (a quarter, half and full resolution), each
 * with three temporal layers, so the SFU gives every viewer the layer its tile and bandwidth allow.
 */
export const CAMERA_PROFILE: StreamProduceOptions = {
  codecMimeType: 'video/VP8',
  encodings: [
    { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
    { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
  ],
  codecOptions: { videoGoogleStartBitrate: 1000 },
};

/**
 * How a screen is sent: detail over motion. One full-resolution encoding at a low frame rate and a
 * high bitrate (text stays sharp), temporal layers for viewers short of bandwidth.
 */
export const SCREEN_PROFILE: StreamProduceOptions = {
  codecMimeType: 'video/VP8',
  encodings: [{ maxBitrate: 2_500_000, maxFramerate: 15, scalabilityMode: 'L1T3' }],
  codecOptions: { videoGoogleStartBitrate: 1000 },
};

/** What a camera is asked for (ideal: the fake camera and most webcams give it). */
export const CAMERA_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/** What a screen is asked for: up to full HD, at most 15 frames a second; its sound where the browser gives it. */
export const SCREEN_CONSTRAINTS: DisplayMediaStreamOptions = {
  video: { width: { max: 1920 }, height: { max: 1080 }, frameRate: { max: 15 } },
  audio: true,
};
