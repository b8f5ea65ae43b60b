// Click → hearing, as a user clicks: the PWA's Join button in real Chromium with two people already
// talking in the channel, timed from the click event to the first remote audio packet, the first
// audible sample and the speaking ring of a remote participant in the UI.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensurePwaBuilt, PWA_DIST } from '@voxlay/testing/pwa';
import { startTestApp } from '@voxlay/testing/server';
import type { VoxlayApp } from '../../server/src/app.js';
import { launchChromium } from '../lib/browser.js';
import { BENCH_INIT_SCRIPT } from '../lib/init-script.js';
import { alternateJoins, clickReport, startSpeakers, values } from '../lib/click-hearing.js';
import { fmt, percentile } from '../lib/stats.js';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.js';

/** How the page was when the user clicked. */
type Variant = 'fresh' | 'idle';
const VARIANTS: Variant[] = ['fresh', 'idle'];
const VARIANT_TEXT: Record<Variant, string> = {
  fresh: 'fresh page load, click as soon as the channel list shows',
  idle: 'page idle for 1.5 s before the click',
};
const IDLE_MS = 1_500;

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
  ensurePwaBuilt();
  const app = await startTestApp({
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent',
    disconnectGraceMs: 500,
    staticDir: PWA_DIST,
    allowedOrigins: ['*'],
    addressLimitsExempt: ['loopback'],
  });
  let browser: Browser | undefined;
  let stopSpeakers: (() => Promise<void>) | undefined;
  let samples: Record<Variant, ClickSample[]>;
  try {
    browser = await launchChromium();
    const channelId = app.channels.defaultChannel.id;
    stopSpeakers = await startSpeakers(browser, app.url, channelId, ['Speaker A', 'Speaker B']);
    samples = await alternateJoins(
      VARIANTS,
      runs,
      (variant, label) => clickToJoin(browser!, app, channelId, variant, `listener ${label}`),
      (r, done) =>
        ctx.log(
          `click-to-hearing run ${r + 1}/${runs}: ${VARIANTS.map((v) => `${v} audible ${fmt(done[v].at(-1)?.audible)} ms, ring ${fmt(done[v].at(-1)?.ring)} ms`).join('; ')}`,
        ),
    );
  } finally {
    await stopSpeakers?.();
    await browser?.close().catch(() => undefined);
    await app.stop();
  }
  return report(samples, runs);
}

function report(samples: Record<Variant, ClickSample[]>, runs: number): SuiteResult {
  return clickReport({
    id: 'click-to-hearing',
    title: 'Click → hearing (the PWA, as a user clicks)',
    method: [
      `The server with the built PWA (pwa/dist) on loopback; two people already talking in the default channel (bench voice pages with a continuous 440 Hz tone at -12 dBFS as the microphone). Each join is a new browser context at 1366×800 that loads the PWA, types a name and clicks the channel's Join button: either as soon as the channel list shows (*fresh*: the page is still loading what it loads at startup) or after ${IDLE_MS / 1000} s idle (*idle*). ${runs} joins per variant after one unrecorded warm-up of each, alternating the order.`,
      "Times are from the click event (captured before the page sees it) on the page clock: the JoinChannel and ConnectRecvTransport messages as the WebSocket sends them, JoinChannel's answer as the page receives it, the first remote audio packet (a remote track's `unmute`), the first decoded sample above -50 dBFS (an AudioWorklet on the remote track, made at page load), and the first time a remote participant's row is marked speaking (a MutationObserver on `data-speaking`). The p50 verdict uses a 95% bootstrap interval of the median; p95 is read as measured.",
    ],
    runs,
    variants: VARIANTS,
    steps: STEPS,
    samples,
    hearing: (variant) => `PWA click → hearing (first audible sample), ${VARIANT_TEXT[variant]}`,
    ring: (variant) => `PWA click → a remote speaker's ring, ${VARIANT_TEXT[variant]}`,
    breakdown: breakdownSentence,
  });
}

/** Where the time went at the median, in one sentence. */
function breakdownSentence(list: ReadonlyArray<ClickSample>): string {
  const p50 = (key: keyof ClickSample) => percentile(values(list, key), 50);
  return `At the median: JoinChannel sent at ${fmt(p50('joinSent'), 0)} ms, answered at ${fmt(p50('joinAnswered'), 0)} ms, ConnectRecvTransport sent at ${fmt(p50('connectSent'), 0)} ms, first packet at ${fmt(p50('firstPacket'), 0)} ms.`;
}

export const clickToHearingSuite: Suite = { id: 'click-to-hearing', title: 'Click → hearing (PWA)', run };
