// Go Live through a rejoin: the mediasoup worker hosting the channel is killed while Alice shares her
// screen and camera and Bob watches her screen. Both rejoin by themselves; Alice's screen and camera
// are sent again (new producers), Bob's old watch ends (his tile offers Watch again, no stale consumer),
// and watching again decodes frames.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, startCall } from '@voxlay/testing/pwa';
import type { VoxlayApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';
import { tileVideo, videoConsumers } from '@voxlay/testing/pwa-video';

describe('Go Live through a rejoin', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    call = await startCall([
      { label: 'alice', name: 'Alice' },
      { label: 'bob', name: 'Bob' },
    ]);
    ({ app, channelId } = call);
    [alice, bob] = call.pages as [Page, Page];
  }, 60_000);

  afterAll(async () => {
    await call?.close();
  });

  const screenFrames = (min: number) =>
    waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => (s?.framesDecoded ?? 0) >= min,
      { message: `${min} screen frames decoded in Bob’s tile`, timeoutMs: 25_000, intervalMs: 250 },
    );

  it('sends the screen and the camera again after the worker dies; Bob watches the new screen', async () => {
    await alice.getByTestId('go-live-button').click();
    await alice.getByTestId('camera-button').click();
    await alice.locator('[data-testid="camera-button"][data-status="on"]').waitFor();
    await bob.locator('[data-testid="stream-tile"][data-source="screen"] [data-testid="stream-watch"]').click();
    await screenFrames(5);
    const before =
      app.channels
        .get(channelId)
        ?.participants.find((p) => p.displayName === 'Alice')
        ?.streams.map((s) => s.id) ?? [];
    expect(before).toHaveLength(3); // screen, its sound, camera

    process.kill(app.pool.workers[0]!.pid, 'SIGKILL');
    for (const page of [alice, bob]) {
      await page
        .locator('[data-testid="connection-state"][data-state="reconnecting"], [data-testid="connection-state"][data-state="connecting"]')
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 20_000 });
    }

    // Alice is LIVE with her camera again, on new producers; Bob's old watch ended with the old connection.
    const after = await waitFor(
      () =>
        app.channels
          .get(channelId)
          ?.participants.find((p) => p.displayName === 'Alice')
          ?.streams.map((s) => s.id) ?? [],
      (ids) => ids.length === 3,
      { message: 'Alice’s three streams sent again', timeoutMs: 15_000 },
    );
    expect(after.some((id) => before.includes(id))).toBe(false);
    await alice.locator('[data-testid="go-live-button"][data-status="on"]').waitFor();
    const aliceRow = bob.locator('[data-testid="participant"][data-local="false"][data-live="true"][data-camera="true"]', {
      hasText: 'Alice',
    });
    await aliceRow.waitFor({ timeout: 10_000 });
    await bob.locator('[data-testid="stream-tile"][data-source="screen"][data-watching="false"]').waitFor();
    expect(videoConsumers(app, channelId, 'Bob')).toEqual([]);

    await bob.locator('[data-testid="stream-tile"][data-source="screen"] [data-testid="stream-watch"]').click();
    await screenFrames(5);
    expect(videoConsumers(app, channelId, 'Bob').map((c) => c.source)).toEqual(['SCREEN']);
  });
});
