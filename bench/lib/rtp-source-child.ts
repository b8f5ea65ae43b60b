// The capacity benchmark's RTP source, in its own process so a busy benchmark driver never makes
// it bursty: `speakers` streams of 50 packets/s (20 ms Opus-sized packets) to one UDP port.
// When it falls behind by more than 100 ms it skips ahead instead of bursting (no sequence gap).
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

const port = Number(process.env.BENCH_RTP_PORT);
const ssrcs = JSON.parse(process.env.BENCH_RTP_SSRCS ?? '[]') as number[];
const PT = Number(process.env.BENCH_RTP_PT ?? 100);
const PPS = 50;

const socket = createSocket('udp4');
socket.bind(0, '127.0.0.1', () => {
  const payload = randomBytes(80);
  payload[0] = 0x78; // Opus TOC: hybrid fullband 20 ms, one frame
  let seq = 0;
  let sent = 0;
  let skipped = 0;
  const t0 = performance.now();
  setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * PPS);
    if (due - sent > 5) {
      skipped += due - 5 - sent;
      sent = due - 5;
    }
    for (; sent < due; sent++, seq = (seq + 1) & 0xffff) {
      for (const ssrc of ssrcs) {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = PT;
        header.writeUInt16BE(seq, 2);
        header.writeUInt32BE((sent * 960) >>> 0, 4);
        header.writeUInt32BE(ssrc, 8);
        socket.send(Buffer.concat([header, payload]), port, '127.0.0.1');
      }
    }
  }, 5);
  process.on('message', () => process.send?.({ skipped }));
});
process.on('disconnect', () => process.exit(0));
