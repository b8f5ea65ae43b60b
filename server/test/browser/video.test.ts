// Video between Chromium pages (fake camera and screen): one page sends a camera and a screen, other
// pages watch them on demand. Frames are decoded at the size sent, and only viewers get consumers
// (checked on the server's objects and in the worker's dump).
import { describe, expect, it } from 'vitest';
import type { Remote } from '@voxlay/testing/page-api';
import type { VideoPageApi, VideoStats } from '@voxlay/testing/pages/video-api';
import { waitFor } from '@voxlay/testing/wait';
import { dumpedConsumersOf, streamConsumers } from '../integration/helpers/video.js';
import { useVideoPages } from './video-pages.js';

describe('video between Chromium pages', () => {
  const pages = useVideoPages();

  /** Waits until the viewer has decoded `frames` frames of the stream at the given size. */
  const decoded = (viewer: Remote<VideoPageApi>, producerId: string, frames: number, width: number, height: number) =>
    waitFor(
      () => viewer.videoStats(producerId),
      (stats: VideoStats) => stats.framesDecoded >= frames && stats.frameWidth === width && stats.frameHeight === height,
      { message: `${frames} frames of ${width}x${height} decoded`, timeoutMs: 15_000, intervalMs: 250 },
    );

  it('a watched camera and screen reach the viewer at their size; a member who does not watch gets no consumer', async () => {
    const bed = pages();
    const { app } = bed;
    const channelId = app.channels.defaultChannel.id;
    const sender = await bed.open('sender');
    const viewer = await bed.open('viewer');
    const bystander = await bed.open('bystander');
    await sender.join(app.url, channelId, 'Sender');
    const viewerId = (await viewer.join(app.url, channelId, 'Viewer')).participantId;
    await bystander.join(app.url, channelId, 'Bystander');

    const camera = await sender.produceCamera();
    const screen = await sender.produceScreen();
    await viewer.watch(camera);
    const first = await decoded(viewer, camera, 30, 640, 480);
    // Still flowing: decoded frames keep growing.
    await waitFor(
      () => viewer.videoStats(camera),
      (stats) => stats.framesDecoded >= first.framesDecoded + 15,
      { message: 'more camera frames', timeoutMs: 10_000, intervalMs: 250 },
    );

    await viewer.watch(screen);
    await decoded(viewer, screen, 10, 1280, 720);

    const channel = app.channels.defaultChannel;
    expect(streamConsumers(channel, 'CAMERA')).toEqual(new Map([[viewerId, 1]]));
    expect(streamConsumers(channel, 'SCREEN')).toEqual(new Map([[viewerId, 1]]));
    expect(await dumpedConsumersOf(channel, camera)).toBe(1);
    expect(await dumpedConsumersOf(channel, screen)).toBe(1);

    expect(await viewer.stopWatching(camera)).toBe(true);
    expect(await dumpedConsumersOf(channel, camera)).toBe(0);
    expect(await dumpedConsumersOf(channel, screen)).toBe(1);

    for (const page of [sender, viewer, bystander]) expect(await page.errors()).toEqual([]);
    for (const page of [sender, viewer, bystander]) await page.leave();
  });
});
