// The capacity benchmark's RTP source, in its own process so a busy benchmark driver never makes
// it bursty: `speakers` streams of 50 packets/s (20 ms Opus-sized packets) to one UDP port each.
// Every packet carries the ssrc-audio-level header extension (RFC 6464, one-byte form, voice
// activity set) with a speech-like level: each stream has a base level (-dBov) and varies over it
// by syllable (200 ms), so an audio level observer ranks the streams the same way all the time.
// When it falls behind by more than 100 ms it skips ahead instead of bursting (no sequence gap).
// IPC: {cmd:'pause'} / {cmd:'resume'} / {cmd:'count'}, each answered with {id, sent}: packets sent
// per stream so far. Pausing lets a measurement know exactly how many packets each stream carried.
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

const ports = JSON.parse(process.env.BENCH_RTP_PORTS ?? '[]') as number[];
const ssrcs = JSON.parse(process.env.BENCH_RTP_SSRCS ?? '[]') as number[];
/** Base audio level of each stream, in -dBov (0 loudest, 127 silence). */
const levels = JSON.parse(process.env.BENCH_RTP_LEVELS ?? '[]') as number[];
const PT = Number(process.env.BENCH_RTP_PT ?? 100);
const LEVEL_EXT_ID = Number(process.env.BENCH_RTP_LEVEL_EXT_ID ?? 1);
const PPS = 50;
/** Level steps (dB) over the base, one per 200 ms syllable. */
const SYLLABLE = [0, 3, 6, 2, 5];

const socket = createSocket('udp4');
let sent = 0;
let paused = false;
let t0 = performance.now();

/** 12-byte RTP header with the extension bit, then the one-byte-header extension block (4 + 4 bytes). */
function packet(payload: Buffer, ssrc: number, level: number): Buffer {
  const out = Buffer.alloc(20 + payload.length);
  out[0] = 0x90; // V=2, X=1
  out[1] = PT;
  out.writeUInt16BE(sent & 0xffff, 2);
  out.writeUInt32BE((sent * 960) >>> 0, 4);
  out.writeUInt32BE(ssrc, 8);
  out.writeUInt16BE(0xbede, 12);
  out.writeUInt16BE(1, 14); // one 32-bit word of extensions
  out[16] = (LEVEL_EXT_ID << 4) | 0; // id, length - 1 = 0
  out[17] = 0x80 | Math.min(127, Math.max(0, level)); // voice activity + level
  payload.copy(out, 20);
  return out;
}

socket.bind(0, '127.0.0.1', () => {
  const payload = randomBytes(80);
  payload[0] = 0x78; // Opus TOC: hybrid fullband 20 ms, one frame
  setInterval(() => {
    if (paused) return;
    const due = Math.floor(((performance.now() - t0) / 1000) * PPS);
    if (due - sent > 5) t0 += ((due - 5 - sent) / PPS) * 1000; // skip ahead, no burst, no gap
    const target = Math.floor(((performance.now() - t0) / 1000) * PPS);
    for (; sent < target; sent++) {
      const syllable = SYLLABLE[Math.floor(sent / 10) % SYLLABLE.length]!;
      ssrcs.forEach((ssrc, i) => {
        socket.send(packet(payload, ssrc, (levels[i] ?? 30) + syllable), ports[i]!, '127.0.0.1');
      });
    }
  }, 5);
});

process.on('message', (msg: { id: number; cmd: string }) => {
  if (msg.cmd === 'pause') paused = true;
  if (msg.cmd === 'resume' && paused) {
    paused = false;
    t0 = performance.now() - (sent / PPS) * 1000;
  }
  process.send?.({ id: msg.id, sent });
});
process.on('disconnect', () => process.exit(0));
