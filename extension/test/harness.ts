// Real-browser harness for the extension: Debian's Chromium with the built MV3 extension loaded
// (persistent profile), a local site that knows nothing of Voxlay, and helpers to drive the popup
// and read the overlay inside its shadow root (Playwright locators pierce open shadow roots).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Browser from 'webextension-polyfill';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@voxlay/testing/chromium';
import { waitFor } from '@voxlay/testing/wait';

// Evaluated inside the extension (service worker, extension pages), where `chrome` exists.
// MV3 Chromium's `chrome` answers with promises, as the polyfill's types describe.
declare const chrome: Browser.Browser;

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = path.join(extRoot, '.output', 'chrome-mv3');
export const SCREENSHOT_DIR = path.join(extRoot, 'test-results', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/** docs/screenshots at the repository root (`npm run screenshots -w extension` writes there). */
export const DOCS_SCREENSHOT_DIR = path.join(extRoot, '..', 'docs', 'screenshots');

/**
 * Screenshots `target` into test-results/screenshots/<name>.png and, when VOXLAY_DOCS_SCREENSHOTS=1
 * (the `screenshots` script), also into docs/screenshots/extension-<name>.png for the README.
 */
export async function takeScreenshot(target: Pick<Page, 'screenshot'>, name: string): Promise<void> {
  const file = screenshotPath(name);
  await target.screenshot({ path: file });
  if (process.env.VOXLAY_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(file, path.join(DOCS_SCREENSHOT_DIR, `extension-${name}.png`));
  }
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  id: string;
  /** A page of the extension (popup.html) opened in a tab. */
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The id Chromium gives an unpacked extension loaded from `dir`: the first 128 bits of the SHA-256 of
 * its path, each hex digit written as a letter from 'a' to 'p'.
 */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The fake-media flags: tab capture fails with them ("Requested device not found"). */
const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/**
 * Chromium with the extension loaded; resolves once its service worker runs. With `permissionPrompts`,
 * without `--use-fake-ui-for-media-stream`: getUserMedia gets the permission the origin really has
 * (set it with setMicrophonePermission(); an unanswered prompt is dismissed in headless Chromium).
 * With `tabCapture`: no fake media at all (tab capture fails with it, so there is no microphone:
 * calls are listen-only) and the extension allowlisted, so it may capture a tab without the user's
 * toolbar click, which a test cannot give (`--allowlisted-extension-id`).
 */
export async function launchExtension(options: { permissionPrompts?: boolean; tabCapture?: boolean } = {}): Promise<ExtensionBrowser> {
  const dir = mkdtempSync(path.join(tmpdir(), 'voxlay-ext-'));
  const chromiumArgs = options.tabCapture
    ? [...CHROMIUM_ARGS.filter((arg) => !FAKE_MEDIA_ARGS.includes(arg)), `--allowlisted-extension-id=${unpackedExtensionId(EXTENSION_DIR)}`]
    : options.permissionPrompts
      ? CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream')
      : CHROMIUM_ARGS;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...chromiumArgs, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  return {
    context,
    worker,
    id,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/popup.html`);
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The CDP session each browser's permission overrides live in: Chromium drops them when it detaches. */
const permissionSessions = new WeakMap<ExtensionBrowser, Promise<CDPSession>>();

/**
 * The extension origin's microphone permission, as the user's answer to the prompt leaves it (CDP
 * Browser.setPermission; Playwright's grantPermissions refuses chrome-extension:// origins). Lasts
 * until the browser closes.
 */
export async function setMicrophonePermission(ext: ExtensionBrowser, setting: 'granted' | 'denied' | 'prompt'): Promise<void> {
  let session = permissionSessions.get(ext);
  if (!session) {
    session = (async () => ext.context.newCDPSession(ext.context.pages()[0] ?? (await ext.context.newPage())))();
    permissionSessions.set(ext, session);
  }
  await (await session).send('Browser.setPermission', {
    permission: { name: 'microphone' },
    setting,
    origin: `chrome-extension://${ext.id}`,
  });
}

/** Writes extension preferences the way the popup and options do (browser.storage.local). */
export async function setPrefs(ext: ExtensionBrowser, prefs: Record<string, unknown>): Promise<void> {
  await ext.worker.evaluate((p) => chrome.storage.local.set(p), prefs);
}

/** Asks the tab showing `url` to open the overlay (what the popup's "Show overlay" button sends). */
export async function openOverlayIn(ext: ExtensionBrowser, url: string): Promise<void> {
  // The content script runs at document_idle: retry until it listens (bounded).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sent = await ext.worker.evaluate(async (u) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t: { url?: string }) => t.url === u);
      if (tab?.id === undefined) return false;
      return chrome.tabs.sendMessage(tab.id, { target: 'tab', type: 'open-overlay' }).then(
        () => true,
        () => false,
      );
    }, url);
    if (sent) return;
    if (Date.now() > deadline) throw new Error(`no content script answered in ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Evaluates `expression` (a promise is awaited) in the extension's content-script world of `page`'s main
 * frame, once Chromium created that isolated world (when the content script was injected); returns
 * its JSON value.
 */
export async function evaluateInContentScript<T>(ext: ExtensionBrowser, page: Page, expression: string): Promise<T> {
  const cdp = await ext.context.newCDPSession(page);
  try {
    const origin = `chrome-extension://${ext.id}`;
    const worlds: Array<{ id: number; origin: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context as (typeof worlds)[number]));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const isOurs = (w: (typeof worlds)[number]) =>
      w.origin === origin && w.auxData?.type === 'isolated' && w.auxData.frameId === frameTree.frame.id;
    const world = await waitFor(
      async () => worlds.find(isOurs),
      (found) => found !== undefined,
      10_000,
    );
    if (!world) throw new Error(`no content-script world of ${origin} in ${page.url()}`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`in the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface ExtensionStats {
  inboundBytes: number;
  outboundBytes: number;
  inboundAudioLevel: number;
}

/** The offscreen session's WebRTC counters, asked through the background like any extension page. */
export async function extensionStats(page: Page): Promise<ExtensionStats | null> {
  return page.evaluate(() => chrome.runtime.sendMessage({ target: 'background', type: 'get-stats' }));
}

/** A site that knows nothing of Voxlay: a plain page, hostile global CSS, a strict CSP, another page. */
export async function startSite(): Promise<{ url: string; stop(): Promise<void> }> {
  const pages: Record<string, string> = {
    '/plain.html': page('Plain page', '<p>Nothing to see here.</p>'),
    '/other.html': page('Another page', '<p>Somewhere else entirely.</p>'),
    '/article.html': page('A long read', ARTICLE),
    '/aggressive.html': page(
      'Aggressive CSS',
      `<style>
        * { font-family: "Comic Sans MS", cursive !important; color: #ff00ff !important; background: #ffff00 !important;
            font-size: 31px !important; padding: 13px !important; border: 5px dashed red !important; box-sizing: content-box !important; }
        button, li, ul, section, h2 { display: inline !important; letter-spacing: 9px !important; }
        html, body { line-height: 3 !important; text-transform: uppercase !important; }
      </style>
      <div class="vx-panel" id="page-panel">A page element that happens to use the overlay's class names.</div>
      <button class="vx-button" id="page-button">Page button</button>`,
    ),
  };
  pages['/strict-csp.html'] = page('Strict CSP', '<p>This page allows no scripts and no styles of its own.</p>');
  const server: Server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    const csp = req.url === '/strict-csp.html' ? { 'content-security-policy': "default-src 'none'" } : {};
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', ...csp });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An article-shaped page: the overlay must leave it readable. */
const ARTICLE = `<style>body { font: 18px/1.6 Georgia, serif; max-width: 720px; margin: 40px auto; padding: 0 24px; color: #222; }</style>
${Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Paragraph ${i + 1}. Voice channels that stay with you while you browse should not get in the way of what you came to read: the
    overlay sits in a corner, small, and shows only who is talking until you ask it for more.</p>`,
).join('\n')}`;

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

/** Participant rows in the overlay (inside the shadow root) or any page rendering VoicePanel. */
export async function overlayRows(page: Page): Promise<{ name: string; speaking: boolean; muted: boolean }[]> {
  return page.locator('voxlay-overlay [data-testid="participant"]').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      speaking: row.getAttribute('data-speaking') === 'true',
      muted: row.getAttribute('data-muted') === 'true',
    })),
  );
}

/** Joins `channelId` from the popup page as `name` and waits until the session is connected. */
export async function joinFromPopup(popup: Page, name: string, channelId: string): Promise<void> {
  await popup.getByTestId('display-name-input').fill(name);
  const join = popup.locator(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`);
  await join.click({ timeout: 15_000 });
  try {
    await popup.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 20_000 });
  } catch (error) {
    const text = await popup
      .getByTestId('popup')
      .textContent()
      .catch(() => '(no popup)');
    throw new Error(`join did not connect; popup shows:\n${text}`, { cause: error });
  }
}

/** The overlay frame's distance from the viewport's right and bottom edges. */
export async function overlayOffset(page: Page): Promise<{ right: number; bottom: number }> {
  return page.locator('voxlay-overlay [data-testid="voxlay-overlay"]').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { right: Math.round(innerWidth - r.right), bottom: Math.round(innerHeight - r.bottom) };
  });
}

/** Overlay elements (a selector inside its shadow root) whose text runs over more than one line. */
export async function wrappedInOverlay(page: Page, selector: string): Promise<string[]> {
  return page.locator('voxlay-overlay').evaluate((host, sel) => {
    const wrapped: string[] = [];
    for (const el of host.shadowRoot?.querySelectorAll(sel) ?? []) {
      const tops: number[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest('.vx-sr')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
      }
      if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4) wrapped.push(el.textContent?.trim() ?? sel);
    }
    return wrapped;
  }, selector);
}

/** The overlay's box on the page. */
export async function overlayBox(page: Page): Promise<{ width: number; height: number }> {
  return page.locator('voxlay-overlay [data-testid="voxlay-overlay"]').evaluate((el) => {
    const frame = el.firstElementChild ?? el;
    const r = frame.getBoundingClientRect();
    return { width: Math.round(r.width), height: Math.round(r.height) };
  });
}
