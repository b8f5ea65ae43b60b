// The video benchmarks' pages: the video test page (testing/src/pages/video-page.ts) in its own
// browser context, joined to a channel, and what the suites read from the frames it shows.
import type { Browser, Page } from 'playwright-core';
import { pageApi, type Remote } from '@voxlay/testing/page-api';
import { VIDEO_PAGE } from '@voxlay/testing/pages';
import type { ShownFrame, VideoPageApi } from '@voxlay/testing/pages/video-api';
import type { VoxlayApp } from '../../server/src/app.js';
import { closePage, openBenchPage, pageServerFor } from './browser.js';
import { withTimeout } from './config.js';

export interface VideoBenchPage {
  page: Page;
  video: Remote<VideoPageApi>;
  participantId: string;
  /** Leaves the channel (if it can) and closes the page's context. */
  close(): Promise<void>;
}

/** A video page joined to the app's default channel as `name`. */
export async function joinedVideoPage(browser: Browser, app: VoxlayApp, name: string): Promise<VideoBenchPage> {
  const { url } = await pageServerFor(VIDEO_PAGE);
  const page = await openBenchPage(browser, url, name, { mic: 'device' });
  const video = pageApi<VideoPageApi>(page, 'video');
  try {
    const { participantId } = await withTimeout(video.join(app.url, app.channels.defaultChannel.id, name), 20_000, `${name} joins`);
    return {
      page,
      video,
      participantId,
      async close() {
        await withTimeout(video.leave(), 5_000, `${name} leaves`).catch(() => undefined);
        await closePage(page);
      },
    };
  } catch (error) {
    await closePage(page);
    throw error;
  }
}

/**
 * Polls `stream`'s frames shown since `since` until one satisfies `match` (at most `timeoutMs`);
 * returns it, or undefined when none came.
 */
export async function firstFrameWhere(
  viewer: Remote<VideoPageApi>,
  stream: string,
  since: number,
  match: (frame: ShownFrame) => boolean,
  timeoutMs = 10_000,
): Promise<ShownFrame | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = (await viewer.frames(stream, since)).find(match);
    if (frame || Date.now() > deadline) return frame;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The codecs (mimeType) of every inbound video stream on the page's RTCPeerConnections (the bench init script lists them). */
export function inboundVideoCodecs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const codecs = new Set<string>();
    for (const pc of window.__benchPcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; kind?: string; codecId?: string }) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video' || !s.codecId) return;
        const codec = report.get(s.codecId) as { mimeType?: string } | undefined;
        if (codec?.mimeType) codecs.add(codec.mimeType);
      });
    }
    return [...codecs].sort();
  });
}
