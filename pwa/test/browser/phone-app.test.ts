// The PWA as an app on a phone, beyond its screen (phone.test.ts has the Media Session, the wake lock,
// touch targets and overflow): a call goes on while the page is hidden where the platform allows it
// (Chromium, as on Android: bytes and level both ways, second by second), and the channel view says
// so where the platform stops it (an iPhone's user agent; not on Android's); the Install button when
// Chromium itself offers installation (a trusted `beforeinstallprompt`), and the channel in the
// window title (what an installed app's title bar shows); and the app opened as an installed app
// (Chromium's `--app=URL` window, where `display-mode: standalone` matches; CDP's media emulation
// ignores display-mode): no Install button even when an install prompt arrives, and a call works.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@voxlay/testing/chromium';
import {
  audioStats,
  Browsers,
  defaultChannelId,
  joinThroughUi,
  levelsBySpeaker,
  openPersistent,
  PHONE,
  startVoxlay,
} from '@voxlay/testing/pwa';
import type { VoxlayApp } from '@voxlay/testing/server';
import { stopChild } from '@voxlay/testing/child-process';
import { waitFor } from '@voxlay/testing/wait';
import { THEME_COLOR } from '../../manifest';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

/** How long the call is measured, second by second, with one page hidden. */
const HIDDEN_MS = 8_000;

/** As the test kit's pages do (audio-stats.ts): every RTCPeerConnection recorded for audioStats(). */
const RECORD_PEER_CONNECTIONS_SCRIPT = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__voxlayPcs) return;
  const pcs = [];
  window.__voxlayPcs = pcs;
  window.RTCPeerConnection = class extends Native { constructor(...args) { super(...args); pcs.push(this); } };
})();`;

/** Records every beforeinstallprompt the page receives, and whether the browser fired it (isTrusted). */
const RECORD_INSTALL_PROMPTS = `(() => {
  if (window.__installPrompts) return;
  const prompts = [];
  window.__installPrompts = prompts;
  window.addEventListener('beforeinstallprompt', (e) => prompts.push({ trusted: e.isTrusted }), true);
})();`;

const visibility = (page: Page) => page.evaluate(() => document.visibilityState);

/**
 * Gives the page the user agent `userAgent` (what Playwright's context `userAgent` option does:
 * Emulation.setUserAgentOverride, for navigator.userAgent and the requests) and loads it again.
 */
async function emulateUserAgent(page: Page, userAgent: string, platform: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent, platform });
  await page.reload();
}

/** The bytes a page sent and received, and each speaker's level it played, over `ms`. */
async function audioOver(page: Page, app: VoxlayApp, channelId: string, listener: string, ms: number) {
  const before = await audioStats(page);
  const levels = await levelsBySpeaker(page, app, channelId, listener, ms);
  const after = await audioStats(page);
  return { sent: after.bytesSent - before.bytesSent, received: after.bytesReceived - before.bytesReceived, levels };
}

describe('a call with the PWA in the background', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let channelId: string;

  beforeAll(async () => {
    app = await startVoxlay();
    browsers = await Browsers.launch();
    channelId = await defaultChannelId(app);
  });

  afterAll(async () => {
    await browsers?.close();
    await app?.stop();
  });

  it('keeps sending and playing audio both ways while the page is hidden behind another tab (Chromium, as on Android)', async () => {
    // Playwright keeps every page it drives "visible" (focus emulation holds it as captured), so the
    // page that goes to the background runs in a Chromium driven over CDP without those defaults:
    // another tab in front then hides it, as a real browser does.
    const dir = mkdtempSync(path.join(tmpdir(), 'voxlay-background-'));
    const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${dir}`, 'about:blank'], {
      stdio: 'ignore',
    });
    try {
      const portFile = path.join(dir, 'DevToolsActivePort');
      const port = await waitFor(
        () => (existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n')[0] : ''),
        (p) => /^\d+$/.test(p ?? ''),
        { timeoutMs: 15_000, message: 'Chromium DevTools port' },
      );
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
      const context = browser.contexts()[0];
      if (!context) throw new Error('no default context');
      await context.addInitScript(RECORD_PEER_CONNECTIONS_SCRIPT);
      const alice = context.pages()[0] ?? (await context.newPage());
      // The tab that will go in front, opened now: switching to it later only hides Alice's page (a
      // new tab's renderer starting up on a loaded machine would also stall it for a moment).
      const other = await context.newPage();
      await other.goto('about:blank');
      await alice.bringToFront();
      await alice.setViewportSize(PHONE);
      await alice.goto(app.url);
      const bob = await browsers.open(app.url, 'bob', PHONE);
      await joinThroughUi(alice, 'Alice', channelId);
      await joinThroughUi(bob, 'Bob', channelId);
      await waitFor(
        () => levelsBySpeaker(bob, app, channelId, 'Bob', 500),
        (l) => (l.Alice ?? 0) > AUDIBLE_LEVEL,
        10_000,
      );
      expect(await visibility(alice)).toBe('visible');

      await other.bringToFront(); // another tab in front: Alice's page goes to the background
      expect(
        await waitFor(
          () => visibility(alice),
          (v) => v === 'hidden',
          5_000,
        ),
      ).toBe('hidden');
      const seconds: { aliceSent: number; aliceReceived: number; aliceHearsBob: number; bobHearsAlice: number }[] = [];
      for (let i = 0; i < HIDDEN_MS / 1000; i++) {
        const [a, b] = await Promise.all([audioOver(alice, app, channelId, 'Alice', 1000), audioOver(bob, app, channelId, 'Bob', 1000)]);
        seconds.push({
          aliceSent: a.sent,
          aliceReceived: a.received,
          aliceHearsBob: a.levels.Bob ?? 0,
          bobHearsAlice: b.levels.Alice ?? 0,
        });
      }
      console.log('[phone-app] each second with Alice hidden', JSON.stringify(seconds));
      expect(await visibility(alice)).toBe('hidden');
      for (const s of seconds) {
        expect(s.aliceSent).toBeGreaterThan(500);
        expect(s.aliceReceived).toBeGreaterThan(500);
        expect(s.aliceHearsBob).toBeGreaterThan(AUDIBLE_LEVEL);
        expect(s.bobHearsAlice).toBeGreaterThan(AUDIBLE_LEVEL);
      }
      await bob.context().close();
      // Closes Chromium itself (disconnecting only would leave it writing its profile while removed).
      await (await browser.newBrowserCDPSession()).send('Browser.close').catch(() => undefined);
    } finally {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    }
  });

  it('says in the channel view that audio pauses in the background on an iPhone, and not on Android', async () => {
    const iphone = await browsers.open(app.url, 'iphone', PHONE);
    await emulateUserAgent(iphone, IPHONE_SAFARI, 'iPhone');
    const android = await browsers.open(app.url, 'android', PHONE);
    await emulateUserAgent(android, ANDROID_CHROME, 'Linux armv8l');
    await joinThroughUi(iphone, 'Ivy', channelId);
    await joinThroughUi(android, 'Andy', channelId);

    const notice = iphone.getByTestId('background-audio-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('Audio pauses when Voxlay is in the background on iPhone and iPad');
    expect(await android.getByTestId('background-audio-notice').count()).toBe(0);
    // Not in the lobby: it is about a call.
    await iphone.getByTestId('leave-button').click();
    await iphone.getByTestId('channel-screen').waitFor({ state: 'detached' });
    expect(await iphone.getByTestId('background-audio-notice').count()).toBe(0);
    await iphone.context().close();
    await android.context().close();
  });
});

describe('installing the PWA', () => {
  let app: VoxlayApp;
  let browser: Awaited<ReturnType<typeof openPersistent>>;
  let channelId: string;

  beforeAll(async () => {
    app = await startVoxlay();
    channelId = await defaultChannelId(app);
    browser = await openPersistent(app.url);
    await browser.context.addInitScript(RECORD_INSTALL_PROMPTS);
    await browser.page.setViewportSize(PHONE);
    await browser.page.reload();
  });

  afterAll(async () => {
    await browser?.dispose();
    await app?.stop();
  });

  it("shows Install on a phone-sized window when Chromium itself offers installation (a trusted beforeinstallprompt), and names the call's channel in the window title", async () => {
    const { page } = browser;
    await page.getByTestId('install-button').waitFor({ timeout: 15_000 });
    const prompts = await page.evaluate(() => (window as Window & { __installPrompts?: { trusted: boolean }[] }).__installPrompts);
    expect(prompts?.length).toBeGreaterThanOrEqual(1);
    expect(prompts?.every((p) => p.trusted)).toBe(true); // fired by Chromium, not by a script
    const box = await page.getByTestId('install-button').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(0);

    // Installed, the window has no tabs: its title bar and the app switcher show the document title.
    expect(await page.title()).toBe('Voxlay');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(THEME_COLOR);
    await joinThroughUi(page, 'Stan', channelId);
    const channelName = (await page.getByTestId('channel-name').textContent())?.trim();
    expect(await page.title()).toBe(`${channelName} · Voxlay`);
    await page.getByTestId('leave-button').click();
    await page.getByTestId('channel-screen').waitFor({ state: 'detached' });
    expect(await page.title()).toBe('Voxlay');
  });
});

describe('the PWA opened as an installed app (standalone display mode)', () => {
  let app: VoxlayApp;
  let installedApp: Awaited<ReturnType<typeof openPersistent>>;
  let channelId: string;

  beforeAll(async () => {
    app = await startVoxlay();
    channelId = await defaultChannelId(app);
    installedApp = await openPersistent(app.url, { app: true, viewport: PHONE });
    await installedApp.context.addInitScript(RECORD_INSTALL_PROMPTS);
    await installedApp.context.addInitScript(RECORD_PEER_CONNECTIONS_SCRIPT);
    await installedApp.page.reload();
  });

  afterAll(async () => {
    await installedApp?.dispose();
    await app?.stop();
  });

  it('offers no Install button, even when an install prompt arrives; joins, and the title bar names the channel', async () => {
    const { page } = installedApp;
    expect(await page.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true);
    await page.getByTestId('lobby-display-name').waitFor();
    // In a browser tab this event shows the button (the test above); installed, the app ignores it.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeinstallprompt', { cancelable: true })));
    const prompts = await page.evaluate(() => (window as Window & { __installPrompts?: unknown[] }).__installPrompts?.length);
    expect(prompts).toBeGreaterThanOrEqual(1);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.getByTestId('install-button').count()).toBe(0);

    await joinThroughUi(page, 'Ina', channelId);
    const channelName = (await page.getByTestId('channel-name').textContent())?.trim();
    expect(await page.title()).toBe(`${channelName} · Voxlay`);
    expect(await page.getByTestId('install-button').count()).toBe(0);
    await waitFor(
      () => audioStats(page),
      (stats) => stats.bytesSent > 0,
      {
        timeoutMs: 10_000,
        message: 'the app window to send its microphone',
      },
    );
  });
});
