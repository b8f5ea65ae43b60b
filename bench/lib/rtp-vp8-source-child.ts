// The video capacity benchmark's RTP source, in its own process (like rtp-source-child.ts for audio):
// `streams` synthetic VP8 streams (rtp-vp8.ts) to one UDP port each, every stream the same frames
// (same sizes, same key frames), so each stream carries exactly the packets the count says. A key
// frame on schedule (the profile's interval), and one more at the next frame after a key frame request
// (RTCP PLI or FIR) reaches its socket, as an encoder does; the schedule restarts from it.
// When it falls behind by more than 100 ms it skips ahead instead of bursting (no sequence gap).
// IPC: {cmd:'pause'} / {cmd:'resume'} / {cmd:'count'}, each answered with {id, sent, frames, keyFrames}:
// packets, frames and key frames sent per stream so far.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { framePackets, packetsPerFrame, requestsKeyFrame, VP8_CLOCK_RATE, type Vp8Profile } from './rtp-vp8.js';

const ports = JSON.parse(process.env.BENCH_RTP_PORTS ?? '[]') as number[];
const ssrcs = JSON.parse(process.env.BENCH_RTP_SSRCS ?? '[]') as number[];
const profile = JSON.parse(process.env.BENCH_VP8_PROFILE ?? '{}') as Vp8Profile;
const PT = Number(process.env.BENCH_RTP_PT ?? 96);
const MAX_LAG_FRAMES = Math.ceil(profile.framesPerSecond / 10);

const socket = createSocket('udp4');
const filler = randomBytes(profile.maxPayload);
let sent = 0;
let frames = 0;
let keyFrames = 0;
let sinceKey = 0;
let keyRequested = true;
let paused = false;
let t0 = performance.now();

function sendFrame(): void {
  const key = keyRequested || sinceKey >= profile.keyFrameEvery;
  keyRequested = false;
  sinceKey = key ? 1 : sinceKey + 1;
  const frame = { key, pictureId: frames & 0x7fff, timestamp: (frames * VP8_CLOCK_RATE) / profile.framesPerSecond, firstSeq: sent };
  ssrcs.forEach((ssrc, i) => {
    for (const packet of framePackets(profile, frame, PT, ssrc, filler)) socket.send(packet, ports[i]!, '127.0.0.1');
  });
  sent += packetsPerFrame(profile, key);
  frames++;
  if (key) keyFrames++;
}

socket.on('message', (data) => {
  if (data.length >= 8 && data[1]! >= 192 && data[1]! <= 223 && requestsKeyFrame(data)) keyRequested = true;
});

socket.bind(0, '127.0.0.1', () => {
  setInterval(() => {
    if (paused) return;
    const due = Math.floor(((performance.now() - t0) / 1000) * profile.framesPerSecond);
    if (due - frames > MAX_LAG_FRAMES) t0 += ((due - MAX_LAG_FRAMES - frames) / profile.framesPerSecond) * 1000; // skip ahead, no burst, no gap
    const target = Math.floor(((performance.now() - t0) / 1000) * profile.framesPerSecond);
    while (frames < target) sendFrame();
  }, 5);
});

process.on('message', (msg: { id: number; cmd: string }) => {
  if (msg.cmd === 'pause') paused = true;
  if (msg.cmd === 'resume' && paused) {
    paused = false;
    t0 = performance.now() - (frames / profile.framesPerSecond) * 1000;
  }
  process.send?.({ id: msg.id, sent, frames, keyFrames });
});
process.on('disconnect', () => process.exit(0));
