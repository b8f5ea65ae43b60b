import { browser } from 'wxt/browser';

/**
 * Extension preferences in `browser.storage.local` (content scripts can read it; the extension
 * origin's localStorage holds core's VoiceSettings, which only extension pages read).
 */
export const PrefKey = {
  /** The server the user chose (absent until they choose one: nothing is fetched before). */
  ServerUrl: 'voxlay.serverUrl',
  /** The last Voxlay server a page advertised (utils/discovery.ts), offered by the popup. */
  AdvertisedServer: 'voxlay.advertisedServer',
  HiddenSites: 'voxlay.hiddenSites',
  /** Overlay position and view, per site (hostname). */
  Overlay: 'voxlay.overlay.sites',
  /** Written by the background: true while a call is active, so idle pages load nothing more. */
  CallActive: 'voxlay.callActive',
} as const;

/** How much of the overlay shows: a pill, the compact list (default), or the whole panel. */
export const OverlayView = {
  Pill: 'pill',
  Compact: 'compact',
  Expanded: 'expanded',
} as const;
export type OverlayView = (typeof OverlayView)[keyof typeof OverlayView];

export interface OverlayPrefs {
  view: OverlayView;
  /** Distance from the viewport's right and bottom edges, px. */
  right: number;
  bottom: number;
  /** The compact view's width, px (COMPACT_WIDTH.min..max). */
  width: number;
}

export const COMPACT_WIDTH = { min: 200, default: 248, max: 420 } as const;

export const DEFAULT_OVERLAY: OverlayPrefs = { view: OverlayView.Compact, right: 16, bottom: 16, width: COMPACT_WIDTH.default };

/** A compact width within bounds. */
export const clampWidth = (width: number): number => Math.round(Math.min(COMPACT_WIDTH.max, Math.max(COMPACT_WIDTH.min, width)));

export interface AdvertisedServer {
  /** The server's origin, as the page that advertised it was served from. */
  origin: string;
  /** When it was seen (ms since the epoch). */
  seenAt: number;
}

export interface Prefs {
  /** null until the user chose a server. */
  serverUrl: string | null;
  advertisedServer: AdvertisedServer | null;
  hiddenSites: string[];
  /** Overlay prefs by hostname. */
  overlaySites: Record<string, OverlayPrefs>;
  callActive: boolean;
}

const VIEWS: readonly string[] = Object.values(OverlayView);

/** One site's overlay prefs from storage, any missing or malformed field taking its default. */
export function overlayPrefsOf(prefs: Pick<Prefs, 'overlaySites'>, site: string): OverlayPrefs {
  const raw: Partial<Record<keyof OverlayPrefs, unknown>> = prefs.overlaySites[site] ?? {};
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  return {
    view: typeof raw.view === 'string' && VIEWS.includes(raw.view) ? (raw.view as OverlayView) : DEFAULT_OVERLAY.view,
    right: num(raw.right, DEFAULT_OVERLAY.right),
    bottom: num(raw.bottom, DEFAULT_OVERLAY.bottom),
    width: clampWidth(num(raw.width, DEFAULT_OVERLAY.width)),
  };
}

export async function readPrefs(): Promise<Prefs> {
  const raw = await browser.storage.local.get(Object.values(PrefKey));
  const sites = raw[PrefKey.HiddenSites];
  const overlay = raw[PrefKey.Overlay];
  const url = raw[PrefKey.ServerUrl];
  const advertised = raw[PrefKey.AdvertisedServer] as Partial<AdvertisedServer> | undefined;
  return {
    serverUrl: typeof url === 'string' && url ? url : null,
    advertisedServer:
      advertised && typeof advertised.origin === 'string' && typeof advertised.seenAt === 'number'
        ? { origin: advertised.origin, seenAt: advertised.seenAt }
        : null,
    hiddenSites: Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [],
    overlaySites: typeof overlay === 'object' && overlay !== null ? (overlay as Record<string, OverlayPrefs>) : {},
    callActive: raw[PrefKey.CallActive] === true,
  };
}

export function writePref(key: (typeof PrefKey)[keyof typeof PrefKey], value: unknown): Promise<void> {
  return browser.storage.local.set({ [key]: value });
}

/** Saves one site's overlay prefs (the others are kept). */
export async function writeOverlayPrefs(site: string, overlay: OverlayPrefs): Promise<void> {
  const { overlaySites } = await readPrefs();
  await writePref(PrefKey.Overlay, { ...overlaySites, [site]: overlay });
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
