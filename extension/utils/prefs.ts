import { browser } from 'wxt/browser';

/**
 * Extension preferences in `browser.storage.local` (content scripts can read it; the extension
 * origin's localStorage holds core's VoiceSettings, which only extension pages read).
 */
export const PrefKey = {
  ServerUrl: 'voxlay.serverUrl',
  HiddenSites: 'voxlay.hiddenSites',
  Overlay: 'voxlay.overlay',
  /** Written by the background: true while a call is active, so idle pages load nothing more. */
  CallActive: 'voxlay.callActive',
} as const;

export const DEFAULT_SERVER_URL = 'http://localhost:3000';

export interface OverlayPrefs {
  collapsed: boolean;
  /** Distance from the viewport's right and bottom edges, px. */
  right: number;
  bottom: number;
}

export const DEFAULT_OVERLAY: OverlayPrefs = { collapsed: false, right: 16, bottom: 16 };

export interface Prefs {
  serverUrl: string;
  hiddenSites: string[];
  overlay: OverlayPrefs;
  callActive: boolean;
}

export async function readPrefs(): Promise<Prefs> {
  const raw = await browser.storage.local.get(Object.values(PrefKey));
  const sites = raw[PrefKey.HiddenSites];
  const overlay = raw[PrefKey.Overlay] as Partial<OverlayPrefs> | undefined;
  const url = raw[PrefKey.ServerUrl];
  return {
    serverUrl: typeof url === 'string' && url ? url : DEFAULT_SERVER_URL,
    hiddenSites: Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [],
    overlay: { ...DEFAULT_OVERLAY, ...(overlay ?? {}) },
    callActive: raw[PrefKey.CallActive] === true,
  };
}

export function writePref(key: (typeof PrefKey)[keyof typeof PrefKey], value: unknown): Promise<void> {
  return browser.storage.local.set({ [key]: value });
}

/** Hides (or shows again) the overlay on one site, by hostname. */
export async function setSiteHidden(host: string, hidden: boolean): Promise<string[]> {
  const { hiddenSites } = await readPrefs();
  const next = hidden ? [...new Set([...hiddenSites, host])] : hiddenSites.filter((h) => h !== host);
  await writePref(PrefKey.HiddenSites, next);
  return next;
}

/** Calls `listener` whenever a preference changes. Returns the undo. */
export function watchPrefs(listener: () => void): () => void {
  const keys: string[] = Object.values(PrefKey);
  const onChanged = (changes: Record<string, unknown>, area: string): void => {
    if (area === 'local' && Object.keys(changes).some((k) => keys.includes(k))) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
