// Screenshots for the README, from a real run: the real server (real mediasoup worker) serving the
// built PWA, Chromium with fake microphones (a tone: speaking rings light up), people joined through
// the UI. Writes docs/screenshots/*.png. Run: npm run screenshots -w pwa (builds the PWA first).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { Browsers, defaultChannelId, joinThroughUi, participantRows, startVoxlay, type Viewport } from '@voxlay/testing/pwa';
import { postGraphQL } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const DESKTOP: Viewport = { width: 1366, height: 800 };
const PHONE: Viewport = { width: 412, height: 915 };
const LANDSCAPE: Viewport = { width: 915, height: 412 };

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // no focus ring in the picture
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = await startVoxlay();
  const browsers = await Browsers.launch();
  try {
    const lounge = await defaultChannelId(app);
    const create = async (name: string) => {
      const result = await postGraphQL(app, 'mutation ($name: String!) { createChannel(input: { name: $name }) { id } }', { name });
      return (result.data as { createChannel: { id: string } }).createChannel.id;
    };
    const raid = await create('Raid night');
    await create('Quiet study room');

    const ada = await browsers.open(app.url, 'ada', DESKTOP);
    await joinThroughUi(ada, 'Ada', lounge);
    const grace = await browsers.open(app.url, 'grace', PHONE);
    await joinThroughUi(grace, 'Grace', lounge);
    const linus = await browsers.open(app.url, 'linus', LANDSCAPE);
    await joinThroughUi(linus, 'Linus', lounge);
    await linus.getByTestId('mute-button').click();
    const alan = await browsers.open(app.url, 'alan', DESKTOP);
    await joinThroughUi(alan, 'Alan', raid);
    const visitor = await browsers.open(app.url, 'visitor', DESKTOP);
    await visitor.getByTestId('lobby-display-name').fill('Margaret');

    // Everyone listed everywhere, and somebody speaking in Ada's view.
    for (const page of [ada, grace, linus]) {
      await waitFor(
        () => participantRows(page),
        (rows) => rows.length === 3,
        15_000,
      );
    }
    await waitFor(
      () => participantRows(ada),
      (rows) => rows.some((r) => r.speaking && !r.local),
      15_000,
    );
    await visitor.locator('[data-testid="channel-person"]').nth(3).waitFor();

    await shot(ada, 'desktop-channel');
    await shot(visitor, 'desktop-lobby');
    await shot(grace, 'phone-channel');
    await shot(linus, 'phone-landscape-channel');
    await visitor.setViewportSize(PHONE);
    await shot(visitor, 'phone-lobby');
    await ada.getByTestId('settings-button').click();
    await ada.getByTestId('settings-form').waitFor();
    await shot(ada, 'desktop-settings');
  } finally {
    await browsers.close();
    await app.stop();
  }
}

await main();
