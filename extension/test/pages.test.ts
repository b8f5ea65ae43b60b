// The extension's own pages outside a call: options persist core's settings where the offscreen
// session will read them, and the permission page asks for the microphone once. This browser runs
// without --use-fake-ui-for-media-stream: getUserMedia gets the permission the extension's origin
// really has (the test answers the prompt with CDP), so the page's outcome is the real one.
import type { Page } from 'playwright-core';
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshotPath, setMicrophonePermission, type ExtensionBrowser } from './harness.js';

// Evaluated in the service worker, where `chrome` exists; MV3 Chromium's `chrome` answers with promises, as the polyfill's types describe.
declare const chrome: Browser.Browser;

/** Records every getUserMedia call of a page: its constraints, its outcome (the error name), its tracks' state. */
const RECORD_GET_USER_MEDIA = `(() => {
  const md = navigator.mediaDevices;
  if (!md || window.__voxlayGetUserMedia) return;
  const calls = [];
  window.__voxlayGetUserMedia = calls;
  const getUserMedia = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    const call = { constraints: JSON.parse(JSON.stringify(constraints ?? null)), outcome: 'pending', tracks: [] };
    calls.push(call);
    try {
      const stream = await getUserMedia(constraints);
      call.outcome = 'stream';
      call.tracks = stream.getTracks();
      return stream;
    } catch (error) {
      call.outcome = error.name;
      throw error;
    }
  };
})();`;

interface GetUserMediaCall {
  constraints: MediaStreamConstraints;
  outcome: string;
  /** kind and readyState of each track it returned. */
  tracks: string[];
}

/** Waits until the permission page shows an outcome; returns which ('permission-granted' or 'permission-denied'). */
async function outcomeShown(page: Page): Promise<string | null> {
  const outcome = page.locator('[data-testid="permission-granted"], [data-testid="permission-denied"]').first();
  await outcome.waitFor({ timeout: 10_000 });
  return outcome.getAttribute('data-testid');
}

async function getUserMediaCalls(page: Page): Promise<GetUserMediaCall[]> {
  return page.evaluate(() => {
    const calls =
      (
        window as unknown as {
          __voxlayGetUserMedia?: Array<{ constraints: MediaStreamConstraints; outcome: string; tracks: MediaStreamTrack[] }>;
        }
      ).__voxlayGetUserMedia ?? [];
    return calls.map((call) => ({ ...call, tracks: call.tracks.map((track) => `${track.kind} ${track.readyState}`) }));
  });
}

describe('options and permission pages', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtension({ permissionPrompts: true });
    await ext.context.addInitScript(RECORD_GET_USER_MEDIA);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('saves mode, sensitivity and server in the stores the session and the content scripts read', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/options.html`);
    await page.getByTestId('settings-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('options-mode').selectOption('push-to-talk');
    await page.getByTestId('vad-sensitivity').selectOption('high');
    await page.getByTestId('options-server-url').fill('http://127.0.0.1:3999');
    await page.getByTestId('options-server-url').press('Enter');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('voxlay.settings.v1'))).toContain('"mode":"push-to-talk"');
    expect(await page.evaluate(() => localStorage.getItem('voxlay.settings.v1'))).toContain('"vadSensitivity":"high"');
    await expect
      .poll(() => ext.worker.evaluate(() => chrome.storage.local.get('voxlay.serverUrl')))
      .toEqual({ 'voxlay.serverUrl': 'http://127.0.0.1:3999' });
    await page.screenshot({ path: screenshotPath('options'), fullPage: true });
    await page.close();
  });

  it('tells the user the microphone was blocked when the permission is denied, and lets them try again', async () => {
    await setMicrophonePermission(ext, 'denied');
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/permission.html`);
    await page.getByTestId('allow-microphone').click();
    expect(await outcomeShown(page)).toBe('permission-denied');
    expect(await getUserMediaCalls(page)).toEqual([{ constraints: { audio: true }, outcome: 'NotAllowedError', tracks: [] }]);
    expect(await page.getByRole('alert').textContent()).toContain('The microphone was blocked');
    expect(await page.getByTestId('permission-granted').count()).toBe(0);
    expect(await page.getByTestId('allow-microphone').isEnabled()).toBe(true);
    await page.close();
  });

  it('asks for the microphone (audio only) from a visible page, confirms it once granted, and does not keep it open', async () => {
    // The user allows it in the prompt: the permission belongs to the extension's origin.
    await setMicrophonePermission(ext, 'granted');
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/permission.html`);
    expect(await getUserMediaCalls(page)).toEqual([]); // nothing asked before the click
    await page.getByTestId('allow-microphone').click();
    expect(await outcomeShown(page)).toBe('permission-granted');
    expect(await getUserMediaCalls(page)).toEqual([{ constraints: { audio: true }, outcome: 'stream', tracks: ['audio ended'] }]);
    expect(await page.getByTestId('permission-denied').count()).toBe(0);
    expect(await page.getByTestId('allow-microphone').count()).toBe(0);
    // The pressed button went away: focus is on the confirmation, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('permission-granted');
    await page.close();
  });
});
