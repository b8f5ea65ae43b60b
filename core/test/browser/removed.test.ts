// The product client when the server removes its participant for good (issue 12): the same identity
// joining from another device, or the channel being deleted. Real server (token mode), real Chromium
// pages with core's Channel: the removed session ends Disconnected with an error saying why and
// does not join again (which would take the channel back from the other device).
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { mintToken } from '../../../server/src/auth/tokens.js';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { pageApi, type Remote, waitForPageApi } from '@voxlay/testing/page-api';
import { startTestApp } from '@voxlay/testing/server';
import { sleep, waitFor } from '@voxlay/testing/wait';

const PAGE = fileURLToPath(new URL('../pages/voice-session.ts', import.meta.url));
const SECRET = 'core-removed-test-secret-long-enough!!';

interface SessionView {
  connectionState: string;
  participantId: string | null;
  error: { code: string; message: string } | null;
  states: string[];
}
interface VoiceSessionPage {
  join(serverUrl: string, token: string, channelId: string): Promise<void>;
  state(): SessionView;
  close(): void;
}

describe('a Channel the server removes', () => {
  let app: VoxlayApp;
  let chromium: ChromiumHarness;
  let pages: PageServer;
  const opened: Page[] = [];

  const token = (
    subject: string,
    rights: Array<'join' | 'publish' | 'subscribe' | 'create' | 'admin'> = ['join', 'publish', 'subscribe'],
  ) => mintToken({ jwtSecret: SECRET }, { subject, name: subject, channels: '*', rights, ttlSeconds: 600 });

  async function openSession(label: string): Promise<Remote<VoiceSessionPage>> {
    const page = await chromium.openPage(pages.url, label);
    opened.push(page);
    await waitForPageApi(page);
    return pageApi<VoiceSessionPage>(page, 'voiceSession');
  }

  /** Waits for Disconnected, then checks the session stays so (no rejoin) for a while. */
  async function expectRemoved(session: Remote<VoiceSessionPage>, code: string): Promise<SessionView> {
    const removed = await waitFor(
      () => session.state(),
      (state) => state.connectionState === 'disconnected',
      10_000,
    );
    expect(removed.error?.code).toBe(code);
    await sleep(3000);
    const later = await session.state();
    expect(later.connectionState).toBe('disconnected');
    expect(later.states.slice(later.states.lastIndexOf('disconnected'))).toEqual(['disconnected']);
    expect(later.states).not.toContain('reconnecting');
    return later;
  }

  beforeAll(async () => {
    app = await startTestApp({
      disconnectGraceMs: 500,
      authMode: 'token',
      jwtSecret: SECRET,
      // The test page is served from its own loopback port.
      allowedOrigins: ['*'],
    });
    [chromium, pages] = await Promise.all([ChromiumHarness.launch(), bundleBrowserEntry(PAGE).then(startPageServer)]);
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await pages?.close();
    await app?.stop();
  });

  it('stops with PARTICIPANT_REPLACED when the same identity joins from another device, and leaves that device in the channel', async () => {
    const jwt = await token('alice');
    const lobby = app.channels.defaultChannel.id;
    const laptop = await openSession('laptop');
    await laptop.join(app.url, jwt, lobby);
    const phone = await openSession('phone');
    await phone.join(app.url, jwt, lobby);

    const removed = await expectRemoved(laptop, 'PARTICIPANT_REPLACED');
    expect(removed.error?.message).toMatch(/another device/);
    const kept = await phone.state();
    expect(kept.connectionState).toBe('connected');
    expect(app.channels.defaultChannel.participants.map((participant) => participant.id)).toEqual([kept.participantId]);
  });

  it('stops with CHANNEL_DELETED when its channel is deleted', async () => {
    const room = await app.channels.create('Doomed', { creator: { subject: 'ops', address: null } });
    const bob = await openSession('bob');
    await bob.join(app.url, await token('bob'), room.id);
    await waitFor(
      () => bob.state(),
      (state) => state.connectionState === 'connected',
      10_000,
    );
    app.channels.delete(room.id, 'deleted');
    await expectRemoved(bob, 'CHANNEL_DELETED');
    expect(app.channels.participantCount).toBe(1); // alice's phone, from the test before
  });
});
