// STUN (RFC 5389) for the capacity benchmark's ICE peers: just enough to make a mediasoup
// WebRtcTransport (ICE-lite) take a UDP socket as its remote tuple, i.e. a Binding Request with
// USERNAME "<server ufrag>:<ours>", PRIORITY, ICE-CONTROLLING, optionally USE-CANDIDATE,
// MESSAGE-INTEGRITY keyed with the server's ICE password (short-term credentials) and FINGERPRINT;
// plus the RFC 7983 demultiplexing of what arrives on such a socket (STUN, DTLS, RTP, RTCP).
import { createHmac, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const STUN_MAGIC_COOKIE = 0x2112a442;
const FINGERPRINT_XOR = 0x5354554e;
const HEADER_BYTES = 20;

export const StunMessageType = {
  BindingRequest: 0x0001,
  BindingSuccessResponse: 0x0101,
} as const;

export const StunAttributeType = {
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  XorMappedAddress: 0x0020,
  Priority: 0x0024,
  UseCandidate: 0x0025,
  Software: 0x8022,
  Fingerprint: 0x8028,
  IceControlled: 0x8029,
  IceControlling: 0x802a,
} as const;

export interface StunAttribute {
  type: number;
  value: Buffer;
}

export interface StunMessageOptions {
  type: number;
  /** 12 bytes. */
  transactionId: Buffer;
  /** In order; MESSAGE-INTEGRITY and FINGERPRINT are appended after them when asked for. */
  attributes: readonly StunAttribute[];
  /** Short-term credential: the HMAC-SHA1 key of MESSAGE-INTEGRITY (the ICE password). */
  integrityKey?: string | Buffer | undefined;
  fingerprint?: boolean | undefined;
  /** The byte attribute values are padded with to 4 bytes (0; RFC 5769's test vectors use 0x20). */
  paddingByte?: number | undefined;
}

const pad4 = (n: number): number => (n + 3) & ~3;

function attributeBytes(attribute: StunAttribute, paddingByte: number): Buffer {
  const out = Buffer.alloc(4 + pad4(attribute.value.length), paddingByte);
  out.writeUInt16BE(attribute.type, 0);
  out.writeUInt16BE(attribute.value.length, 2);
  attribute.value.copy(out, 4);
  return out;
}

/** Serializes a STUN message (RFC 5389 section 6), with MESSAGE-INTEGRITY (15.4) and FINGERPRINT (15.5) when asked. */
export function encodeStunMessage(options: StunMessageOptions): Buffer {
  if (options.transactionId.length !== 12) throw new TypeError(`a STUN transaction id has 12 bytes, got ${options.transactionId.length}`);
  const paddingByte = options.paddingByte ?? 0;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(options.type & 0x3fff, 0);
  header.writeUInt32BE(STUN_MAGIC_COOKIE, 4);
  options.transactionId.copy(header, 8);
  let message = Buffer.concat([header, ...options.attributes.map((a) => attributeBytes(a, paddingByte))]);
  // Each of the two is computed over the message so far, its length field already counting the attribute itself.
  if (options.integrityKey !== undefined) {
    message.writeUInt16BE(message.length - HEADER_BYTES + 24, 2);
    const hmac = createHmac('sha1', options.integrityKey).update(message).digest();
    message = Buffer.concat([message, attributeBytes({ type: StunAttributeType.MessageIntegrity, value: hmac }, paddingByte)]);
  }
  if (options.fingerprint) {
    message.writeUInt16BE(message.length - HEADER_BYTES + 8, 2);
    const value = Buffer.alloc(4);
    value.writeUInt32BE((crc32(message) ^ FINGERPRINT_XOR) >>> 0, 0);
    message = Buffer.concat([message, attributeBytes({ type: StunAttributeType.Fingerprint, value }, paddingByte)]);
  }
  message.writeUInt16BE(message.length - HEADER_BYTES, 2);
  return message;
}

export interface BindingRequestOptions {
  /** The remote (ICE-lite server's) username fragment and password. */
  remoteUfrag: string;
  remotePassword: string;
  /** Our username fragment (mediasoup does not check it). */
  localUfrag: string;
  /** Nominate this candidate pair (makes the sender's address the selected tuple). */
  useCandidate: boolean;
  /** Candidate priority (RFC 8445 5.1.2); any non-zero value. */
  priority?: number | undefined;
  /** 8 bytes; random when absent. */
  tieBreaker?: Buffer | undefined;
  /** 12 bytes; random when absent. */
  transactionId?: Buffer | undefined;
}

/** A Binding Request from an ICE-controlling agent, as a mediasoup WebRtcTransport accepts it. */
export function bindingRequest(options: BindingRequestOptions): { bytes: Buffer; transactionId: Buffer } {
  const transactionId = options.transactionId ?? randomBytes(12);
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE((options.priority ?? 0x6e0001ff) >>> 0, 0);
  const attributes: StunAttribute[] = [
    { type: StunAttributeType.Username, value: Buffer.from(`${options.remoteUfrag}:${options.localUfrag}`, 'utf8') },
    { type: StunAttributeType.Priority, value: priority },
    { type: StunAttributeType.IceControlling, value: options.tieBreaker ?? randomBytes(8) },
  ];
  if (options.useCandidate) attributes.push({ type: StunAttributeType.UseCandidate, value: Buffer.alloc(0) });
  const bytes = encodeStunMessage({
    type: StunMessageType.BindingRequest,
    transactionId,
    attributes,
    integrityKey: options.remotePassword,
    fingerprint: true,
  });
  return { bytes, transactionId };
}

export interface StunHeader {
  type: number;
  /** Attributes' length in bytes. */
  length: number;
  transactionId: Buffer;
}

/** The header of a well-formed STUN message, or undefined when `data` is not one. */
export function parseStunHeader(data: Buffer): StunHeader | undefined {
  if (data.length < HEADER_BYTES || (data[0]! & 0xc0) !== 0) return undefined;
  if (data.readUInt32BE(4) !== STUN_MAGIC_COOKIE) return undefined;
  const length = data.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER_BYTES + length !== data.length) return undefined;
  return { type: data.readUInt16BE(0), length, transactionId: data.subarray(8, 20) };
}

export type DatagramKind = 'stun' | 'dtls' | 'rtp' | 'rtcp' | 'other';

/**
 * What a datagram on a WebRTC 5-tuple is, from its first byte (RFC 7983: 0-3 STUN, 20-63 DTLS,
 * 128-191 RTP/RTCP) and, for RTP/RTCP, its second (RFC 5761: packet types 192-223 are RTCP).
 */
export function classifyDatagram(data: Buffer): DatagramKind {
  const first = data[0];
  if (first === undefined) return 'other';
  if (first <= 3) return 'stun';
  if (first >= 20 && first <= 63) return 'dtls';
  if (first >= 128 && first <= 191) {
    const second = data[1] ?? 0;
    return second >= 192 && second <= 223 ? 'rtcp' : 'rtp';
  }
  return 'other';
}
