// Simulcast layers between Chromium pages: a viewer watching a simulcast camera (320x240 and
// 640x480) asks for the lower spatial layer and gets it, then the top one again; then the server caps
// what it receives (setReceiveBitrate) and the layer drops, and comes back up once uncapped. The
// picture never freezes for longer than a second on the way (the gaps between the frames its <video>
// shows, from requestVideoFrameCallback).
import { describe, expect, it } from 'vitest';
import { longestGap } from '@voxlay/testing/pages/video-api';
import { waitFor } from '@voxlay/testing/wait';
import { useVideoPages } from './video-pages.js';

/** The longest a switch may leave the same frame on screen. */
const MAX_FREEZE_MS = 1_000;
/**
 * A receive cap (bits/s) under the top layer's lowest frame rate: mediasoup keeps a spatial layer at a
 * lower temporal layer while that fits (capped at 350 kbps, 640x480 stayed at 5 fps, about 150 kbps;
 * 320x240 at 5 fps is about 70 kbps). 100 kbps is the lowest cap the server takes.
 */
const RECEIVE_CAP = 120_000;

describe('simulcast layers between Chromium pages', () => {
  const pages = useVideoPages();

  it('a viewer preferring a lower layer, or capped below the top one, gets smaller frames, then full size again, without a freeze over 1 s', async () => {
    const bed = pages();
    const { app } = bed;
    const channelId = app.channels.defaultChannel.id;
    const sender = await bed.open('sender');
    const viewer = await bed.open('viewer');
    await sender.join(app.url, channelId, 'Sender');
    await viewer.join(app.url, channelId, 'Viewer');
    const camera = await sender.produceCamera({ simulcast: true });
    await viewer.watch(camera);

    /**
     * Waits for a frame `width` wide shown after `since`; returns the frames shown from a second
     * before `since` to a second after that frame (a freeze across the switch shows as one gap).
     */
    const switchedTo = async (width: number, since: number, timeoutMs = 15_000) => {
      const arrived = await waitFor(
        () => viewer.frames(camera, since),
        (frames) => frames.some((f) => f.width === width),
        { message: `a frame ${width} wide`, timeoutMs, intervalMs: 100 },
      );
      const at = arrived.find((f) => f.width === width)!.presentedAt;
      return waitFor(
        () => viewer.frames(camera, since - 1_000),
        (frames) => frames.at(-1)!.presentedAt > at + 1_000,
        { message: 'a second of frames after the switch', timeoutMs: 10_000, intervalMs: 100 },
      );
    };

    // The top layer once the receive side's bandwidth estimate allows it (it starts lower).
    await switchedTo(640, 0);

    const lowered = await viewer.now();
    expect((await viewer.setPreferredLayers(camera, 0)).preferredLayers?.spatialLayer).toBe(0);
    const down = await switchedTo(320, lowered);
    expect(down.at(-1)).toMatchObject({ width: 320, height: 240 });
    expect(longestGap(down)).toBeLessThan(MAX_FREEZE_MS);

    const restored = await viewer.now();
    expect((await viewer.setPreferredLayers(camera, 1)).preferredLayers?.spatialLayer).toBe(1);
    const up = await switchedTo(640, restored);
    expect(up.at(-1)).toMatchObject({ width: 640, height: 480 });
    expect(longestGap(up)).toBeLessThan(MAX_FREEZE_MS);

    // The server caps what the viewer receives below the top layer's bitrate: the lower layer comes, then the top one once uncapped.
    const capped = await viewer.now();
    expect(await viewer.setReceiveBitrate(RECEIVE_CAP)).toBe(RECEIVE_CAP);
    const squeezed = await switchedTo(320, capped);
    expect(squeezed.at(-1)).toMatchObject({ width: 320, height: 240 });
    expect(longestGap(squeezed)).toBeLessThan(MAX_FREEZE_MS);

    const uncapped = await viewer.now();
    await viewer.setReceiveBitrate(null);
    // The receive side's bandwidth estimate climbs back from the cap first (about 7 s here).
    const recovered = await switchedTo(640, uncapped, 30_000);
    expect(recovered.at(-1)).toMatchObject({ width: 640, height: 480 });
    expect(longestGap(recovered)).toBeLessThan(MAX_FREEZE_MS);

    for (const page of [sender, viewer]) expect(await page.errors()).toEqual([]);
    for (const page of [sender, viewer]) await page.leave();
  }, 90_000);
});
