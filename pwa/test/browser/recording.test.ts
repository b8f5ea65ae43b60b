// Consent in the PWA: a channel being recorded says so in the lobby before Join (live, from
// lobbyEvents), and in the channel for as long as the recording runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { Browsers, startVoxlay } from '@voxlay/testing/pwa';
import { postGraphQL } from '@voxlay/testing/server';

describe('recording in the PWA', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxlay-rec-pwa-'));
    app = await startVoxlay({ recordingsDir: dir });
    browsers = await Browsers.launch();
    page = await browsers.open(app.url, 'rita');
    await page.getByTestId('channel-item').first().waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browsers?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells before Join that the channel is recorded, shows Recording in the channel, and drops it when the recording stops', async () => {
    const lobby = app.channels.defaultChannel.id;
    const item = page.locator(`[data-channel-id="${lobby}"]`);
    expect(await item.getByTestId('channel-recording').count()).toBe(0);

    expect((await postGraphQL(app, 'mutation($id: ID!) { startRecording(channelId: $id) { id } }', { id: lobby })).errors).toBeUndefined();
    const notice = item.getByTestId('channel-recording');
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.textContent()).toContain('Recording');

    await page.getByTestId('lobby-display-name').fill('Rita');
    await item.getByTestId('join-button').click();
    const indicator = page.getByTestId('recording-indicator');
    await indicator.waitFor({ timeout: 15_000 });
    expect(await indicator.getAttribute('role')).toBe('status');
    expect(await indicator.textContent()).toContain('Recording');

    expect((await postGraphQL(app, 'mutation($id: ID!) { stopRecording(channelId: $id) { id } }', { id: lobby })).errors).toBeUndefined();
    await indicator.waitFor({ state: 'detached', timeout: 5_000 });
  });
});
