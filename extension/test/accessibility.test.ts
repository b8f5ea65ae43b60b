// axe-core on every extension screen outside a call: the popup (before a server is chosen, and with a
// server's channel list), the options page, the permission page and the overlay opened on a page that
// knows nothing of Voxlay. None may have a critical or serious violation. (The overlay in a call, compact
// and expanded, is checked in call.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { startVoxlay } from '@voxlay/testing/pwa';
import { axeViolations, blocking, describeViolations } from '@voxlay/testing/axe';
import { launchExtension, openOverlayIn, setPrefs, startSite, type ExtensionBrowser } from './harness.js';

async function expectNoBlockingViolations(page: Page, screen: string, within?: string): Promise<void> {
  const all = await axeViolations(page, within);
  console.log(`[axe] ${screen}: ${all.length} violation(s)${all.length ? `\n${describeViolations(all)}` : ''}`);
  expect(describeViolations(blocking(all)), `critical or serious axe violations on ${screen}`).toBe('');
}

describe('accessibility of the extension screens (axe-core)', () => {
  let ext: ExtensionBrowser;
  let site: { url: string; stop(): Promise<void> };
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startVoxlay();
    site = await startSite();
    ext = await launchExtension();
  });

  afterAll(async () => {
    await ext?.close();
    await site?.stop();
    await app?.stop();
  });

  it('the popup before a server is chosen', async () => {
    const popup = await ext.openPopup();
    await popup.getByTestId('popup').waitFor();
    await expectNoBlockingViolations(popup, 'popup (no server)');
    await popup.close();
  });

  it("the popup with a server's channel list", async () => {
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    const popup = await ext.openPopup();
    await popup.getByTestId('channel-item').first().waitFor({ timeout: 10_000 });
    await expectNoBlockingViolations(popup, 'popup (channel list)');
    await popup.close();
  });

  it('the options page', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/options.html`);
    await page.getByTestId('settings-form').waitFor({ timeout: 10_000 });
    await expectNoBlockingViolations(page, 'options');
    await page.close();
  });

  it('the permission page', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/permission.html`);
    await page.getByTestId('allow-microphone').waitFor();
    await expectNoBlockingViolations(page, 'permission page');
    await page.close();
  });

  it('the overlay opened on an unrelated page, outside a call', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/plain.html`);
    await openOverlayIn(ext, `${site.url}/plain.html`);
    await page.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    await expectNoBlockingViolations(page, 'overlay compact (idle)', 'voxlay-overlay');
    await page.locator('voxlay-overlay [data-testid="overlay-expand"]').press('Enter');
    await page.locator('voxlay-overlay [data-testid="voice-panel"]').waitFor({ timeout: 5_000 });
    await expectNoBlockingViolations(page, 'overlay expanded (idle)', 'voxlay-overlay');
    // Back to compact for the other tests (the view is remembered per site).
    await page.locator('voxlay-overlay [data-testid="overlay-less"]').press('Space');
    await page.locator('voxlay-overlay [data-testid="overlay-idle"]').waitFor({ timeout: 5_000 });
    await page.close();
  });
});
