// Go Live in the PWA: Alice shares her (fake) screen and turns her camera on from the call controls
// and sees both in her self views; Bob sees the LIVE and camera badges and the streams, watches them
// on demand (frames decoded in his tiles at the size sent; the camera's layer follows the tile's
// size), stops watching (his consumer goes), deafens (the screen's sound is paused on the server);
// Carol never watches and never gets a video consumer; Alice stops and Bob’s tile goes away; a
// cancelled screen picker is reported with its code.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, PHONE, startCall } from '@voxlay/testing/pwa';
import type { VoxlayApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';
import { axeViolations, blocking } from '@voxlay/testing/axe';
import { sharedScreenSize, tileVideo, videoConsumers } from '@voxlay/testing/pwa-video';

describe('Go Live and cameras in the PWA', () => {
  let call: Call;
  let app: VoxlayApp;
  let channelId: string;
  let alice: Page;
  let bob: Page;
  let carol: Page;

  beforeAll(async () => {
    call = await startCall([
      { label: 'alice', name: 'Alice' },
      { label: 'bob', name: 'Bob' },
      { label: 'carol', name: 'Carol', viewport: PHONE },
    ]);
    ({ app, channelId } = call);
    [alice, bob, carol] = call.pages as [Page, Page, Page];
  }, 60_000);

  afterAll(async () => {
    await call?.close();
  });

  it('Alice goes live and turns her camera on; Bob and Carol see the LIVE and camera badges and the streams', async () => {
    await alice.getByTestId('go-live-button').click();
    await alice.locator('[data-testid="go-live-button"][data-status="on"]').waitFor();
    await alice.getByTestId('camera-button').click();
    await alice.locator('[data-testid="camera-button"][aria-pressed="true"][data-status="on"]').waitFor();
    // Her own row shows it too.
    await alice.locator('[data-testid="participant"][data-local="true"][data-live="true"][data-camera="true"]').waitFor();

    for (const page of [bob, carol]) {
      const row = page.locator('[data-testid="participant"][data-local="false"]', { hasText: 'Alice' });
      await row.locator('[data-testid="participant-live"]').waitFor();
      await row.locator('[data-testid="participant-camera"]').waitFor();
      await page.locator('[data-testid="stream-tile"][data-source="screen"][data-watching="false"]').waitFor();
      await page.locator('[data-testid="stream-tile"][data-source="camera"][data-watching="false"]').waitFor();
    }
    // Alice sees what she sends, from her own tracks: both self views play.
    for (const source of ['camera', 'screen']) {
      const width = () =>
        alice.locator(`[data-testid="self-view"][data-source="${source}"] video`).evaluate((v: HTMLVideoElement) => v.videoWidth);
      expect(await waitFor(width, (w) => w > 0, { message: `Alice's own ${source} playing`, timeoutMs: 10_000 })).toBeGreaterThan(0);
    }
    // Nobody watches yet: no video consumer anywhere.
    for (const name of ['Alice', 'Bob', 'Carol']) expect(videoConsumers(app, channelId, name)).toEqual([]);
  });

  it('Bob watches the screen and the camera: frames are decoded in his tiles, at the screen’s size', async () => {
    const shared = await sharedScreenSize(alice);
    expect(shared.width).toBeGreaterThanOrEqual(1280);
    await bob.locator('[data-testid="stream-tile"][data-source="screen"] [data-testid="stream-watch"]').click();
    const screen = await waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => s !== null && s.framesDecoded >= 10 && s.frameWidth === shared.width && s.frameHeight === shared.height,
      { message: `screen frames of ${shared.width}x${shared.height} decoded in Bob’s tile`, timeoutMs: 25_000, intervalMs: 250 },
    );
    expect(screen?.videoWidth).toBe(shared.width);
    await waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => (s?.framesDecoded ?? 0) >= (screen?.framesDecoded ?? 0) + 5,
      { message: 'more screen frames', timeoutMs: 10_000, intervalMs: 250 },
    );

    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-watch"]').click();
    const camera = await waitFor(
      () => tileVideo(bob, 'camera'),
      (s) => s !== null && s.framesDecoded >= 10 && s.frameWidth > 0,
      { message: 'camera frames decoded in Bob’s tile', timeoutMs: 25_000, intervalMs: 250 },
    );
    // A simulcast layer of the 1280x720 camera (a quarter, a half or all of it).
    expect([320, 640, 1280]).toContain(camera?.frameWidth);
    expect(
      videoConsumers(app, channelId, 'Bob')
        .map((c) => c.source)
        .sort(),
    ).toEqual(['CAMERA', 'SCREEN']);

    // Who watches (StreamViewersChanged): Alice sees Bob on both, Carol sees Bob under the screen tile.
    await alice.locator('[data-testid="own-viewers"][data-screen-viewers="1"][data-camera-viewers="1"]').waitFor();
    expect(await alice.getByTestId('own-viewers').textContent()).toContain('Bob');
    const carolScreenViewers = carol.locator(
      '[data-testid="stream-tile"][data-source="screen"] [data-testid="stream-viewers"][data-count="1"]',
    );
    await carolScreenViewers.waitFor();
    expect(await carolScreenViewers.textContent()).toContain('Bob');
  });

  it('the camera’s preferred layer follows Bob’s tile: focused or fullscreen asks for the top layer, back in the grid a lower one', async () => {
    const cameraLayer = () => videoConsumers(app, channelId, 'Bob').find((c) => c.source === 'CAMERA')?.spatialLayer ?? null;
    const small = await waitFor(cameraLayer, (layer) => layer !== null && layer < 2, {
      message: 'a lower layer for a grid tile',
      timeoutMs: 5_000,
    });
    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-focus"]').click();
    await bob.locator('[data-testid="stream-tile"][data-source="camera"][data-focused="true"]').waitFor();
    expect(await waitFor(cameraLayer, (layer) => layer === 2, { message: 'the top layer when focused', timeoutMs: 5_000 })).toBe(2);
    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-focus"]').click();
    expect(await waitFor(cameraLayer, (layer) => layer === small, { message: 'the grid layer again', timeoutMs: 5_000 })).toBe(small);

    // Fullscreen: the tile fills the screen (the top layer again), and the same button brings it back.
    const fullscreenSource = () => bob.evaluate(() => (document.fullscreenElement as HTMLElement | null)?.dataset.source ?? null);
    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-fullscreen"]').click();
    expect(
      await waitFor(fullscreenSource, (source) => source === 'camera', { message: 'the camera tile fullscreen', timeoutMs: 5_000 }),
    ).toBe('camera');
    expect(await waitFor(cameraLayer, (layer) => layer === 2, { message: 'the top layer fullscreen', timeoutMs: 5_000 })).toBe(2);
    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-fullscreen"]').click();
    expect(await waitFor(fullscreenSource, (source) => source === null, { message: 'out of fullscreen', timeoutMs: 5_000 })).toBeNull();
  });

  it('Carol, who does not watch, gets no video consumer; the channel screen with tiles is axe-clean', async () => {
    expect(videoConsumers(app, channelId, 'Carol')).toEqual([]);
    expect(videoConsumers(app, channelId, 'Alice')).toEqual([]);
    expect(blocking(await axeViolations(bob)), 'Bob, watching').toEqual([]);
    expect(blocking(await axeViolations(carol)), 'Carol, phone, not watching').toEqual([]);
  });

  it('Bob stops watching the camera: his consumer of it is gone, the screen plays on', async () => {
    await bob.locator('[data-testid="stream-tile"][data-source="camera"] [data-testid="stream-stop-watching"]').click();
    await bob.locator('[data-testid="stream-tile"][data-source="camera"][data-watching="false"]').waitFor();
    expect(
      await waitFor(
        () => videoConsumers(app, channelId, 'Bob').map((c) => c.source),
        (sources) => sources.length === 1,
        { message: 'only the screen consumer left', timeoutMs: 5_000 },
      ),
    ).toEqual(['SCREEN']);
    await alice.locator('[data-testid="own-viewers"][data-screen-viewers="1"][data-camera-viewers="0"]').waitFor();
  });

  it('Bob’s page hidden pauses his screen consumer on the server; visible again, frames are decoded again', async () => {
    // A page in a fresh (non-persistent) headless context stays 'visible' behind another tab: the page
    // is told it is hidden the way the browser tells it (visibilityState + visibilitychange).
    const setVisibility = (state: 'hidden' | 'visible') =>
      bob.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    const screenPaused = () => videoConsumers(app, channelId, 'Bob').find((c) => c.source === 'SCREEN')?.paused;
    await setVisibility('hidden');
    expect(await waitFor(screenPaused, (p) => p === true, { message: 'paused while hidden', timeoutMs: 5_000 })).toBe(true);
    await setVisibility('visible');
    expect(await waitFor(screenPaused, (p) => p === false, { message: 'resumed when visible', timeoutMs: 5_000 })).toBe(false);
    const now = (await tileVideo(bob, 'screen'))?.framesDecoded ?? 0;
    await waitFor(
      () => tileVideo(bob, 'screen'),
      (s) => (s?.framesDecoded ?? 0) > now + 3,
      { message: 'frames decoded again', timeoutMs: 10_000, intervalMs: 250 },
    );
  });

  it('Bob deafened: the screen’s sound is paused on the server while the picture plays on; undeafened, it is sent again', async () => {
    const consumerOf = (source: string) =>
      app.channels
        .get(channelId)
        ?.participants.find((p) => p.displayName === 'Bob')
        ?.consumers.find((c) => !c.closed && c.appData.source === source);
    expect(consumerOf('SCREEN_AUDIO')?.paused, 'Bob hears the screen').toBe(false);
    await bob.getByTestId('deafen-button').click();
    expect(
      await waitFor(
        () => consumerOf('SCREEN_AUDIO')?.paused,
        (p) => p === true,
        { message: 'screen sound paused', timeoutMs: 5_000 },
      ),
    ).toBe(true);
    expect(consumerOf('SCREEN')?.paused, 'the picture plays on').toBe(false);
    await bob.getByTestId('deafen-button').click();
    expect(
      await waitFor(
        () => consumerOf('SCREEN_AUDIO')?.paused,
        (p) => p === false,
        { message: 'screen sound resumed', timeoutMs: 5_000 },
      ),
    ).toBe(false);
  });

  it('Alice stops sharing, then her camera ends on its own: the badges, the tiles and Bob’s consumer go away', async () => {
    await alice.getByTestId('go-live-button').click();
    await alice.locator('[data-testid="go-live-button"][data-status="off"]').waitFor();
    await bob.locator('[data-testid="stream-tile"][data-source="screen"]').waitFor({ state: 'detached' });
    await waitFor(
      () => videoConsumers(app, channelId, 'Bob'),
      (consumers) => consumers.length === 0,
      { message: 'Bob’s screen consumer closed', timeoutMs: 5_000 },
    );
    const aliceRow = bob.locator('[data-testid="participant"][data-local="false"]', { hasText: 'Alice' });
    await aliceRow.locator('[data-testid="participant-live"]').waitFor({ state: 'detached' });

    // The camera ends on its own (unplugged; for a screen, the browser's own "Stop sharing"): it is off.
    await alice.evaluate(() => {
      const pcs = (window as unknown as { __voxlayPcs?: RTCPeerConnection[] }).__voxlayPcs ?? [];
      const camera = pcs.flatMap((pc) => pc.getSenders()).find((s) => s.track?.kind === 'video' && s.track.contentHint === 'motion')?.track;
      if (!camera) throw new Error('no camera being sent');
      camera.stop();
      camera.dispatchEvent(new Event('ended'));
    });
    await alice.locator('[data-testid="camera-button"][aria-pressed="false"][data-status="off"]').waitFor();
    await bob.locator('[data-testid="stream-area"]').waitFor({ state: 'detached' });
    await aliceRow.locator('[data-testid="participant-camera"]').waitFor({ state: 'detached' });
  });

  it('a refused or cancelled screen picker is told with its code, and nothing is shared', async () => {
    await carol.evaluate(() => {
      navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await carol.getByTestId('go-live-button').click();
    const error = carol.locator('[data-testid="session-error"][data-code="SCREEN_CANCELLED"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Screen sharing was cancelled');
    expect(await carol.getByTestId('go-live-button').getAttribute('data-status')).toBe('off');
    expect(app.channels.get(channelId)?.participants.find((p) => p.displayName === 'Carol')?.live).toBe(false);
  });
});
