// Synthetic VP8 over RTP for the video capacity benchmark (no encoder): frames of a realistic size,
// cut into packets the way a WebRTC sender does (RFC 7741). Every packet starts with a payload
// descriptor with X=1 and I, L and T set (a 15-bit PictureID as libwebrtc sends it, TL0PICIDX, TID 0
// with Y: what it adds when it sends temporal layer information), and
// the first packet of a frame has S=1, partition 0 and the VP8 frame tag, whose lowest bit is the
// inverse key frame flag (0 = key frame): what mediasoup's VP8 parser reads to mark a key frame
// (a consumer starts or resumes only on one). A key frame also carries the start code and the size.
// The rest of each payload is filler: nothing decodes it, the SFU only forwards it.

/** The stream's shape: bitrate, frame rate, a key frame every `keyFrameEvery` frames, packet payload size. */
export interface Vp8Profile {
  bitsPerSecond: number;
  framesPerSecond: number;
  keyFrameEvery: number;
  /** A key frame is this many times the size of a delta frame. */
  keyFrameScale: number;
  /** Most VP8 bytes per packet (the descriptor and the RTP header come on top). */
  maxPayload: number;
  width: number;
  height: number;
}

/** A shared screen as a browser sends it at about 2 Mbps: 30 frames/s, a key frame every 3 s. */
export const SCREEN_PROFILE: Vp8Profile = {
  bitsPerSecond: 2_000_000,
  framesPerSecond: 30,
  keyFrameEvery: 90,
  keyFrameScale: 6,
  maxPayload: 1150,
  width: 1280,
  height: 720,
};

export const VP8_CLOCK_RATE = 90_000;
export const DESCRIPTOR_BYTES = 6;
const RTP_HEADER_BYTES = 12;

/** Bytes of a delta frame and of a key frame, so a whole key frame interval averages the bitrate. */
export function frameBytes(p: Vp8Profile): { delta: number; key: number } {
  const perInterval = (p.bitsPerSecond / 8 / p.framesPerSecond) * p.keyFrameEvery;
  const delta = Math.round(perInterval / (p.keyFrameEvery - 1 + p.keyFrameScale));
  return { delta, key: delta * p.keyFrameScale };
}

/** Packets of one frame: its bytes cut into equal parts of at most `maxPayload`. */
export function packetsPerFrame(p: Vp8Profile, key: boolean): number {
  const bytes = frameBytes(p);
  return Math.ceil((key ? bytes.key : bytes.delta) / p.maxPayload);
}

/** Mean packets per second of a stream with key frames only on schedule. */
export function meanPacketsPerSecond(p: Vp8Profile): number {
  const perInterval = (p.keyFrameEvery - 1) * packetsPerFrame(p, false) + packetsPerFrame(p, true);
  return (perInterval / p.keyFrameEvery) * p.framesPerSecond;
}

/** The VP8 payload descriptor (6 bytes): X, S on a frame's first packet, PID 0; I (15-bit PictureID), L, T (TID 0, Y). */
export function writeDescriptor(out: Buffer, offset: number, pictureId: number, start: boolean): void {
  out[offset] = 0x80 | (start ? 0x10 : 0);
  out[offset + 1] = 0xe0;
  out[offset + 2] = 0x80 | ((pictureId >> 8) & 0x7f);
  out[offset + 3] = pictureId & 0xff;
  out[offset + 4] = pictureId & 0xff; // TL0PICIDX: every frame is on temporal layer 0
  out[offset + 5] = 0x20; // TID 0, Y (layer sync), KEYIDX 0
}

/** The VP8 frame tag (3 bytes: inverse key frame bit, version 0, shown, first partition size), and for a key frame the start code and size. */
function writeFrameHeader(out: Buffer, offset: number, key: boolean, firstPartitionSize: number, p: Vp8Profile): void {
  const tag = (key ? 0 : 1) | (1 << 4) | ((firstPartitionSize & 0x7ffff) << 5);
  out[offset] = tag & 0xff;
  out[offset + 1] = (tag >> 8) & 0xff;
  out[offset + 2] = (tag >> 16) & 0xff;
  if (!key) return;
  out[offset + 3] = 0x9d;
  out[offset + 4] = 0x01;
  out[offset + 5] = 0x2a;
  out.writeUInt16LE(p.width & 0x3fff, offset + 6);
  out.writeUInt16LE(p.height & 0x3fff, offset + 8);
}

/** What changes from frame to frame of one stream (the same for every stream of the source). */
export interface Vp8Frame {
  key: boolean;
  /** 15-bit PictureID. */
  pictureId: number;
  timestamp: number;
  /** The first packet's sequence number (then one per packet). */
  firstSeq: number;
}

/** One frame's RTP packets for `ssrc` (the marker bit on the last), filled from `filler`. */
export function framePackets(p: Vp8Profile, frame: Vp8Frame, payloadType: number, ssrc: number, filler: Buffer): Buffer[] {
  const bytes = frameBytes(p);
  const total = frame.key ? bytes.key : bytes.delta;
  const count = Math.ceil(total / p.maxPayload);
  const size = Math.ceil(total / count);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const packet = Buffer.alloc(RTP_HEADER_BYTES + DESCRIPTOR_BYTES + size);
    packet[0] = 0x80; // V=2
    packet[1] = (i === count - 1 ? 0x80 : 0) | payloadType;
    packet.writeUInt16BE((frame.firstSeq + i) & 0xffff, 2);
    packet.writeUInt32BE(frame.timestamp >>> 0, 4);
    packet.writeUInt32BE(ssrc >>> 0, 8);
    writeDescriptor(packet, RTP_HEADER_BYTES, frame.pictureId & 0x7fff, i === 0);
    const payload = RTP_HEADER_BYTES + DESCRIPTOR_BYTES;
    filler.copy(packet, payload, 0, Math.min(size, filler.length));
    if (i === 0) writeFrameHeader(packet, payload, frame.key, Math.min(total, 0x7ffff), p);
    out.push(packet);
  }
  return out;
}

/** Does a compound RTCP packet hold a key frame request (PLI: PSFB fmt 1, or FIR: PSFB fmt 4)? */
export function requestsKeyFrame(rtcp: Buffer): boolean {
  for (let offset = 0; offset + 4 <= rtcp.length; ) {
    const fmt = rtcp[offset]! & 0x1f;
    const type = rtcp[offset + 1]!;
    if (type === 206 && (fmt === 1 || fmt === 4)) return true;
    offset += (rtcp.readUInt16BE(offset + 2) + 1) * 4;
  }
  return false;
}
