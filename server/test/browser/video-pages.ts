// What the video browser tests share: a test server, the video page (testing/src/pages/video-page.ts)
// served and bundled once, and one Chromium whose pages each get their own context.
import { afterAll, beforeAll } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { pageApi, type Remote, waitForPageApi } from '@voxlay/testing/page-api';
import { VIDEO_PAGE } from '@voxlay/testing/pages';
import type { VideoPageApi } from '@voxlay/testing/pages/video-api';
import { startPageServer } from '@voxlay/testing/page-server';
import { startTestApp } from '@voxlay/testing/server';

export interface VideoPages {
  app: VoxlayApp;
  /** A fresh video page (window.video), loaded. */
  open(label: string): Promise<Remote<VideoPageApi>>;
  /** Closes Chromium, the page server and the app. */
  close(): Promise<void>;
}

export async function startVideoPages(): Promise<VideoPages> {
  const app = await startTestApp();
  const pages = await startPageServer(await bundleBrowserEntry(VIDEO_PAGE));
  const chromium = await ChromiumHarness.launch();
  return {
    app,
    async open(label) {
      const page = await chromium.openPage(pages.url, label);
      await waitForPageApi(page);
      return pageApi<VideoPageApi>(page, 'video');
    },
    async close() {
      await chromium.close();
      await pages.close();
      await app.stop();
    },
  };
}

/** Starts the video pages before the tests of the calling file and closes them after; the getter is for inside tests. */
export function useVideoPages(): () => VideoPages {
  let bed: VideoPages | undefined;
  beforeAll(async () => {
    bed = await startVideoPages();
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
  });
  return () => {
    if (!bed) throw new Error('the video pages are not started');
    return bed;
  };
}
