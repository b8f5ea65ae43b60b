// Sharing a tab from the extension (Chrome): joined from the popup, "Share this tab" captures the page
// the popup was opened on in the offscreen document (chrome.tabCapture's stream id), sends it as the
// participant's screen (LIVE for everyone), and a PWA user watches it. The tab navigates: the share,
// living in the offscreen document, goes on. "Stop sharing" ends it for everyone.
//
// Tab capture fails under Chromium's fake-media flags, so this browser has none: no microphone (the
// extension joins listen-only) and `--allowlisted-extension-id` stands for the user's toolbar click.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { Browsers, defaultChannelId, joinThroughUi, startVoxlay } from '@voxlay/testing/pwa';
import { tileVideo } from '@voxlay/testing/pwa-video';
import { waitFor } from '@voxlay/testing/wait';
import { joinFromPopup, launchExtension, setPrefs, startSite, type ExtensionBrowser } from './harness.js';

/** The extension participant's producers on the server, by source. */
function producersOf(app: VoxlayApp, channelId: string, name: string): string[] {
  const participant = app.channels.get(channelId)?.participants.find((p) => p.displayName === name);
  return (participant?.producers ?? [])
    .filter((p) => !p.closed)
    .map((p) => String(p.appData.source))
    .sort();
}

describe('sharing a tab from the extension', () => {
  let app: VoxlayApp;
  let site: Awaited<ReturnType<typeof startSite>>;
  let ext: ExtensionBrowser;
  let browsers: Browsers;
  let channelId: string;
  let tab: Page;
  let popup: Page;
  let bob: Page;

  beforeAll(async () => {
    app = await startVoxlay();
    site = await startSite();
    ext = await launchExtension({ tabCapture: true });
    browsers = await Browsers.launch();
    channelId = await defaultChannelId(app);
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    tab = ext.context.pages()[0] ?? (await ext.context.newPage());
    await tab.goto(`${site.url}/article.html`);
    bob = await browsers.open(app.url, 'bob');
    await joinThroughUi(bob, 'Bob', channelId);
    popup = await ext.openPopup();
    await joinFromPopup(popup, 'Ext', channelId);
  }, 90_000);

  afterAll(async () => {
    await browsers?.close();
    await ext?.close();
    await site?.stop();
    await app?.stop();
  });

  it('"Share this tab" sends the page as the screen; Bob sees LIVE and watches it', async () => {
    // The tab the popup was opened on is the active one (the popup page here is a tab of its own).
    await tab.bringToFront();
    await popup.getByTestId('popup-share-tab').click();
    await popup.locator('[data-testid="popup-share-tab"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('popup-share-tab').textContent()).toBe('Stop sharing');
    // The picture and the tab's sound (Chrome gives a tab's audio with its capture); no microphone here.
    expect(
      await waitFor(
        () => producersOf(app, channelId, 'Ext'),
        (sources) => sources.includes('SCREEN') && sources.includes('SCREEN_AUDIO'),
        { message: 'the tab produced as SCREEN and SCREEN_AUDIO', timeoutMs: 10_000 },
      ),
    ).toEqual(['SCREEN', 'SCREEN_AUDIO']);

    const row = bob.locator('[data-testid="participant"][data-local="false"]', { hasText: 'Ext' });
    await row.locator('[data-testid="participant-live"]').waitFor({ timeout: 10_000 });
    await bob.locator('[data-testid="stream-tile"][data-source="screen"] [data-testid="stream-watch"]').click();
    const first = await waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => s !== null && s.framesDecoded >= 5 && s.frameWidth > 0,
      { message: 'tab frames decoded in Bob’s tile', timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(first?.frameWidth).toBeGreaterThan(0);
  });

  it('the shared tab navigates: the share goes on (Bob keeps decoding frames)', async () => {
    const before = (await tileVideo(bob, 'screen'))?.framesDecoded ?? 0;
    await tab.goto(`${site.url}/other.html`);
    await tab.getByRole('heading', { name: 'Another page' }).waitFor();
    const after = await waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => (s?.framesDecoded ?? 0) >= before + 5,
      { message: 'frames after the navigation', timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(after?.framesDecoded).toBeGreaterThanOrEqual(before + 5);
    expect(producersOf(app, channelId, 'Ext')).toContain('SCREEN');
  });

  it('"Stop sharing" ends it for everyone', async () => {
    await popup.getByTestId('popup-share-tab').click();
    await popup.locator('[data-testid="popup-share-tab"][aria-pressed="false"]').waitFor({ timeout: 10_000 });
    await bob.locator('[data-testid="stream-tile"][data-source="screen"]').waitFor({ state: 'detached', timeout: 10_000 });
    const row = bob.locator('[data-testid="participant"][data-local="false"]', { hasText: 'Ext' });
    await row.locator('[data-testid="participant-live"]').waitFor({ state: 'detached' });
    expect(producersOf(app, channelId, 'Ext').filter((source) => source !== 'MICROPHONE')).toEqual([]);
  });
});
