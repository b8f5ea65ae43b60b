// The stream viewer's small rules without a browser: which WebCodecs codec a stream's MIME type
// decodes with, and which runtime ports are viewers' (and of which stream).
import { describe, expect, it } from 'vitest';
import { decoderCodec, producerOfViewerPort, streamChannelName, viewerPortName } from '../utils/streamFrames';

describe('stream frames', () => {
  it('decoderCodec() names the WebCodecs codec of each video codec the server offers, case-insensitively', () => {
    expect(decoderCodec('video/VP8')).toBe('vp8');
    expect(decoderCodec('video/vp9')).toBe('vp09.00.10.08');
    expect(decoderCodec('video/H264')).toBe('avc1.42e01f');
    expect(decoderCodec('video/AV1')).toBe('av01.0.04M.08');
  });

  it('decoderCodec() gives null for what the viewer cannot decode', () => {
    expect(decoderCodec('video/rtx')).toBeNull();
    expect(decoderCodec('audio/opus')).toBeNull();
    expect(decoderCodec('')).toBeNull();
  });

  it('a viewer port names its stream; other ports and an empty id are not viewers', () => {
    expect(producerOfViewerPort(viewerPortName('p-1'))).toBe('p-1');
    expect(producerOfViewerPort('voxlay-state')).toBeNull();
    expect(producerOfViewerPort(viewerPortName(''))).toBeNull();
  });

  it('each stream has a channel of its own', () => {
    expect(streamChannelName('a')).not.toBe(streamChannelName('b'));
  });
});
