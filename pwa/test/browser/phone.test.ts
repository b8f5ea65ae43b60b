// The PWA as a phone app (Chromium with touch and a phone's viewport), against the real server: the
// call in the Media Session (the channel as the title; mute and leave from the lock screen or the
// notification, through the handlers the page registered), the screen kept on during a call when
// asked, touch targets of at least 44 px, nothing overflowing sideways upright or on its side, and
// switching channel in one step from the Channels sheet (the sidebar is hidden during a call).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browsers,
  defaultChannelId,
  joinThroughUi,
  PHONE,
  participantCount,
  participantRows,
  rowOf,
  startVoxlay,
  type Viewport,
  waitUntilHeard,
} from '@voxlay/testing/pwa';
import { postGraphQL, type VoxlayApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';

const UPRIGHT: Viewport = { width: 412, height: 915 };
const ON_ITS_SIDE: Viewport = { width: 915, height: 412 };
const MIN_TARGET = 44;

/**
 * Records what the page gives the browser's Media Session and Screen Wake Lock: the action handlers
 * the browser accepted (what its notification / lock screen would call), the microphone indicator,
 * and every wake lock sentinel granted.
 */
const RECORD_PHONE_APIS = `(() => {
  const session = navigator.mediaSession;
  if (session && !window.__mediaSessionHandlers) {
    const handlers = {};
    window.__mediaSessionHandlers = handlers;
    const setActionHandler = session.setActionHandler.bind(session);
    session.setActionHandler = (action, handler) => { setActionHandler(action, handler); handlers[action] = handler; };
    window.__microphoneActive = [];
    if (session.setMicrophoneActive) {
      const setMicrophoneActive = session.setMicrophoneActive.bind(session);
      session.setMicrophoneActive = (active) => { window.__microphoneActive.push(active); return setMicrophoneActive(active); };
    }
  }
  if (navigator.wakeLock && !window.__wakeLocks) {
    const locks = [];
    window.__wakeLocks = locks;
    const request = navigator.wakeLock.request.bind(navigator.wakeLock);
    navigator.wakeLock.request = async (type) => { const sentinel = await request(type); locks.push(sentinel); return sentinel; };
  }
})();`;

type PhoneWindow = Window & {
  __mediaSessionHandlers?: Record<string, ((details: { action: string }) => void) | null>;
  __microphoneActive?: boolean[];
  __wakeLocks?: WakeLockSentinel[];
};

/** The Media Session as the lock screen would show it. */
const mediaSession = (page: Page) =>
  page.evaluate(() => {
    const w = window as PhoneWindow;
    const m = navigator.mediaSession.metadata;
    return {
      title: m?.title ?? null,
      artist: m?.artist ?? null,
      actions: Object.entries(w.__mediaSessionHandlers ?? {})
        .filter(([, h]) => h !== null)
        .map(([a]) => a)
        .sort(),
      microphoneActive: w.__microphoneActive?.at(-1) ?? null,
    };
  });

/** What the notification does when the user taps the action: the browser calls the page's handler. */
const tapMediaAction = (page: Page, action: string) =>
  page.evaluate((a) => {
    const handler = (window as PhoneWindow).__mediaSessionHandlers?.[a];
    if (!handler) throw new Error(`no Media Session handler for ${a}`);
    handler({ action: a });
  }, action);

/** Wake locks the page holds now (granted and not released). */
const heldWakeLocks = (page: Page) => page.evaluate(() => ((window as PhoneWindow).__wakeLocks ?? []).filter((s) => !s.released).length);

const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth);

/**
 * Visible controls smaller than MIN_TARGET in either direction. A checkbox or radio inside a label is
 * tapped through its label, so the label is its target.
 */
const smallTargets = (page: Page) =>
  page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="button"], a[href]');
    const small: string[] = [];
    for (const el of controls) {
      if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('dialog:not([open])')) continue;
      const wrapped = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') : null;
      const target = wrapped ?? el;
      const box = target.getBoundingClientRect();
      if (box.width >= min - 0.5 && box.height >= min - 0.5) continue;
      const name = el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
      small.push(
        `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
    }
    return small;
  }, MIN_TARGET);

describe('the PWA on a phone', () => {
  let app: VoxlayApp;
  let browsers: Browsers;
  let channelId: string;
  let channelName: string;

  beforeAll(async () => {
    app = await startVoxlay();
    browsers = await Browsers.launch();
    channelId = await defaultChannelId(app);
    const res = await postGraphQL(app, 'query ($id: ID!) { channel(id: $id) { name } }', { id: channelId });
    channelName = (res.data as { channel: { name: string } }).channel.name;
  });

  afterAll(async () => {
    await browsers?.close();
    await app?.stop();
  });

  it('puts the call in the Media Session: the channel as the title, mute and leave from the notification, cleared after leave', async () => {
    const alice = await browsers.open(app.url, 'alice', PHONE, [RECORD_PHONE_APIS]);
    const bob = await browsers.open(app.url, 'bob', PHONE);
    await joinThroughUi(alice, 'Alice', channelId);
    await joinThroughUi(bob, 'Bob', channelId);

    const inCall = await mediaSession(alice);
    expect(inCall).toMatchObject({ title: channelName, artist: 'Voxlay', microphoneActive: true });
    expect(inCall.actions).toEqual(['hangup', 'togglemicrophone']); // Chromium accepted both

    // Mute from the notification: Bob sees Alice muted, and the microphone indicator follows.
    await tapMediaAction(alice, 'togglemicrophone');
    await waitFor(
      () => participantRows(bob),
      (rows) => rowOf(rows, 'Alice')?.muted === true,
      5_000,
    );
    expect(await alice.getByTestId('mute-button').getAttribute('aria-pressed')).toBe('true');
    expect((await mediaSession(alice)).microphoneActive).toBe(false);
    // And unmute.
    await tapMediaAction(alice, 'togglemicrophone');
    await waitFor(
      () => participantRows(bob),
      (rows) => rowOf(rows, 'Alice')?.muted === false,
      5_000,
    );
    expect((await mediaSession(alice)).microphoneActive).toBe(true);

    // Hang up from the notification: Alice is back in the lobby, out of the channel, and the session is empty.
    await tapMediaAction(alice, 'hangup');
    await alice.getByTestId('channel-screen').waitFor({ state: 'detached', timeout: 5_000 });
    expect(
      await waitFor(
        () => participantCount(app, channelId),
        (n) => n === 1,
        5_000,
      ),
    ).toBe(1);
    expect(await mediaSession(alice)).toMatchObject({ title: null, artist: null, actions: [] });
    await alice.context().close();
    await bob.context().close();
  });

  it('keeps the screen on during a call when asked, asks again when visible again, and lets go on leave', async () => {
    const alice = await browsers.open(app.url, 'alice-screen', PHONE, [RECORD_PHONE_APIS]);
    await alice.getByTestId('lobby-settings-button').click();
    const checkbox = alice.getByTestId('keep-screen-on');
    expect(await checkbox.isChecked()).toBe(false); // off by default
    await checkbox.check();
    await alice.getByTestId('settings-close').click();
    await checkbox.waitFor({ state: 'hidden' });
    await joinThroughUi(alice, 'Alice', channelId);

    const granted = await waitFor(
      () => heldWakeLocks(alice),
      (n) => n === 1,
      5_000,
    ).catch(() => 0);
    if (granted === 0) {
      // The browser refused the lock: the setting says so in the call.
      await alice.getByTestId('settings-button').click();
      await alice.getByTestId('keep-screen-on-error').waitFor({ timeout: 5_000 });
      console.log(`[phone] wake lock refused: ${await alice.getByTestId('keep-screen-on-error').textContent()}`);
    } else {
      expect(granted).toBe(1);
      // The browser drops the lock while the page is hidden; when it is visible again the page asks again.
      await alice.evaluate(async () => {
        await (window as PhoneWindow).__wakeLocks?.at(-1)?.release();
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect(
        await waitFor(
          () => heldWakeLocks(alice),
          (n) => n === 1,
          5_000,
        ),
      ).toBe(1);
      expect(await alice.evaluate(() => (window as PhoneWindow).__wakeLocks?.length)).toBe(2);
      await alice.getByTestId('leave-button').click();
      await alice.getByTestId('channel-screen').waitFor({ state: 'detached' });
      expect(
        await waitFor(
          () => heldWakeLocks(alice),
          (n) => n === 0,
          5_000,
        ),
      ).toBe(0);
    }
    await alice.context().close();
  });

  it('switches channel in one step from the Channels sheet, upright: same live members, 44 px targets, focus kept; the other side hears in the new channel', async () => {
    const created = await postGraphQL(app, 'mutation { createChannel(input: { name: "Phone room" }) { id } }');
    const room = (created.data as { createChannel: { id: string } }).createChannel.id;
    const erin = await browsers.open(app.url, 'erin', PHONE);
    const frank = await browsers.open(app.url, 'frank', PHONE);
    await erin.setViewportSize(UPRIGHT);
    await frank.setViewportSize(UPRIGHT);
    await joinThroughUi(frank, 'Frank', room);
    await joinThroughUi(erin, 'Erin', channelId);
    expect(await erin.locator('.sidebar').isVisible()).toBe(false); // the list is hidden during the call

    const button = erin.getByTestId('channels-button');
    const box = await button.boundingBox();
    expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(MIN_TARGET - 0.5);
    const sheet = erin.getByTestId('channel-sheet');
    const focusIn = (page: Page, testId: string) =>
      page.evaluate((id) => document.activeElement?.closest(`[data-testid="${id}"]`) !== null, testId);

    // Escape closes it, and the keyboard is back on the button that opened it.
    await button.click();
    await sheet.waitFor();
    expect(await focusIn(erin, 'channel-sheet')).toBe(true);
    await erin.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    expect(await focusIn(erin, 'channels-button')).toBe(true);

    await button.click();
    // The same live members as the sidebar: Frank in Phone room, Erin marked here.
    await sheet.locator(`[data-channel-id="${room}"] [data-testid="channel-person"]`, { hasText: 'Frank' }).waitFor({ timeout: 5_000 });
    expect(await sheet.locator(`[data-channel-id="${channelId}"] [data-testid="channel-here"]`).isVisible()).toBe(true);
    expect(await smallTargets(erin)).toEqual([]);
    expect(await sidewaysOverflow(erin)).toBeLessThanOrEqual(0);

    // One tap: the sheet closes, Erin is in Phone room, and Frank hears her there.
    const started = Date.now();
    await sheet.locator(`[data-channel-id="${room}"] [data-testid="join-button"]`).click();
    await sheet.waitFor({ state: 'hidden' });
    await erin.locator('[data-testid="channel-name"]', { hasText: 'Phone room' }).waitFor();
    await erin.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
    console.log(`[phone] tap Switch → connected in the new channel: ${Date.now() - started} ms`);
    expect(await erin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('mute-button');
    expect(
      await waitFor(
        () => participantCount(app, room),
        (n) => n === 2,
        5_000,
      ),
    ).toBe(2);
    expect(app.channels.get(channelId)?.participants.some((p) => p.displayName === 'Erin')).toBe(false);
    const levels = await waitUntilHeard(frank, app, room, 'Frank', ['Erin']);
    console.log(`[phone] Frank hears Erin in Phone room: level ${levels.Erin?.toFixed(3)}`);
    await erin.context().close();
    await frank.context().close();
  });

  it('has touch targets of at least 44 px and no sideways overflow, upright and on its side, in the lobby and in a call', async () => {
    const carol = await browsers.open(app.url, 'carol', PHONE);
    const dave = await browsers.open(app.url, 'dave', PHONE);
    await carol.setViewportSize(UPRIGHT); // a touch context (PHONE) at 412x915
    await carol.getByTestId('channel-list').waitFor();

    const found: Record<string, { small: string[]; overflow: number }> = {};
    const measure = async (label: string) => {
      for (const [name, viewport] of [
        ['upright', UPRIGHT],
        ['on its side', ON_ITS_SIDE],
      ] as const) {
        await carol.setViewportSize(viewport);
        await carol.waitForTimeout(100); // a layout pass
        found[`${label}, ${name}`] = { small: await smallTargets(carol), overflow: await sidewaysOverflow(carol) };
      }
      await carol.setViewportSize(UPRIGHT);
    };

    await measure('lobby');
    await joinThroughUi(dave, 'Dave', channelId);
    await joinThroughUi(carol, 'Carol', channelId);
    await waitFor(
      () => participantRows(carol),
      (rows) => rows.length === 2,
    );
    await measure('call');
    // A participant's row opened (its volume and local mute).
    await carol.locator('[data-testid="participant"][data-local="false"] [data-testid="participant-expand"]').first().click();
    await measure('call, participant opened');

    console.log('[phone] targets and overflow', JSON.stringify(found));
    for (const [where, { small, overflow }] of Object.entries(found)) {
      expect(small, `small targets in ${where}`).toEqual([]);
      expect(overflow, `sideways overflow in ${where}`).toBeLessThanOrEqual(0);
    }
    await carol.context().close();
    await dave.context().close();
  });
});
