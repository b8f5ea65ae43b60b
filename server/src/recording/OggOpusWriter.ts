import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { InvalidStateError } from '../sfu/errors.js';
import { OPUS_RATE } from './opusPacket.js';

/** Packets gathered into one Ogg page at most (20 ms each: a page every 200 ms). */
const PACKETS_PER_PAGE = 10;

/** The Ogg CRC-32 (polynomial 0x04c11db7, no reflection, initial 0). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function oggCrc(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0;
  return crc;
}

/**
 * An Ogg Opus file (RFC 7845) written as packets arrive: the Opus packets are stored as they were
 * received, never re-encoded. A page goes to disk every few packets, so a crash loses at most that
 * much and what is on disk stays playable (Ogg needs no index). Write errors (ENOSPC) throw to the
 * caller. Granule positions count 48 kHz samples from the file's start, pre-skip 0 (the encoder
 * was already running), so sample n of the file is n / 48000 s after its first packet.
 */
export class OggOpusWriter {
  readonly path: string;
  readonly #fd: number;
  readonly #serial: number;
  #sequence = 0;
  #granule = 0;
  #pending: Uint8Array[] = [];
  #bytes = 0;
  #closed = false;

  constructor(path: string, { channels = 2, serial = (Math.random() * 0xffffffff) >>> 0 } = {}) {
    this.path = path;
    this.#serial = serial;
    this.#fd = openSync(path, 'w');
    try {
      const head = Buffer.alloc(19);
      head.write('OpusHead', 0, 'latin1');
      head.writeUInt8(1, 8); // version
      head.writeUInt8(channels, 9);
      head.writeUInt16LE(0, 10); // pre-skip
      head.writeUInt32LE(OPUS_RATE, 12); // input sample rate (informative)
      head.writeInt16LE(0, 16); // output gain
      head.writeUInt8(0, 18); // channel mapping family 0
      this.#page([head], 0, 0x02);
      const vendor = Buffer.from('voxlay', 'utf8');
      const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
      tags.write('OpusTags', 0, 'latin1');
      tags.writeUInt32LE(vendor.length, 8);
      vendor.copy(tags, 12);
      tags.writeUInt32LE(0, 12 + vendor.length);
      this.#page([tags], 0, 0);
    } catch (error) {
      closeSync(this.#fd);
      throw error;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Samples written so far (48 kHz). */
  get samples(): number {
    return this.#granule;
  }

  /** Bytes on disk so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends one Opus packet of `samples` samples; a page is written every few packets. */
  write(packet: Uint8Array, samples: number): void {
    if (this.#closed) throw new InvalidStateError(`${this.path} is closed (write)`);
    this.#pending.push(packet);
    this.#granule += samples;
    if (this.#pending.length >= PACKETS_PER_PAGE) this.flush();
  }

  /** Writes the packets gathered so far as a page. */
  flush(): void {
    if (this.#closed || this.#pending.length === 0) return;
    const packets = this.#pending;
    this.#pending = [];
    this.#page(packets, this.#granule, 0);
  }

  /** Writes what is pending and the end-of-stream page, and closes the file. Idempotent; write errors are thrown once. */
  close(): void {
    if (this.#closed) return;
    try {
      const packets = this.#pending;
      this.#pending = [];
      this.#page(packets, this.#granule, 0x04);
      fsyncSync(this.#fd);
    } finally {
      this.#closed = true;
      closeSync(this.#fd);
    }
  }

  #page(packets: Uint8Array[], granule: number, flags: number): void {
    const lacing: number[] = [];
    for (const packet of packets) {
      let left = packet.length;
      while (left >= 255) {
        lacing.push(255);
        left -= 255;
      }
      lacing.push(left);
    }
    if (lacing.length > 255) throw new RangeError('an Ogg page holds at most 255 lacing values');
    const bodyLength = packets.reduce((sum, packet) => sum + packet.length, 0);
    const page = Buffer.alloc(27 + lacing.length + bodyLength);
    page.write('OggS', 0, 'latin1');
    page.writeUInt8(0, 4);
    page.writeUInt8(flags, 5);
    page.writeBigInt64LE(BigInt(granule), 6);
    page.writeUInt32LE(this.#serial, 14);
    page.writeUInt32LE(this.#sequence++, 18);
    page.writeUInt32LE(0, 22);
    page.writeUInt8(lacing.length, 26);
    Buffer.from(lacing).copy(page, 27);
    let offset = 27 + lacing.length;
    for (const packet of packets) {
      page.set(packet, offset);
      offset += packet.length;
    }
    page.writeUInt32LE(oggCrc(page), 22);
    let written = 0;
    while (written < page.length) written += writeSync(this.#fd, page, written);
    this.#bytes += page.length;
  }
}
