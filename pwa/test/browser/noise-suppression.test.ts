// Noise suppression (RNNoise in an AudioWorklet) and the neural voice-activity gate, in the PWA
// against the real server: a noisy fixture of testing/fixtures/audio (the fan; NOISE_FIXTURES lists
// others) plays as the speaker's fake microphone (one Chromium per fixture: the file is a browser
// flag), and the LISTENER measures what
// it receives: the noise left in the speech gaps with "Noise suppression" off (the browser's own
// noise suppression) and on (toggled live in the settings: replaceTrack, no rejoin); speech opens the
// neural voice-activity gate. False opens on noise alone are measured offline (measure-offline.mjs):
// the page's "Transmitting" indicator follows packets leaving, not the gate, and lags a track switch.
// The measured figures are printed ([noise-suppression] lines) and recorded in docs/architecture.md.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations, describeViolations } from '@voxlay/testing/axe';
import { Browsers, defaultChannelId, joinThroughUi, startVoxlay } from '@voxlay/testing/pwa';
import type { VoxlayApp } from '@voxlay/testing/server';
import { sleep, waitFor } from '@voxlay/testing/wait';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../testing/fixtures/audio');
/** 1.5 periods of the fixtures' layout (they alternate 1 s gap / 1 s speech). */
const WINDOW_MS = 3_000;

interface Pair {
  browsers: Browsers;
  speaker: Page;
  listener: Page;
}

async function openPair(app: VoxlayApp, channelId: string, fixture: string): Promise<Pair> {
  const browsers = await Browsers.launch([`--use-file-for-fake-audio-capture=${path.join(FIXTURES, fixture)}`]);
  const [speaker, listener] = await Promise.all([browsers.open(app.url, 'speaker'), browsers.open(app.url, 'listener')]);
  await joinThroughUi(speaker!, 'Sam', channelId);
  await joinThroughUi(listener!, 'Lee', channelId);
  await listener!.getByTestId('mute-button').click(); // only Sam's microphone matters
  return { browsers, speaker: speaker!, listener: listener! };
}

/** Opens the settings and sets "Noise suppression"; waits until the worklet runs (or stopped). */
async function setNoiseSuppression(page: Page, on: boolean): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-form').waitFor();
  const box = page.getByTestId('noise-suppression');
  await box.focus();
  await page.keyboard.press('Space'); // keyboard-operable
  await expect.poll(() => box.isChecked()).toBe(on);
  const field = page.getByTestId('noise-suppression-field');
  if (on) await field.locator('xpath=self::*[@data-frame-p95-ms!=""]').waitFor({ timeout: 10_000 });
  else await field.locator('xpath=self::*[@data-status="off"]').waitFor({ timeout: 10_000 });
  await page.getByTestId('settings-close').click();
}

/**
 * The listener's received audio (its one remote track) in ~20 ms frames over `ms`, through an
 * AnalyserNode: each frame's time (s) and power (dB). The PWA plays the track in an unmuted element meanwhile.
 */
function listenerFrames(page: Page, ms: number): Promise<Frame[]> {
  return page.evaluate(async (ms) => {
    const pcs = (window as unknown as { __voxlayPcs: RTCPeerConnection[] }).__voxlayPcs;
    const track = pcs
      .flatMap((pc) => pc.getReceivers().map((r) => r.track))
      .find((t) => t.kind === 'audio' && t.readyState === 'live' && !t.muted);
    if (!track) throw new Error('no remote audio track');
    const context = new AudioContext({ sampleRate: 48_000 });
    await context.resume();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const buffer = new Float32Array(960);
    const frames: { t: number; db: number }[] = [];
    const started = performance.now();
    let last = context.currentTime;
    while (performance.now() - started < ms) {
      await new Promise((r) => setTimeout(r, 20));
      if (context.currentTime - last < 0.018) continue;
      last = context.currentTime;
      analyser.getFloatTimeDomainData(buffer);
      let sum = 0;
      for (const v of buffer) sum += v * v;
      frames.push({ t: performance.now() / 1000, db: 10 * Math.log10(sum / buffer.length + 1e-12) });
    }
    source.disconnect();
    await context.close();
    return frames;
  }, ms);
}

interface Frame {
  t: number;
  db: number;
}

const meanDb = (dbs: number[]): number => 10 * Math.log10(dbs.reduce((a, d) => a + 10 ** (d / 10), 0) / Math.max(1, dbs.length));

/**
 * The frames split by the fixtures' layout (1 s gap, 1 s speech, repeating): the phase that makes
 * the speech half loudest is found (the network delay is unknown), then the gap and speech frames
 * are those 150 ms or more away from a boundary. Gap = mean power of the gap frames (clicks included).
 */
function byLayout(frames: Frame[]): { gapDb: number; speechDb: number } {
  const phase = (f: Frame, offset: number): number => (((f.t + offset) % 2) + 2) % 2;
  let best = { offset: 0, contrast: -Infinity };
  for (let offset = 0; offset < 2; offset += 0.02) {
    const speech = frames.filter((f) => phase(f, offset) >= 1).map((f) => f.db);
    const gap = frames.filter((f) => phase(f, offset) < 1).map((f) => f.db);
    const contrast = meanDb(speech) - meanDb(gap);
    if (contrast > best.contrast) best = { offset, contrast };
  }
  const inside = (p: number, from: number): boolean => p >= from + 0.15 && p <= from + 0.85;
  const gap = frames.filter((f) => inside(phase(f, best.offset), 0)).map((f) => f.db);
  const speech = frames.filter((f) => inside(phase(f, best.offset), 1)).map((f) => f.db);
  return { gapDb: meanDb(gap), speechDb: meanDb(speech) };
}

/** How many times the speaker's gate opened (Not transmitting → Transmitting) over `ms`, sampled every 50 ms. */
async function gateOpens(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (ms) => {
    let opens = 0;
    let previous = document.querySelector('[data-testid="transmitting"]')?.getAttribute('data-transmitting') === 'true';
    const started = performance.now();
    while (performance.now() - started < ms) {
      await new Promise((r) => setTimeout(r, 50));
      const now = document.querySelector('[data-testid="transmitting"]')?.getAttribute('data-transmitting') === 'true';
      if (now && !previous) opens++;
      previous = now;
    }
    return opens;
  }, ms);
}

describe('noise suppression in the PWA', () => {
  let app: VoxlayApp;
  let channelId: string;
  let pair: Pair | null = null;
  const report: string[] = [];

  beforeAll(async () => {
    app = await startVoxlay();
    channelId = await defaultChannelId(app);
  });

  afterAll(async () => {
    await pair?.browsers.close();
    await app?.stop();
    for (const line of report) console.log(`[noise-suppression] ${line}`);
  });

  // Stationary noise (the fan), where the 15 dB goal holds. Keyboard and music were measured with the
  // same case on their fixtures (NOISE_FIXTURES=keyboard,music,fan), figures in docs/architecture.md:
  // each fixture is a Chromium launch of its own, about 15 s of npm test.
  const fixtures = (process.env.NOISE_FIXTURES ?? 'fan').split(',') as Array<'keyboard' | 'music' | 'fan'>;
  for (const noise of fixtures) {
    it(`lowers the ${noise} noise in the speech gaps on the listener, and keeps the speech`, async () => {
      await pair?.browsers.close();
      pair = await openPair(app, channelId, `speech-${noise}.wav`);
      const { speaker, listener } = pair;
      await waitFor(
        () => listenerFrames(listener, 300),
        (f) => Math.max(...f.map((x) => x.db)) > -50,
        10_000,
      );
      const off = byLayout(await listenerFrames(listener, WINDOW_MS));
      await setNoiseSuppression(speaker, true);
      await sleep(300); // the replaced track's first packets
      const on = byLayout(await listenerFrames(listener, WINDOW_MS));
      const reduction = off.gapDb - on.gapDb;
      const field = speaker.getByTestId('noise-suppression-field');
      const [p95, mean, status] = [
        await field.getAttribute('data-frame-p95-ms'),
        await field.getAttribute('data-frame-mean-ms'),
        await field.getAttribute('data-status'),
      ];
      report.push(
        `speech-${noise}: gap noise off ${off.gapDb.toFixed(1)} dB, on ${on.gapDb.toFixed(1)} dB (${reduction.toFixed(1)} dB lower, status ${status} after); speech off ${off.speechDb.toFixed(1)}, on ${on.speechDb.toFixed(1)} dB; worklet per 10 ms frame: mean ${Number(mean).toFixed(3)} ms, p95 ${p95} ms (whole ms in Chromium's worklet)`,
      );
      expect(on.speechDb, 'the speech still reaches the listener').toBeGreaterThan(off.speechDb - 6);
      // The goal (15 dB) holds for stationary noise; RNNoise lets clicks and music through (see docs/architecture.md).
      if (noise === 'fan') expect(reduction, 'fan noise in the gaps').toBeGreaterThanOrEqual(15);
    });
  }

  it('opens the neural gate on speech and keeps the settings field accessible', async () => {
    const { speaker } = pair!;
    await speaker.getByTestId('mode-voice-activity').check();
    expect(await gateOpens(speaker, 4_000), 'speech opens the gate').toBeGreaterThan(0);
    await speaker.getByTestId('settings-button').click();
    await speaker.getByTestId('noise-suppression-field').waitFor();
    // Every violation inside the field, not only the blocking ones: the checkbox, its label, hint and notice.
    expect(describeViolations(await axeViolations(speaker, '[data-testid="noise-suppression-field"]'))).toBe('');
    await speaker.getByTestId('settings-close').click();
  });
});
