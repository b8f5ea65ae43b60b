/**
 * The one Chrome-only module: `chrome.offscreen` and `chrome.runtime.getContexts` have no
 * webextension-polyfill cover (Firefox has no offscreen documents; its background page hosts the
 * Channel instead, see background.ts).
 */
const OFFSCREEN_PATH = '/offscreen.html';

interface ChromeOffscreenApi {
  offscreen: {
    createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
  };
}

const chromeApi = (): ChromeOffscreenApi => (globalThis as unknown as { chrome: ChromeOffscreenApi }).chrome;

let creating: Promise<void> | null = null;

export async function hasOffscreenDocument(): Promise<boolean> {
  const api = chromeApi();
  const contexts = await api.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [api.runtime.getURL(OFFSCREEN_PATH)],
  });
  return contexts.length > 0;
}

/** Opens the offscreen document unless one exists (or is being created). */
export async function ensureOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) return;
  creating ??= chromeApi()
    .offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['USER_MEDIA'],
      justification: 'Keeps the voice channel (microphone and incoming audio) alive across tabs and page loads.',
    })
    .finally(() => (creating = null));
  await creating;
}

export async function closeOffscreenDocument(): Promise<void> {
  if (creating) await creating.catch(() => undefined);
  if (await hasOffscreenDocument()) await chromeApi().offscreen.closeDocument();
}
