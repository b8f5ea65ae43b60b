// The overlay on a site that knows nothing of Voxlay: it appears when opened, sits in a shadow
// root, and hostile page CSS neither changes it nor is changed by it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateInContentScript, launchExtension, openOverlayIn, screenshotPath, startSite, type ExtensionBrowser } from './harness.js';

/** Computed styles of a few overlay elements, read inside the shadow root. */
async function overlayLook(page: Page): Promise<Record<string, string>> {
  return page.locator('voxlay-overlay').evaluate((host) => {
    const root = host.shadowRoot!;
    const pick = (sel: string, props: string[]): Record<string, string> => {
      const el = root.querySelector(sel);
      if (!el) throw new Error(`missing ${sel}`);
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [`${sel} ${p}`, cs.getPropertyValue(p)]));
    };
    return {
      ...pick('.vxo__frame', ['font-family', 'color', 'background-color', 'padding-top', 'display', 'line-height', 'text-transform']),
      ...pick('[data-testid="channel-name"]', ['font-size', 'color', 'letter-spacing', 'display', 'border-top-style']),
      ...pick('[data-testid="overlay-expand"]', ['background-color', 'padding-left', 'display', 'font-family']),
      ...pick('[data-testid="overlay-idle"]', ['font-size', 'color', 'margin-top', 'text-transform']),
      width: String(Math.round((root.querySelector('.vxo__frame') as HTMLElement).getBoundingClientRect().width)),
    };
  });
}

describe('the overlay on an unrelated page', () => {
  let ext: ExtensionBrowser;
  let site: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    site = await startSite();
    ext = await launchExtension();
  });

  afterAll(async () => {
    await ext?.close();
    await site?.stop();
  });

  it('loads nothing but the tiny script until asked, then shows the overlay in a shadow root', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/plain.html`);
    // The content script has made its one decision: its start-up read of 'is a call active?' has its
    // answer (a read issued after it in the same world has), and it did not ask for the overlay bundle.
    const decided = await evaluateInContentScript<{ loadAsked: boolean; overlayRuns: boolean }>(
      ext,
      page,
      `chrome.storage.local.get('voxlay.callActive').then(() => ({ loadAsked: '__voxlayOverlayOpen' in globalThis, overlayRuns: '__voxlayOverlay' in globalThis }))`,
    );
    expect(decided).toEqual({ loadAsked: false, overlayRuns: false });
    expect(await page.locator('voxlay-overlay').count(), 'overlay hosts before it is asked for').toBe(0);
    await openOverlayIn(ext, `${site.url}/plain.html`);
    await page.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(await page.locator('voxlay-overlay').evaluate((h) => h.shadowRoot !== null)).toBe(true);
    // The same probe sees the load once asked: the check above watched the right thing.
    expect(
      await evaluateInContentScript(
        ext,
        page,
        `({ loadAsked: '__voxlayOverlayOpen' in globalThis, overlayRuns: '__voxlayOverlay' in globalThis })`,
      ),
    ).toEqual({ loadAsked: true, overlayRuns: true });
    // Not in a channel yet: the compact overlay says so.
    await expect.poll(() => page.getByTestId('overlay-idle').textContent()).toContain('Not in a channel');
    await page.close();
  });

  it('keeps its look on a page with aggressive global CSS, and its CSS stays out of the page', async () => {
    const plain = await ext.context.newPage();
    await plain.goto(`${site.url}/plain.html`);
    await openOverlayIn(ext, `${site.url}/plain.html`);
    await plain.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    const reference = await overlayLook(plain);

    const hostile = await ext.context.newPage();
    await hostile.goto(`${site.url}/aggressive.html`);
    await openOverlayIn(ext, `${site.url}/aggressive.html`);
    await hostile.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    expect(await overlayLook(hostile)).toEqual(reference);
    await hostile.screenshot({ path: screenshotPath('overlay-on-aggressive-css') });
    expect(reference['.vxo__frame font-family']).not.toContain('Comic');

    // The page's own elements with the same class names keep the page's styles.
    const pageButton = await hostile.locator('#page-button').evaluate((el) => {
      const cs = getComputedStyle(el);
      return { bg: cs.backgroundColor, font: cs.fontFamily };
    });
    expect(pageButton).toEqual({ bg: 'rgb(255, 255, 0)', font: '"Comic Sans MS", cursive' });
    await plain.close();
    await hostile.close();
  });

  it('shows the overlay, styled, on a page whose CSP allows nothing', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/strict-csp.html`);
    await openOverlayIn(ext, `${site.url}/strict-csp.html`);
    await page.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    const look = await overlayLook(page);
    expect(look['.vxo__frame font-family']).toContain('system-ui');
    expect(look.width).toBe('248');
    await page.close();
  });
});
