// Video between Chromium pages (fake camera and screen): one page sends a camera and a screen, other
// pages watch them on demand. Frames are decoded at the size sent, and only viewers get consumers
// (checked on the server's objects and in the worker's dump).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { pageApi, type Remote, waitForPageApi } from '@voxlay/testing/page-api';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { startTestApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';
import { dumpedConsumersOf, streamConsumers } from '../integration/helpers/video.js';
import type { VideoPageApi, VideoStats } from './video-page-api.js';

const VIDEO_PAGE = fileURLToPath(new URL('./pages/video-page.ts', import.meta.url));

describe('video between Chromium pages', () => {
  let app: VoxlayApp;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  let channelId: string;

  async function openVideoPage(label: string): Promise<Remote<VideoPageApi>> {
    const page = await chromium.openPage(pages.url, label);
    await waitForPageApi(page);
    return pageApi<VideoPageApi>(page, 'video');
  }

  beforeAll(async () => {
    app = await startTestApp();
    channelId = app.channels.defaultChannel.id;
    pages = await startPageServer(await bundleBrowserEntry(VIDEO_PAGE));
    chromium = await ChromiumHarness.launch();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    await app?.stop();
  });

  /** Waits until the viewer has decoded `frames` frames of the stream at the given size. */
  const decoded = (viewer: Remote<VideoPageApi>, producerId: string, frames: number, width: number, height: number) =>
    waitFor(
      () => viewer.videoStats(producerId),
      (stats: VideoStats) => stats.framesDecoded >= frames && stats.frameWidth === width && stats.frameHeight === height,
      { message: `${frames} frames of ${width}x${height} decoded`, timeoutMs: 15_000, intervalMs: 250 },
    );

  it('a watched camera and screen reach the viewer at their size; a member who does not watch gets no consumer', async () => {
    const sender = await openVideoPage('sender');
    const viewer = await openVideoPage('viewer');
    const bystander = await openVideoPage('bystander');
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
