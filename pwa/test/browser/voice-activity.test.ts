// Voice activity mode in the PWA: the speaker's microphone plays a loop of one-second "words" (a
// tone) and 1.5 s pauses, so the gate must open on each word (the listener hears it) and close in
// each pause once the hangover has passed; the UI shows it as "Transmitting" / "Not transmitting".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { audioStats, type Call, levelsBySpeaker, startCall, writeToneWav } from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

describe('voice activity mode in the PWA', () => {
  let call: Call;
  let speaker: Page;
  let listener: Page;

  beforeAll(async () => {
    const wav = path.join(mkdtempSync(path.join(tmpdir(), 'voxlay-vad-')), 'words.wav');
    writeToneWav(wav, [
      { ms: 1_000, hz: 300, dbfs: -14 },
      { ms: 1_500, hz: 0 },
    ]);
    call = await startCall(
      [
        { label: 'speaker', name: 'Sam' },
        { label: 'listener', name: 'Lee' },
      ],
      [`--use-file-for-fake-audio-capture=${wav}`],
    );
    [speaker, listener] = call.pages as [Page, Page];
    await waitFor(
      () => audioStats(listener),
      (s) => s.bytesReceived > 2_000,
      15_000,
    );
  });

  afterAll(async () => {
    await call?.close();
  });

  it('opens the gate on sound and closes it in silence, and the listener hears what passes', async () => {
    await speaker.getByTestId('mode-voice-activity').check();
    const seen = new Set<string>();
    const before = (await audioStats(listener)).bytesReceived;
    // What Lee plays of Sam meanwhile (the audio level of Sam's stream): heard, not only received.
    const heard = levelsBySpeaker(listener, call.app, call.channelId, 'Lee', 7_000);
    for (let i = 0; i < 70; i++) {
      seen.add((await speaker.getByTestId('transmitting').getAttribute('data-transmitting')) ?? '');
      await sleep(100);
    }
    const received = (await audioStats(listener)).bytesReceived - before;
    expect([...seen].sort()).toEqual(['false', 'true']);
    expect(received).toBeGreaterThan(500);
    expect((await heard).Sam, 'Lee hears Sam (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
  });
});
