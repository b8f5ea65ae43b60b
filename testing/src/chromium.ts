import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`); tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that run headless as root, with a fake microphone that needs no permission prompt. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** Launches Chromium (CHROMIUM_PATH) headless with CHROMIUM_ARGS and `extraArgs`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** One Chromium process; every page gets its own context (its own cookies, storage, media). */
export class ChromiumHarness {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<ChromiumHarness> {
    return new ChromiumHarness(await launchChromium());
  }

  /** Opens `url` in a fresh context; page errors and console errors are forwarded to the test log. */
  async openPage(url: string, label: string): Promise<Page> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[${label}] page error:`, err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`[${label}] console:`, msg.text());
    });
    await page.goto(url);
    return page;
  }

  /** Closes every context and the browser process; safe to call twice. */
  async close(): Promise<void> {
    if (!this.browser.isConnected()) return;
    await Promise.all(this.browser.contexts().map((context) => context.close().catch(() => {})));
    await this.browser.close();
  }
}
