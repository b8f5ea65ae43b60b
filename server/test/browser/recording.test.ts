// A two-speaker Chromium call recorded: each speaker's microphone a different tone (440 Hz and
// 1500 Hz WAV files), one mutes for a while, then the recording stops; the files must decode
// (ffprobe), last as long as the call (within 100 ms), hold each speaker's own tone where they spoke
// and silence where they were muted. Then a worker killed mid-recording leaves playable files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import type { RecordingManifest } from '../../src/recording/RecordingTypes.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { launchChromium } from '@voxlay/testing/chromium';
import { pageApi, type Remote, type VoicePageApi, waitForPageApi } from '@voxlay/testing/page-api';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { VOICE_PAGE } from '@voxlay/testing/pages';
import { writeToneWav } from '@voxlay/testing/pwa';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { sleep, waitFor } from '@voxlay/testing/wait';

const run = promisify(execFile);
const FFPROBE = process.env.VOXLAY_FFPROBE ?? '/usr/bin/ffprobe';
const FFMPEG = process.env.VOXLAY_FFMPEG ?? '/usr/bin/ffmpeg';
const RATE = 48_000;

/** The duration ffprobe reads from the container, in ms (it fails on a file that does not decode). */
async function probeMs(file: string): Promise<number> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim()) * 1000;
}

/** The file decoded to 48 kHz mono float samples (ffmpeg). */
async function decode(file: string): Promise<Float32Array> {
  const { stdout } = await run(FFMPEG, ['-v', 'error', '-i', file, '-f', 'f32le', '-ac', '1', '-ar', String(RATE), '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const bytes = stdout as unknown as Buffer;
  return new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
}

/** Power of `hz` in samples [fromMs, toMs) (Goertzel), normalised by length. */
function tonePower(samples: Float32Array, hz: number, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.round((fromMs * RATE) / 1000));
  const to = Math.min(samples.length, Math.round((toMs * RATE) / 1000));
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / RATE);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const s0 = (samples[i] ?? 0) + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const n = Math.max(1, to - from);
  return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (n * n);
}

function rms(samples: Float32Array, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.round((fromMs * RATE) / 1000));
  const to = Math.min(samples.length, Math.round((toMs * RATE) / 1000));
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

const START = 'mutation($id: ID!) { startRecording(channelId: $id) { id } }';
const STOP = 'mutation($id: ID!) { stopRecording(channelId: $id) { id } }';

describe('recording a Chromium call', () => {
  let app: VoxlayApp;
  let dir: string;
  let pages: PageServer;
  const browsers: Browser[] = [];
  const voices: Remote<VoicePageApi>[] = [];
  const ids: string[] = [];

  /** The manifest of a recording once it is DONE (mixed). */
  async function finished(id: string): Promise<RecordingManifest> {
    const read = () => JSON.parse(readFileSync(join(dir, id, 'manifest.json'), 'utf8')) as RecordingManifest;
    return waitFor(
      async () => read(),
      (manifest) => manifest.state === 'DONE',
      { timeoutMs: 20_000 },
    );
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxlay-rec-browser-'));
    app = await startTestApp({ recordingsDir: dir, disconnectGraceMs: 5_000 });
    pages = await startPageServer(await bundleBrowserEntry(VOICE_PAGE));
    for (const [name, hz] of [
      ['Alto', 440],
      ['Sopra', 1500],
    ] as const) {
      const wav = join(dir, `${name}.wav`);
      writeToneWav(wav, [{ ms: 2000, hz, dbfs: -12 }]);
      const browser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
      browsers.push(browser);
      const page = await (await browser.newContext()).newPage();
      await page.goto(pages.url);
      await waitForPageApi(page);
      const voice = pageApi<VoicePageApi>(page, 'voice');
      ids.push((await voice.join(app.url, app.channels.defaultChannel.id, name)).participantId);
      voices.push(voice);
    }
    // Both speak: each hears the other.
    for (const [index, voice] of voices.entries()) {
      const other = ids[1 - index]!;
      await waitFor(
        () => voice.speakerStats(),
        (stats) => (stats.bytesBySpeaker[other] ?? 0) > 0,
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => {});
    await pages?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one file per speaker with their own tone, keeps a muted gap, and mixes them, all as long as the call', async () => {
    const lobby = app.channels.defaultChannel.id;
    const started = await postGraphQL(app, START, { id: lobby });
    expect(started.errors).toBeUndefined();
    const id = String((started.data?.startRecording as { id?: string } | undefined)?.id);
    await sleep(1500);
    const mutedAt = Date.now();
    await voices[0]!.mute(true);
    await sleep(1500);
    const unmutedAt = Date.now();
    await voices[0]!.mute(false);
    await sleep(1500);
    expect((await postGraphQL(app, STOP, { id: lobby })).errors).toBeUndefined();
    const manifest = await finished(id);
    const callMs = manifest.endedAt! - manifest.startedAt;
    expect(manifest.stopReason).toBe('STOPPED');
    expect(manifest.tracks).toHaveLength(2);

    const mixedMs = await probeMs(join(dir, id, 'mixed.ogg'));
    expect(Math.abs(mixedMs - callMs)).toBeLessThan(100);
    const figures: string[] = [];
    for (const [index, [hz, otherHz]] of (
      [
        [440, 1500],
        [1500, 440],
      ] as const
    ).entries()) {
      const track = manifest.tracks.find((t) => t.participantId === ids[index])!;
      const file = join(dir, id, track.file);
      const fileMs = await probeMs(file);
      // The track starts at its offset and is padded to the stop: offset + length = the call.
      expect(track.offsetMs).not.toBeNull();
      expect(Math.abs(track.offsetMs! + fileMs - callMs)).toBeLessThan(100);
      const samples = await decode(file);
      const spoke = [300, mutedAt - manifest.startedAt - track.offsetMs! - 100] as const;
      expect(tonePower(samples, hz, ...spoke)).toBeGreaterThan(100 * tonePower(samples, otherHz, ...spoke));
      figures.push(
        `${track.displayName}: offset ${track.offsetMs} ms, ${fileMs.toFixed(0)} ms, ${((track.bytes / fileMs) * 60_000).toFixed(0)} B/min`,
      );
      if (index === 0) {
        // Muted: silence for as long as the mute (its length kept), then the tone again.
        const mutedFrom = mutedAt - manifest.startedAt - track.offsetMs! + 200;
        const mutedTo = unmutedAt - manifest.startedAt - track.offsetMs! - 100;
        const silent = rms(samples, mutedFrom, mutedTo);
        const heard = rms(samples, mutedTo + 500, mutedTo + 1200);
        expect(silent).toBeLessThan(0.001);
        expect(heard).toBeGreaterThan(0.01);
        expect(tonePower(samples, hz, mutedTo + 500, mutedTo + 1200)).toBeGreaterThan(
          100 * tonePower(samples, otherHz, mutedTo + 500, mutedTo + 1200),
        );
        figures.push(`muted gap rms ${silent.toExponential(1)}, after unmute ${heard.toFixed(3)}`);
        expect(track.silenceFrames).toBeGreaterThan(50);
      }
    }
    const mixed = await decode(join(dir, id, 'mixed.ogg'));
    expect(tonePower(mixed, 440, 500, 1400)).toBeGreaterThan(1e-4);
    expect(tonePower(mixed, 1500, 500, 1400)).toBeGreaterThan(1e-4);
    console.info(`recording ${callMs} ms, mixed ${mixedMs.toFixed(0)} ms; ${figures.join('; ')}`);
  });

  it('stops with WORKER_DIED and leaves playable files when the worker dies mid-recording', async () => {
    const lobby = app.channels.defaultChannel.id;
    const started = await postGraphQL(app, START, { id: lobby });
    expect(started.errors).toBeUndefined();
    const id = String((started.data?.startRecording as { id?: string } | undefined)?.id);
    await sleep(1200);
    process.kill(app.pool.workers[0]!.pid, 'SIGKILL');
    const manifest = await finished(id);
    expect(manifest.stopReason).toBe('WORKER_DIED');
    for (const track of manifest.tracks) {
      expect(track.packets).toBeGreaterThan(0);
      expect(await probeMs(join(dir, id, track.file))).toBeGreaterThan(500);
    }
    expect(await probeMs(join(dir, id, 'mixed.ogg'))).toBeGreaterThan(500);
  });
});
