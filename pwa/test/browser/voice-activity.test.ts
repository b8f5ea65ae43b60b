// Voice activity mode in the PWA: the speaker's microphone plays a loop of one-second "words" (a
// tone) and 1.5 s pauses, so the gate must open on each word (the listener hears it) and close in
// each pause once the hangover has passed; the UI shows it as "Transmitting" / "Not transmitting".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { audioStats, Browsers, defaultChannelId, joinThroughUi, sleep, startVoxlay, waitFor, writeToneWav } from './harness.js';

describe('voice activity mode in the PWA', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let speaker: Page;
  let listener: Page;

  beforeAll(async () => {
    app = await startVoxlay(48400);
    const wav = path.join(mkdtempSync(path.join(tmpdir(), 'voxlay-vad-')), 'words.wav');
    writeToneWav(wav, [
      { ms: 1_000, hz: 300, dbfs: -14 },
      { ms: 1_500, hz: 0 },
    ]);
    browsers = await Browsers.launch([`--use-file-for-fake-audio-capture=${wav}`]);
    const channelId = await defaultChannelId(app);
    speaker = await browsers.open(app.url, 'speaker');
    listener = await browsers.open(app.url, 'listener');
    await joinThroughUi(speaker, 'Sam', channelId);
    await joinThroughUi(listener, 'Lee', channelId);
    await waitFor(() => audioStats(listener), (s) => s.bytesReceived > 2_000, 15_000);
  });

  afterAll(async () => {
    await browsers?.close();
    await app?.stop();
  });

  it('opens the gate on sound and closes it in silence, and the listener hears what passes', async () => {
    await speaker.getByTestId('mode-voice-activity').check();
    const seen = new Set<string>();
    const before = (await audioStats(listener)).bytesReceived;
    for (let i = 0; i < 70; i++) {
      seen.add((await speaker.getByTestId('transmitting').getAttribute('data-transmitting')) ?? '');
      await sleep(100);
    }
    const received = (await audioStats(listener)).bytesReceived - before;
    expect([...seen].sort()).toEqual(['false', 'true']);
    expect(received).toBeGreaterThan(500);
  });
});
