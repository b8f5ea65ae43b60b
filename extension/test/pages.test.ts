// The extension's own pages outside a call: options persist core's settings where the offscreen
// session will read them, and the permission page asks for the microphone once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshotPath, type ExtensionBrowser } from './harness.js';

describe('options and permission pages', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtension();
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
      .poll(() => ext.worker.evaluate(() => (globalThis as any).chrome.storage.local.get('voxlay.serverUrl'))) // eslint-disable-line @typescript-eslint/no-explicit-any
      .toEqual({ 'voxlay.serverUrl': 'http://127.0.0.1:3999' });
    await page.screenshot({ path: screenshotPath('options'), fullPage: true });
    await page.close();
  });

  it('asks for the microphone from a visible page and confirms it', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/permission.html`);
    await page.getByTestId('allow-microphone').click();
    await page.getByTestId('permission-granted').waitFor({ timeout: 10_000 });
    await page.close();
  });
});
