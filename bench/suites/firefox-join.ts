// A second engine: the PWA's Join button clicked in Firefox ESR and in Chromium, alternating in one
// run, with one person already talking in the channel (the PWA in Chromium), timed in each engine
// from the click event to the first remote audio packet and the first audible sample.
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { clickTestId, FirefoxHarness, joinInFirefox } from '@voxlay/testing/firefox';
import { Browsers, DESKTOP, defaultChannelId, joinThroughUi, participantCount, startVoxlay } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';
import type { VoxlayApp } from '../../server/src/app.js';
import { closePage, type MicMode } from '../lib/browser.js';
import { BENCH_INIT_SCRIPT } from '../lib/init-script.js';
import { bootstrap, fmt, percentile, summarize, verdictAtMost, withInterval } from '../lib/stats.js';
import { table, type Figure, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

type Engine = 'firefox' | 'chromium';
const ENGINES: Engine[] = ['firefox', 'chromium'];
const ENGINE_TEXT: Record<Engine, string> = { firefox: 'Firefox ESR', chromium: 'Chromium' };
/** The page sits idle this long once the channel list shows, then the user clicks Join. */
const IDLE_MS = 1_500;
const HEAR_TIMEOUT_MS = 10_000;
/** Firefox's p50 at most this many times Chromium's (click → first remote audio packet). */
const GOAL_RATIO = 1.5;

/** Milliseconds from the click; undefined when it did not happen within the wait. */
interface JoinSample {
  joinAnswered?: number;
  firstPacket?: number;
  audible?: number;
  /** false: the remote track was already unmuted at its `track` event, so firstPacket is that event. */
  mutedAtTrack?: boolean;
}

const STEPS: Array<{ key: 'joinAnswered' | 'firstPacket' | 'audible'; label: string }> = [
  { key: 'joinAnswered', label: 'JoinChannel answered' },
  { key: 'firstPacket', label: 'first remote audio packet (track unmute)' },
  { key: 'audible', label: 'first audible sample (> -50 dBFS)' },
];

const micScript = (mic: MicMode) => `window.__benchMic = ${JSON.stringify(mic)}; window.__benchTransit = false;`;

/** Before the page's own scripts: the time of the first click on a Join button (capture phase), on the bench init script's clock. */
const JOIN_CLICK_OBSERVER = `(() => {
  window.__clickAt = undefined;
  document.addEventListener('click', (e) => {
    if (window.__clickAt === undefined && e.target instanceof Element && e.target.closest('[data-testid="join-button"]')) window.__clickAt = window.__benchNow();
  }, true);
})();`;

/**
 * A listener: its engine's own getUserMedia (the fake microphone), timed by the init script, whose
 * first-audible context runs at the engine's output rate (Firefox refuses a track into a 48 kHz
 * context when its output runs at another rate).
 */
const LISTENER_SCRIPTS = [micScript('device'), 'window.__benchEarAtDeviceRate = true;', BENCH_INIT_SCRIPT, JOIN_CLICK_OBSERVER];

const HEARD = 'window.__benchFirstAudible !== undefined';

/** Reads one join's timeline from the page (plain JS: runs in either browser as is). */
const READ_SAMPLE = `(() => {
  const c = window.__clickAt;
  const since = (t) => (t === undefined || c === undefined ? undefined : t - c);
  const join = window.__benchWs.find((e) => e.dir === 'out' && e.at >= c && e.msg && e.msg.op === 'mutation JoinChannel');
  const answer = join && window.__benchWs.find((e) => e.dir === 'in' && e.at >= join.at && e.msg && e.msg.id === join.msg.id);
  const first = window.__benchTracks.find((t) => t.track.kind === 'audio' && t.unmutedAt === window.__benchFirstAudio);
  return {
    joinAnswered: since(answer && answer.at),
    firstPacket: since(window.__benchFirstAudio),
    audible: since(window.__benchFirstAudible),
    mutedAtTrack: first ? first.mutedAtTrack : undefined,
  };
})()`;

const joinButton = (channelId: string) => `[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`;

/** A Chromium listener: a new context loads the PWA, waits idle, clicks Join (joinThroughUi), is timed, then leaves. */
async function joinChromium(browsers: Browsers, app: VoxlayApp, channelId: string, name: string): Promise<JoinSample> {
  const page: ChromiumPage = await browsers.open(app.url, name, DESKTOP, LISTENER_SCRIPTS);
  try {
    await page.locator(joinButton(channelId)).waitFor({ timeout: 20_000 });
    await sleep(IDLE_MS);
    await joinThroughUi(page, name, channelId);
    await page.waitForFunction(HEARD, undefined, { timeout: HEAR_TIMEOUT_MS }).catch(() => undefined);
    const sample = (await page.evaluate(READ_SAMPLE)) as JoinSample;
    await page.getByTestId('leave-button').click();
    return sample;
  } finally {
    await closePage(page);
  }
}

/** The same in Firefox (joinInFirefox). */
async function joinFirefox(firefox: FirefoxHarness, app: VoxlayApp, channelId: string, name: string): Promise<JoinSample> {
  const page: FirefoxPage = await firefox.openPage(app.url, name, LISTENER_SCRIPTS);
  try {
    await page.waitForSelector(joinButton(channelId), { timeout: 20_000 });
    await sleep(IDLE_MS);
    await joinInFirefox(page, name, channelId);
    await page.waitForFunction(HEARD, { timeout: HEAR_TIMEOUT_MS, polling: 50 }).catch(() => undefined);
    const sample = (await page.evaluate(READ_SAMPLE)) as JoinSample;
    await clickTestId(page, 'leave-button');
    return sample;
  } finally {
    await page
      .browserContext()
      .close()
      .catch(() => undefined);
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const runs = Number(process.env.BENCH_FIREFOX_JOINS ?? (ctx.quick ? 4 : 15));
  const samples: Record<Engine, JoinSample[]> = { firefox: [], chromium: [] };
  const versions: Record<Engine, string> = { firefox: '', chromium: '' };
  const app = await startVoxlay({ logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent', addressLimitsExempt: ['loopback'] });
  let chromium: Browsers | undefined;
  let firefox: FirefoxHarness | undefined;
  try {
    const channelId = await defaultChannelId(app);
    chromium = await Browsers.launch();
    firefox = await FirefoxHarness.launch();
    // The speaker: the PWA in Chromium with the init script's continuous 440 Hz tone as its microphone
    // (-12 dBFS, past any noise suppression, so Opus DTX never hides the first packet).
    const speaker = await chromium.open(app.url, 'speaker', DESKTOP, [micScript('tone'), BENCH_INIT_SCRIPT]);
    await joinThroughUi(speaker, 'Speaker', channelId);
    const join = (engine: Engine, name: string): Promise<JoinSample> =>
      engine === 'firefox' ? joinFirefox(firefox!, app, channelId, name) : joinChromium(chromium!, app, channelId, name);
    const left = () =>
      waitFor(
        () => participantCount(app, channelId),
        (n) => n === 1,
        { timeoutMs: 10_000, message: 'the listener to leave (only the speaker in the channel)' },
      );
    // One unrecorded join per engine: the server's and each browser's first-use costs are not a user's click.
    for (const engine of ENGINES) {
      await join(engine, `warm-up ${engine}`);
      await left();
    }
    versions.chromium = await speaker.evaluate(() => navigator.userAgent);
    for (let r = 0; r < runs; r++) {
      for (const engine of r % 2 === 0 ? ENGINES : [...ENGINES].reverse()) {
        samples[engine].push(await join(engine, `${engine} ${r}`));
        await left();
      }
      ctx.log(
        `firefox-join run ${r + 1}/${runs}: ${ENGINES.map((e) => `${e} first packet ${fmt(samples[e].at(-1)?.firstPacket, 0)} ms, audible ${fmt(samples[e].at(-1)?.audible, 0)} ms`).join('; ')}`,
      );
    }
    const probe = await firefox.openPage('about:blank', 'version');
    versions.firefox = await probe.evaluate(() => navigator.userAgent);
    await probe.browserContext().close();
  } finally {
    await firefox?.close().catch(() => undefined);
    await chromium?.close().catch(() => undefined);
    await app.stop();
  }
  return report(samples, runs, versions);
}

function values(list: JoinSample[], key: (typeof STEPS)[number]['key']): number[] {
  return list.map((s) => s[key]).filter((v): v is number => v !== undefined);
}

const p50 = (v: number[]) => percentile(v, 50);
const ratioOfMedians = (a: number[], b: number[]) => p50(a) / p50(b);

function report(samples: Record<Engine, JoinSample[]>, runs: number, versions: Record<Engine, string>): SuiteResult {
  const figures: Figure[] = [];
  const misses: string[] = [];
  const notes: string[] = [];
  const packets = { firefox: values(samples.firefox, 'firstPacket'), chromium: values(samples.chromium, 'firstPacket') };
  const audible = { firefox: values(samples.firefox, 'audible'), chromium: values(samples.chromium, 'audible') };
  const missing = (engine: Engine) => samples[engine].length - packets[engine].length;
  for (const engine of ENGINES) {
    const median = bootstrap([packets[engine]], p50);
    figures.push({
      label: `PWA in ${ENGINE_TEXT[engine]}: click on Join → first remote audio packet, p50 / p95`,
      value: `${withInterval(median, 0, ' ms')} / ${fmt(percentile(packets[engine], 95), 0)} ms${missing(engine) ? ` (${missing(engine)} of ${samples[engine].length} joins received nothing within ${HEAR_TIMEOUT_MS / 1000} s)` : ''}`,
    });
  }
  const ratio = bootstrap([packets.firefox, packets.chromium], ratioOfMedians);
  // Missed when a Firefox join never received audio; else the ratio's interval decides.
  const met: Figure['met'] = missing('firefox') > 0 ? false : verdictAtMost(ratio, GOAL_RATIO);
  figures.push({
    label: 'Firefox p50 ÷ Chromium p50 (click → first remote audio packet)',
    value: withInterval(ratio, 2, '×'),
    goal: `≤ ${GOAL_RATIO}×`,
    met,
    source: 'derived',
    how: `ratio of the two medians; the interval is a bootstrap of both sets of ${runs} joins`,
  });
  if (met === false) {
    misses.push(
      `Firefox's click → first packet p50 is ${fmt(p50(packets.firefox), 0)} ms, ${withInterval(ratio, 2, '×')} Chromium's ${fmt(p50(packets.chromium), 0)} ms (goal ≤ ${GOAL_RATIO}×)${missing('firefox') ? `; ${missing('firefox')} Firefox joins received nothing` : ''}. At the median JoinChannel was answered at ${fmt(p50(values(samples.firefox, 'joinAnswered')), 0)} ms in Firefox, ${fmt(p50(values(samples.chromium, 'joinAnswered')), 0)} ms in Chromium.`,
    );
  }
  const unheard = ENGINES.filter((e) => audible[e].length < samples[e].length).map(
    (e) =>
      `${samples[e].length - audible[e].length} of ${samples[e].length} ${ENGINE_TEXT[e]} joins had no audible sample within ${HEAR_TIMEOUT_MS / 1000} s`,
  );
  figures.push({
    label: 'Click on Join → first audible sample (> -50 dBFS), p50 (p95): Firefox / Chromium',
    value: `${fmt(p50(audible.firefox), 0)} (${fmt(percentile(audible.firefox, 95), 0)}) / ${fmt(p50(audible.chromium), 0)} (${fmt(percentile(audible.chromium, 95), 0)}) ms; ratio of the medians ${withInterval(bootstrap([audible.firefox, audible.chromium], ratioOfMedians), 2, '×')}${unheard.length ? ` (${unheard.join('; ')})` : ''}`,
  });
  const unmutedEarly =
    samples.firefox.filter((s) => s.mutedAtTrack === false).length + samples.chromium.filter((s) => s.mutedAtTrack === false).length;
  if (unmutedEarly > 0) {
    notes.push(
      `${unmutedEarly} join(s) got a remote track that was already unmuted at its \`track\` event: their "first packet" is that event, not a packet (see data.samples, mutedAtTrack).`,
    );
  }
  for (const engine of ENGINES) {
    const early = samples[engine].flatMap((s) =>
      s.audible !== undefined && s.firstPacket !== undefined && s.audible < s.firstPacket ? [s.firstPacket - s.audible] : [],
    );
    if (early.length === 0) continue;
    notes.push(
      `${ENGINE_TEXT[engine]}: ${early.length} of ${samples[engine].length} joins read their first audible sample before their first packet (by up to ${fmt(Math.max(...early), 0)} ms), so its audible times carry at least that much clock error (the worklet's frame put on the page clock through \`currentTime\`) and are not comparable with the other engine's; the first packet carries the verdict.`,
    );
  }
  const rows = ENGINES.flatMap((engine) =>
    STEPS.map(({ key, label }) => {
      const s = summarize(values(samples[engine], key));
      return [ENGINE_TEXT[engine], label, s.n, fmt(s.min, 0), fmt(s.median, 0), fmt(s.p95, 0), fmt(s.max, 0)];
    }),
  );
  return {
    id: 'firefox-join',
    title: 'Click → first audio in Firefox ESR and in Chromium (the PWA)',
    method: [
      `The server with the built PWA (pwa/dist) on loopback; one person already talking in the default channel: the PWA in Chromium whose microphone is the bench init script's continuous 440 Hz tone at -12 dBFS. One Firefox ESR (headless over WebDriver BiDi, puppeteer-core, its Web Audio on a PulseAudio null sink: @voxlay/testing/firefox) and one Chromium (headless, playwright-core) run side by side. Each join is a new browser context that loads the PWA, waits ${IDLE_MS / 1000} s once the channel list shows, types a name and clicks the channel's Join button (a real click through each driver), waits to hear, clicks Leave and closes; the next join starts once the server counts only the speaker. The listeners' microphones are each engine's own fake device (its own getUserMedia, as a user's would be). ${runs} joins per engine after one unrecorded warm-up each, alternating which engine goes first in each round so both see the same load.`,
      "Times are from the click event on a Join button (a capture-phase listener installed before the page's scripts) on the page clock, in both engines the same init script (bench/lib/init-script.ts): JoinChannel's answer as the page receives it, the first remote audio packet (the remote track's `unmute`; every join also records whether the track was still muted at its `track` event, so an engine that never mutes would show), and the first decoded sample above -50 dBFS (an AudioWorklet on the remote track in an AudioContext made at page load; its frame is put on the page clock through the context's `currentTime`, so its precision is one audio callback of each engine's output). The goal is on the first packet: the ratio of Firefox's median to Chromium's, with a 95% bootstrap interval over both sets of joins.",
    ],
    figures,
    details: [
      table(['engine', 'from the click to', 'n', 'min', 'p50', 'p95', 'max'], rows),
      '(ms from the click)',
      `Browsers: ${versions.firefox || 'Firefox ESR'}; ${versions.chromium || 'Chromium'}.`,
    ],
    charts: [],
    misses,
    notes,
    data: { runs, idleMs: IDLE_MS, versions, samples },
  };
}

export const firefoxJoinSuite: Suite = { id: 'firefox-join', title: 'Click → first audio, Firefox vs Chromium (PWA)', run };
