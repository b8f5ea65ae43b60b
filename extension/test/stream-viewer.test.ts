// The overlay's stream viewer (Chrome): Bob (PWA) goes live and turns his camera on; the LIVE and
// camera badges appear on his row in the extension's overlay. A click on LIVE opens the viewer on top
// of the page: the offscreen document watches the stream (a video consumer on the server for the
// extension's participant), its encoded frames reach the viewer page in the overlay's iframe, which
// decodes them onto a canvas at the screen's size. Closing the viewer ends the watch (the consumer
// goes); Bob stopping ends the badges.
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedScreenSize, videoConsumers } from '@voxlay/testing/pwa-video';
import { waitFor } from '@voxlay/testing/wait';
import { axeViolations, blocking, describeViolations } from './axe.js';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';

/** What the viewer page has drawn so far (data attributes its canvas carries), with a digest of its pixels. */
async function viewerCanvas(frame: Frame): Promise<{ frames: number; width: number; height: number; digest: number }> {
  return frame.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer-canvas"]');
    if (!canvas) return { frames: 0, width: 0, height: 0, digest: 0 };
    const frames = Number(canvas.dataset.frames ?? 0);
    let digest = 0;
    if (frames > 0) {
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      for (let i = 0; i < pixels.length; i += 97) digest = (digest * 31 + (pixels[i] ?? 0)) >>> 0;
    }
    return { frames, width: Number(canvas.dataset.width ?? 0), height: Number(canvas.dataset.height ?? 0), digest };
  });
}

describe('the overlay’s stream viewer', () => {
  let call: ExtensionCall;
  let viewer: Frame;

  beforeAll(async () => {
    call = await startExtensionCall();
  }, 90_000);

  afterAll(async () => {
    await call?.stop();
  });

  const bobRow = () => call.tab.locator('voxlay-overlay [data-testid="participant"][data-local="false"]', { hasText: 'Bob' });

  it('Bob goes live and turns his camera on: LIVE and camera appear on his row in the overlay', async () => {
    expect(await bobRow().locator('[data-testid="participant-live"]').count()).toBe(0);
    await call.bob.getByTestId('go-live-button').click();
    await call.bob.locator('[data-testid="go-live-button"][data-status="on"]').waitFor();
    await call.bob.getByTestId('camera-button').click();
    await call.bob.locator('[data-testid="camera-button"][aria-pressed="true"][data-status="on"]').waitFor();
    await bobRow().locator('[data-testid="participant-live"]').waitFor({ timeout: 10_000 });
    await bobRow().locator('[data-testid="participant-camera"]').waitFor({ timeout: 10_000 });
    // Nobody watches yet: no video consumer for the extension.
    expect(videoConsumers(call.app, call.channelId, 'Ext')).toEqual([]);
  });

  it('a click on LIVE opens the viewer: the screen’s frames are decoded there, at its size; the server has Ext’s consumer', async () => {
    const shared = await sharedScreenSize(call.bob);
    const clicked = Date.now();
    await bobRow().locator('[data-testid="participant-live"]').click();
    const frameElement = call.tab.locator('voxlay-overlay [data-testid="stream-viewer-frame"]');
    await frameElement.waitFor({ timeout: 10_000 });
    const framed = Date.now() - clicked;
    const handle = await frameElement.elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('no viewer frame');
    viewer = frame;
    const first = await waitFor(
      () => viewerCanvas(viewer),
      (c) => c.frames >= 1,
      { message: 'a first frame decoded in the viewer', timeoutMs: 10_000, intervalMs: 20 },
    );
    console.log(
      `[stream-viewer] LIVE click → viewer iframe inserted (watch answered) ${framed} ms → first frame drawn ${Date.now() - clicked} ms`,
    );
    expect(first.width).toBe(shared.width);
    expect(first.height).toBe(shared.height);
    expect(await bobRow().locator('[data-testid="participant-live"]').getAttribute('aria-pressed')).toBe('true');
    expect(videoConsumers(call.app, call.channelId, 'Ext').map((c) => c.source)).toEqual(['SCREEN']);

    // Frames keep coming and the picture moves (the fake screen animates).
    const later = await waitFor(
      () => viewerCanvas(viewer),
      (c) => c.frames >= first.frames + 20 && c.digest !== first.digest,
      { message: 'the viewer keeps decoding a moving picture', timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(later.frames).toBeGreaterThanOrEqual(first.frames + 20);
  });

  it('the viewer has a Picture-in-Picture button, enabled, and no blocking axe violation', async () => {
    const pip = viewer.getByTestId('viewer-pip');
    expect(await pip.isEnabled()).toBe(true);
    expect(await pip.getAttribute('aria-pressed')).toBe('false');
    const inViewer = await axeViolations(viewer);
    const inOverlay = await axeViolations(call.tab, 'voxlay-overlay');
    expect(describeViolations(blocking(inViewer)), 'the viewer page').toBe('');
    expect(describeViolations(blocking(inOverlay)), 'the overlay with the viewer').toBe('');
  });

  it('closing the viewer stops watching: Ext’s consumer is gone on the server', async () => {
    await call.tab.locator('voxlay-overlay [data-testid="stream-viewer-close"]').click();
    await call.tab.locator('voxlay-overlay [data-testid="stream-viewer"]').waitFor({ state: 'detached', timeout: 5_000 });
    await waitFor(
      () => videoConsumers(call.app, call.channelId, 'Ext'),
      (consumers) => consumers.length === 0,
      { message: 'Ext’s video consumer closed', timeoutMs: 5_000 },
    );
    expect(await bobRow().locator('[data-testid="participant-live"]').getAttribute('aria-pressed')).toBe('false');
  });

  it('Bob stops: LIVE and camera leave his row in the overlay', async () => {
    await call.bob.getByTestId('go-live-button').click();
    await call.bob.getByTestId('camera-button').click();
    await bobRow().locator('[data-testid="participant-live"]').waitFor({ state: 'detached', timeout: 10_000 });
    await bobRow().locator('[data-testid="participant-camera"]').waitFor({ state: 'detached', timeout: 10_000 });
  });
});
