// 1. Join → first audio in real Chromium, Voxlay vs the raw mediasoup floor, from the same start line.
//    Two variants, each a Voxlay/floor pair: "prepared" (both have an open signaling WebSocket, the
//    router capabilities and a loaded Device before the clock) and "cold" (both pay all of it inside
//    the clock). The verdict on the ratio uses the prepared pair.
import { fileURLToPath } from 'node:url';
import { pageApi, type RawPageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { Browser, Page } from 'playwright-core';
import type { types } from 'mediasoup';
import { WebSocketServer, type WebSocket } from 'ws';
import { mediaCodecs } from '../../server/src/sfu/mediaCodecs.js';
import type { VoxlayApp } from '../../server/src/app.js';
import { startBenchApp } from '../lib/app.js';
import { closePage, launchChromium, openBenchPage, pageServerFor, RAW_PAGE, VOICE_PAGE } from '../lib/browser.js';
import { withTimeout } from '../lib/config.js';
import type { RawJoinPageApi, VoxlayJoinPageApi, WsEvent } from '../lib/page-globals.js';
import { createWebRtcTransport, exposeRawSignal, transportJson, type RawSender } from '../lib/raw-signal.js';
import { bootstrap, fmt, median, percentile, summarize, verdictAtMost, withInterval } from '../lib/stats.js';
import { loadavg } from 'node:os';
import { table, type Figure, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

const RAW_JOIN_PAGE = fileURLToPath(new URL('../pages/raw-join.ts', import.meta.url));
/** The Voxlay joiner: core's VoiceSession (bench/pages/voxlay-join.ts). */
const VOXLAY_JOIN_PAGE = fileURLToPath(new URL('../pages/voxlay-join.ts', import.meta.url));

type Path = 'voxlay' | 'raw';
type Variant = 'prepared' | 'cold';
const PATHS: Path[] = ['voxlay', 'raw'];
const VARIANTS: Variant[] = ['prepared', 'cold'];
const LABEL: Record<Path, string> = { voxlay: 'Voxlay', raw: 'floor' };
const RATIO_GOAL = 1.3;
const P95_GOAL_MS = 150;

interface Sample {
  /** Click → the first RTP packet of a remote track (its `unmute`). */
  ms: number;
  /** Click → the first decoded sample above -50 dBFS of a remote track (WebAudio). */
  audibleMs: number;
  /**
   * Requests (not subscriptions; WebSocket and, on the Voxlay page, HTTP) sent at or after the click
   * and answered before the first audio packet, in order, with reply time (ms from the click).
   */
  requests: Array<{ name: string; sentMs: number; replyMs: number }>;
  /** Requests answered before the click (the prepared variant's preparation). */
  prepared: string[];
  /** When the WebSocket opened, ms from the click (negative: before it). */
  wsOpenMs: number;
}

const machineLoad = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The join pages' APIs by their window names, and the timed calls: `api.method`. */
interface JoinApis {
  voxlayJoin: VoxlayJoinPageApi;
  rawJoin: RawJoinPageApi;
}
type JoinCall = { [A in keyof JoinApis]: `${A}.${Extract<keyof JoinApis[A], string>}` }[keyof JoinApis];

/** Calls `call` in `page` (the clock starts just before it) and waits for the first remote packet and audible sample. */
async function timeJoin(
  page: Page,
  call: JoinCall,
  args: unknown[],
): Promise<{ t0: number; first?: number; audible?: number; ws: WsEvent[] }> {
  return withTimeout(
    page.evaluate(
      async ([fn, a]) => {
        const w = window;
        const [api, method] = fn.split('.') as [keyof JoinApis, string];
        const t0 = w.__benchNow();
        const join = (w[api] as unknown as Record<string, (...x: unknown[]) => Promise<unknown>> | undefined)?.[method];
        if (!join) throw new Error(`window.${fn} is not defined`);
        const done = join(...a);
        done.catch((err: unknown) => console.error('join failed', err));
        for (let i = 0; i < 2000 && (w.__benchFirstAudio === undefined || w.__benchFirstAudible === undefined); i++)
          await new Promise((r) => setTimeout(r, 5));
        await done;
        return { t0, first: w.__benchFirstAudio, audible: w.__benchFirstAudible, ws: w.__benchWs };
      },
      [call, args] as const,
    ),
    20_000,
    `${call} to first audio`,
  );
}

/** Pairs requests with their replies: graphql-ws (subscribe → next/complete, init → ack) or the raw {id} protocol. */
function analyse(t0: number, first: number, audible: number, ws: WsEvent[]): Sample {
  const out = ws.filter((e) => e.dir === 'out');
  const incoming = ws.filter((e) => e.dir === 'in');
  const requests: Sample['requests'] = [];
  const prepared: string[] = [];
  for (const e of out) {
    const msg = e.msg ?? {};
    let name: string;
    let isReply: (m: NonNullable<WsEvent['msg']>) => boolean;
    if (msg.type === 'connection_init') {
      name = 'graphql-ws connection_init';
      isReply = (m) => m.type === 'connection_ack';
    } else if (msg.type === 'http') {
      name = msg.op ?? 'HTTP request';
      isReply = (m) => m.type === 'http-reply' && m.id === msg.id;
    } else if (msg.type === 'subscribe') {
      name = msg.op ?? 'anonymous';
      if (name.startsWith('subscription')) continue;
      isReply = (m) => m.id === msg.id && (m.type === 'next' || m.type === 'error');
    } else if (msg.method) {
      name = `raw ${msg.method}`;
      isReply = (m) => m.id === msg.id;
    } else continue;
    const reply = incoming.find((i) => i.at >= e.at && isReply(i.msg ?? {}));
    if (!reply) continue;
    if (e.at < t0) {
      if (reply.at <= t0) prepared.push(name);
      else requests.push({ name: `${name} (sent before the click)`, sentMs: e.at - t0, replyMs: reply.at - t0 });
    } else if (reply.at <= first) {
      requests.push({ name, sentMs: e.at - t0, replyMs: reply.at - t0 });
    }
  }
  // The WebSocket in use: the last one opened before the first packet.
  const open = ws.filter((e) => e.dir === 'open' && e.at <= first).at(-1);
  return { ms: first - t0, audibleMs: audible - t0, requests, prepared, wsOpenMs: open ? open.at - t0 : Number.NaN };
}

/** What raw-join.ts sends the floor's signaling server. */
type FloorRequest =
  | { id: number; method: 'join'; data: { rtpCapabilities: types.RtpCapabilities } }
  | { id: number; method: 'connect'; data: { dtlsParameters: types.DtlsParameters } };

/** The floor's signaling server: capabilities pushed on open, then join (transport + resumed consumer) and connect. */
async function startFloorSignaling(
  rawRouter: types.Router,
  producerId: string,
  rawTransports: Set<types.WebRtcTransport>,
): Promise<WebSocketServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket: WebSocket) => {
    let transport: types.WebRtcTransport | undefined;
    socket.send(JSON.stringify({ routerRtpCapabilities: rawRouter.rtpCapabilities }));
    socket.on('message', async (raw) => {
      const msg = JSON.parse(String(raw)) as FloorRequest;
      try {
        if (msg.method === 'join') {
          transport = await createWebRtcTransport(rawRouter);
          rawTransports.add(transport);
          const consumer = await transport.consume({ producerId, rtpCapabilities: msg.data.rtpCapabilities });
          socket.send(
            JSON.stringify({
              id: msg.id,
              data: {
                transport: transportJson(transport),
                consumer: { id: consumer.id, producerId: consumer.producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters },
              },
            }),
          );
        } else if (msg.method === 'connect') {
          await transport!.connect({ dtlsParameters: msg.data.dtlsParameters });
          socket.send(JSON.stringify({ id: msg.id, data: {} }));
        }
      } catch (err) {
        socket.send(JSON.stringify({ id: msg.id, error: String(err) }));
      }
    });
    socket.on('close', () => transport?.close());
  });
  return wss;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = Number(process.env.BENCH_JOIN_RUNS ?? (ctx.quick ? 5 : 20));
  let app: VoxlayApp | undefined;
  let browser: Browser | undefined;
  let wss: WebSocketServer | undefined;
  const rawTransports = new Set<types.WebRtcTransport>();
  const samples: Record<Variant, Record<Path, Sample[]>> = { prepared: { voxlay: [], raw: [] }, cold: { voxlay: [], raw: [] } };
  const failures: string[] = [];
  let serverJoinMs = Number.NaN;
  try {
    app = await startBenchApp();
    const lobby = app.channels.defaultChannel.id;
    browser = await launchChromium();
    const voiceUrl = (await pageServerFor(VOICE_PAGE)).url;
    const voxlayJoinUrl = (await pageServerFor(VOXLAY_JOIN_PAGE)).url;
    const rawUrl = (await pageServerFor(RAW_PAGE)).url;
    const rawJoinUrl = (await pageServerFor(RAW_JOIN_PAGE)).url;

    // Voxlay: somebody already speaking (a continuous tone, so DTX never hides the first packet).
    const speaker = await openBenchPage(browser, voiceUrl, 'voxlay-speaker', { mic: 'tone' });
    await pageApi<VoicePageApi>(speaker, 'voice').join(app.url, lobby, 'Speaker');

    // The floor: a router on the same worker, a raw mediasoup-client speaker, a minimal WebSocket signaling.
    const worker = app.pool.workers[0]!.worker;
    const rawRouter = await worker.createRouter({ mediaCodecs });
    const sender: RawSender = { transports: new Map(), producers: [] };
    const rawSpeaker = await openBenchPage(browser, rawUrl, 'raw-speaker', { mic: 'tone', beforeGoto: (p) => exposeRawSignal(p, sender) });
    await pageApi<RawPageApi>(rawSpeaker, 'raw').load(rawRouter.rtpCapabilities as unknown as Record<string, unknown>);
    const sendT = await createWebRtcTransport(rawRouter);
    sender.transports.set(sendT.id, sendT);
    const rawProducerId = await pageApi<RawPageApi>(rawSpeaker, 'raw').produce(transportJson(sendT));
    wss = await startFloorSignaling(rawRouter, rawProducerId, rawTransports);
    const wsUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;

    const joinOnce = async (i: number, variant: Variant, path: Path): Promise<void> => {
      const page = await openBenchPage(browser!, path === 'voxlay' ? voxlayJoinUrl : rawJoinUrl, `${path}-${variant}-${i}`, {
        mic: 'silence',
      });
      try {
        if (variant === 'prepared') {
          if (path === 'voxlay') await withTimeout(pageApi<VoxlayJoinPageApi>(page, 'voxlayJoin').prepare(app!.url), 20_000, 'prepare');
          else await withTimeout(pageApi<RawJoinPageApi>(page, 'rawJoin').prepare(wsUrl), 20_000, 'prepare');
        }
        const name = `Joiner ${variant} ${i}`;
        const r =
          path === 'voxlay'
            ? variant === 'prepared'
              ? await timeJoin(page, 'voxlayJoin.join', [lobby, name])
              : await timeJoin(page, 'voxlayJoin.joinCold', [app!.url, lobby, name])
            : variant === 'prepared'
              ? await timeJoin(page, 'rawJoin.join', [])
              : await timeJoin(page, 'rawJoin.joinCold', [wsUrl]);
        if (r.first === undefined || r.first === null) throw new Error('no audio packet within 10 s');
        if (r.audible === undefined || r.audible === null) throw new Error('no audible sample within 10 s');
        if (i >= 0) samples[variant][path].push(analyse(r.t0, r.first, r.audible, r.ws));
        if (path === 'voxlay')
          await pageApi<VoxlayJoinPageApi>(page, 'voxlayJoin')
            .leave()
            .catch(() => undefined);
      } catch (err) {
        failures.push(`${path} ${variant} run ${i}: ${String(err)}`);
      } finally {
        await closePage(page);
      }
    };

    // Warm-up (first page, first bundle parse) is not counted. Variants and paths alternate their order.
    for (let i = -1; i < runs; i++) {
      const variants = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of variants) {
        const paths = (i + (variant === 'cold' ? 1 : 0)) % 2 === 0 ? PATHS : [...PATHS].reverse();
        for (const path of paths) await joinOnce(i, variant, path);
      }
      const last = (v: Variant, p: Path) => fmt(samples[v][p].at(-1)?.ms);
      ctx.log(
        `join run ${i + 1}/${runs}: prepared voxlay ${last('prepared', 'voxlay')} ms, floor ${last('prepared', 'raw')} ms; cold voxlay ${last('cold', 'voxlay')} ms, floor ${last('cold', 'raw')} ms`,
      );
    }
    const metricsText = await (await fetch(`${app.url}/metrics`)).text();
    const metric = (name: string) =>
      Number(
        metricsText
          .split('\n')
          .find((l) => l.startsWith(`${name} `))
          ?.split(' ')[1] ?? Number.NaN,
      );
    serverJoinMs = (metric('voxlay_join_duration_seconds_sum') / metric('voxlay_join_duration_seconds_count')) * 1000;
    await closePage(speaker);
    await closePage(rawSpeaker);
    rawRouter.close();
  } finally {
    for (const t of rawTransports) t.close();
    wss?.close();
    await browser?.close().catch(() => undefined);
    await app?.stop();
  }
  return report(runs, samples, failures, serverJoinMs);
}

function report(runs: number, samples: Record<Variant, Record<Path, Sample[]>>, failures: string[], serverJoinMs: number): SuiteResult {
  const firstPacket = (v: Variant, p: Path) => samples[v][p].map((s) => s.ms);
  const audible = (v: Variant, p: Path) => samples[v][p].map((s) => s.audibleMs);
  const ratio = (v: Variant) => bootstrap([firstPacket(v, 'voxlay'), firstPacket(v, 'raw')], (a, b) => median(a!) / median(b!));
  const prepRatio = ratio('prepared');
  const coldRatio = ratio('cold');
  const prepVerdict = verdictAtMost(prepRatio, RATIO_GOAL);
  const pv = summarize(firstPacket('prepared', 'voxlay'));
  const pr = summarize(firstPacket('prepared', 'raw'));
  const cv = summarize(firstPacket('cold', 'voxlay'));
  const cr = summarize(firstPacket('cold', 'raw'));
  const av = summarize(audible('prepared', 'voxlay'));
  const ar = summarize(audible('prepared', 'raw'));
  const cav = summarize(audible('cold', 'voxlay'));
  const car = summarize(audible('cold', 'raw'));

  const steps = (list: Sample[]) => {
    const names = new Map<string, { sent: number[]; reply: number[] }>();
    for (const s of list) {
      for (const q of s.requests) {
        const e = names.get(q.name) ?? names.set(q.name, { sent: [], reply: [] }).get(q.name)!;
        e.sent.push(q.sentMs);
        e.reply.push(q.replyMs);
      }
    }
    return names;
  };
  // The joiner's own microphone (send transport connect, produce): not needed to hear.
  const SEND_SIDE = /ConnectTransport$|Produce$/;
  const needed = (s: Sample) => s.requests.filter((q) => !SEND_SIDE.test(q.name));
  const rtCount = (list: Sample[]) =>
    percentile(
      list.map((s) => needed(s).length),
      50,
    );
  const sendSideBeforeHeard = (list: Sample[]) => list.filter((s) => s.requests.some((q) => SEND_SIDE.test(q.name))).length;
  const timeline = (label: string, list: Sample[]) => {
    const rows: Array<Array<string | number>> = [
      [
        label,
        'WebSocket open',
        '',
        fmt(
          percentile(
            list.map((s) => s.wsOpenMs),
            50,
          ),
        ),
      ],
    ];
    for (const [name, t] of steps(list))
      rows.push([label, `${name} (in ${t.sent.length}/${list.length} joins)`, fmt(percentile(t.sent, 50)), fmt(percentile(t.reply, 50))]);
    rows.push([
      label,
      'first audio packet (track unmute)',
      '',
      fmt(
        percentile(
          list.map((s) => s.ms),
          50,
        ),
      ),
    ]);
    rows.push([
      label,
      'first audible sample (> -50 dBFS)',
      '',
      fmt(
        percentile(
          list.map((s) => s.audibleMs),
          50,
        ),
      ),
    ]);
    return rows;
  };
  const preparedText = (list: Sample[]): string => {
    const sorted = [...list].sort((a, b) => a.ms - b.ms);
    const mid = sorted[Math.floor(sorted.length / 2)];
    return mid?.prepared.length ? mid.prepared.join(', ') : 'nothing';
  };
  const requestTimes = (list: Sample[]) =>
    [...steps(list)]
      .filter(([name]) => !SEND_SIDE.test(name))
      .map(
        ([name, t]) =>
          `${name.replace(/^(query|mutation) /, '')} ${fmt(
            percentile(
              t.reply.map((r, i) => r - t.sent[i]!),
              50,
            ),
          )} ms`,
      )
      .join(', ');
  // After the last request needed to hear, what is left is ICE + DTLS + the first packet.
  const lastNeeded = (s: Sample) => Math.max(0, ...needed(s).map((q) => q.replyMs));
  const signaling = (list: Sample[]) => percentile(list.map(lastNeeded), 50);
  const mediaSetup = (list: Sample[]) =>
    percentile(
      list.map((s) => s.ms - lastNeeded(s)),
      50,
    );
  const decode = (list: Sample[]) =>
    percentile(
      list.map((s) => s.audibleMs - s.ms),
      50,
    );

  const misses: string[] = [];
  const split = (v: Variant) =>
    `At the median (${v}), signaling until the last reply needed to hear takes ${fmt(signaling(samples[v].voxlay))} ms for Voxlay and ${fmt(signaling(samples[v].raw))} ms for the floor, then ICE + DTLS + the first packet ${fmt(mediaSetup(samples[v].voxlay))} ms and ${fmt(mediaSetup(samples[v].raw))} ms. Median request times (answered − sent): Voxlay ${requestTimes(samples[v].voxlay)}; floor ${requestTimes(samples[v].raw)}.`;
  if (prepVerdict === false)
    misses.push(`Prepared join p50 is ${withInterval(prepRatio, 2, '×')} the prepared floor (goal ≤ ${RATIO_GOAL}×). ${split('prepared')}`);
  if (prepVerdict === 'inconclusive')
    misses.push(
      `Prepared join p50 is ${withInterval(prepRatio, 2, '×')} the prepared floor: the interval straddles the goal (≤ ${RATIO_GOAL}×), so this run cannot tell. ${split('prepared')}`,
    );
  if (!(pv.p95 < P95_GOAL_MS))
    misses.push(
      `Prepared join p95 is ${fmt(pv.p95)} ms (goal < ${P95_GOAL_MS} ms on loopback; the prepared floor's p95 in the same run: ${fmt(pr.p95)} ms; load average ${machineLoad()} at the end of the suite). ${split('prepared')}`,
    );
  if (failures.length) misses.push(`${failures.length} join(s) failed: ${failures.slice(0, 3).join('; ')}`);

  const figures: Figure[] = [
    {
      label: 'Prepared: Voxlay join → first audio packet, p50 / p95',
      value: `${fmt(pv.median)} / ${fmt(pv.p95)} ms`,
      goal: `p95 < ${P95_GOAL_MS} ms`,
      met: pv.n > 0 ? pv.p95 < P95_GOAL_MS : null,
    },
    { label: 'Prepared: floor join → first audio packet, p50 / p95', value: `${fmt(pr.median)} / ${fmt(pr.p95)} ms` },
    {
      label: 'Prepared: Voxlay p50 ÷ floor p50 (first packet)',
      value: withInterval(prepRatio, 2, '×'),
      goal: `≤ ${RATIO_GOAL}×`,
      met: prepVerdict,
      source: 'derived',
      how: `ratio of the two medians; the interval is a bootstrap of both sets of ${runs} joins`,
    },
    {
      label: 'Prepared: join → first audible output (> -50 dBFS), Voxlay / floor, p50 (p95)',
      value: `${fmt(av.median)} (${fmt(av.p95)}) / ${fmt(ar.median)} (${fmt(ar.p95)}) ms`,
    },
    {
      label: 'Cold: Voxlay / floor join → first audio packet, p50 (p95)',
      value: `${fmt(cv.median)} (${fmt(cv.p95)}) / ${fmt(cr.median)} (${fmt(cr.p95)}) ms`,
    },
    {
      label: 'Cold: Voxlay p50 ÷ floor p50 (first packet)',
      value: withInterval(coldRatio, 2, '×'),
      source: 'derived',
      how: 'ratio of the two medians, bootstrap interval',
    },
    {
      label: 'Cold: join → first audible output, Voxlay / floor, p50 (p95)',
      value: `${fmt(cav.median)} (${fmt(cav.p95)}) / ${fmt(car.median)} (${fmt(car.p95)}) ms`,
    },
    {
      label: 'Control round trips needed before audio (median), prepared / cold',
      value: `Voxlay ${fmt(rtCount(samples.prepared.voxlay), 0)} / ${fmt(rtCount(samples.cold.voxlay), 0)}, floor ${fmt(rtCount(samples.prepared.raw), 0)} / ${fmt(rtCount(samples.cold.raw), 0)} (WebSocket handshakes not counted)`,
    },
    {
      label: 'Voxlay joins whose microphone requests (ConnectTransport, Produce) were answered before the first packet',
      value: `${sendSideBeforeHeard(samples.prepared.voxlay)} of ${samples.prepared.voxlay.length} prepared, ${sendSideBeforeHeard(samples.cold.voxlay)} of ${samples.cold.voxlay.length} cold`,
    },
  ];

  const dist = (label: string, s: ReturnType<typeof summarize>) => [
    label,
    s.n,
    fmt(s.min),
    fmt(s.p25),
    fmt(s.median),
    fmt(s.p75),
    fmt(s.p95),
    fmt(s.max),
  ];
  return {
    id: 'join',
    title: 'Join to first audio (real Chromium)',
    method: [
      `Two paths on the same mediasoup worker and the same Chromium: Voxlay (the product client, core's \`VoiceSession\`, \`bench/pages/voxlay-join.ts\`) and the floor (raw mediasoup-client, \`bench/pages/raw-join.ts\`, against a second router on the same worker with the fewest signaling steps mediasoup-client allows: the server pushes the router capabilities when the WebSocket opens, one request creates the receive transport and an already-resumed consumer, one connects DTLS). Someone is already speaking on each (a WebAudio continuous 440 Hz tone at -12 dBFS as the microphone, so Opus DTX never hides the first packet). Each join is a new page in its own browser context, already loaded; the joiner's own microphone is digital silence.`,
      `**Same start line, two variants.** *Prepared*: before the clock both paths have an open signaling WebSocket, the router's RTP capabilities and a loaded mediasoup-client Device (Voxlay: \`session.prepare()\`, what the PWA does at startup; floor: its \`prepare()\`). *Cold*: the clock starts before either opens its WebSocket; both pay the WebSocket, the capabilities and Device.load inside it. Order alternates (variant and path) from run to run; ${runs} joins per path and variant after one unrecorded warm-up round. The verdict on the ratio uses the prepared pair.`,
      `**Two end points.** *First packet*: the remote track's \`unmute\` event (its first RTP packet; no getStats polling). *Audible*: the first decoded sample above -50 dBFS of a remote track, found by an AudioWorklet in a WebAudio context that exists before the click (the track is also played through an unmuted <audio> element, as the product does). Both clocks are the page's performance clock.`,
      `**Spread.** The ratio's interval is a 95% percentile bootstrap (2,000 resamples of both sets of joins). The verdict is met when the whole interval is within the goal, missed when all of it is outside, inconclusive otherwise.`,
      `**Round trips counted**: request/response pairs sent at or after the click and answered before the first audio packet, from the page's own record of every WebSocket message and (Voxlay page) every HTTP request; subscriptions are excluded, and so are the joiner's own microphone requests (ConnectTransport of the send transport, Produce), which are not needed to hear (the timeline lists them when they happened before the first packet).`,
    ],
    figures,
    details: [
      `${table(
        ['variant / path', 'n', 'min', 'p25', 'p50', 'p75', 'p95', 'max'],
        [
          dist('prepared Voxlay, first packet', pv),
          dist('prepared floor, first packet', pr),
          dist('prepared Voxlay, audible', av),
          dist('prepared floor, audible', ar),
          dist('cold Voxlay, first packet', cv),
          dist('cold floor, first packet', cr),
          dist('cold Voxlay, audible', cav),
          dist('cold floor, audible', car),
        ],
      )}\n\n(ms from the click)`,
      `Server-side joinChannel time (voxlay_join_duration_seconds from /metrics, every Voxlay join of the run): ${fmt(serverJoinMs)} ms on average.`,
      `${split('prepared')} ${split('cold')} First packet → audible, median: prepared Voxlay ${fmt(decode(samples.prepared.voxlay))} ms, floor ${fmt(decode(samples.prepared.raw))} ms.`,
      'Median timeline of one prepared join (ms from the click):\n\n' +
        table(
          ['path', 'step', 'sent (p50 ms)', 'answered (p50 ms)'],
          [...timeline('Voxlay', samples.prepared.voxlay), ...timeline('floor', samples.prepared.raw)],
        ),
      'Median timeline of one cold join (ms from the click):\n\n' +
        table(
          ['path', 'step', 'sent (p50 ms)', 'answered (p50 ms)'],
          [...timeline('Voxlay', samples.cold.voxlay), ...timeline('floor', samples.cold.raw)],
        ),
      `Done before the clock in the prepared variant (median sample): Voxlay ${preparedText(samples.prepared.voxlay)}; floor: its WebSocket (the capabilities are pushed, not requested) and Device.load.`,
    ],
    charts: [],
    misses,
    notes: failures,
    data: { runs, serverJoinMs, samples, ratios: { prepared: prepRatio, cold: coldRatio }, load: machineLoad(), paths: LABEL },
  };
}

export const joinSuite: Suite = { id: 'join', title: 'Join to first audio', run };
