// What a user sees when things go wrong, and what the others see of them, with real Chromium pages
// on the real server:
//   - a microphone the browser refuses (headless Chromium without the fake permission UI answers
//     NotAllowedError, as a blocked site does): listen-only for the user and for the others, a Retry
//     that works once the permission is granted, without rejoining, and the others then hear them;
//   - deafened, push-to-talk idle and muted look different to the others, and the server's view of
//     a participant's connection quality shows as bars;
//   - the device offline: 'Offline', not 'Server unreachable';
//   - ICE broken while signaling is up: "Connecting audio…" instead of "Connected" until ICE restarts;
//   - the server stopped mid-call: "Server unreachable" (not "Reconnecting…" alone), the last list
//     marked stale, no "Transmitting"; back to Connected when it returns on the same port;
//   - the server away past the give-up time: "gave up" with a Rejoin button (no retries behind the
//     user's back); once it is back, Rejoin joins again and the others hear the user.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig, VoxlayApp } from '../../../server/src/app.js';
import { AUDIBLE_LEVEL } from '@voxlay/testing/audible';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@voxlay/testing/chromium';
import {
  audioStats,
  Browsers,
  defaultChannelId,
  ensurePwaBuilt,
  joinThroughUi,
  PWA_DIST,
  screenshotPath,
  waitUntilHeard,
} from '@voxlay/testing/pwa';
import { freePort } from '@voxlay/testing/ports';
import { muteDroppedSocketLogs } from '@voxlay/testing/quiet';
import { startTestApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';

function startServer(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
  ensurePwaBuilt();
  return startTestApp({ disconnectGraceMs: 5_000, staticDir: PWA_DIST, ...overrides });
}

/** The row of `name` on `page`: its data-status (participantStatus) and the other flags the UI shows. */
async function rowOf(
  page: Page,
  name: string,
): Promise<{ status: string; stale: string; quality: string | null; text: string } | undefined> {
  const rows = await page.locator('[data-testid="participant"]').evaluateAll((elements) =>
    elements.map((row) => ({
      name: row.querySelector('[data-testid="participant-name"]')?.textContent?.trim() ?? '',
      status: row.getAttribute('data-status') ?? '',
      stale: row.getAttribute('data-stale') ?? '',
      quality: row.querySelector('[data-testid="quality"]')?.getAttribute('data-level') ?? null,
      text: row.querySelector('[data-testid="participant-status-text"]')?.textContent ?? '',
    })),
  );
  return rows.find((row) => row.name === name);
}

const statusOf = async (page: Page, name: string): Promise<string> => (await rowOf(page, name))?.status ?? '';

describe('trouble and participant states in the PWA', () => {
  let app: VoxlayApp | undefined;
  let port: number;
  let browsers: Browsers;
  /** A Chromium without --use-fake-ui-for-media-stream: a microphone request is refused unless granted. */
  let strict: Browser;
  let bobContext: BrowserContext;
  let alice: Page;
  let bob: Page;
  let channelId: string;

  beforeAll(async () => {
    muteDroppedSocketLogs();
    port = await freePort();
    app = await startServer({ port });
    channelId = await defaultChannelId(app);
    browsers = await Browsers.launch();
    strict = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
    });
    alice = await browsers.open(app.url, 'alice');
    await joinThroughUi(alice, 'Alice', channelId);
    bobContext = await strict.newContext({ viewport: { width: 1280, height: 800 } });
    bob = await bobContext.newPage();
    bob.on('pageerror', (err) => console.error('[bob] page error:', err.message));
    await bob.goto(app.url);
  });

  afterAll(async () => {
    await bobContext?.close().catch(() => undefined);
    await strict?.close().catch(() => undefined);
    await browsers?.close();
    await app?.stop();
  });

  it('a refused microphone: listen-only for the user and the others, with Retry; granting it later recovers without rejoining and the others hear it', async () => {
    await joinThroughUi(bob, 'Bob', channelId);
    // Bob: told what happened and what to do, with a Retry; not a raw error next to a live Mute.
    const notice = bob.getByTestId('microphone-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(['MICROPHONE_DENIED', 'MICROPHONE_DISMISSED']).toContain(await notice.getAttribute('data-code'));
    expect(await notice.textContent()).toMatch(/Listen-only/);
    expect(await notice.textContent()).toMatch(/address bar/);
    expect(await bob.getByTestId('session-error').count()).toBe(0);
    expect(await bob.getByTestId('transmitting').getAttribute('data-tx')).toBe('listen-only');
    expect(await statusOf(bob, 'Bob')).toBe('listen-only');
    await bob.screenshot({ path: screenshotPath('trouble-listen-only') });
    // Alice sees Bob as listen-only (not "muted"), and so does the server.
    expect(
      await waitFor(
        () => statusOf(alice, 'Bob'),
        (s) => s === 'listen-only',
        10_000,
      ),
    ).toBe('listen-only');
    const bobOnServer = app!.channels.defaultChannel.participants.find((p) => p.displayName === 'Bob');
    expect(bobOnServer?.listenOnly).toBe(true);
    const bobId = bobOnServer!.id;
    const aliceBytesBefore = (await audioStats(alice)).bytesReceived;

    // The user allows the microphone in the browser, then presses Retry.
    await bobContext.grantPermissions(['microphone'], { origin: app!.url });
    await bob.getByTestId('microphone-retry').click();
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    expect(
      await waitFor(
        () => bob.getByTestId('transmitting').getAttribute('data-transmitting'),
        (t) => t === 'true',
        10_000,
      ),
    ).toBe('true');
    // Everyone's view updates; the same participant (no rejoin) now sends, and Alice hears it.
    expect(
      await waitFor(
        () => statusOf(alice, 'Bob'),
        (s) => s !== 'listen-only',
        10_000,
      ),
    ).not.toBe('listen-only');
    const bobNow = app!.channels.defaultChannel.participants.find((p) => p.displayName === 'Bob');
    expect(bobNow?.id).toBe(bobId);
    expect(bobNow?.listenOnly).toBe(false);
    const received = await waitFor(
      async () => (await audioStats(alice)).bytesReceived - aliceBytesBefore,
      (bytes) => bytes > 2_000,
      15_000,
    );
    expect(received, 'audio bytes Alice received from Bob after the retry').toBeGreaterThan(2_000);
    const levels = await waitUntilHeard(alice, app!, channelId, 'Alice', ['Bob'], 15_000);
    expect(levels.Bob, 'Alice hears Bob (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
  });

  it('deafened, push-to-talk idle and muted look different to the others, and the server-side quality shows as bars', async () => {
    // Quality as the server receives Alice (graded every 2 s while she sends).
    const quality = await waitFor(
      async () => (await rowOf(bob, 'Alice'))?.quality ?? null,
      (q) => q === 'good' || q === 'fair',
      15_000,
    );
    expect(['good', 'fair']).toContain(quality);
    expect(await alice.getByTestId('voice-panel').locator('header [data-testid="quality"]').getAttribute('aria-label')).toMatch(
      /Your connection/,
    );

    await alice.getByTestId('deafen-button').click();
    expect(
      await waitFor(
        () => statusOf(bob, 'Alice'),
        (s) => s === 'deafened',
        10_000,
      ),
    ).toBe('deafened');
    expect((await rowOf(bob, 'Alice'))?.text).toMatch(/deafened/);
    await alice.getByTestId('deafen-button').click();
    await waitFor(
      () => statusOf(bob, 'Alice'),
      (s) => s !== 'deafened',
      10_000,
    );

    await alice.getByTestId('mode-push-to-talk').check();
    expect(
      await waitFor(
        () => statusOf(bob, 'Alice'),
        (s) => s === 'push-to-talk-idle',
        10_000,
      ),
    ).toBe('push-to-talk-idle');
    expect(await alice.getByTestId('transmitting').getAttribute('data-tx')).toBe('push-to-talk-idle');

    await alice.getByTestId('mute-button').click();
    expect(
      await waitFor(
        () => statusOf(bob, 'Alice'),
        (s) => s === 'muted',
        10_000,
      ),
    ).toBe('muted');
    await alice.getByTestId('mute-button').click();
    await alice.getByTestId('mode-always-on').check();
    expect(
      await waitFor(
        () => statusOf(bob, 'Alice'),
        (s) => s === 'speaking' || s === 'idle',
        10_000,
      ),
    ).toMatch(/speaking|idle/);
  });

  it('the device goes offline: "Offline" (not "Server unreachable"), and back to Connected with the network', async () => {
    await bobContext.setOffline(true);
    const trouble = bob.getByTestId('trouble');
    expect(
      await waitFor(
        () => trouble.getAttribute('data-kind').catch(() => null),
        (k) => k === 'offline',
        10_000,
      ),
    ).toBe('offline');
    expect(await bob.getByTestId('connection-state').textContent()).toMatch(/Offline/);
    expect(await trouble.textContent()).toMatch(/no network/);
    await bob.screenshot({ path: screenshotPath('trouble-offline') });
    await bobContext.setOffline(false);
    await bob.locator('[data-testid="connection-state"][data-state="connected"]:not([data-trouble])').waitFor({ timeout: 20_000 });
  });

  it('signaling up but ICE broken: the badge stops saying "Connected" (Connecting audio…) until the ICE restart brings the audio back', async () => {
    // Record every trouble the page's badge shows.
    await alice.evaluate(() => {
      const w = window as unknown as { __troubles?: string[] };
      w.__troubles = [];
      new MutationObserver(() => {
        const badge = document.querySelector('[data-testid="connection-state"]');
        const kind = badge?.getAttribute('data-trouble') ?? 'none';
        if (w.__troubles!.at(-1) !== kind) w.__troubles!.push(`${kind}:${badge?.textContent ?? ''}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const aliceOnServer = app!.channels.defaultChannel.participants.find((p) => p.displayName === 'Alice')!;
    // Two ICE restarts on the server without telling the browser: its consent checks fail (as faults.test.ts does).
    for (const transport of aliceOnServer.transports) {
      await transport.restartIce();
      await transport.restartIce();
    }
    const troubles = await waitFor(
      () => alice.evaluate(() => (window as unknown as { __troubles: string[] }).__troubles),
      (list) => list.some((t) => t.startsWith('media-connecting')) && list.at(-1)?.startsWith('none') === true,
      30_000,
    );
    expect(troubles.find((t) => t.startsWith('media-connecting'))).toMatch(/Connecting audio/);
    expect(await alice.getByTestId('connection-state').textContent()).toMatch(/Connected/);
    // Restored by the ICE restart: the same participant.
    expect(app!.channels.defaultChannel.participants.find((p) => p.displayName === 'Alice')?.id).toBe(aliceOnServer.id);
  });

  it('the server stopped mid-call: "Server unreachable" with the last list marked stale and nothing transmitting, then connected again', async () => {
    await app!.stop();
    app = undefined;
    for (const page of [alice, bob]) {
      const trouble = page.getByTestId('trouble');
      await trouble.waitFor({ timeout: 10_000 });
      expect(
        await waitFor(
          () => trouble.getAttribute('data-kind'),
          (k) => k === 'server-unreachable',
          10_000,
        ),
      ).toBe('server-unreachable');
      expect(await page.getByTestId('connection-state').textContent()).toMatch(/Server unreachable/);
      expect(await trouble.textContent()).toMatch(/Giving up in \d+ s/);
      const rows = await page.locator('[data-testid="participant"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-stale')));
      expect(rows.length).toBe(2);
      expect(rows.every((stale) => stale === 'true')).toBe(true);
      expect(await page.getByTestId('transmitting').getAttribute('data-transmitting')).toBe('false');
    }
    await alice.screenshot({ path: screenshotPath('trouble-server-unreachable') });
    app = await startServer({ port });
    for (const page of [alice, bob]) {
      await page.locator('[data-testid="connection-state"][data-state="connected"]:not([data-trouble])').waitFor({ timeout: 20_000 });
      await page.getByTestId('trouble').waitFor({ state: 'detached', timeout: 10_000 });
    }
    expect(
      await waitFor(
        () => statusOf(alice, 'Bob'),
        (s) => s !== '',
        10_000,
      ),
    ).not.toBe('');
    expect((await rowOf(alice, 'Bob'))?.stale).toBe('false');
  });
  it('the server away past the give-up time: "gave up" with a Rejoin button and the list kept stale; when it is back, Rejoin joins again and the others hear the user', async () => {
    // Bob's page runs on a clock the test moves (Playwright's clock; Alice's runs as usual): the
    // Channel's own give-up time (reconnectTimeoutMs, 60 s by default) passes in one jump, as for a
    // laptop whose lid was closed for a minute. Every timer due meanwhile fires once.
    await bobContext.clock.install();
    await app!.stop();
    app = undefined;
    const trouble = bob.getByTestId('trouble');
    const kindOf = (page: Page) => () =>
      page
        .getByTestId('trouble')
        .getAttribute('data-kind', { timeout: 1_000 })
        .catch(() => null);
    expect(await waitFor(kindOf(bob), (k) => k === 'server-unreachable', 10_000)).toBe('server-unreachable');
    await bobContext.clock.fastForward('01:01');
    expect(await waitFor(kindOf(bob), (k) => k === 'gave-up', 10_000)).toBe('gave-up');
    expect(await trouble.getAttribute('data-code')).toBe('RECONNECT_FAILED');
    expect(await trouble.textContent()).toMatch(/gave up reconnecting/);
    expect(await bob.getByTestId('connection-state').getAttribute('data-state')).toBe('disconnected');
    expect(await bob.getByTestId('connection-state').textContent()).toMatch(/Disconnected/);
    await bob.getByTestId('rejoin-button').waitFor({ state: 'visible', timeout: 5_000 });
    const rows = await bob.locator('[data-testid="participant"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-stale')));
    expect(rows).toEqual(['true', 'true']);
    await bob.screenshot({ path: screenshotPath('trouble-gave-up') });
    // Alice's clock was not moved: she is still trying.
    expect(await kindOf(alice)()).toBe('server-unreachable');

    app = await startServer({ port });
    await alice.locator('[data-testid="connection-state"][data-state="connected"]:not([data-trouble])').waitFor({ timeout: 20_000 });
    // Bob gave up: nothing rejoins behind his back, even with the server back and his WebSocket up again.
    expect(await waitFor(kindOf(bob), (k) => k === 'gave-up', 2_000)).toBe('gave-up');
    expect(app.channels.defaultChannel.participants.map((p) => p.displayName)).toEqual(['Alice']);
    const aliceBytesBefore = (await audioStats(alice)).bytesReceived;

    await bob.getByTestId('rejoin-button').click();
    await bob.locator('[data-testid="connection-state"][data-state="connected"]:not([data-trouble])').waitFor({ timeout: 20_000 });
    await trouble.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await rowOf(bob, 'Alice'))?.stale).toBe('false');
    expect(app.channels.defaultChannel.participants.map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
    // Audio flows again: Alice receives Bob's packets and hears him.
    const received = await waitFor(
      async () => (await audioStats(alice)).bytesReceived - aliceBytesBefore,
      (bytes) => bytes > 2_000,
      15_000,
    );
    expect(received, 'audio bytes Alice received after Bob rejoined').toBeGreaterThan(2_000);
    const levels = await waitUntilHeard(alice, app, channelId, 'Alice', ['Bob'], 15_000);
    expect(levels.Bob, 'Alice hears Bob after his Rejoin (audio level)').toBeGreaterThan(AUDIBLE_LEVEL);
  });
});
