// The set-up the Firefox extension tests share: a Voxlay server, a local site, the PWA in Chromium
// joined as Bob, and Firefox ESR (headless over WebDriver BiDi, puppeteer-core) with the firefox-mv2
// build installed as a temporary add-on at a fixed moz-extension UUID; with the steps those tests take
// in Firefox pages (puppeteer's API, not playwright's).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page as ChromiumPage } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import type { VoxlayApp } from '../../server/src/app.js';
import { launchFirefox, type NullAudio, startNullAudio } from '@voxlay/testing/firefox';
import { Browsers, defaultChannelId, joinThroughUi, startVoxlay } from '@voxlay/testing/pwa';
import { sleep } from '@voxlay/testing/wait';
import { type ExtensionStats, startSite } from './harness.js';

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIREFOX_EXTENSION_DIR = path.join(extRoot, '.output', 'firefox-mv2');
/** The add-on id of the Firefox build (wxt.config.ts, browser_specific_settings.gecko.id). */
export const ADDON_ID = 'extension@voxlay.dev';
/** A fixed moz-extension host for the add-on (pref `extensions.webextensions.uuids`), so its pages have a known URL. */
export const ADDON_UUID = '6f1e0c2a-8d4b-4b7e-9c3a-2f5d7e9a1b04';
export const extensionUrl = (file: string) => `moz-extension://${ADDON_UUID}/${file}`;

/** globalSetup builds chrome-mv3 only: build the Firefox flavour from the current sources (about 3 s). */
export function buildFirefoxExtension(): void {
  execFileSync('npm', ['run', 'build:firefox', '-w', 'extension'], {
    cwd: path.resolve(extRoot, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface FirefoxExtensionSetup {
  app: VoxlayApp;
  site: { url: string; stop(): Promise<void> };
  channelId: string;
  chromium: Browsers;
  /** Bob: the PWA in Chromium, joined to `channelId`. */
  bob: ChromiumPage;
  /** Firefox's speaker: a PulseAudio null sink (Web Audio runs; playedLevelOver records it). */
  audio: NullAudio;
  firefox: FirefoxBrowser;
  /** Closes everything started, in reverse order; safe after a failed start. */
  stop(): Promise<void>;
}

/** Starts the server, the site, Bob (the PWA in Chromium, joined) and Firefox with the extension installed. */
export async function startFirefoxExtension(): Promise<FirefoxExtensionSetup> {
  const started: Partial<FirefoxExtensionSetup> = {};
  const stop = async (): Promise<void> => {
    if (started.firefox?.connected) await started.firefox.close();
    started.audio?.close();
    await started.chromium?.close();
    await started.site?.stop();
    await started.app?.stop();
  };
  try {
    buildFirefoxExtension();
    const app = await startVoxlay();
    started.app = app;
    started.site = await startSite();
    const channelId = await defaultChannelId(app);
    started.channelId = channelId;
    const chromium = await Browsers.launch();
    started.chromium = chromium;
    started.bob = await chromium.open(app.url, 'bob-chromium');
    await joinThroughUi(started.bob, 'Bob', channelId);
    const audio = await startNullAudio();
    started.audio = audio;
    started.firefox = await launchFirefox(
      {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
        // Firefox's own autoplay defaults (the harness allows autoplay for its pages): the background
        // page plays the call and runs its meters without a user gesture of its own.
        'media.autoplay.default': 1,
        'media.autoplay.blocking_policy': 0,
      },
      audio,
    );
    const installed = await started.firefox.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== ADDON_ID) throw new Error(`installed ${installed}, not ${ADDON_ID}`);
    return { ...(started as FirefoxExtensionSetup), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Opens an extension page in `page`. Firefox ESR 140 shows moz-extension pages but never reports
 * their navigation as finished over BiDi: wait for the page's own content instead.
 */
export async function openExtensionPage(page: FirefoxPage, file: string, readySelector: string): Promise<void> {
  void page.goto(extensionUrl(file), { timeout: 0 }).catch(() => undefined);
  await page.waitForSelector(readySelector, { timeout: 15_000 });
}

/** The background's WebRTC counters (the Channel lives in the background page), asked like any extension page. */
export function extensionStatsIn(page: FirefoxPage): Promise<ExtensionStats | null> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<ExtensionStats | null> } } }
    ).browser.runtime.sendMessage({ target: 'background', type: 'get-stats' }),
  );
}

/** Inbound bytes the extension received over `ms`. */
export async function extensionBytesOver(page: FirefoxPage, ms: number): Promise<number> {
  const before = (await extensionStatsIn(page))?.inboundBytes ?? 0;
  await sleep(ms);
  return ((await extensionStatsIn(page))?.inboundBytes ?? 0) - before;
}

/**
 * Clicks the element as a user would (trusted input: Firefox's user-input-handler rules apply). Not
 * puppeteer's Locator: its stability check waits on animation frames, which a background tab does not run.
 */
export async function clickOn(page: FirefoxPage, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector, { timeout: 10_000 });
  if (!element) throw new Error(`no ${selector}`);
  await element.click();
  await element.dispose();
}

/** Replaces the text of a field by typing `text` into it. */
export async function typeInto(page: FirefoxPage, selector: string, text: string): Promise<void> {
  const element = await page.waitForSelector(selector, { timeout: 10_000 });
  if (!element) throw new Error(`no ${selector}`);
  await element.click();
  await element.evaluate((el) => (el as HTMLInputElement).select());
  await element.type(text);
  await element.dispose();
}

/** A selector inside the overlay's shadow root (puppeteer's `>>>` pierces it). */
export const inOverlay = (selector: string) => `voxlay-overlay >>> ${selector}`;

/** Participant rows the overlay shows (Firefox: the content script's open shadow root). */
export function overlayRowsIn(tab: FirefoxPage): Promise<{ name: string; speaking: boolean; muted: boolean }[]> {
  return tab.evaluate(() =>
    [...(document.querySelector('voxlay-overlay')?.shadowRoot?.querySelectorAll('[data-testid="participant"]') ?? [])].map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      speaking: row.getAttribute('data-speaking') === 'true',
      muted: row.getAttribute('data-muted') === 'true',
    })),
  );
}

export const names = (rows: { name: string }[]): string[] => rows.map((r) => r.name).sort();
