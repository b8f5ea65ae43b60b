// Firefox for the browser tests: Debian's Firefox ESR (apt package `firefox-esr`) driven headless by
// puppeteer-core over WebDriver BiDi, with a fake microphone and autoplay allowed. puppeteer-core
// never downloads a browser. Its API differs from playwright's, so the PWA steps the Chromium tests
// take through @voxlay/testing/pwa have small equivalents here.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { meanLevel } from './audible.js';
import { type AudioStats, RECORD_PEER_CONNECTIONS, readAudioStatsInPage } from './audio-stats.js';
import { sleep, waitFor } from './wait.js';

/** Debian's Firefox ESR; tests never download a browser. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Prefs for a fake microphone that needs no permission prompt, autoplay without a gesture, and ICE
 * to the server's 127.0.0.1 candidates (Firefox drops loopback candidates by default: "ICE failed").
 */
export const FIREFOX_PREFS: Readonly<Record<string, unknown>> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.microphone': 1,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.peerconnection.ice.loopback': true,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
};

/** Debian's PulseAudio (apt package `pulseaudio`). */
export const PULSEAUDIO_PATH = process.env.VOXLAY_PULSEAUDIO ?? '/usr/bin/pulseaudio';

/** A private PulseAudio daemon with only a null sink; `server` is its PULSE_SERVER address. */
export interface NullAudio {
  server: string;
  close(): void;
}

/**
 * Starts PulseAudio with a null sink in a temporary folder. Headless Firefox on a machine without a
 * sound device never runs an AudioContext (it stays "suspended": no level meters, no voice activity);
 * with this sink as its output it runs as on a desktop. Nothing is heard: the sink discards the audio.
 */
export async function startNullAudio(): Promise<NullAudio> {
  const dir = mkdtempSync(path.join(tmpdir(), 'voxlay-pulse-'));
  const socket = path.join(dir, 'pulse', 'native');
  const daemon: ChildProcess = spawn(
    PULSEAUDIO_PATH,
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--disallow-exit',
      '--load=module-null-sink sink_name=voxlay_null',
      '--load=module-native-protocol-unix auth-anonymous=1',
    ],
    { env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir }, stdio: 'ignore' },
  );
  const close = () => {
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => existsSync(socket) || daemon.exitCode !== null, Boolean, {
      timeoutMs: 10_000,
      message: `PulseAudio (${PULSEAUDIO_PATH}) to listen on ${socket}`,
    });
    if (daemon.exitCode !== null) throw new Error(`PulseAudio (${PULSEAUDIO_PATH}) exited with code ${daemon.exitCode}`);
  } catch (error) {
    close();
    throw error;
  }
  return { server: `unix:${socket}`, close };
}

/**
 * Launches Firefox (FIREFOX_PATH) headless over WebDriver BiDi with FIREFOX_PREFS and `extraPrefs`;
 * with `audio`, its Web Audio plays into that PulseAudio null sink.
 */
export function launchFirefox(extraPrefs: Record<string, unknown> = {}, audio?: NullAudio): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // setViewport is not supported by Firefox ESR 140 over BiDi.
    defaultViewport: null,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...(audio ? { 'media.cubeb.backend': 'pulse' } : {}), ...extraPrefs },
    ...(audio ? { env: { ...process.env, PULSE_SERVER: audio.server } } : {}),
  });
}

/**
 * puppeteer's preload scripts (evaluateOnNewDocument) make Firefox ESR 140 report this page error
 * once per page, even for an empty script; the script itself runs. Not the page's error: not logged.
 */
const PRELOAD_NOISE = 'Permission denied to access property "length"';

/**
 * One Firefox process with its own PulseAudio null sink (startNullAudio: Web Audio runs); every page
 * gets its own browser context (its own storage, its own media).
 */
export class FirefoxHarness {
  private constructor(
    private readonly browser: Browser,
    private readonly audio: NullAudio,
  ) {}

  static async launch(extraPrefs: Record<string, unknown> = {}): Promise<FirefoxHarness> {
    const audio = await startNullAudio();
    try {
      return new FirefoxHarness(await launchFirefox(extraPrefs, audio), audio);
    } catch (error) {
      audio.close();
      throw error;
    }
  }

  /**
   * Opens `url` in a fresh context that records its RTCPeerConnections; `initScripts` run in the page
   * before its own scripts. Page errors and console errors go to the test log.
   */
  async openPage(url: string, label: string, initScripts: string[] = []): Promise<Page> {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!message.includes(PRELOAD_NOISE)) console.error(`[${label}] page error:`, message);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`[${label}] console:`, msg.text());
    });
    for (const script of [RECORD_PEER_CONNECTIONS, ...initScripts]) await page.evaluateOnNewDocument(script);
    await page.goto(url);
    return page;
  }

  /** Closes the browser process, then its PulseAudio; safe to call twice. */
  async close(): Promise<void> {
    if (this.browser.connected) await this.browser.close();
    this.audio.close();
  }
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Joins the channel `channelId` through the lobby UI as `name`, and waits until connected (joinThroughUi for puppeteer). */
export async function joinInFirefox(page: Page, name: string, channelId: string): Promise<void> {
  await page.locator(byTestId('lobby-display-name')).fill(name);
  await page.locator(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`).click();
  await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]', { timeout: 15_000 });
}

/** The connection state the page shows (`data-state` of the connection-state badge). */
export function shownConnectionState(page: Page): Promise<string | null> {
  return page.$eval(byTestId('connection-state'), (el) => el.getAttribute('data-state')).catch(() => null);
}

/** Clicks the element with `data-testid` `id`. */
export async function clickTestId(page: Page, id: string): Promise<void> {
  await page.locator(byTestId(id)).click();
}

/** The participant rows as the UI shows them (participantRows for puppeteer), with the level meter's value. */
export function participantRowsIn(
  page: Page,
): Promise<{ name: string; speaking: boolean; muted: boolean; local: boolean; level: number }[]> {
  return page.$$eval(byTestId('participant'), (rows) =>
    rows.map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      speaking: row.getAttribute('data-speaking') === 'true',
      muted: row.getAttribute('data-muted') === 'true',
      local: row.getAttribute('data-local') === 'true',
      level: Number(row.querySelector('[data-testid="level-meter"]')?.getAttribute('aria-valuenow') ?? 0),
    })),
  );
}

/**
 * The page's audio stats (readAudioStatsInPage; audioStats for puppeteer). Firefox computes inbound-rtp
 * `audioLevel` and `totalAudioEnergy` from the decoded audio (played or not); absent reads 0.
 */
export function audioStatsIn(page: Page): Promise<AudioStats> {
  return page.evaluate(readAudioStatsInPage);
}

/** How many bytes of audio the Firefox page receives over `ms` (bytesReceivedOver for puppeteer). */
export async function bytesReceivedOverIn(page: Page, ms: number): Promise<number> {
  const before = (await audioStatsIn(page)).bytesReceived;
  await sleep(ms);
  return (await audioStatsIn(page)).bytesReceived - before;
}

/** The mean audio level (0..1) of everything the Firefox page received over `ms`, from inbound-rtp `totalAudioEnergy`. */
export async function receivedLevelOverIn(page: Page, ms: number): Promise<number> {
  const energy = async () => (await audioStatsIn(page)).streams.reduce((sum, s) => sum + s.totalAudioEnergy, 0);
  const before = await energy();
  const startedAt = Date.now();
  await sleep(ms);
  return meanLevel(before, await energy(), Date.now() - startedAt);
}

/** Debian's parec (package `pulseaudio-utils`, a dependency of `pulseaudio`). */
export const PAREC_PATH = process.env.VOXLAY_PAREC ?? '/usr/bin/parec';

/**
 * The RMS level (0..1) of what Firefox played to the null sink over `ms`, recorded from the sink's
 * monitor: what a user would hear from the speaker (an AudioContext's analysers do not reach it).
 */
export async function playedLevelOver(audio: NullAudio, ms: number): Promise<number> {
  const recorder = spawn(
    PAREC_PATH,
    ['--device=voxlay_null.monitor', '--raw', '--format=s16le', '--rate=48000', '--channels=1', '--latency-msec=20'],
    { env: { ...process.env, PULSE_SERVER: audio.server }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const chunks: Buffer[] = [];
  recorder.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exited = new Promise<void>((resolve) => recorder.once('close', () => resolve()));
  await sleep(ms);
  recorder.kill('SIGTERM');
  await exited;
  const pcm = Buffer.concat(chunks);
  const samples = Math.floor(pcm.length / 2);
  if (samples === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples; i++) sum += (pcm.readInt16LE(i * 2) / 32768) ** 2;
  return Math.sqrt(sum / samples);
}
