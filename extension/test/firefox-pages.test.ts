// The extension's options page and its keyboard in Firefox (ESR, headless over WebDriver BiDi), with
// the PWA in Chromium: the server, the display name, push-to-talk and its key are chosen in the
// options page and take effect where they matter (the popup lists that server's channels under that
// name, the PWA sees that name, the key held on an ordinary page lets the voice through); changed in
// the options page during the call, the key and the mode follow at once; then the in-page mute key
// (Alt+M). Not here: the manifest's `commands` shortcut (Alt+Shift+M), which WebDriver BiDi cannot
// press in Firefox: its key actions are synthesized inside the page, and the browser window's
// shortcuts never see them (see extension/README.md, "Firefox differences").
import type { Page as ChromiumPage } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { bytesReceivedOver, participantRows, rowOf } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';
import {
  clickOn,
  type FirefoxExtensionSetup,
  inOverlay,
  names,
  openExtensionPage,
  startFirefoxExtension,
  typeInto,
} from './firefoxExtension.js';

describe("the extension's options page and keyboard in Firefox, with the PWA in Chromium", () => {
  let setup: FirefoxExtensionSetup;
  let app: VoxlayApp;
  let channelId: string;
  let firefox: FirefoxBrowser;
  /** An ordinary page in Firefox, where the overlay shows. */
  let tab: FirefoxPage;
  /** The options page, opened in a Firefox tab. */
  let options: FirefoxPage;
  /** Bob: the PWA in Chromium. */
  let bob: ChromiumPage;
  /** Waits until Bob's list shows Fox (un)muted; returns the rows. */
  const foxMuted = (muted: boolean) =>
    waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Fox')?.muted === muted,
      10_000,
    );

  /** Chooses a new push-to-talk key in the options page: click the key field, press the key. */
  async function choosePttKey(code: string): Promise<void> {
    await options.bringToFront();
    await clickOn(options, '[data-testid="ptt-key-button"]');
    await options.waitForSelector('[data-testid="ptt-key-button"][aria-pressed="true"]', { timeout: 5_000 });
    await options.keyboard.press(code as 'KeyT');
    await options.waitForSelector(`[data-testid="ptt-key-button"][data-key="${code}"]`, { timeout: 5_000 });
  }

  /** Waits until the overlay's push-to-talk button names `key`; returns what it names. */
  const pttKeyShown = (key: string) =>
    waitFor(
      () => tab.$eval(inOverlay('[data-testid="ptt-button"] kbd'), (el) => el.textContent).catch(() => null),
      (shown) => shown === key,
    );

  /** Focuses the ordinary page itself (its heading), not the overlay, so its keys go to the page. */
  async function focusPage(): Promise<void> {
    await tab.bringToFront();
    await clickOn(tab, 'h1');
  }

  beforeAll(async () => {
    setup = await startFirefoxExtension();
    ({ app, channelId, bob, firefox } = setup);
    tab = await firefox.newPage();
    tab.on('pageerror', (err) => console.error('[firefox tab] page error:', err instanceof Error ? err.message : String(err)));
    await tab.goto(`${setup.site.url}/plain.html`);
    options = await firefox.newPage();
    options.on('console', (msg) => {
      if (msg.type() === 'error') console.error('[firefox options] console:', msg.text());
    });
    await openExtensionPage(options, 'options.html', '[data-testid="settings-form"]');
  });

  afterAll(() => setup?.stop());

  it('takes the server, the name, push-to-talk and its key in the options page: the popup lists that server under that name, the PWA sees it', async () => {
    await options.bringToFront();
    // Save asks for the server's host permission in the click itself (Firefox allows it nowhere else).
    await typeInto(options, '[data-testid="options-server-url"]', app.url);
    await clickOn(options, 'form:has([data-testid="options-server-url"]) button[type="submit"]');
    await options.waitForSelector('[data-testid="options-server-note"]', { timeout: 10_000 });
    expect(await options.$eval('[data-testid="options-server-note"]', (el) => el.textContent)).toBe('Server saved.');
    // The name commits when the field loses focus.
    await typeInto(options, '[data-testid="display-name-input"]', 'Fox');
    await options.keyboard.press('Tab');
    await options.select('[data-testid="options-mode"]', 'push-to-talk');
    await choosePttKey('KeyT');

    // A popup opened now starts from what the options page saved.
    const popup = await firefox.newPage();
    try {
      await openExtensionPage(popup, 'popup.html', '[data-testid="server-url-input"]');
      expect(
        await waitFor(
          () => popup.$eval('[data-testid="server-url-input"]', (el) => (el as HTMLInputElement).value),
          (v) => v !== '',
        ),
      ).toBe(app.url);
      expect(await popup.$eval('[data-testid="display-name-input"]', (el) => (el as HTMLInputElement).value)).toBe('Fox');
      // Nothing typed in the popup: its channel list comes from the server saved in the options page.
      await clickOn(popup, `[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`);
      await popup.waitForSelector('[data-testid="connection-state"][data-state="connected"]', { timeout: 20_000 }).catch(async (error) => {
        throw new Error(`join did not connect; popup shows:\n${await popup.evaluate(() => document.body.textContent)}`, { cause: error });
      });
    } finally {
      await popup.close();
    }
    const rows = await waitFor(
      () => participantRows(bob),
      (r) => r.length === 2,
      15_000,
    );
    expect(names(rows), 'the name chosen in the options page').toEqual(['Bob', 'Fox']);
    // Push-to-talk: nothing goes out until the key is held.
    expect(rowOf(await foxMuted(true), 'Fox')?.muted).toBe(true);
  });

  it('lets the voice through while the key chosen in the options page is held on an ordinary page', async () => {
    await focusPage();
    // The voice controls are under "More"; there the push-to-talk button names the key the overlay
    // bound (once it has the Channel's push-to-talk state).
    await clickOn(tab, inOverlay('[data-testid="overlay-expand"]'));
    expect(await pttKeyShown('T')).toBe('T');
    await focusPage();
    await tab.keyboard.down('KeyT');
    try {
      expect(rowOf(await foxMuted(false), 'Fox')?.muted).toBe(false);
      await tab.waitForSelector(inOverlay('[data-testid="ptt-button"][aria-pressed="true"]'), { timeout: 5_000 });
      expect(
        await waitFor(
          () => bytesReceivedOver(bob, 1_000),
          (b) => b > 1_000,
        ),
      ).toBeGreaterThan(1_000);
    } finally {
      await tab.keyboard.up('KeyT');
    }
    expect(rowOf(await foxMuted(true), 'Fox')?.muted).toBe(true);
  });

  it('follows the options page during the call: a new push-to-talk key works at once, and always-on unmutes', async () => {
    await choosePttKey('KeyY');
    expect(await pttKeyShown('Y')).toBe('Y');
    await focusPage();
    await tab.keyboard.down('KeyY');
    try {
      expect(rowOf(await foxMuted(false), 'Fox')?.muted, 'Fox held the new key').toBe(false);
    } finally {
      await tab.keyboard.up('KeyY');
    }
    expect(rowOf(await foxMuted(true), 'Fox')?.muted).toBe(true);

    await options.bringToFront();
    await options.select('[data-testid="options-mode"]', 'always-on');
    expect(rowOf(await foxMuted(false), 'Fox')?.muted, 'always on after the options page said so').toBe(false);
    await tab.waitForSelector(inOverlay('[data-testid="ptt-button"]'), { hidden: true, timeout: 10_000 });
  });

  it('toggles mute with Alt+M on the page', async () => {
    await focusPage();
    await tab.keyboard.down('Alt');
    await tab.keyboard.press('KeyM');
    await tab.keyboard.up('Alt');
    expect(rowOf(await foxMuted(true), 'Fox')?.muted).toBe(true);
    await sleep(500); // packets already in flight
    expect(await bytesReceivedOver(bob, 1_000)).toBeLessThan(200);
    await tab.keyboard.down('Alt');
    await tab.keyboard.press('KeyM');
    await tab.keyboard.up('Alt');
    expect(rowOf(await foxMuted(false), 'Fox')?.muted).toBe(false);
  });
});
