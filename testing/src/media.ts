import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';

/** Opus RTP parameters like mediasoup-client sends for a microphone (no browser needed). */
export function opusRtpParameters(mid = '0'): types.RtpParameters {
  return {
    mid,
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 100,
        clockRate: 48000,
        channels: 2,
        parameters: { useinbandfec: 1, usedtx: 1, minptime: 10, 'sprop-stereo': 0 },
        rtcpFeedback: [{ type: 'transport-cc', parameter: '' }],
      },
    ],
    headerExtensions: [],
    encodings: [{ ssrc: randomInt(1, 0xffffffff), dtx: true }],
    rtcp: { cname: `test-${randomInt(1_000_000)}`, reducedSize: true },
  };
}

/** Syntactically valid client DTLS parameters. */
export function clientDtlsParameters(): types.DtlsParameters {
  const bytes = Array.from({ length: 32 }, () => randomInt(256).toString(16).padStart(2, '0').toUpperCase());
  return { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: bytes.join(':') }] };
}
