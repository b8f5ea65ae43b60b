import type { types } from 'mediasoup';

/**
 * Voice only: Opus, stereo-capable, with in-band FEC and DTX. Clients send 20 ms packets
 * (mediasoup-client `codecOptions: { opusPtime: 20 }`); minptime 10 lets them go lower.
 */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1, minptime: 10 },
  },
];
