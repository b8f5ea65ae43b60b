import { describe, expect, it } from 'vitest';
import {
  bindingRequest,
  classifyDatagram,
  encodeStunMessage,
  parseStunHeader,
  StunAttributeType,
  StunMessageType,
} from './capacity-stun.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 5769 (Test Vectors for STUN), short-term credentials; the vectors pad with 0x20.
const PASSWORD = 'VOkJxbRl1RmTxUk/WvJxBt';
const TRANSACTION_ID = hex('b7e7a701 bc34d686 fa87dfae');

describe('encodeStunMessage', () => {
  it('reproduces the RFC 5769 sample request (2.1) byte for byte, MESSAGE-INTEGRITY and FINGERPRINT included', () => {
    const bytes = encodeStunMessage({
      type: StunMessageType.BindingRequest,
      transactionId: TRANSACTION_ID,
      attributes: [
        { type: StunAttributeType.Software, value: Buffer.from('STUN test client') },
        { type: StunAttributeType.Priority, value: hex('6e0001ff') },
        { type: StunAttributeType.IceControlled, value: hex('932ff9b1 51263b36') },
        { type: StunAttributeType.Username, value: Buffer.from('evtj:h6vY') },
      ],
      integrityKey: PASSWORD,
      fingerprint: true,
      paddingByte: 0x20,
    });
    expect(bytes.toString('hex')).toBe(
      hex(`
        00010058 2112a442 b7e7a701 bc34d686 fa87dfae
        80220010 5354554e 20746573 7420636c 69656e74
        00240004 6e0001ff
        80290008 932ff9b1 51263b36
        00060009 6576746a 3a683676 59202020
        00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
        80280004 e57a3bcf`).toString('hex'),
    );
  });

  it('reproduces the RFC 5769 sample IPv4 response (2.2) byte for byte', () => {
    const bytes = encodeStunMessage({
      type: StunMessageType.BindingSuccessResponse,
      transactionId: TRANSACTION_ID,
      attributes: [
        { type: StunAttributeType.Software, value: Buffer.from('test vector') },
        { type: StunAttributeType.XorMappedAddress, value: hex('0001a147 e112a643') },
      ],
      integrityKey: PASSWORD,
      fingerprint: true,
      paddingByte: 0x20,
    });
    expect(bytes.toString('hex')).toBe(
      hex(`
        0101003c 2112a442 b7e7a701 bc34d686 fa87dfae
        8022000b 74657374 20766563 746f7220
        00200008 0001a147 e112a643
        00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
        80280004 c07d4c96`).toString('hex'),
    );
  });

  it('rejects a transaction id that is not 12 bytes with a TypeError', () => {
    expect(() => encodeStunMessage({ type: 1, transactionId: Buffer.alloc(8), attributes: [] })).toThrow(TypeError);
  });
});

describe('bindingRequest', () => {
  it('carries USERNAME "<remote>:<local>", PRIORITY, ICE-CONTROLLING and USE-CANDIDATE, then MESSAGE-INTEGRITY and FINGERPRINT', () => {
    const { bytes, transactionId } = bindingRequest({ remoteUfrag: 'srv', remotePassword: 'pw', localUfrag: 'bench', useCandidate: true });
    const header = parseStunHeader(bytes);
    expect(header?.type).toBe(StunMessageType.BindingRequest);
    expect(header?.transactionId.equals(transactionId)).toBe(true);
    const types: number[] = [];
    for (let at = 20; at < bytes.length; ) {
      const type = bytes.readUInt16BE(at);
      types.push(type);
      if (type === StunAttributeType.Username)
        expect(bytes.subarray(at + 4, at + 4 + bytes.readUInt16BE(at + 2)).toString()).toBe('srv:bench');
      at += 4 + ((bytes.readUInt16BE(at + 2) + 3) & ~3);
    }
    expect(types).toEqual([
      StunAttributeType.Username,
      StunAttributeType.Priority,
      StunAttributeType.IceControlling,
      StunAttributeType.UseCandidate,
      StunAttributeType.MessageIntegrity,
      StunAttributeType.Fingerprint,
    ]);
  });

  it('leaves USE-CANDIDATE out of a consent refresh and draws a new transaction id each time', () => {
    const a = bindingRequest({ remoteUfrag: 'srv', remotePassword: 'pw', localUfrag: 'bench', useCandidate: false });
    const b = bindingRequest({ remoteUfrag: 'srv', remotePassword: 'pw', localUfrag: 'bench', useCandidate: false });
    expect(a.bytes.includes(Buffer.from([0x00, 0x25, 0x00, 0x00]))).toBe(false);
    expect(a.transactionId.equals(b.transactionId)).toBe(false);
  });
});

describe('parseStunHeader', () => {
  it('returns undefined for a datagram that is not STUN (DTLS, RTP, a wrong cookie or length)', () => {
    const good = bindingRequest({ remoteUfrag: 'a', remotePassword: 'b', localUfrag: 'c', useCandidate: false }).bytes;
    expect(parseStunHeader(good)).toBeDefined();
    expect(parseStunHeader(Buffer.from([22, 254, 253, 0]))).toBeUndefined();
    expect(parseStunHeader(Buffer.alloc(20, 0x80))).toBeUndefined();
    expect(parseStunHeader(Buffer.concat([good, Buffer.alloc(4)]))).toBeUndefined();
    const badCookie = Buffer.from(good);
    badCookie.writeUInt32BE(0, 4);
    expect(parseStunHeader(badCookie)).toBeUndefined();
  });
});

describe('classifyDatagram', () => {
  it('tells STUN, DTLS, RTP and RTCP apart by their first bytes (RFC 7983, RFC 5761)', () => {
    expect(classifyDatagram(Buffer.from([0x00, 0x01]))).toBe('stun');
    expect(classifyDatagram(Buffer.from([22, 0xfe]))).toBe('dtls');
    expect(classifyDatagram(Buffer.from([0x80, 100]))).toBe('rtp');
    expect(classifyDatagram(Buffer.from([0x80, 100 | 0x80]))).toBe('rtp');
    expect(classifyDatagram(Buffer.from([0x80, 200]))).toBe('rtcp');
    expect(classifyDatagram(Buffer.from([0x81, 201]))).toBe('rtcp');
    expect(classifyDatagram(Buffer.alloc(0))).toBe('other');
    expect(classifyDatagram(Buffer.from([64]))).toBe('other');
  });
});
