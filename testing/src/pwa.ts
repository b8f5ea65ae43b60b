// Real-browser harness for the PWA (and the extension tests, which use the PWA too): the real server
// (real mediasoup worker) serving the built PWA, and Debian's Chromium with a fake microphone. Every page records its RTCPeerConnections so tests
// can read inbound/outbound audio stats the way chrome://webrtc-internals would.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AUDIBLE_LEVEL, meanLevel } from './audible.js';
import { type AudioStats, RECORD_PEER_CONNECTIONS, readAudioStatsInPage } from './audio-stats.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { type ServerConfig, startTestApp, type VoxlayApp } from './server.js';
import { sleep, waitFor } from './wait.js';

const pwaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pwa');
export const PWA_DIST = path.join(pwaRoot, 'dist');
export const SCREENSHOT_DIR = path.join(pwaRoot, 'test-results', 'screenshots');

/** The install step builds the PWA; build it here only when a test run starts without it. */
export function ensurePwaBuilt(): void {
  if (existsSync(path.join(PWA_DIST, 'index.html')) && existsSync(path.join(PWA_DIST, 'sw.js'))) return;
  execFileSync('npm', ['run', 'build', '-w', 'pwa'], {
    cwd: path.resolve(pwaRoot, '..'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** The server with the built PWA, media on free ports (rtcPort 0), under `overrides`. */
export async function startVoxlay(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
  ensurePwaBuilt();
  return startTestApp({
    logLevel: process.env.VOXLAY_TEST_LOG_LEVEL ?? 'silent',
    disconnectGraceMs: 500,
    staticDir: PWA_DIST,
    ...overrides,
  });
}

export type { AudioStats } from './audio-stats.js';

/** The page's audio stats (readAudioStatsInPage): what it receives per consumer and what it sends. */
export function audioStats(page: Page): Promise<AudioStats> {
  return page.evaluate(readAudioStatsInPage);
}

/**
 * Whose voice each inbound stream of the page joined as `listener` carries: consumer mid (inbound-rtp
 * `mid`) → the speaker's display name, read from the listener's consumers on the server.
 */
export function speakersByMid(app: VoxlayApp, channelId: string, listener: string): Map<string, string> {
  const participants = app.channels.get(channelId)?.participants ?? [];
  const names = new Map(participants.map((p) => [p.id, p.displayName]));
  const me = participants.find((p) => p.displayName === listener);
  const byMid = new Map<string, string>();
  for (const consumer of me?.consumers ?? []) {
    const name = names.get(consumer.appData.producerParticipantId);
    if (consumer.rtpParameters.mid && name) byMid.set(consumer.rtpParameters.mid, name);
  }
  return byMid;
}

/**
 * What the page joined as `listener` played of each speaker over `ms`: the mean audio level (0..1) of
 * that speaker's stream, from the growth of its inbound-rtp `totalAudioEnergy`, by display name.
 * Chromium measures a received track only while it plays through an unmuted audio element, so a level
 * above AUDIBLE_LEVEL means heard; bytes only mean that packets came (silence sends packets too).
 */
export function levelsBySpeaker(
  page: Page,
  app: VoxlayApp,
  channelId: string,
  listener: string,
  ms: number,
): Promise<Record<string, number>> {
  return levelsFrom(() => audioStats(page), app, channelId, listener, ms);
}

/** levelsBySpeaker for any browser: `readStats` reads the listener's page (audioStats, audioStatsIn). */
export async function levelsFrom(
  readStats: () => Promise<AudioStats>,
  app: VoxlayApp,
  channelId: string,
  listener: string,
  ms: number,
): Promise<Record<string, number>> {
  const read = async (): Promise<Map<string, number>> => {
    const speakers = speakersByMid(app, channelId, listener);
    const energy = new Map<string, number>();
    for (const stream of (await readStats()).streams) {
      const name = speakers.get(stream.mid);
      if (name) energy.set(name, (energy.get(name) ?? 0) + stream.totalAudioEnergy);
    }
    return energy;
  };
  const before = await read();
  const startedAt = Date.now();
  await sleep(ms);
  const after = await read();
  const elapsed = Date.now() - startedAt;
  return Object.fromEntries([...after].map(([name, energy]) => [name, meanLevel(before.get(name) ?? 0, energy, elapsed)]));
}

/** Until `names` are all heard by the page joined as `listener` (levels over 500 ms), at most `timeoutMs`; returns the last levels. */
export function waitUntilHeard(
  page: Page,
  app: VoxlayApp,
  channelId: string,
  listener: string,
  names: string[],
  timeoutMs = 10_000,
): Promise<Record<string, number>> {
  return waitFor(
    () => levelsBySpeaker(page, app, channelId, listener, 500),
    (levels) => names.every((name) => (levels[name] ?? 0) > AUDIBLE_LEVEL),
    timeoutMs,
  );
}

export interface ToneMicrophone {
  deviceId: string;
  label: string;
  hz: number;
}

/**
 * A page init script giving the page exactly `devices` as its microphones: enumerateDevices lists them
 * (no other audio input), and getUserMedia({audio}) returns a WebAudio oscillator at the chosen one's
 * frequency (no deviceId: the first; `deviceId: {exact}` naming no such device: NotFoundError). Each
 * request is recorded in `window.__voxlayMicRequests` as { deviceId, exact, hz } (exact: asked with `deviceId: {exact}`).
 */
export function toneMicrophonesScript(devices: ToneMicrophone[]): string {
  return `(() => {
  const devices = ${JSON.stringify(devices)};
  const md = navigator.mediaDevices;
  if (!md || window.__voxlayMicRequests) return;
  const requests = [];
  window.__voxlayMicRequests = requests;
  const enumerate = md.enumerateDevices.bind(md);
  md.enumerateDevices = async () => {
    const others = (await enumerate()).filter((d) => d.kind !== 'audioinput');
    const mics = devices.map((d) => ({ deviceId: d.deviceId, groupId: 'voxlay-test-tones', kind: 'audioinput', label: d.label,
      toJSON() { return { deviceId: d.deviceId, groupId: 'voxlay-test-tones', kind: 'audioinput', label: d.label }; } }));
    return [...mics, ...others];
  };
  const getUserMedia = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.audio) return getUserMedia(constraints);
    const asked = typeof constraints.audio === 'object' ? constraints.audio.deviceId : undefined;
    const exact = asked && typeof asked === 'object' && !Array.isArray(asked) ? asked.exact : undefined;
    const id = [].concat(exact ?? (asked && typeof asked === 'object' && !Array.isArray(asked) ? asked.ideal : asked) ?? [])[0];
    let device = devices.find((d) => d.deviceId === id);
    if (!device && exact !== undefined) throw new DOMException('Requested device not found', 'NotFoundError');
    device ??= devices[0];
    requests.push({ deviceId: id ?? '', exact: exact !== undefined, hz: device.hz });
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = device.hz;
    const gain = context.createGain();
    gain.gain.value = 0.3;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const track = destination.stream.getAudioTracks()[0];
    const stop = track.stop.bind(track);
    track.stop = () => { stop(); void context.close(); };
    return new MediaStream([track]);
  };
})();`;
}

/**
 * The strongest frequency (Hz, FFT bin resolution about 12 Hz) in the audio the page receives on the
 * inbound stream `mid`, read with an AnalyserNode on the received track (created on first use).
 */
export async function dominantFrequency(page: Page, mid: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    type Analysis = { analyser: AnalyserNode; track: MediaStreamTrack };
    const w = window as unknown as { __voxlayPcs?: RTCPeerConnection[]; __voxlayAnalysers?: Map<string, Analysis> };
    w.__voxlayAnalysers ??= new Map();
    const analysers = w.__voxlayAnalysers;
    const receiver = (w.__voxlayPcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getTransceivers())
      .find((t) => t.mid === wanted && t.direction === 'recvonly' && t.receiver.track.kind === 'audio')?.receiver;
    if (!receiver) throw new Error(`no inbound audio with mid ${wanted}`); // (the send transport has mids too)
    let analysis = analysers.get(wanted);
    if (analysis?.track !== receiver.track) {
      const context = new AudioContext();
      await context.resume();
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(new MediaStream([receiver.track])).connect(analyser);
      analysis = { analyser, track: receiver.track };
      analysers.set(wanted, analysis);
      await new Promise((resolve) => setTimeout(resolve, 200)); // a few FFT frames
    }
    const { analyser } = analysis;
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i]! > bins[best]!) best = i;
    return (best * analyser.context.sampleRate) / analyser.fftSize;
  }, mid);
}

/** How many bytes of audio a page receives over `ms` (sum over all its consumers). */
export async function bytesReceivedOver(page: Page, ms: number): Promise<number> {
  const before = (await audioStats(page)).bytesReceived;
  await sleep(ms);
  return (await audioStats(page)).bytesReceived - before;
}

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 390, height: 844 };

/** One Chromium; each user gets its own context (own storage, own fake microphone). */
export class Browsers {
  private constructor(private readonly browser: Browser) {}

  /** `extraArgs`, e.g. `--use-file-for-fake-audio-capture=FILE` for a microphone that plays a WAV. */
  static async launch(extraArgs: string[] = []): Promise<Browsers> {
    return new Browsers(await launchChromium(extraArgs));
  }

  /** `initScripts` run in the page before its own scripts (e.g. toneMicrophonesScript()). */
  async open(url: string, label: string, viewport: Viewport = DESKTOP, initScripts: string[] = []): Promise<Page> {
    const context = await this.browser.newContext({ viewport, hasTouch: viewport === PHONE });
    await context.addInitScript(RECORD_PEER_CONNECTIONS);
    for (const script of initScripts) await context.addInitScript(script);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[${label}] page error:`, err.message));
    await page.goto(url);
    return page;
  }

  async close(): Promise<void> {
    if (!this.browser.isConnected()) return;
    await Promise.all(this.browser.contexts().map((c) => c.close().catch(() => undefined)));
    await this.browser.close();
  }
}

/**
 * A persistent profile (installability and service workers need one; incognito reports `in-incognito`);
 * with `app`, the page opens as an installed app window (standalone display mode).
 */
export async function openPersistent(
  url: string,
  options: { app?: boolean; viewport?: Viewport } = {},
): Promise<{ context: BrowserContext; page: Page; dispose(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'voxlay-pwa-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // `--app=URL` opens the page in an app window, as an installed PWA is launched: no tabs and no
    // address bar, and `display-mode: standalone` matches (CDP's media emulation ignores display-mode).
    args: options.app ? [...CHROMIUM_ARGS, `--app=${url}`] : CHROMIUM_ARGS,
    viewport: options.viewport ?? DESKTOP,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.app) await page.waitForURL(url);
  else await page.goto(url);
  return {
    context,
    page,
    async dispose() {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Joins the channel `channelId` through the lobby UI as `name`, and waits until connected. */
export async function joinThroughUi(page: Page, name: string, channelId: string): Promise<void> {
  await page.getByTestId('lobby-display-name').fill(name);
  await page.locator(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="join-button"]`).click();
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
}

/** The participant rows as the UI shows them. */
export async function participantRows(page: Page): Promise<{ name: string; speaking: boolean; muted: boolean; local: boolean }[]> {
  return page.locator('[data-testid="participant"]').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      speaking: row.getAttribute('data-speaking') === 'true',
      muted: row.getAttribute('data-muted') === 'true',
      local: row.getAttribute('data-local') === 'true',
    })),
  );
}

export function rowOf(rows: Awaited<ReturnType<typeof participantRows>>, name: string) {
  return rows.find((r) => r.name === name);
}

/**
 * A 16-bit mono PCM WAV of `pattern` segments: a sine tone of `hz` at `dbfs`, or silence (hz 0).
 * Chromium loops it as the fake microphone (`--use-file-for-fake-audio-capture`).
 */
export function writeToneWav(file: string, pattern: { ms: number; hz: number; dbfs?: number }[], sampleRate = 48_000): void {
  const samples: number[] = [];
  for (const seg of pattern) {
    const n = Math.round((seg.ms / 1000) * sampleRate);
    const amp = seg.hz > 0 ? 10 ** ((seg.dbfs ?? -12) / 20) : 0;
    for (let i = 0; i < n; i++) samples.push(amp * Math.sin((2 * Math.PI * seg.hz * i) / sampleRate));
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}

export interface CallMember {
  /** Log label of the page. */
  label: string;
  /** Display name typed into the lobby. */
  name: string;
  viewport?: Viewport;
  /** Page init scripts (Browsers.open). */
  initScripts?: string[];
}

export interface Call {
  app: VoxlayApp;
  browsers: Browsers;
  channelId: string;
  /** One page per member, in order, each joined to the default channel through the UI. */
  pages: Page[];
  close(): Promise<void>;
}

/** The server plus one Chromium, and `members` joined one after another to the default channel. */
export async function startCall(members: CallMember[], browserArgs: string[] = []): Promise<Call> {
  const app = await startVoxlay();
  const browsers = await Browsers.launch(browserArgs);
  const channelId = await defaultChannelId(app);
  let pages: Page[];
  try {
    // The pages load together; they join one after the other, in the members' order.
    pages = await Promise.all(members.map((member) => browsers.open(app.url, member.label, member.viewport, member.initScripts)));
    for (const [index, member] of members.entries()) await joinThroughUi(pages[index]!, member.name, channelId);
  } catch (error) {
    await browsers.close();
    await app.stop();
    throw error;
  }
  return {
    app,
    browsers,
    channelId,
    pages,
    async close() {
      await browsers.close();
      await app.stop();
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

export async function defaultChannelId(app: VoxlayApp): Promise<string> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ channels { id isDefault } }' }),
  });
  const body = (await res.json()) as { data: { channels: { id: string; isDefault: boolean }[] } };
  const channel = body.data.channels.find((c) => c.isDefault);
  if (!channel) throw new Error('no default channel');
  return channel.id;
}

export async function participantCount(app: VoxlayApp, channelId: string): Promise<number> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query ($id: ID!) { channel(id: $id) { participantCount } }', variables: { id: channelId } }),
  });
  const body = (await res.json()) as { data: { channel: { participantCount: number } } };
  return body.data.channel.participantCount;
}
