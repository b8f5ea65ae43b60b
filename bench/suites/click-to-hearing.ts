// Click → hearing, as a user clicks: the PWA's Join button in real Chromium with two people already
// talking in the channel, timed from the click event to the first remote audio packet, the first
// audible sample and the speaking ring of a remote participant in the UI.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensurePwaBuilt, PWA_DIST } from '@voxlay/testing/pwa';
import { startTestApp } from '@voxlay/testing/server';
import { pageApi, type VoicePageApi } from '@voxlay/testing/page-api';
import type { VoxlayApp } from '../../server/src/app.js';
import { closePage, launchChromium, openBenchPage, pageServerFor, VOICE_PAGE } from '../lib/browser.js';
import { BENCH_INIT_SCRIPT } from '../lib/init-script.js';
import { bootstrap, fmt, percentile, summarize, verdictAtMost, withInterval } from '../lib/stats.js';
import { table, type Figure, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

/** How the page was when the user clicked. */
type Variant = 'fresh' | 'idle';
const VARIANTS: Variant[] = ['fresh', 'idle'];
const VARIANT_TEXT: Record<Variant, string> = {
  fresh: 'fresh page load, click as soon as the channel list shows',
  idle: 'page idle for 1.5 s before the click',
};
const IDLE_MS = 1_500;
const GOAL_P50_MS = 250;
const GOAL_P95_MS = 400;

/** Milliseconds from the click; undefined when it did not happen within the wait. */
interface ClickSample {
  joinSent?: number;
  joinAnswered?: number;
  connectSent?: number;
  firstPacket?: number;
  audible?: number;
  ring?: number;
}

const STEPS: Array<{ key: keyof ClickSample; label: string }> = [
  { key: 'joinSent', label: 'JoinChannel sent' },
  { key: 'joinAnswered', label: 'JoinChannel answered' },
  { key: 'connectSent', label: 'ConnectRecvTransport sent' },
  { key: 'firstPacket', label: 'first remote audio packet (track unmute)' },
  { key: 'audible', label: 'first audible sample (> -50 dBFS)' },
  { key: 'ring', label: "a remote participant's speaking ring in the UI" },
];

/**
 * Before the page's own scripts: the click's time (capture phase, the first click only) and the
 * first moment a remote participant's row is marked speaking, on the bench init script's clock.
 */
const CLICK_OBSERVER = `(() => {
  window.__clickAt = undefined;
  window.__ringAt = undefined;
  document.addEventListener('click', () => { if (window.__clickAt === undefined) window.__clickAt = window.__benchNow(); }, true);
  const ring = () => {
    if (window.__ringAt !== undefined || window.__clickAt === undefined) return;
    if (document.querySelector('[data-testid="participant"][data-speaking="true"]:not([data-local="true"])')) window.__ringAt = window.__benchNow();
  };
  new MutationObserver(ring).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-speaking'] });
})();`;

/** Reads one join's timeline from the page (plain JS: runs in the browser as is). */
const READ_SAMPLE = `(() => {
  const c = window.__clickAt;
  const since = (t) => (t === undefined || c === undefined ? undefined : t - c);
  const out = window.__benchWs.filter((e) => e.dir === 'out' && e.at >= c && e.msg && e.msg.op);
  const join = out.find((e) => e.msg.op === 'mutation JoinChannel');
  const answer = join && window.__benchWs.find((e) => e.dir === 'in' && e.at >= join.at && e.msg && e.msg.id === join.msg.id);
  const connect = out.find((e) => e.msg.op === 'mutation ConnectRecvTransport');
  return {
    joinSent: since(join && join.at),
    joinAnswered: since(answer && answer.at),
    connectSent: since(connect && connect.at),
    firstPacket: since(window.__benchFirstAudio),
    audible: since(window.__benchFirstAudible),
    ring: since(window.__ringAt),
  };
})()`;

async function clickToJoin(browser: Browser, app: VoxlayApp, channelId: string, variant: Variant, label: string): Promise<ClickSample> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  try {
    // The listener's own microphone is digital silence: what is measured is hearing the others.
    await context.addInitScript(`window.__benchMic = 'silence'; window.__benchTransit = false;`);
    await context.addInitScript(BENCH_INIT_SCRIPT);
    await context.addInitScript(CLICK_OBSERVER);
    const page: Page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[${label}] page error:`, err.message));
    await page.goto(app.url);
    await page.getByTestId('lobby-display-name').fill(label);
    const join = page.locator(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`);
    await join.waitFor({ timeout: 20_000 });
    if (variant === 'idle') await page.waitForTimeout(IDLE_MS);
    await join.click();
    await page
      .waitForFunction('window.__benchFirstAudible !== undefined && window.__ringAt !== undefined', undefined, { timeout: 10_000 })
      .catch(() => undefined);
    return (await page.evaluate(READ_SAMPLE)) as ClickSample;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = Number(process.env.BENCH_CLICK_RUNS ?? (ctx.quick ? 4 : 15));
  const samples: Record<Variant, ClickSample[]> = { fresh: [], idle: [] };
  ensurePwaBuilt();
  const app = await startTestApp({
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent',
    disconnectGraceMs: 500,
    staticDir: PWA_DIST,
    allowedOrigins: ['*'],
    addressLimitsExempt: ['loopback'],
  });
  let browser: Browser | undefined;
  const speakers: Page[] = [];
  try {
    browser = await launchChromium();
    const channelId = app.channels.defaultChannel.id;
    const voiceUrl = (await pageServerFor(VOICE_PAGE)).url;
    for (const name of ['Speaker A', 'Speaker B']) {
      const speaker = await openBenchPage(browser, voiceUrl, name, { mic: 'tone' });
      await pageApi<VoicePageApi>(speaker, 'voice').join(app.url, channelId, name);
      speakers.push(speaker);
    }
    // One unrecorded round: the server's and the browser's first-use costs are not a user's click.
    for (const variant of VARIANTS) await clickToJoin(browser, app, channelId, variant, `warm-up ${variant}`);
    for (let r = 0; r < runs; r++) {
      for (const variant of r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
        const sample = await clickToJoin(browser, app, channelId, variant, `listener ${variant} ${r}`);
        samples[variant].push(sample);
      }
      ctx.log(
        `click-to-hearing run ${r + 1}/${runs}: ${VARIANTS.map((v) => `${v} audible ${fmt(samples[v].at(-1)?.audible)} ms, ring ${fmt(samples[v].at(-1)?.ring)} ms`).join('; ')}`,
      );
    }
  } finally {
    for (const speaker of speakers) await closePage(speaker);
    await browser?.close().catch(() => undefined);
    await app.stop();
  }
  return report(samples, runs);
}

function values(list: ClickSample[], key: keyof ClickSample): number[] {
  return list.map((s) => s[key]).filter((v): v is number => v !== undefined);
}

function report(samples: Record<Variant, ClickSample[]>, runs: number): SuiteResult {
  const figures: Figure[] = [];
  const misses: string[] = [];
  for (const variant of VARIANTS) {
    const audible = values(samples[variant], 'audible');
    const missing = samples[variant].length - audible.length;
    const p50 = bootstrap([audible], (v) => percentile(v, 50));
    const p95 = percentile(audible, 95);
    const verdict50 = verdictAtMost(p50, GOAL_P50_MS);
    // Missed when a join was never heard, or the median or the p95 is over; else the median's interval decides.
    const met: Figure['met'] = missing > 0 || verdict50 === false || p95 > GOAL_P95_MS ? false : verdict50;
    figures.push({
      label: `PWA click → hearing (first audible sample), ${VARIANT_TEXT[variant]}: p50 / p95`,
      value: `${withInterval(p50, 0, ' ms')} / ${fmt(p95, 0)} ms${missing ? ` (${missing} of ${samples[variant].length} never heard within 10 s)` : ''}`,
      goal: `p50 ≤ ${GOAL_P50_MS} ms and p95 ≤ ${GOAL_P95_MS} ms`,
      met,
    });
    if (met === false) {
      misses.push(
        `PWA click → hearing, ${VARIANT_TEXT[variant]}: p50 ${fmt(p50.estimate, 0)} ms, p95 ${fmt(p95, 0)} ms (goal p50 ≤ ${GOAL_P50_MS}, p95 ≤ ${GOAL_P95_MS} ms). ${breakdownSentence(samples[variant])}`,
      );
    }
    const ring = values(samples[variant], 'ring');
    figures.push({
      label: `PWA click → a remote speaker's ring, ${VARIANT_TEXT[variant]}: p50 / p95`,
      value: `${fmt(percentile(ring, 50), 0)} / ${fmt(percentile(ring, 95), 0)} ms`,
    });
  }
  const rows = VARIANTS.flatMap((variant) =>
    STEPS.map(({ key, label }) => {
      const s = summarize(values(samples[variant], key));
      return [variant, label, s.n, fmt(s.min, 0), fmt(s.median, 0), fmt(s.p95, 0), fmt(s.max, 0)];
    }),
  );
  return {
    id: 'click-to-hearing',
    title: 'Click → hearing (the PWA, as a user clicks)',
    method: [
      `The server with the built PWA (pwa/dist) on loopback; two people already talking in the default channel (bench voice pages with a continuous 440 Hz tone at -12 dBFS as the microphone). Each join is a new browser context at 1366×800 that loads the PWA, types a name and clicks the channel's Join button: either as soon as the channel list shows (*fresh*: the page is still loading what it loads at startup) or after ${IDLE_MS / 1000} s idle (*idle*). ${runs} joins per variant after one unrecorded warm-up of each, alternating the order.`,
      "Times are from the click event (captured before the page sees it) on the page clock: the JoinChannel and ConnectRecvTransport messages as the WebSocket sends them, JoinChannel's answer as the page receives it, the first remote audio packet (a remote track's `unmute`), the first decoded sample above -50 dBFS (an AudioWorklet on the remote track, made at page load), and the first time a remote participant's row is marked speaking (a MutationObserver on `data-speaking`). The p50 verdict uses a 95% bootstrap interval of the median; p95 is read as measured.",
    ],
    figures,
    details: [table(['variant', 'from the click to', 'n', 'min', 'p50', 'p95', 'max'], rows), '(ms from the click)'],
    charts: [],
    misses,
    notes: [],
    data: { runs, samples },
  };
}

/** Where the time went at the median, in one sentence. */
function breakdownSentence(list: ClickSample[]): string {
  const p50 = (key: keyof ClickSample) => percentile(values(list, key), 50);
  return `At the median: JoinChannel sent at ${fmt(p50('joinSent'), 0)} ms, answered at ${fmt(p50('joinAnswered'), 0)} ms, ConnectRecvTransport sent at ${fmt(p50('connectSent'), 0)} ms, first packet at ${fmt(p50('firstPacket'), 0)} ms.`;
}

export const clickToHearingSuite: Suite = { id: 'click-to-hearing', title: 'Click → hearing (PWA)', run };
