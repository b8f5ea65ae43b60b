// Glass-to-glass latency of a shared screen: the sender draws its clock into a canvas (a bar code the
// viewer reads back from every frame it shows), sent at the same time through Voxlay (a SCREEN
// producer, watched with watchStream) and over a direct RTCPeerConnection between the same pages.
import type { Browser } from 'playwright-core';
import { DIRECT_STREAM, type ShownFrame } from '@voxlay/testing/pages/video-api';
import type { VoxlayApp } from '../../server/src/app.js';
import { startBenchApp } from '../lib/app.js';
import { launchChromium } from '../lib/browser.js';
import { sleep, withTimeout } from '../lib/config.js';
import { sfuAddedAtP50 } from '../lib/sfu-added.js';
import { bootstrap, fmt, median, percentile, summarize, withInterval } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';
import { firstFrameWhere, inboundVideoCodecs, joinedVideoPage, type VideoBenchPage } from '../lib/video-pages.js';

const GOAL_MS = 10;
type Path = 'sfu' | 'p2p';
const PATHS: Path[] = ['sfu', 'p2p'];

/** One path of one run: per frame shown, ms from the sender's drawing. */
interface PathSample {
  /** To the time the compositor expected to show the frame (glass to glass). */
  shown: number[];
  /** To its last packet's arrival at the viewer (network and sender encoding). */
  received: number[];
  /** Frames shown in the window, and those whose clock could not be read. */
  frames: number;
  unreadable: number;
  width: number;
}

function pathSample(frames: readonly ShownFrame[]): PathSample {
  const read = frames.filter((f) => f.drawnAt !== undefined);
  return {
    shown: read.map((f) => f.displayAt - f.drawnAt!),
    received: read.filter((f) => f.receivedAt !== undefined).map((f) => f.receivedAt! - f.drawnAt!),
    frames: frames.length,
    unreadable: frames.length - read.length,
    width: frames.at(-1)?.width ?? 0,
  };
}

/** Sets up both paths, the order given (each waits for its first frame with a readable clock). */
async function connect(sender: VideoBenchPage, viewer: VideoBenchPage, order: Path[]): Promise<string> {
  let producerId = '';
  for (const path of order) {
    const since = await viewer.video.now();
    if (path === 'sfu') {
      producerId = await sender.video.produceClock();
      await viewer.video.watch(producerId, { readClock: true });
    } else {
      const answer = await viewer.video.directAnswer(await sender.video.directOffer());
      await sender.video.directAccept(answer);
    }
    const first = await firstFrameWhere(viewer.video, path === 'sfu' ? producerId : DIRECT_STREAM, since, (f) => f.drawnAt !== undefined);
    if (!first) throw new Error(`no readable frame on the ${path} path within 10 s`);
  }
  return producerId;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 3 : 8;
  const windowMs = ctx.quick ? 6_000 : 15_000;
  let app: VoxlayApp | undefined;
  let browser: Browser | undefined;
  const perRun: Array<Record<Path, PathSample> & { first: Path }> = [];
  const codecs = new Set<string>();
  try {
    app = await startBenchApp();
    browser = await launchChromium();
    for (let r = 0; r < runs; r++) {
      const sender = await joinedVideoPage(browser, app, `Glass sender ${r + 1}`);
      const viewer = await joinedVideoPage(browser, app, `Glass viewer ${r + 1}`);
      try {
        // Which path is set up first alternates from run to run.
        const order: Path[] = r % 2 === 0 ? ['sfu', 'p2p'] : ['p2p', 'sfu'];
        const producerId = await withTimeout(connect(sender, viewer, order), 30_000, 'both paths');
        await sleep(2_000); // both bandwidth estimates and jitter buffers settle
        const from = await viewer.video.now();
        await sleep(windowMs);
        const [sfu, p2p] = await Promise.all([viewer.video.frames(producerId, from), viewer.video.frames(DIRECT_STREAM, from)]);
        const sample = { sfu: pathSample(sfu), p2p: pathSample(p2p), first: order[0]! };
        for (const codec of await inboundVideoCodecs(viewer.page)) codecs.add(codec);
        perRun.push(sample);
        ctx.log(
          `video-glass run ${r + 1}/${runs} (${order[0]} first): glass-to-glass p50 SFU ${fmt(median(sample.sfu.shown))} ms, P2P ${fmt(median(sample.p2p.shown))} ms (${sample.sfu.shown.length} / ${sample.p2p.shown.length} frames read)`,
        );
      } finally {
        await viewer.close();
        await sender.close();
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
  }

  // The runs are the independent units (each its own pages, encoders, estimates and jitter buffers).
  const diffs = perRun.map((r) => median(r.sfu.shown) - median(r.p2p.shown));
  const receivedDiffs = perRun.map((r) => median(r.sfu.received) - median(r.p2p.received));
  const receivedAdded = bootstrap([receivedDiffs], (d) => median(d!));
  const all = (path: Path, key: 'shown' | 'received') => summarize(perRun.flatMap((r) => r[path][key]));
  const unreadable = (path: Path) => perRun.reduce((a, r) => a + r[path].unreadable, 0);
  const frames = (path: Path) => perRun.reduce((a, r) => a + r[path].frames, 0);
  const fps = (path: Path) => frames(path) / runs / (windowMs / 1000);
  const split = `Up to the frame's arrival at the viewer (last packet received) the SFU adds ${withInterval(receivedAdded, 1, ' ms')}.`;
  const added = sfuAddedAtP50(diffs, GOAL_MS, 'glass to glass', split);
  const label: Record<Path, string> = { sfu: 'through the SFU', p2p: 'direct P2P' };
  return {
    id: 'video-glass',
    title: 'Glass-to-glass latency of a shared screen: SFU vs direct (P2P)',
    method: [
      "The sender page draws a 1280x720 canvas 30 times a second (setInterval) with some moving content and, in its top 64 rows, its clock (performance.timeOrigin + now(), in tenths of a millisecond modulo 2^32) as 32 black-or-white 32x32 blocks over their complements, on VP8's macroblock grid; the canvas's captureStream(30) track is the shared screen (contentHint 'detail', degradation preference maintain-resolution, VP8 on both paths).",
      `The same canvas goes, at the same time, through Voxlay (produced as a SCREEN producer with mediasoup-client, watched by the viewer with watchStream) and over a direct RTCPeerConnection between the two pages (VP8 preferred by setCodecPreferences, transport-cc, no simulcast on either path). The viewer's requestVideoFrameCallback draws each frame it shows into a canvas and reads the clock back (a frame counts only when every block and its complement disagree clearly); glass to glass is the callback's expectedDisplayTime minus the time drawn, both on the clock every page of the browser shares. Which path is set up first alternates; ${runs} runs of ${windowMs / 1000} s, each with fresh pages, after 2 s of settling.`,
      `**Spread and verdict**: the runs are the independent units, so the interval is a 95% bootstrap interval of the median over runs of (SFU p50 − P2P p50) (2,000 resamples of the runs). The goal (the SFU adds ≤ ${GOAL_MS} ms at p50) is met when the whole interval is within it, missed when all of it is over, inconclusive otherwise.`,
      'What the absolute numbers include: the canvas capture, VP8 encoding and packetization, pacing, the network (loopback), the jitter buffer, decoding and the compositor; not a screen or a camera.',
    ],
    figures: [
      ...PATHS.map((path) => {
        const s = all(path, 'shown');
        return { label: `Glass to glass ${label[path]}, p50 / p95 (all frames)`, value: `${fmt(s.median)} / ${fmt(s.p95)} ms` };
      }),
      added.figure,
      {
        label: 'Added by the SFU up to the arrival of the frame (last packet), at p50',
        value: withInterval(receivedAdded, 1, ' ms'),
        source: 'derived',
        how: 'median over runs of the difference of the per-run medians of (receiveTime − time drawn)',
      },
    ],
    details: [
      `${table(
        [
          'run',
          'first set up',
          'frames read SFU / P2P',
          'SFU p50',
          'SFU p95',
          'P2P p50',
          'P2P p95',
          'SFU − P2P at p50',
          'arrival p50 SFU / P2P',
          'width SFU / P2P',
        ],
        perRun.map((r, i) => [
          i + 1,
          r.first,
          `${r.sfu.shown.length} / ${r.p2p.shown.length}`,
          fmt(median(r.sfu.shown)),
          fmt(percentile(r.sfu.shown, 95)),
          fmt(median(r.p2p.shown)),
          fmt(percentile(r.p2p.shown, 95)),
          fmt(diffs[i]),
          `${fmt(median(r.sfu.received))} / ${fmt(median(r.p2p.received))}`,
          `${r.sfu.width} / ${r.p2p.width}`,
        ]),
      )}\n\n(ms)`,
      `Frames shown per second: SFU ${fmt(fps('sfu'))}, P2P ${fmt(fps('p2p'))}; frames whose clock could not be read: SFU ${unreadable('sfu')} of ${frames('sfu')}, P2P ${unreadable('p2p')} of ${frames('p2p')}. Codecs the viewer received on both paths: ${[...codecs].join(', ') || 'not read'}. Arrival (last packet received − drawn): SFU p50 ${fmt(all('sfu', 'received').median)} ms, P2P ${fmt(all('p2p', 'received').median)} ms.`,
    ],
    charts: [],
    misses: added.misses,
    notes: [],
    data: {
      runs,
      windowMs,
      codecs: [...codecs],
      perRun: perRun.map((r) => ({
        first: r.first,
        ...Object.fromEntries(
          PATHS.map((p) => [
            p,
            {
              shown: summarize(r[p].shown),
              received: summarize(r[p].received),
              frames: r[p].frames,
              unreadable: r[p].unreadable,
              width: r[p].width,
            },
          ]),
        ),
      })),
      added: added.interval,
      receivedAdded,
    },
  };
}

export const videoGlassSuite: Suite = { id: 'video-glass', title: 'Glass-to-glass latency of a shared screen', run };
