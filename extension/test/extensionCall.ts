// The setup every extension call test shares: a Voxlay server, a local site open in the extension's
// browser, a PWA user ("Bob") joined in another browser, and (optionally) the extension joined from
// its popup as "Ext" with the overlay showing both.
import type { Page } from 'playwright-core';
import type { VoxlayApp } from '../../server/src/app.js';
import { Browsers, defaultChannelId, joinThroughUi, startVoxlay } from '@voxlay/testing/pwa';
import { waitFor } from '@voxlay/testing/wait';
import { joinFromPopup, launchExtension, overlayRows, setPrefs, startSite, type ExtensionBrowser } from './harness.js';

export interface ExtensionCall {
  app: VoxlayApp;
  site: { url: string; stop(): Promise<void> };
  ext: ExtensionBrowser;
  browsers: Browsers;
  channelId: string;
  /** The extension browser's tab, showing `${site.url}/plain.html`. */
  tab: Page;
  /** The PWA page of the other participant, joined as Bob. */
  bob: Page;
  stop(): Promise<void>;
}

export interface ExtensionCallOptions {
  /** Join the extension from its popup (and wait for both rows in the overlay); default true. */
  joinExtension?: boolean;
}

export async function startExtensionCall({ joinExtension = true }: ExtensionCallOptions = {}): Promise<ExtensionCall> {
  const started: Partial<ExtensionCall> = {};
  const stop = async (): Promise<void> => {
    await started.browsers?.close();
    await started.ext?.close();
    await started.site?.stop();
    await started.app?.stop();
  };
  try {
    const app = await startVoxlay();
    started.app = app;
    const site = await startSite();
    started.site = site;
    const ext = await launchExtension();
    started.ext = ext;
    const browsers = await Browsers.launch();
    started.browsers = browsers;
    const channelId = await defaultChannelId(app);
    await setPrefs(ext, { 'voxlay.serverUrl': app.url });
    const tab = ext.context.pages()[0] ?? (await ext.context.newPage());
    await tab.goto(`${site.url}/plain.html`);
    const bob = await browsers.open(app.url, 'bob');
    await joinThroughUi(bob, 'Bob', channelId);
    if (joinExtension) {
      const popup = await ext.openPopup();
      await joinFromPopup(popup, 'Ext', channelId);
      await popup.close();
      await tab.bringToFront();
      await tab.getByTestId('voxlay-overlay').waitFor({ timeout: 10_000 });
      await waitFor(
        () => overlayRows(tab),
        (rows) => rows.length === 2,
        15_000,
      );
    }
    return { app, site, ext, browsers, channelId, tab, bob, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
