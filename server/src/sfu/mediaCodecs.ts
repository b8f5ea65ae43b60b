import type { types } from 'mediasoup';

/**
 * The codecs every router offers, in the order mediasoup-client picks from (the first one a
 * browser can send wins unless a client names one).
 *
 * - Opus for voice (and a shared tab's sound): stereo-capable, in-band FEC and DTX. Clients send
 *   20 ms packets (mediasoup-client `codecOptions: { opusPtime: 20 }`); minptime 10 lets them go lower.
 * - VP8 first for video: every WebRTC browser encodes and decodes it in software, and simulcast with
 *   it is the best-trodden path in mediasoup.
 * - VP9 profile 0 (8-bit 4:2:0, the profile every browser that has VP9 decodes): SVC for screens later.
 * - H264 constrained baseline 3.1 (42e01f) with packetization-mode 1: what Chromium's software
 *   encoder (OpenH264) and hardware encoders produce; level-asymmetry-allowed lets a receiver
 *   decode a higher level than it sends.
 *
 * No rtcpFeedback or header extensions are listed: mediasoup fills them from its supported
 * capabilities, so every video codec gets nack, nack pli, ccm fir, goog-remb and transport-cc, and
 * the transport-wide-cc header extension is offered: bandwidth estimation is transport-cc (mediasoup
 * uses it over REMB whenever both ends negotiate it). x-google-start-bitrate (kbps) lets Chromium
 * start a stream near 1 Mbps instead of ramping from 300 kbps.
 */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1, minptime: 10 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP9',
    clockRate: 90000,
    parameters: { 'profile-id': 0, 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];
