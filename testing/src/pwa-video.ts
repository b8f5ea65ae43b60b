// Video in the browser tests of the PWA (and of the extension, whose viewer is a PWA): what a page decodes in its stream tiles (inbound-rtp of the tile's
// track), what it shares, and who has video consumers on the server.
import type { Page } from 'playwright-core';
import type { VoxlayApp } from '@voxlay/testing/server';

export interface VideoIn {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

/** The page's inbound video streams (every RTCPeerConnection it made), by track id. */
export function inboundVideo(page: Page): Promise<Record<string, VideoIn>> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __voxlayPcs?: RTCPeerConnection[] }).__voxlayPcs ?? [];
    const out: Record<string, VideoIn> = {};
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const receiver of pc.getReceivers()) {
        if (receiver.track.kind !== 'video' || receiver.track.readyState !== 'live') continue;
        (await receiver.getStats()).forEach((s: { type: string } & Partial<VideoIn>) => {
          if (s.type !== 'inbound-rtp') return;
          out[receiver.track.id] = { framesDecoded: s.framesDecoded ?? 0, frameWidth: s.frameWidth ?? 0, frameHeight: s.frameHeight ?? 0 };
        });
      }
    }
    return out;
  });
}

/** The stats of the video playing in the page's tile of `source` (null while it plays nothing). */
export async function tileVideo(page: Page, source: 'camera' | 'screen'): Promise<(VideoIn & { videoWidth: number }) | null> {
  const tile = await page
    .locator(`[data-testid="stream-tile"][data-source="${source}"] video`)
    .evaluate((v: HTMLVideoElement) => ({
      trackId: (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.id ?? '',
      videoWidth: v.videoWidth,
    }))
    .catch(() => null);
  if (!tile?.trackId) return null;
  const stats = (await inboundVideo(page))[tile.trackId];
  return stats ? { ...stats, videoWidth: tile.videoWidth } : null;
}

/** The size of the screen track the page shares (the fake screen gives the largest size asked for). */
export function sharedScreenSize(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const pcs = (window as unknown as { __voxlayPcs?: RTCPeerConnection[] }).__voxlayPcs ?? [];
    const track = pcs.flatMap((pc) => pc.getSenders()).find((s) => s.track?.contentHint === 'detail')?.track;
    const { width = 0, height = 0 } = track?.getSettings() ?? {};
    return { width, height };
  });
}

/** A participant's consumers of video streams on the server, by source, with their preferred spatial layer. */
export function videoConsumers(
  app: VoxlayApp,
  channelId: string,
  name: string,
): { source: string; spatialLayer: number | null; paused: boolean }[] {
  const participant = app.channels.get(channelId)?.participants.find((p) => p.displayName === name);
  return (participant?.consumers ?? [])
    .filter((c) => c.kind === 'video' && !c.closed)
    .map((c) => ({ source: String(c.appData.source), spatialLayer: c.preferredLayers?.spatialLayer ?? null, paused: c.paused }));
}
