// Recovery as a user sees it: when the mediasoup worker hosting the channel is killed mid-call,
// both PWA pages show "reconnecting", rejoin by themselves, and hear each other again. Alice has two
// microphones that sound different (440 Hz and 1500 Hz tones), so a switch is heard by Bob.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import {
  audioStats,
  bytesReceivedOver,
  type Call,
  dominantFrequency,
  participantCount,
  participantRows,
  speakersByMid,
  startCall,
  type ToneMicrophone,
  toneMicrophonesScript,
  waitUntilHeard,
} from '@voxlay/testing/pwa';
import { sleep, waitFor } from '@voxlay/testing/wait';

const connectionState = (page: Page) => page.getByTestId('connection-state').getAttribute('data-state');

const LOW: ToneMicrophone = { deviceId: 'tone-440', label: 'Test tone 440 Hz', hz: 440 };
const HIGH: ToneMicrophone = { deviceId: 'tone-1500', label: 'Test tone 1500 Hz', hz: 1500 };
/** Half the distance a listener's dominant frequency may be from the tone (FFT bins are about 12 Hz). */
const HZ_TOLERANCE = 40;

describe('recovery in the PWA', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startCall([
      // The first one is the system default the join opens.
      { label: 'alice', name: 'Alice', initScripts: [toneMicrophonesScript([LOW, HIGH])] },
      { label: 'bob', name: 'Bob' },
    ]);
    ({ app, channelId } = call);
    [alice, bob] = call.pages as [Page, Page];
    await waitFor(
      () => audioStats(bob),
      (s) => s.bytesReceived > 2_000,
      15_000,
    );
  });

  afterAll(async () => {
    await call?.close();
  });

  it('switches microphones mid-call without rejoining: same producer on the server, and the listener hears the new microphone', async () => {
    const producerIds = async () => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query ($id: ID!) { channel(id: $id) { participants { displayName producers { id } } } }',
          variables: { id: channelId },
        }),
      });
      const body = (await res.json()) as { data: { channel: { participants: { displayName: string; producers: { id: string }[] }[] } } };
      return body.data.channel.participants.find((p) => p.displayName === 'Alice')?.producers.map((p) => p.id) ?? [];
    };
    const aliceOnBob = [...speakersByMid(app, channelId, 'Bob')].find(([, name]) => name === 'Alice')?.[0];
    expect(aliceOnBob, "Bob's consumer of Alice").toBeTruthy();
    const heardHz = () => dominantFrequency(bob, aliceOnBob!);
    const near = (hz: number) => (f: number) => Math.abs(f - hz) <= HZ_TOLERANCE;
    const before = await producerIds();
    expect(before).toHaveLength(1);
    // Bob hears Alice's default microphone: the 440 Hz tone.
    const low = await waitFor(heardHz, near(LOW.hz));
    expect(Math.abs(low - LOW.hz), `Bob hears ${low} Hz from Alice, expected ${LOW.hz} Hz`).toBeLessThanOrEqual(HZ_TOLERANCE);

    await alice.getByTestId('settings-button').click();
    const select = alice.getByTestId('microphone-select');
    const options = await select.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options, 'the settings offer both microphones').toEqual(expect.arrayContaining([LOW.deviceId, HIGH.deviceId]));
    await select.selectOption(HIGH.deviceId);
    await alice.getByTestId('settings-close').click();

    // The product opened exactly that device, and Bob now hears its 1500 Hz tone, on the same producer.
    const high = await waitFor(heardHz, near(HIGH.hz));
    expect(Math.abs(high - HIGH.hz), `Bob hears ${high} Hz from Alice after the switch, expected ${HIGH.hz} Hz`).toBeLessThanOrEqual(
      HZ_TOLERANCE,
    );
    const requests = await alice.evaluate(() => (window as unknown as { __voxlayMicRequests: unknown[] }).__voxlayMicRequests);
    expect(requests.at(-1)).toEqual({ deviceId: HIGH.deviceId, exact: true, hz: HIGH.hz });
    expect(await producerIds()).toEqual(before);
    const levels = await waitUntilHeard(bob, app, channelId, 'Bob', ['Alice']);
    expect(levels.Alice, 'Bob hears Alice after the switch (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(await alice.evaluate(() => JSON.parse(localStorage.getItem('voxlay.settings.v1') ?? '{}').microphoneId)).toBe(HIGH.deviceId);
  });

  it('deafening stops all incoming audio and undeafening brings it back', async () => {
    await bob.getByTestId('deafen-button').click();
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    await bob.getByTestId('deafen-button').click();
    expect(
      await waitFor(
        () => bytesReceivedOver(bob, 1_000),
        (b) => b > 1_000,
      ),
    ).toBeGreaterThan(1_000);
    // Back means heard: played through an unmuted element again, not only packets arriving.
    expect((await waitUntilHeard(bob, app, channelId, 'Bob', ['Alice'])).Alice, 'Bob hears Alice again').toBeGreaterThan(AUDIBLE_LEVEL);
  });

  it('rejoins both pages by themselves after the worker is killed, with no ghost participants', async () => {
    const killedAt = Date.now();
    process.kill(app.pool.workers[0]!.pid, 'SIGKILL');

    const sawReconnecting = await waitFor(
      async () => [await connectionState(alice), await connectionState(bob)],
      (states) => states.includes('reconnecting') || states.includes('connecting'),
      5_000,
    );
    expect(sawReconnecting.some((s) => s === 'reconnecting' || s === 'connecting')).toBe(true);

    for (const page of [alice, bob]) {
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
    }
    // Audio flows again on both sides, through new transports.
    for (const listener of [alice, bob]) {
      const again = await waitFor(
        () => bytesReceivedOver(listener, 500),
        (b) => b > 300,
        15_000,
      );
      expect(again).toBeGreaterThan(300);
    }
    // ...and is heard: each page plays the other's voice audibly again (audio level, per participant).
    for (const [listener, name, other] of [
      [alice, 'Alice', 'Bob'],
      [bob, 'Bob', 'Alice'],
    ] as const) {
      const levels = await waitUntilHeard(listener, app, channelId, name, [other], 15_000);
      expect(levels[other], `${name} hears ${other} after the rejoin (audio level)`).toBeGreaterThan(AUDIBLE_LEVEL);
    }
    const recoveredMs = Date.now() - killedAt;
    console.info(`[recovery] worker killed → audio both ways again in ${recoveredMs} ms`);

    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 2,
      ),
    ).toBe(2);
    for (const page of [alice, bob]) {
      const rows = await waitFor(
        () => participantRows(page),
        (r) => r.length === 2,
      );
      expect(rows.map((r) => r.name).sort()).toEqual(['Alice', 'Bob']);
    }
  });
});
