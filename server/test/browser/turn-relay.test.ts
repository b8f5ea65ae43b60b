// TURN for users behind strict networks, end to end: a real coturn on loopback (REST credentials,
// use-auth-secret), the real server configured with it, and Chromium pages running the product
// client (core's VoiceSession). A page forced to iceTransportPolicy 'relay' must hear and be heard
// through the relay; a wrong secret or no TURN at all leaves it unconnected; an ICE restart after
// its credentials expired renews them and keeps the same participant.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig, VoxlayApp } from '../../src/app.js';
import type { Participant } from '../../src/sfu/Participant.js';
import { AUDIBLE_LEVEL, meanLevel } from '@voxlay/testing/audible';
import { bundleBrowserEntry } from '@voxlay/testing/bundle';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { type CoreSessionPageApi, type CoreSessionStats, pageApi, type Remote, waitForPageApi } from '@voxlay/testing/page-api';
import { type PageServer, startPageServer } from '@voxlay/testing/page-server';
import { startTestApp } from '@voxlay/testing/server';
import { TurnServer } from '@voxlay/testing/turn';
import { sleep, waitFor } from '@voxlay/testing/wait';

const CORE_SESSION_PAGE = fileURLToPath(new URL('./pages/core-session-page.ts', import.meta.url));
/** Joins timed through the relay (and directly, for comparison). */
const TIMED_JOINS = 5;
/** How long a page that cannot connect is watched. */
const UNCONNECTED_WATCH_MS = 5_000;

type Session = Remote<CoreSessionPageApi>;

describe('TURN: a relay-only browser through a real coturn on loopback', () => {
  let turn: TurnServer;
  let chromium: ChromiumHarness;
  let pageServer: PageServer;
  let app: VoxlayApp | undefined;
  let pages: Page[] = [];

  function start(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
    return startTestApp({ disconnectGraceMs: 5_000, ...overrides });
  }

  const withTurn = (overrides: Partial<ServerConfig['turn']> = {}): Partial<ServerConfig> => ({
    turn: { urls: turn.urls, secret: turn.secret, credentialTtlSeconds: 3600, ...overrides },
  });

  async function openSession(label: string): Promise<Session> {
    const page = await chromium.openPage(pageServer.url, label);
    pages.push(page);
    await waitForPageApi(page);
    return pageApi<CoreSessionPageApi>(page, 'coreSession');
  }

  /** The mean level the page played over `ms` (every remote stream together). */
  async function levelOver(session: Session, ms = 500): Promise<number> {
    const before = await session.stats();
    await sleep(ms);
    const after = await session.stats();
    return meanLevel(before.totalAudioEnergy, after.totalAudioEnergy, ms);
  }

  /** Until the page hears something (mean level above AUDIBLE_LEVEL over 500 ms); returns the last level. */
  const untilHears = (session: Session, timeoutMs = 15_000): Promise<number> =>
    waitFor(
      () => levelOver(session),
      (level) => level > AUDIBLE_LEVEL,
      { timeoutMs, intervalMs: 0 },
    );

  function participant(id: string): Participant {
    const found = app?.channels.defaultChannel.participant(id);
    if (!found) throw new Error(`participant ${id} is not on the server`);
    return found;
  }

  /** coturn's successful allocation refreshes (REFRESH requests) authenticated as one of `usernames`. */
  const countRefreshes = (log: string, usernames: string[]): number =>
    log.split('\n').filter((line) => usernames.some((u) => line.includes(`user <${u}>: incoming packet REFRESH processed, success`)))
      .length;

  /** The expiry (unix seconds) in a TURN REST username `<expiry>:<name>`. */
  const expiryOf = (username: string): number => Number(username.slice(0, username.indexOf(':')));

  const relayed = (stats: CoreSessionStats): boolean =>
    stats.connections.length === 2 && stats.connections.every((c) => c.selected?.localType === 'relay' && c.selected.state === 'succeeded');

  beforeAll(async () => {
    turn = await TurnServer.start();
    chromium = await ChromiumHarness.launch();
    pageServer = await startPageServer(await bundleBrowserEntry(CORE_SESSION_PAGE));
  });

  afterEach(async () => {
    await Promise.all(
      pages.map((page) =>
        page
          .context()
          .close()
          .catch(() => undefined),
      ),
    );
    pages = [];
    await app?.stop();
    app = undefined;
  });

  afterAll(async () => {
    await chromium?.close();
    await pageServer?.close();
    await turn?.stop();
  });

  it.each([
    { name: 'UDP and TCP', transports: ['udp', 'tcp'] },
    // What a client behind a firewall that lets only TCP out uses (the production setup adds turns: on 443).
    { name: 'TCP only', transports: ['tcp'] },
  ])('a relay-only page hears and is heard through TURN over $name, and coturn carries its media', async ({ transports }) => {
    app = await start(withTurn({ urls: turn.urls.filter((url) => transports.some((t) => url.endsWith(`transport=${t}`))) }));
    const channelId = app.channels.defaultChannel.id;
    const direct = await openSession('direct');
    const relay = await openSession('relay');
    const directId = await direct.join(app.url, channelId, 'Direct');
    const relayId = await relay.join(app.url, channelId, 'Relay', { iceTransportPolicy: 'relay' });

    expect(await untilHears(relay), 'the relay-only page hears the direct one').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(await untilHears(direct), 'the direct page hears the relay-only one').toBeGreaterThan(AUDIBLE_LEVEL);

    // Both of the relay page's transports (send and receive) use a TURN allocation on its side...
    const relayStats = await waitFor(() => relay.stats(), relayed);
    for (const { selected } of relayStats.connections) {
      expect(selected).toMatchObject({ localType: 'relay', state: 'succeeded' });
      expect(transports).toContain(selected?.relayProtocol);
    }
    // ...and the SFU sees it coming from coturn's relay ports, not from the browser's own socket.
    for (const transport of participant(relayId).transports) {
      const tuple = transport.iceSelectedTuple;
      expect(tuple?.remoteIp).toBe('127.0.0.1');
      expect(tuple?.remotePort).toBeGreaterThanOrEqual(turn.relayPorts.min);
      expect(tuple?.remotePort).toBeLessThanOrEqual(turn.relayPorts.max);
    }
    // The page that may use any path goes direct (a host candidate beats a relayed one).
    const directStats = await direct.stats();
    expect(directStats.connections).toHaveLength(2);
    for (const { selected } of directStats.connections) expect(selected?.localType).not.toBe('relay');
    for (const transport of participant(directId).transports) {
      const port = transport.iceSelectedTuple?.remotePort ?? 0;
      expect(port < turn.relayPorts.min || port > turn.relayPorts.max).toBe(true);
    }
    // Both transports were created with the join's ICE servers (no ICE restart had to bring them);
    // the credentials name the participant (open mode), and coturn accepted them.
    expect(await relay.createdWithTurn()).toBe(2);
    const usernames = await relay.turnUsernames();
    expect(usernames).toHaveLength(2);
    for (const username of usernames) expect(username).toMatch(new RegExp(`^\\d{10}:${relayId}$`));
    expect(turn.log).toContain(`user <${usernames[0]}>: incoming packet ALLOCATE processed, success`);
  });

  it(`join → first audio through the relay, over ${TIMED_JOINS} joins (direct joins for comparison)`, async () => {
    app = await start(withTurn());
    const channelId = app.channels.defaultChannel.id;
    const speaker = await openSession('speaker');
    await speaker.join(app.url, channelId, 'Speaker');
    const listener = await openSession('listener');
    const timings: Record<'relay' | 'all', number[]> = { relay: [], all: [] };
    // Alternating, so both see the same machine load.
    for (let i = 0; i < TIMED_JOINS; i++) {
      for (const policy of ['relay', 'all'] as const) {
        await listener.join(app.url, channelId, `Listener ${policy} ${i}`, { iceTransportPolicy: policy });
        const ms = await waitFor(
          () => listener.firstAudioMs(),
          (value) => value !== null,
          { timeoutMs: 15_000, intervalMs: 20 },
        );
        expect(ms, `first audio of ${policy} join ${i}`).not.toBeNull();
        timings[policy].push(ms!);
        if (policy === 'relay') expect(relayed(await waitFor(() => listener.stats(), relayed, 5_000))).toBe(true);
        await listener.leave();
      }
    }
    const p50 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    const fmt = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');
    console.info(
      `[turn] join → first audio packet, ${TIMED_JOINS} joins each: relay-only p50 ${p50(timings.relay).toFixed(0)} ms (${fmt(timings.relay)}); ` +
        `direct p50 ${p50(timings.all).toFixed(0)} ms (${fmt(timings.all)})`,
    );
  }, 120_000);

  it('an ICE restart after the credentials expired renews them: the same participant hears again through the relay', async () => {
    app = await start(withTurn({ credentialTtlSeconds: 3 }));
    const channelId = app.channels.defaultChannel.id;
    const direct = await openSession('direct');
    const relay = await openSession('relay');
    await direct.join(app.url, channelId, 'Direct');
    const relayId = await relay.join(app.url, channelId, 'Relay', { iceTransportPolicy: 'relay' });
    expect(relayed(await waitFor(() => relay.stats(), relayed))).toBe(true);
    expect(await untilHears(relay)).toBeGreaterThan(AUDIBLE_LEVEL);

    // Past the expiry of every credential the page holds: a new allocation with them gets a 401.
    const before = await relay.turnUsernames();
    const expiredAt = Math.max(...before.map(expiryOf));
    await sleep(Math.max(0, expiredAt * 1000 + 1_500 - Date.now()));
    // Two ICE restarts on the server that the browser is not told of: its consent checks fail,
    // its transports go disconnected and the client restarts ICE (core's watchIce).
    const brokeAt = Date.now();
    for (const transport of participant(relayId).transports) {
      await transport.restartIce();
      await transport.restartIce();
    }
    await waitFor(
      () => levelOver(relay),
      (level) => level < AUDIBLE_LEVEL,
      { timeoutMs: 15_000, intervalMs: 0 },
    );
    expect(await untilHears(relay, 30_000), 'the relay page hears again').toBeGreaterThan(AUDIBLE_LEVEL);
    expect(relayed(await waitFor(() => relay.stats(), relayed))).toBe(true);
    console.info(`[turn] credentials expired, ICE broken → heard again through the relay after ${Date.now() - brokeAt} ms`);
    // The same participant (an ICE restart, not a rejoin), with fresh credentials for it.
    expect((await relay.state()).participantId).toBe(relayId);
    expect(app.channels.defaultChannel.participants.map((p) => p.id)).toContain(relayId);
    const renewed = (await relay.turnUsernames()).slice(before.length);
    expect(renewed.length).toBeGreaterThanOrEqual(1);
    for (const username of renewed) {
      expect(username).toMatch(new RegExp(`:${relayId}$`));
      expect(expiryOf(username)).toBeGreaterThan(expiredAt);
    }
  }, 90_000);

  it('a call outlives its credentials: coturn keeps refreshing an allocation made before they expired', async () => {
    // Credentials valid for 3 s, allocations for 8 s: Chromium refreshes an allocation half its
    // lifetime (4 s) after making it, authenticated with a username whose expiry passed 1-2 s before.
    const short = await TurnServer.start({ args: ['--max-allocate-lifetime=8'] });
    try {
      app = await start({ turn: { urls: short.urls, secret: short.secret, credentialTtlSeconds: 3 } });
      const channelId = app.channels.defaultChannel.id;
      const direct = await openSession('direct');
      const relay = await openSession('relay');
      await direct.join(app.url, channelId, 'Direct');
      const relayId = await relay.join(app.url, channelId, 'Relay', { iceTransportPolicy: 'relay' });
      expect(relayed(await waitFor(() => relay.stats(), relayed))).toBe(true);
      const usernames = await relay.turnUsernames();
      const expiredAt = Math.max(...usernames.map(expiryOf));
      await sleep(Math.max(0, expiredAt * 1000 + 500 - Date.now()));
      const refreshesBefore = countRefreshes(short.log, usernames);
      // Past the allocations' first lifetime (made at most 3 s before the expiry, good for 8 s):
      // heard in every second of it, on the same relays, with no new credentials.
      for (let second = 0; second < 8; second++) {
        expect(await levelOver(relay, 1_000), `level in second ${second} after the expiry`).toBeGreaterThan(AUDIBLE_LEVEL);
      }
      expect(relayed(await relay.stats())).toBe(true);
      expect(await relay.turnUsernames(), 'no ICE restart, no new credentials').toEqual(usernames);
      expect((await relay.state()).participantId).toBe(relayId);
      // Both selected allocations were refreshed after the expiry, and coturn said yes.
      expect(countRefreshes(short.log, usernames) - refreshesBefore).toBeGreaterThanOrEqual(2);
    } finally {
      await short.stop();
    }
  }, 90_000);

  it('with a secret coturn does not share, the relay-only page never connects', async () => {
    app = await start(withTurn({ secret: `not-${turn.secret}` }));
    const channelId = app.channels.defaultChannel.id;
    const direct = await openSession('direct');
    const relay = await openSession('relay');
    await direct.join(app.url, channelId, 'Direct');
    const relayId = await relay.join(app.url, channelId, 'Relay', { iceTransportPolicy: 'relay' });
    await expectNeverConnects(relay, direct);
    await expectNoPathShown(relay, relayId);
    // coturn refused the credentials (the page's first ones, and the renewed ones of its ICE restarts).
    const usernames = await relay.turnUsernames();
    const renewed = usernames.filter((username) => username !== usernames[0]);
    expect(renewed.length).toBeGreaterThanOrEqual(1);
    for (const username of [usernames[0]!, renewed[0]!]) {
      expect(turn.log).toContain(`user <${username}>: incoming packet message processed, error 401: Unauthorized`);
    }
    expect(turn.log).not.toContain(`user <${usernames[0]}>: incoming packet ALLOCATE processed, success`);
  }, 60_000);

  it('without TURN configured the join hands out no ICE servers, and a relay-only page cannot connect', async () => {
    app = await start();
    const channelId = app.channels.defaultChannel.id;
    const direct = await openSession('direct');
    const relay = await openSession('relay');
    await direct.join(app.url, channelId, 'Direct');
    const relayId = await relay.join(app.url, channelId, 'Relay', { iceTransportPolicy: 'relay' });
    expect(await relay.createdWithTurn()).toBe(0);
    await expectNeverConnects(relay, direct);
    expect(await relay.turnUsernames()).toEqual([]);
    await expectNoPathShown(relay, relayId);
  }, 60_000);

  /**
   * Over UNCONNECTED_WATCH_MS: no RTCPeerConnection of `session` connects and it receives nothing,
   * `other` receives nothing from it, and no transport of any 'Relay' participant on the server (a
   * rejoin makes a new one) sees an ICE check.
   */
  async function expectNeverConnects(session: Session, other: Session): Promise<void> {
    const until = Date.now() + UNCONNECTED_WATCH_MS;
    let stats = await session.stats();
    while (Date.now() < until) {
      stats = await session.stats();
      expect(stats.connections.map((c) => c.state)).not.toContain('connected');
      expect(stats.bytesReceived).toBe(0);
      expect((await other.stats()).bytesReceived).toBe(0);
      await sleep(250);
    }
    expect(stats.totalAudioEnergy).toBe(0);
    const relayParticipants = app!.channels.defaultChannel.participants.filter((p) => p.displayName === 'Relay');
    expect(relayParticipants).toHaveLength(1);
    for (const transport of relayParticipants[0]!.transports) expect(transport.iceState).toBe('new');
  }

  /** The session tells its user there is no path (TRANSPORT_FAILED) and keeps its participant (no rejoin churn). */
  async function expectNoPathShown(session: Session, participantId: string): Promise<void> {
    const state = await waitFor(
      () => session.state(),
      (s) => s.error !== null,
      15_000,
    );
    expect(state).toMatchObject({ error: 'TRANSPORT_FAILED', participantId, connectionState: 'connected' });
    expect(app!.channels.defaultChannel.participants.filter((p) => p.displayName === 'Relay').map((p) => p.id)).toEqual([participantId]);
  }
});
