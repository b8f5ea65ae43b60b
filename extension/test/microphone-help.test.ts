// The listen-only notice in the extension explains the extension's own microphone permission (the
// toolbar button's "Allow the microphone", the permission page, the browser's settings for the
// extension), never the PWA's "address bar" words: a real call joined from the popup with the
// extension origin's microphone denied, and the overlay expanded on an ordinary page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../server/src/app.js';
import { defaultChannelId, startVoxlay } from '@voxlay/testing/pwa';
import { extensionMicrophoneHelp } from '../utils/microphoneHelp';
import { type ExtensionBrowser, joinFromPopup, launchExtension, setMicrophonePermission, setPrefs, startSite } from './harness.js';

describe('the extension’s microphone help', () => {
  let app: VoxlayApp;
  let site: Awaited<ReturnType<typeof startSite>>;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    app = await startVoxlay();
    site = await startSite();
    // Without the fake prompt: the extension origin's real permission decides (denied below).
    ext = await launchExtension({ permissionPrompts: true });
  });

  afterAll(async () => {
    await ext?.close();
    await site?.stop();
    await app?.stop();
  });

  it('names the extension’s permission flow for every microphone failure, and never the address bar', () => {
    for (const code of ['MICROPHONE_DENIED', 'MICROPHONE_DISMISSED', 'MICROPHONE_ERROR']) {
      const help = extensionMicrophoneHelp(code);
      expect(help, code).toContain('Allow the microphone');
      expect(help, code).toContain('Voxlay toolbar button');
      expect(help, code).not.toMatch(/address bar/i);
    }
    // No microphone, or a busy one: core's words (no permission involved) stay.
    expect(extensionMicrophoneHelp('MICROPHONE_NOT_FOUND')).toBeUndefined();
    expect(extensionMicrophoneHelp('MICROPHONE_BUSY')).toBeUndefined();
  });

  it('shows those words in the overlay when the extension’s microphone is blocked', async () => {
    await setMicrophonePermission(ext, 'denied');
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    const tab = ext.context.pages()[0] ?? (await ext.context.newPage());
    await tab.goto(`${site.url}/plain.html`);
    const popup = await ext.openPopup();
    await joinFromPopup(popup, 'Ext', await defaultChannelId(app)); // joins listen-only
    await popup.close();
    await tab.bringToFront();
    await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
    await tab.getByTestId('overlay-expand').click();
    const notice = tab.getByTestId('microphone-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('data-code')).toBe('MICROPHONE_DENIED');
    const text = (await notice.textContent()) ?? '';
    console.log(`[microphone help] ${text}`);
    expect(text).toContain('belongs to the Voxlay extension');
    expect(text).toContain('Allow the microphone');
    expect(text).not.toMatch(/address bar/i);
  });
});
