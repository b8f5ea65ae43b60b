// Recovery as a user sees it: when the mediasoup worker hosting the channel is killed mid-call,
// both PWA pages show "reconnecting", rejoin by themselves, and hear each other again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { audioStats, bytesReceivedOver, type Call, participantCount, participantRows, sleep, startCall, waitFor } from './harness.js';

const connectionState = (page: Page) => page.getByTestId('connection-state').getAttribute('data-state');

describe('recovery in the PWA', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startCall(48300, [
      { label: 'alice', name: 'Alice' },
      { label: 'bob', name: 'Bob' },
    ]);
    ({ app, channelId } = call);
    [alice, bob] = call.pages as [Page, Page];
    await waitFor(() => audioStats(bob), (s) => s.bytesReceived > 2_000, 15_000);
  });

  afterAll(async () => {
    await call?.close();
  });

  it('switches microphones mid-call without rejoining: same producer on the server, audio keeps flowing', async () => {
    const producerIds = async () => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ($id: ID!) { channel(id: $id) { participants { displayName producers { id } } } }', variables: { id: channelId } }),
      });
      const body = (await res.json()) as { data: { channel: { participants: { displayName: string; producers: { id: string }[] }[] } } };
      return body.data.channel.participants.find((p) => p.displayName === 'Alice')?.producers.map((p) => p.id) ?? [];
    };
    const before = await producerIds();
    expect(before).toHaveLength(1);

    await alice.getByTestId('settings-button').click();
    const select = alice.getByTestId('microphone-select');
    const options = await select.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    const current = await select.inputValue();
    const other = options.find((v) => v !== '' && v !== current);
    expect(other, `fake devices offer a second microphone (options: ${options.join(', ')})`).toBeTruthy();
    await select.selectOption(other!);
    await alice.getByTestId('settings-close').click();

    expect(await producerIds()).toEqual(before);
    await sleep(300);
    expect(await waitFor(() => bytesReceivedOver(bob, 1_000), (b) => b > 1_000)).toBeGreaterThan(1_000);
    expect(await alice.evaluate(() => JSON.parse(localStorage.getItem('voxlay.settings.v1') ?? '{}').microphoneId)).toBe(other);
  });

  it('deafening stops all incoming audio and undeafening brings it back', async () => {
    await bob.getByTestId('deafen-button').click();
    await sleep(500);
    expect(await bytesReceivedOver(bob, 1_500)).toBeLessThan(200);
    await bob.getByTestId('deafen-button').click();
    expect(await waitFor(() => bytesReceivedOver(bob, 1_000), (b) => b > 1_000)).toBeGreaterThan(1_000);
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
      const again = await waitFor(() => bytesReceivedOver(listener, 500), (b) => b > 300, 15_000);
      expect(again).toBeGreaterThan(300);
    }
    const recoveredMs = Date.now() - killedAt;
    console.info(`[recovery] worker killed → audio both ways again in ${recoveredMs} ms`);

    expect(await waitFor(() => participantCount(app, channelId), (n) => n === 2)).toBe(2);
    for (const page of [alice, bob]) {
      const rows = await waitFor(() => participantRows(page), (r) => r.length === 2);
      expect(rows.map((r) => r.name).sort()).toEqual(['Alice', 'Bob']);
    }
  });
});
