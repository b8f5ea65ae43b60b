// 2. Mouth-to-ear latency through the SFU, against a direct RTCPeerConnection between the same pages.
import { pageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { Browser, Page } from 'playwright-core';
import type { VoxlayApp } from '../../server/src/app.js';
import { startBenchApp } from '../lib/app.js';
import { closePage, launchChromium, openBenchPage, pageServerFor, VOICE_PAGE } from '../lib/browser.js';
import { sleep, withTimeout } from '../lib/config.js';
import { sfuAddedAtP50 } from '../lib/sfu-added.js';
import { bootstrap, fmt, median, percentile, summarize, withInterval } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

/** Opus DTX on the direct path too, as mediasoup-client's opusDtx sets it on the SFU path. */
async function connectP2P(sender: Page, listener: Page): Promise<void> {
  const offer = await sender.evaluate(async () => {
    const pc = new RTCPeerConnection();
    window.__benchP2P = pc;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    pc.addTrack(stream.getAudioTracks()[0]!, stream);
    const o = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: o.sdp!.replace(/useinbandfec=1/g, 'useinbandfec=1;usedtx=1') });
    for (let i = 0; i < 100 && pc.iceGatheringState !== 'complete'; i++) await new Promise((r) => setTimeout(r, 20));
    return pc.localDescription!.sdp;
  });
  const answer = await listener.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    window.__benchP2P = pc;
    pc.addEventListener('track', (ev) => {
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.srcObject = new MediaStream([ev.track]);
      document.body.append(audio);
      void audio.play().catch(() => undefined);
    });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const a = await pc.createAnswer();
    await pc.setLocalDescription({ type: 'answer', sdp: a.sdp!.replace(/useinbandfec=1/g, 'useinbandfec=1;usedtx=1') });
    for (let i = 0; i < 100 && pc.iceGatheringState !== 'complete'; i++) await new Promise((r) => setTimeout(r, 20));
    return pc.localDescription!.sdp;
  }, offer);
  await sender.evaluate((sdp) => {
    if (!window.__benchP2P) throw new Error('no direct connection on the sender page');
    return window.__benchP2P.setRemoteDescription({ type: 'answer', sdp });
  }, answer);
}

/** Puts an onset detector on the listener's SFU track and on its P2P track. */
async function listen(listener: Page): Promise<void> {
  await withTimeout(
    listener.evaluate(async () => {
      const w = window;
      for (let i = 0; i < 500 && w.__benchTracks.filter((t) => t.unmutedAt !== undefined).length < 2; i++)
        await new Promise((r) => setTimeout(r, 20));
      const ctx = new AudioContext({ sampleRate: 48000 });
      await ctx.resume();
      const onsets = { sfu: [] as number[], p2p: [] as number[] };
      w.__benchOnsets.sfu = onsets.sfu;
      w.__benchOnsets.p2p = onsets.p2p;
      for (const rec of w.__benchTracks) {
        const label = rec.pc === w.__benchP2P ? 'p2p' : 'sfu';
        const src = ctx.createMediaStreamSource(new MediaStream([rec.track]));
        await w.__benchAddDetector(ctx, src, (t: number) => onsets[label].push(t));
      }
    }),
    20_000,
    'listener tracks',
  );
}

/** Mean jitter-buffer delay (ms) and jitter (ms) of the listener's inbound audio, per path. */
async function jitterBuffers(
  listener: Page,
): Promise<{ sfu: { bufferMs: number; jitterMs: number }; p2p: { bufferMs: number; jitterMs: number } }> {
  return listener.evaluate(async () => {
    const w = window;
    const out = { sfu: { bufferMs: NaN, jitterMs: NaN }, p2p: { bufferMs: NaN, jitterMs: NaN } };
    for (const pc of w.__benchPcs) {
      if (pc.connectionState === 'closed') continue;
      const label = pc === w.__benchP2P ? 'p2p' : 'sfu';
      (await pc.getStats()).forEach(
        (s: {
          type: string;
          kind?: string;
          jitterBufferEmittedCount: number;
          packetsReceived: number;
          jitterBufferDelay: number;
          jitter: number;
        }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.jitterBufferEmittedCount > 0 && s.packetsReceived > 100) {
            out[label] = { bufferMs: (s.jitterBufferDelay / s.jitterBufferEmittedCount) * 1000, jitterMs: s.jitter * 1000 };
          }
        },
      );
    }
    return out;
  });
}

/** Per path, each encoded frame's time from the sender's encoder output to the listener's network input (ms). */
interface Transit {
  sfu: number[];
  p2p: number[];
  /** Frames received on a path whose RTP timestamp matched no frame sent on it. */
  unmatched: { sfu: number; p2p: number };
}

/**
 * Frame transit on both paths, from the encoded-transform records of both pages (init-script.ts):
 * a received frame is matched to the sent frame with the same RTP timestamp on the same path (the
 * SFU forwards a single stream's RTP timestamps unchanged; checked: unmatched frames are counted).
 */
async function frameTransit(sender: Page, listener: Page, from: number, to: number): Promise<Transit> {
  const read = (page: Page) =>
    page.evaluate(() => {
      const w = window;
      return { frames: w.__benchFrames, p2p: w.__benchP2P ? w.__benchPcs.indexOf(w.__benchP2P) : -1 };
    });
  const [s, l] = await Promise.all([read(sender), read(listener)]);
  const sent = new Map<string, Map<number, number>>();
  for (const f of s.frames) {
    if (f.side !== 'send') continue;
    const path = f.pc === s.p2p ? 'p2p' : 'sfu';
    const byTs = sent.get(path) ?? sent.set(path, new Map()).get(path)!;
    byTs.set(f.ts, f.at);
  }
  const out: Transit = { sfu: [], p2p: [], unmatched: { sfu: 0, p2p: 0 } };
  for (const f of l.frames) {
    if (f.side !== 'recv' || f.at < from || f.at > to) continue;
    const path = f.pc === l.p2p ? 'p2p' : 'sfu';
    const at = sent.get(path)?.get(f.ts);
    if (at === undefined) out.unmatched[path]++;
    else out[path].push(f.at - at);
  }
  return out;
}

/** Latency of each sender onset to the first listener onset within 400 ms after it. */
function match(sent: number[], heard: number[]): { latencies: number[]; missed: number } {
  const latencies: number[] = [];
  let missed = 0;
  for (const s of sent) {
    const h = heard.find((t) => t >= s && t < s + 400);
    if (h === undefined) missed++;
    else latencies.push(h - s);
  }
  return { latencies, missed };
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 3 : 10;
  const windowMs = ctx.quick ? 8_000 : 20_000;
  let app: VoxlayApp | undefined;
  let browser: Browser | undefined;
  const perRun: Array<{
    sfu: number[];
    p2p: number[];
    missedSfu: number;
    missedP2p: number;
    buffers: Awaited<ReturnType<typeof jitterBuffers>>;
    transit: Transit;
  }> = [];
  try {
    app = await startBenchApp();
    browser = await launchChromium();
    const url = (await pageServerFor(VOICE_PAGE)).url;
    const lobby = app.channels.defaultChannel.id;
    for (let r = 0; r < runs; r++) {
      const sender = await openBenchPage(browser, url, `m2e-sender-${r}`, { mic: 'bursts', transit: true });
      const listener = await openBenchPage(browser, url, `m2e-listener-${r}`, { mic: 'silence', transit: true });
      try {
        await pageApi<VoicePageApi>(sender, 'voice').join(app.url, lobby, 'Sender');
        await pageApi<VoicePageApi>(listener, 'voice').join(app.url, lobby, 'Listener');
        await connectP2P(sender, listener);
        await listen(listener);
        await sleep(2000); // jitter buffers settle; onsets before this are ignored
        const from = await sender.evaluate(() => window.__benchNow());
        await sleep(windowMs);
        const to = from + windowMs - 500;
        const onsets = await Promise.all([
          sender.evaluate(() => window.__benchOnsets.local),
          listener.evaluate(() => ({ sfu: window.__benchOnsets.sfu ?? [], p2p: window.__benchOnsets.p2p ?? [] })),
        ]);
        const sent = onsets[0].filter((t) => t >= from && t < to);
        const sfu = match(sent, onsets[1].sfu);
        const p2p = match(sent, onsets[1].p2p);
        const transit = await frameTransit(sender, listener, from, to);
        perRun.push({
          sfu: sfu.latencies,
          p2p: p2p.latencies,
          missedSfu: sfu.missed,
          missedP2p: p2p.missed,
          buffers: await jitterBuffers(listener),
          transit,
        });
        ctx.log(
          `mouth-to-ear run ${r + 1}/${runs}: ${sent.length} tones, SFU p50 ${fmt(percentile(sfu.latencies, 50))} ms, P2P p50 ${fmt(percentile(p2p.latencies, 50))} ms; frame transit p50 SFU ${fmt(percentile(transit.sfu, 50), 2)} ms, P2P ${fmt(percentile(transit.p2p, 50), 2)} ms (${transit.sfu.length} / ${transit.p2p.length} frames)`,
        );
        await pageApi<VoicePageApi>(listener, 'voice')
          .leave()
          .catch(() => undefined);
        await pageApi<VoicePageApi>(sender, 'voice')
          .leave()
          .catch(() => undefined);
      } finally {
        await closePage(sender);
        await closePage(listener);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
  }
  const GOAL_MS = 10;
  const diffs = perRun.map((r) => percentile(r.sfu, 50) - percentile(r.p2p, 50));
  const transitDiffs = perRun.map((r) => percentile(r.transit.sfu, 50) - percentile(r.transit.p2p, 50));
  const bufDiffs = perRun.map((r) => r.buffers.sfu.bufferMs - r.buffers.p2p.bufferMs);
  const all = (k: 'sfu' | 'p2p') => perRun.flatMap((r) => r[k]);
  const allTransit = (k: 'sfu' | 'p2p') => perRun.flatMap((r) => r.transit[k]);
  const sfuAll = summarize(all('sfu'));
  const p2pAll = summarize(all('p2p'));
  const tSfu = summarize(allTransit('sfu'));
  const tP2p = summarize(allTransit('p2p'));
  // The runs are the independent units (each its own pages, encoders and jitter buffers): the
  // intervals resample runs, not bursts or frames within a run.
  const transitAdded = bootstrap([transitDiffs], (d) => median(d!));
  const bufAdded = bootstrap([bufDiffs], (d) => median(d!));
  const unmatched = perRun.reduce((a, r) => a + r.transit.unmatched.sfu, 0);
  const decomposition = `The forwarding hop itself (frame transit, encoder output → the listener's network input, measured per frame on both paths) adds ${withInterval(transitAdded, 2, ' ms')}; the listener's jitter buffer holds ${withInterval(bufAdded, 1, ' ms')} more on the SFU path (mean jitterBufferDelay per emitted sample, per run).`;
  const added = sfuAddedAtP50(diffs, GOAL_MS, 'mouth to ear', decomposition);
  const misses = added.misses;
  const missed = perRun.reduce((a, r) => a + r.missedSfu + r.missedP2p, 0);
  return {
    id: 'mouth-to-ear',
    title: 'Mouth-to-ear latency: SFU vs direct (P2P)',
    method: [
      `The sender's microphone is WebAudio (getUserMedia replaced by the benchmark's init script): a 1 kHz tone burst of 40 ms every 500 ms. An AudioWorklet onset detector (first sample above 0.05 after 150 ms of quiet) time-stamps each burst as it leaves the sender's audio graph, and the same detector time-stamps it in the listener's AudioContext, fed by the received track (also played through an unmuted <audio> element, which Chromium needs to decode it). Times are performance.timeOrigin + now(), one clock for both pages of the same browser; a detector's time is "now minus how far the context rendered past the onset frame".`,
      `The same sender track goes, at the same time, through Voxlay (both pages joined through GraphQL; voice-page.ts, Opus with DTX and FEC) and over a direct RTCPeerConnection between the two pages (Opus, usedtx=1 added to the SDP like mediasoup-client does), so each burst is heard on both paths and the difference is the SFU's. ${runs} runs of ${windowMs / 1000} s, each with fresh pages; a burst counts when the listener hears it within 400 ms.`,
      `**Frame transit**, a second and more precise method for the forwarding hop alone: an RTCRtpScriptTransform on every audio sender and receiver of both pages records each encoded frame's RTP timestamp and time as it leaves the encoder and as it arrives from the network (before the jitter buffer); a received frame is matched to the frame sent with the same RTP timestamp on the same path.`,
      `**Spread and verdict**: the runs are the independent units (each has its own encoders and jitter buffers, whose settling differs from run to run), so the intervals are 95% bootstrap intervals of the median over runs (2,000 resamples of the runs). The goal (the SFU adds ≤ ${GOAL_MS} ms at p50, mouth to ear) is met when the whole interval is within it, missed when all of it is over, inconclusive otherwise.`,
      "The table also gives, per path, the listener's mean jitter-buffer delay (jitterBufferDelay ÷ jitterBufferEmittedCount) and the RTP jitter at the end of each run, from inbound-rtp stats.",
      'What the absolute mouth-to-ear numbers include: WebAudio → WebRTC capture, Opus encoding (20 ms frames), the recording transforms, the network (loopback), the jitter buffer, decoding and WebAudio rendering; not a loudspeaker or a real microphone.',
    ],
    figures: [
      { label: 'Mouth-to-ear through the SFU, p50 / p95 (all bursts)', value: `${fmt(sfuAll.median)} / ${fmt(sfuAll.p95)} ms` },
      { label: 'Mouth-to-ear direct P2P, p50 / p95 (all bursts)', value: `${fmt(p2pAll.median)} / ${fmt(p2pAll.p95)} ms` },
      added.figure,
      {
        label: 'Added by the forwarding hop (frame transit, SFU − P2P, p50)',
        value: `${withInterval(transitAdded, 2, ' ms')}; transit p50 SFU ${fmt(tSfu.median, 2)} ms, P2P ${fmt(tP2p.median, 2)} ms (${tSfu.n} / ${tP2p.n} frames)`,
        source: 'derived',
        how: 'median over runs of the per-run difference of per-frame transit medians',
      },
      {
        label: 'Jitter-buffer delay, SFU − P2P',
        value: withInterval(bufAdded, 1, ' ms'),
        source: 'derived',
        how: 'median over runs of the difference of the mean jitter-buffer delays',
      },
    ],
    details: [
      `${table(
        [
          'run',
          'tones heard (SFU / P2P)',
          'SFU p50',
          'SFU p95',
          'P2P p50',
          'P2P p95',
          'SFU − P2P at p50',
          'transit p50 SFU / P2P',
          'jitter buffer SFU / P2P',
          'jitter SFU / P2P',
        ],
        perRun.map((r, i) => [
          i + 1,
          `${r.sfu.length} / ${r.p2p.length}`,
          fmt(percentile(r.sfu, 50)),
          fmt(percentile(r.sfu, 95)),
          fmt(percentile(r.p2p, 50)),
          fmt(percentile(r.p2p, 95)),
          fmt(diffs[i]),
          `${fmt(percentile(r.transit.sfu, 50), 2)} / ${fmt(percentile(r.transit.p2p, 50), 2)}`,
          `${fmt(r.buffers.sfu.bufferMs)} / ${fmt(r.buffers.p2p.bufferMs)}`,
          `${fmt(r.buffers.sfu.jitterMs)} / ${fmt(r.buffers.p2p.jitterMs)}`,
        ]),
      )}\n\n(ms)`,
      `Frame transit, all frames: SFU p50 ${fmt(tSfu.median, 2)} / p95 ${fmt(tSfu.p95, 2)} ms; P2P p50 ${fmt(tP2p.median, 2)} / p95 ${fmt(tP2p.p95, 2)} ms. ${unmatched} frame(s) received through the SFU matched no sent RTP timestamp.`,
    ],
    charts: [],
    misses,
    notes: missed ? [`${missed} burst(s) were not heard within 400 ms on one of the paths (counted as missing, not as latency).`] : [],
    data: {
      runs,
      windowMs,
      perRun: perRun.map(({ transit, ...r }) => ({
        ...r,
        transit: { sfu: summarize(transit.sfu), p2p: summarize(transit.p2p), unmatched: transit.unmatched },
      })),
      added: added.interval,
      transitAdded,
      bufAdded,
    },
  };
}

export const mouthToEarSuite: Suite = { id: 'mouth-to-ear', title: 'Mouth-to-ear latency', run };
