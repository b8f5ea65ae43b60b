// Click → hearing in the browser extension, as a user clicks: the built Chromium extension (MV3),
// its popup's Join button with two people already talking in the channel, timed from the click to
// the command reaching the background and the offscreen document, the join's messages, the first
// remote audio packet and audible sample in the offscreen document, and the overlay on the user's
// tab showing a remote participant speaking.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../lib/browser.js';
import { startBenchApp } from '../lib/app.js';
import { alternateJoins, clickReport, startSpeakers, values, type StepTimes } from '../lib/click-hearing.js';
import { withTimeout } from '../lib/config.js';
import { BENCH_INIT_SCRIPT } from '../lib/init-script.js';
import { fmt, percentile } from '../lib/stats.js';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.js';
import buildExtension from '../../extension/test/globalSetup.js';
import { launchExtension, setPrefs, startSite, type ExtensionBrowser } from '../../extension/test/harness.js';

/** How long the popup was open when the user clicked. */
type Variant = 'fresh' | 'idle';
const VARIANTS: Variant[] = ['fresh', 'idle'];
const VARIANT_TEXT: Record<Variant, string> = {
  fresh: 'popup just opened, click as soon as the channel list shows',
  idle: 'popup open for 1.5 s before the click',
};
const IDLE_MS = 1_500;
const OFFSCREEN_PATH = '/offscreen.html';

const STEPS = [
  { key: 'background', label: 'join command in the background (service worker)' },
  { key: 'offscreen', label: 'join command in the offscreen document' },
  { key: 'joinSent', label: 'JoinChannel sent' },
  { key: 'joinAnswered', label: 'JoinChannel answered' },
  { key: 'connectSent', label: 'ConnectRecvTransport sent' },
  { key: 'firstPacket', label: 'first remote audio packet (track unmute)' },
  { key: 'audible', label: 'first audible sample (> -50 dBFS)' },
  { key: 'ring', label: 'the overlay on the tab shows a remote participant speaking' },
  { key: 'connected', label: 'the popup shows the call connected (microphone published)' },
] as const;
type Step = (typeof STEPS)[number]['key'];
type ClickSample = StepTimes<Step>;

/**
 * Before every page's own scripts, on one clock (performance.timeOrigin + now()): in the popup, the
 * click (capture phase, the first one) and the first time it shows the call connected; in the
 * offscreen document, the bench recorders (WebSocket messages, remote tracks, the first audible
 * sample; the microphone is the extension's own, the fake device) and the join command's arrival;
 * on a site tab, the first time the overlay (an open shadow root) marks a remote participant speaking.
 */
const RECORDERS = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (location.protocol === 'chrome-extension:' && location.pathname === '${OFFSCREEN_PATH}') {
    window.__benchMic = 'device';
    window.__benchTransit = false;
    ${BENCH_INIT_SCRIPT}
    window.__extCommandAt = undefined;
    chrome.runtime.onMessage.addListener((m) => {
      if (m && m.target === 'offscreen' && m.type === 'command' && m.command && m.command.name === 'join' && window.__extCommandAt === undefined) window.__extCommandAt = now();
    });
  } else if (location.protocol === 'chrome-extension:' && location.pathname === '/popup.html') {
    window.__clickAt = undefined;
    window.__connectedAt = undefined;
    document.addEventListener('click', () => { if (window.__clickAt === undefined) window.__clickAt = now(); }, true);
    new MutationObserver(() => {
      if (window.__connectedAt !== undefined || window.__clickAt === undefined) return;
      if (document.querySelector('[data-testid="connection-state"][data-state="connected"]')) window.__connectedAt = now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  } else if (location.protocol.startsWith('http')) {
    window.__ringAt = undefined;
    const ring = (root) => {
      if (window.__ringAt === undefined && root.querySelector('[data-testid="participant"][data-speaking="true"]:not([data-local="true"])')) window.__ringAt = now();
    };
    let watched;
    new MutationObserver(() => {
      const host = document.querySelector('voxlay-overlay');
      const root = host && host.shadowRoot;
      if (!root || root === watched) return;
      watched = root;
      new MutationObserver(() => ring(root)).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-speaking'] });
      ring(root);
    }).observe(document, { subtree: true, childList: true });
  }
})();`;

/** In the service worker: when the join command from the popup arrives (a listener beside the background's own). */
function recordInWorker(ext: ExtensionBrowser): Promise<void> {
  const worker = ext.context.serviceWorkers()[0] ?? ext.worker;
  return worker.evaluate(() => {
    const g = globalThis as unknown as { __extCommandAt?: number; __extRecording?: boolean };
    g.__extCommandAt = undefined;
    if (g.__extRecording) return;
    g.__extRecording = true;
    const runtime = (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(l: (m: unknown) => undefined): void } } } })
      .chrome.runtime;
    runtime.onMessage.addListener((m) => {
      const msg = m as { target?: string; type?: string; command?: { name?: string } } | null;
      if (msg?.target === 'background' && msg.type === 'command' && msg.command?.name === 'join' && g.__extCommandAt === undefined) {
        g.__extCommandAt = performance.timeOrigin + performance.now();
      }
      return undefined;
    });
  });
}

/** The offscreen document, once it exists (Playwright sees it as a page with PW_CHROMIUM_ATTACH_TO_OTHER). */
async function offscreenPage(ext: ExtensionBrowser): Promise<Page> {
  const find = () => ext.context.pages().find((p) => new URL(p.url()).pathname === OFFSCREEN_PATH);
  const found = find();
  if (found) return found;
  return withTimeout(
    ext.context.waitForEvent('page', { predicate: (p) => new URL(p.url()).pathname === OFFSCREEN_PATH }),
    10_000,
    'the offscreen document',
  );
}

/**
 * Resolves once the page's window[name] is set, or after 10 s. Polled inside the page, from a plain
 * JS string: extension pages forbid eval, which Playwright's waitForFunction needs for its predicate.
 */
function whenSet(page: Page, name: string): Promise<unknown> {
  const key = JSON.stringify(name);
  return page
    .evaluate(
      `new Promise((resolve) => { const until = performance.now() + 10000; const check = () => { if (window[${key}] !== undefined || performance.now() > until) resolve(true); else setTimeout(check, 20); }; check(); })`,
    )
    .catch(() => false);
}

/** Reads one join's timeline from the offscreen document (plain JS: it runs there as is). */
const READ_OFFSCREEN = `(() => {
  const ws = window.__benchWs || [];
  const join = ws.find((e) => e.dir === 'out' && e.msg && e.msg.op === 'mutation JoinChannel');
  const answer = join && ws.find((e) => e.dir === 'in' && e.at >= join.at && e.msg && e.msg.id === join.msg.id);
  const connect = ws.find((e) => e.dir === 'out' && e.msg && e.msg.op === 'mutation ConnectRecvTransport');
  return {
    offscreen: window.__extCommandAt,
    joinSent: join && join.at,
    joinAnswered: answer && answer.at,
    connectSent: connect && connect.at,
    firstPacket: window.__benchFirstAudio,
    audible: window.__benchFirstAudible,
  };
})()`;

async function clickToJoin(
  ext: ExtensionBrowser,
  tab: Page,
  siteUrl: string,
  channelId: string,
  variant: Variant,
  label: string,
): Promise<ClickSample> {
  // A fresh page load on the user's tab: the overlay loads when the call starts, as on a first join there.
  await tab.goto(`${siteUrl}/plain.html`);
  await recordInWorker(ext);
  const popup = await ext.openPopup();
  popup.on('pageerror', (err) => console.error(`[${label}] popup error:`, err.message));
  try {
    await popup.getByTestId('display-name-input').fill(label);
    const join = popup.locator(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`);
    await join.waitFor({ timeout: 20_000 });
    if (variant === 'idle') await popup.waitForTimeout(IDLE_MS);
    await join.click();
    const offscreen = await offscreenPage(ext);
    await Promise.all([whenSet(offscreen, '__benchFirstAudible'), whenSet(tab, '__ringAt'), whenSet(popup, '__connectedAt')]);
    const clickAt = (await popup.evaluate('window.__clickAt')) as number | undefined;
    const at: Record<Step, number | undefined> = {
      ...((await offscreen.evaluate(READ_OFFSCREEN)) as Record<string, number | undefined>),
      background: await (ext.context.serviceWorkers()[0] ?? ext.worker).evaluate(
        () => (globalThis as { __extCommandAt?: number }).__extCommandAt,
      ),
      ring: (await tab.evaluate('window.__ringAt')) as number | undefined,
      connected: (await popup.evaluate('window.__connectedAt')) as number | undefined,
    } as Record<Step, number | undefined>;
    const sample: ClickSample = {};
    for (const { key } of STEPS) {
      const t = at[key];
      if (t !== undefined && clickAt !== undefined) sample[key] = t - clickAt;
    }
    // Leave as the user does; the background closes the offscreen document once disconnected.
    const closed = offscreen.waitForEvent('close', { timeout: 10_000 });
    await popup.getByTestId('popup-leave').click({ timeout: 10_000 });
    await closed;
    return sample;
  } finally {
    await popup.close().catch(() => undefined);
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = Number(process.env.BENCH_EXT_CLICK_RUNS ?? (ctx.quick ? 3 : 12));
  // What is measured is the current source: build extension/.output/chrome-mv3 as the extension's tests do.
  if (process.env.BENCH_BUILD !== '0') buildExtension();
  const app = await startBenchApp();
  const site = await startSite();
  // The offscreen document is a target of type "other": Playwright only attaches to it (and runs init scripts there) with this set.
  const attachBefore = process.env.PW_CHROMIUM_ATTACH_TO_OTHER;
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  let browser: Browser | undefined;
  let stopSpeakers: (() => Promise<void>) | undefined;
  let ext: ExtensionBrowser | undefined;
  let samples: Record<Variant, ClickSample[]>;
  try {
    browser = await launchChromium();
    const channelId = app.channels.defaultChannel.id;
    stopSpeakers = await startSpeakers(browser, app.url, channelId, ['Speaker A', 'Speaker B']);
    ext = await launchExtension();
    await ext.context.addInitScript(RECORDERS);
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    const tab = ext.context.pages()[0] ?? (await ext.context.newPage());
    const extension = ext;
    samples = await alternateJoins(
      VARIANTS,
      runs,
      (variant, label) => clickToJoin(extension, tab, site.url, channelId, variant, `Ext ${label}`),
      (r, done) =>
        ctx.log(
          `extension-click run ${r + 1}/${runs}: ${VARIANTS.map((v) => `${v} audible ${fmt(done[v].at(-1)?.audible, 0)} ms, overlay ${fmt(done[v].at(-1)?.ring, 0)} ms`).join('; ')}`,
        ),
    );
  } finally {
    await ext?.close();
    if (attachBefore === undefined) delete process.env.PW_CHROMIUM_ATTACH_TO_OTHER;
    else process.env.PW_CHROMIUM_ATTACH_TO_OTHER = attachBefore;
    await stopSpeakers?.();
    await browser?.close().catch(() => undefined);
    await site.stop();
    await app.stop();
  }
  return report(samples, runs);
}

function report(samples: Record<Variant, ClickSample[]>, runs: number): SuiteResult {
  const audibleRead = VARIANTS.some((v) => values(samples[v], 'audible').length > 0);
  return clickReport({
    id: 'extension-click',
    title: 'Click → hearing (the extension, as a user clicks)',
    method: [
      `The server on loopback with two people already talking in the default channel (bench voice pages in their own Chromium, a continuous 440 Hz tone at -12 dBFS as the microphone). The built Chromium extension (extension/.output/chrome-mv3) runs in another Chromium (persistent profile, the fake microphone, the server set in its preferences) with a site tab open. Each join reloads the site tab, opens the popup (popup.html in a tab: the popup prepares the server it shows, so the offscreen document is created and its WebSocket and Device made ready before the click), types a name and clicks the channel's Join button: as soon as the channel list shows (*fresh*) or after ${IDLE_MS / 1000} s (*idle*); then it clicks Leave, which closes the offscreen document again. ${runs} joins per variant after one unrecorded warm-up of each, alternating the order.`,
      "One clock for every context: performance.timeOrigin + performance.now(), read in the popup, the service worker, the offscreen document and the tab (the same wall-clock-based origin in each of the browser's processes). From the click event (captured in the popup before it sees it): the join command arriving in the background (a second runtime.onMessage listener in the service worker) and in the offscreen document, the JoinChannel and ConnectRecvTransport messages as the offscreen document's WebSocket sends them, JoinChannel's answer as it arrives, the first remote audio packet (a remote track's `unmute`), the first decoded sample above -50 dBFS (an AudioWorklet on the remote track, its AudioContext made when the offscreen document loads), the overlay on the tab marking a remote participant speaking (a MutationObserver in its open shadow root) and the popup showing the call connected (after the microphone is published). The offscreen document is instrumented through Playwright's init scripts, which reach it only with PW_CHROMIUM_ATTACH_TO_OTHER=1 (set for this suite): Playwright then attaches to it when it is created, during the prepare step, before the click. The p50 verdict uses a 95% bootstrap interval of the median; p95 is read as measured.",
    ],
    runs,
    variants: VARIANTS,
    steps: STEPS,
    samples,
    // No audible sample could be read in the offscreen document so far (the bench's AudioWorklet there
    // never reported one): the goal is then judged on the first remote audio packet, and says so.
    ...(audibleRead
      ? {
          hearing: (variant: Variant) =>
            `Extension click → hearing (first audible sample in the offscreen document), ${VARIANT_TEXT[variant]}`,
        }
      : {
          heardAt: 'firstPacket' as const,
          hearing: (variant: Variant) =>
            `Extension click → first remote audio packet in the offscreen document (no audible sample could be read there), ${VARIANT_TEXT[variant]}`,
        }),
    ring: (variant) => `Extension click → the overlay shows a remote participant speaking, ${VARIANT_TEXT[variant]}`,
    breakdown: breakdownSentence,
  });
}

/** Where the time went at the median, in one sentence. */
function breakdownSentence(list: ReadonlyArray<ClickSample>): string {
  const p50 = (key: Step) => fmt(percentile(values(list, key), 50), 0);
  return `At the median: the command reached the background at ${p50('background')} ms and the offscreen document at ${p50('offscreen')} ms, JoinChannel was sent at ${p50('joinSent')} ms and answered at ${p50('joinAnswered')} ms, ConnectRecvTransport sent at ${p50('connectSent')} ms, first packet at ${p50('firstPacket')} ms.`;
}

export const extensionClickSuite: Suite = { id: 'extension-click', title: 'Click → hearing (extension)', run };
