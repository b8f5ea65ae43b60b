// The extension in Firefox (ESR, headless over WebDriver BiDi) in a call with the PWA in Chromium:
// the firefox-mv2 build installed as a temporary add-on, its popup pointed at the server in the
// user's click, a join, audio both ways (bytes and audible level), the overlay on an ordinary page,
// mute from the overlay, a navigation of that tab during the call (the Channel lives in the
// persistent background page, so the call goes on), leave from the overlay; then join and leave again
// from the popup.
import type { Page as ChromiumPage } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { type NullAudio, playedLevelOver } from '@voxlay/testing/firefox';
import { audioStats, bytesReceivedOver, participantCount, participantRows, rowOf } from '@voxlay/testing/pwa';
import { namesOnceListed, sleep, waitFor } from '@voxlay/testing/wait';
import {
  clickOn,
  extensionBytesOver,
  extensionStatsIn,
  type FirefoxExtensionSetup,
  inOverlay,
  names,
  openExtensionPage,
  overlayRowsIn,
  startFirefoxExtension,
  typeInto,
} from './firefoxExtension.js';

describe('the extension in Firefox with the PWA in Chromium', () => {
  let setup: FirefoxExtensionSetup;
  let app: VoxlayApp;
  let site: FirefoxExtensionSetup['site'];
  let channelId: string;
  let audio: NullAudio;
  let firefox: FirefoxBrowser;
  /** The extension's popup, opened in a Firefox tab. */
  let popup: FirefoxPage;
  /** An ordinary page in Firefox, where the overlay shows. */
  let tab: FirefoxPage;
  /** Bob: the PWA in Chromium. */
  let bob: ChromiumPage;

  beforeAll(async () => {
    setup = await startFirefoxExtension();
    ({ app, site, channelId, bob, audio, firefox } = setup);
    tab = await firefox.newPage();
    tab.on('pageerror', (err) => console.error('[firefox tab] page error:', err instanceof Error ? err.message : String(err)));
    await tab.goto(`${site.url}/plain.html`);
    popup = await firefox.newPage();
    popup.on('console', (msg) => {
      if (msg.type() === 'error') console.error('[firefox popup] console:', msg.text());
    });
    await openExtensionPage(popup, 'popup.html', '[data-testid="server-url-input"]');
  });

  afterAll(() => setup?.stop());

  /** After Ext left: the PWA lists Bob alone and the server holds one participant. */
  const expectExtLeft = async (): Promise<void> => {
    expect(await namesOnceListed(() => participantRows(bob), 1, 10_000)).toEqual(['Bob']);
    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 1,
      ),
    ).toBe(1);
  };

  it("is pointed at the server in the user's click and joins from the popup; both sides list both", async () => {
    // As a user would: type the address, press Use (permissions.request runs in that click).
    await popup.bringToFront();
    await typeInto(popup, '[data-testid="server-url-input"]', app.url);
    await clickOn(popup, '[data-testid="server-url-save"]');
    // Firefox refuses permissions.request outside the click's handler: then the list never loads.
    await popup
      .waitForSelector(`[data-testid="channel-item"][data-channel-id="${channelId}"]`, { timeout: 10_000 })
      .catch(async (error) => {
        throw new Error(`no channel list; popup shows:\n${await popup.evaluate(() => document.body.textContent)}`, { cause: error });
      });
    await typeInto(popup, '[data-testid="display-name-input"]', 'Ext');
    const clickedAt = Date.now();
    await clickOn(popup, `[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`);
    await popup.waitForSelector('[data-testid="connection-state"][data-state="connected"]', { timeout: 20_000 }).catch(async (error) => {
      throw new Error(`join did not connect; popup shows:\n${await popup.evaluate(() => document.body.textContent)}`, { cause: error });
    });
    const connectedMs = Date.now() - clickedAt;
    const firstAudio = await waitFor(
      () => extensionStatsIn(popup),
      (s) => (s?.inboundBytes ?? 0) > 0,
      { timeoutMs: 10_000, intervalMs: 10, message: 'the first audio bytes in the background page' },
    );
    console.info(
      `[firefox extension] Join click → connected ${connectedMs} ms, → first audio bytes ${Date.now() - clickedAt} ms (${firstAudio?.inboundBytes} B)`,
    );
    expect(await namesOnceListed(() => participantRows(bob), 2, 15_000)).toEqual(['Bob', 'Ext']);
    expect(await popup.$eval('[data-testid="popup-channel"]', (el) => el.textContent)).toBe('Lobby');
  });

  it('carries audio both ways: bytes grow on both sides, each hears the other at an audible level', async () => {
    // Firefox's fake microphone (a tone) in the background page → Chromium plays it audibly.
    const onBob = await waitFor(
      () => audioStats(bob),
      (s) => s.bytesReceived > 2_000 && s.maxAudioLevel > AUDIBLE_LEVEL,
      15_000,
    );
    expect(onBob.maxAudioLevel).toBeGreaterThan(AUDIBLE_LEVEL);
    expect(await bytesReceivedOver(bob, 1_000)).toBeGreaterThan(1_000);

    // Chromium's fake microphone beeps → the background page decodes it at an audible level.
    const inFirefox = await waitFor(
      () => extensionStatsIn(popup),
      (s) => (s?.inboundBytes ?? 0) > 2_000 && (s?.outboundBytes ?? 0) > 2_000 && (s?.inboundAudioLevel ?? 0) > AUDIBLE_LEVEL,
      { timeoutMs: 15_000, intervalMs: 50, message: 'audible audio in the background page' },
    );
    expect(inFirefox?.inboundAudioLevel).toBeGreaterThan(AUDIBLE_LEVEL);
    expect(await extensionBytesOver(popup, 1_000)).toBeGreaterThan(1_000);
    // And the background page plays it: Firefox's speaker (the null sink) carries Bob's beeps.
    const played = await waitFor(
      () => playedLevelOver(audio, 1_000),
      (l) => l > AUDIBLE_LEVEL,
    );
    expect(played).toBeGreaterThan(AUDIBLE_LEVEL);
    console.info(
      `[firefox extension] levels: Chromium hears Ext at ${onBob.maxAudioLevel.toFixed(3)}; the background page decodes Bob at ${inFirefox?.inboundAudioLevel.toFixed(3)} and plays ${played.toFixed(3)} RMS over 1 s`,
    );
  });

  it('shows the overlay on an ordinary page, with who is here and Bob speaking (Web Audio runs in the background page)', async () => {
    await tab.bringToFront();
    await tab.waitForSelector(inOverlay('[data-testid="voxlay-overlay"]'), { timeout: 10_000 });
    const rows = await waitFor(
      () => overlayRowsIn(tab),
      (r) => r.length === 2 && r.find((p) => p.name === 'Bob')?.speaking === true,
      15_000,
    );
    expect(names(rows)).toEqual(['Bob', 'Ext']);
    expect(rows.find((p) => p.name === 'Bob')?.speaking, 'the overlay lights Bob speaking').toBe(true);
    const onBob = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.speaking === true,
      15_000,
    );
    expect(rowOf(onBob, 'Ext')?.speaking, 'the PWA lights Ext speaking').toBe(true);
  });

  it('mutes from the overlay: the PWA sees it and stops hearing Ext; unmuting brings it back', async () => {
    await clickOn(tab, inOverlay('[data-testid="mute-button"]'));
    const muted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === true,
      10_000,
    );
    expect(rowOf(muted, 'Ext')?.muted).toBe(true);
    await sleep(500); // packets already in flight
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    expect(await popup.$eval('[data-testid="popup-call"]', (el) => el.textContent)).toContain('muted');

    await clickOn(tab, inOverlay('[data-testid="mute-button"]'));
    const unmuted = await waitFor(
      () => participantRows(bob),
      (r) => rowOf(r, 'Ext')?.muted === false,
      10_000,
    );
    expect(rowOf(unmuted, 'Ext')?.muted).toBe(false);
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
  });

  it('keeps the call when the tab navigates: the overlay comes back and audio flows both ways, audibly', async () => {
    await tab.goto(`${site.url}/article.html`);
    expect(await tab.evaluate(() => document.title)).toBe('A long read');
    await tab.waitForSelector(inOverlay('[data-testid="voxlay-overlay"]'), { timeout: 10_000 });
    expect(await namesOnceListed(() => overlayRowsIn(tab), 2, 10_000)).toEqual(['Bob', 'Ext']);
    expect(await tab.$eval(inOverlay('[data-testid="channel-name"]'), (el) => el.textContent)).toBe('Lobby');
    expect(
      await waitFor(
        () => extensionBytesOver(popup, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    expect(
      (
        await waitFor(
          () => extensionStatsIn(popup),
          (s) => (s?.inboundAudioLevel ?? 0) > AUDIBLE_LEVEL,
          { timeoutMs: 10_000, intervalMs: 50 },
        )
      )?.inboundAudioLevel,
    ).toBeGreaterThan(AUDIBLE_LEVEL);
    expect(
      await waitFor(
        () => playedLevelOver(audio, 1_000),
        (l) => l > AUDIBLE_LEVEL,
      ),
    ).toBeGreaterThan(AUDIBLE_LEVEL);
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    expect(
      (
        await waitFor(
          () => audioStats(bob),
          (s) => s.maxAudioLevel > AUDIBLE_LEVEL,
        )
      ).maxAudioLevel,
    ).toBeGreaterThan(AUDIBLE_LEVEL);
  });

  it('leaves from the overlay: the PWA and the server see it, the overlay goes away, the background holds no call', async () => {
    await clickOn(tab, inOverlay('[data-testid="overlay-expand"]'));
    await clickOn(tab, inOverlay('[data-testid="leave-button"]'));
    await expectExtLeft();
    await tab.waitForSelector(inOverlay('[data-testid="voxlay-overlay"]'), { hidden: true, timeout: 10_000 });
    expect(await extensionStatsIn(popup)).toBeNull();
    expect(await playedLevelOver(audio, 1_000), 'nothing plays after leaving').toBeLessThan(AUDIBLE_LEVEL);
    await popup.waitForSelector('[data-testid="popup-call"]', { hidden: true, timeout: 10_000 });
  });

  it('joins again from the popup and leaves from the popup: both sides see it', async () => {
    const join = `[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]:not([disabled])`;
    await popup.bringToFront();
    await popup.waitForSelector(join, { timeout: 10_000 });
    const clickedAt = Date.now();
    await clickOn(popup, join);
    await popup.waitForSelector('[data-testid="connection-state"][data-state="connected"]', { timeout: 20_000 });
    const connectedMs = Date.now() - clickedAt;
    await waitFor(
      () => extensionStatsIn(popup),
      (s) => (s?.inboundBytes ?? 0) > 0,
      { timeoutMs: 10_000, intervalMs: 10, message: 'the first audio bytes in the background page' },
    );
    console.info(`[firefox extension] second Join click → connected ${connectedMs} ms, → first audio bytes ${Date.now() - clickedAt} ms`);
    expect(await namesOnceListed(() => participantRows(bob), 2, 10_000)).toEqual(['Bob', 'Ext']);

    await clickOn(popup, '[data-testid="popup-leave"]');
    await expectExtLeft();
    await popup.waitForSelector('[data-testid="popup-call"]', { hidden: true, timeout: 10_000 });
    expect(await extensionStatsIn(popup)).toBeNull();
  });
});
