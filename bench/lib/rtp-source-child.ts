// The capacity benchmark's RTP source, in its own process so a busy benchmark driver never makes
// it bursty: `speakers` streams of 50 packets/s (20 ms Opus-sized packets) to one UDP port each.
// When it falls behind by more than 100 ms it skips ahead instead of bursting (no sequence gap).
// IPC: {cmd:'pause'} / {cmd:'resume'} / {cmd:'count'}, each answered with {id, sent}: packets sent
// per stream so far. Pausing lets a measurement know exactly how many packets each stream carried.
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

const ports = JSON.parse(process.env.BENCH_RTP_PORTS ?? '[]') as number[];
const ssrcs = JSON.parse(process.env.BENCH_RTP_SSRCS ?? '[]') as number[];
const PT = Number(process.env.BENCH_RTP_PT ?? 100);
const PPS = 50;

const socket = createSocket('udp4');
let sent = 0;
let paused = false;
let t0 = performance.now();

socket.bind(0, '127.0.0.1', () => {
  const payload = randomBytes(80);
  payload[0] = 0x78; // Opus TOC: hybrid fullband 20 ms, one frame
  setInterval(() => {
    if (paused) return;
    const due = Math.floor(((performance.now() - t0) / 1000) * PPS);
    if (due - sent > 5) t0 += ((due - 5 - sent) / PPS) * 1000; // skip ahead, no burst, no gap
    const target = Math.floor(((performance.now() - t0) / 1000) * PPS);
    for (; sent < target; sent++) {
      ssrcs.forEach((ssrc, i) => {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = PT;
        header.writeUInt16BE(sent & 0xffff, 2);
        header.writeUInt32BE((sent * 960) >>> 0, 4);
        header.writeUInt32BE(ssrc, 8);
        socket.send(Buffer.concat([header, payload]), ports[i]!, '127.0.0.1');
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
