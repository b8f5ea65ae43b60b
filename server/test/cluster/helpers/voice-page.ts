// Driving pages/core-voice-page.ts (core's Channel in Chromium) from a cluster test: join through a
// node, read its state and its inbound audio, and wait until it hears audio.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sleep } from '@voxlay/testing/wait';

export interface VoiceStats {
  connections: number;
  bytesReceived: number;
  packetsReceived: number;
  audioLevel: number;
}

export interface VoiceState {
  connectionState: string;
  url: string | null;
  channelId: string | null;
  participantId: string | null;
}

interface CoreVoice {
  join(url: string, channelId: string, displayName: string): Promise<{ url: string }>;
  stats(since: number): Promise<VoiceStats>;
  state(): VoiceState;
}

/** Waits for the page's bundle, then joins `channelId` through `nodeUrl`; resolves with the node it ended up on. */
export async function joinVoice(page: Page, nodeUrl: string, channelId: string, name: string): Promise<{ url: string }> {
  await page.waitForFunction(() => (window as unknown as { coreVoiceReady?: boolean }).coreVoiceReady === true);
  return page.evaluate(([url, id, displayName]) => (window as unknown as { coreVoice: CoreVoice }).coreVoice.join(url, id, displayName), [
    nodeUrl,
    channelId,
    name,
  ] as const);
}

/** Inbound audio of the page's RTCPeerConnections created at or after `since` (epoch ms). */
export const voiceStats = (page: Page, since = 0): Promise<VoiceStats> =>
  page.evaluate((from) => (window as unknown as { coreVoice: CoreVoice }).coreVoice.stats(from), since);

export const voiceState = (page: Page): Promise<VoiceState> =>
  page.evaluate(() => (window as unknown as { coreVoice: CoreVoice }).coreVoice.state());

/**
 * Waits (bounded) for packets on connections created since `since`, then checks over 2 s that bytes
 * grow and the level rises. Resolves with when the first packets were seen.
 */
export async function expectHearing(page: Page, since = 0, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  let first = await voiceStats(page, since);
  while (first.packetsReceived === 0 && Date.now() - started < timeoutMs) {
    await sleep(50);
    first = await voiceStats(page, since);
  }
  const heardAt = Date.now();
  expect(first.packetsReceived).toBeGreaterThan(0);
  let level = first.audioLevel;
  let last = first;
  for (let i = 0; i < 10; i++) {
    await sleep(200);
    last = await voiceStats(page, since);
    level = Math.max(level, last.audioLevel);
  }
  expect(last.bytesReceived).toBeGreaterThan(first.bytesReceived);
  expect(level).toBeGreaterThan(0);
  return heardAt;
}
