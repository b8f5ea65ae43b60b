// The operator console (GraphiQL at GET /graphql): a small cached page and content-hashed files,
// compressed, revalidated with ETags, and operations that run against the real schema and limits.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import {
  CHANNEL_DETAIL,
  CHANNEL_EVENTS,
  CHANNEL_PARTICIPANTS,
  consoleTabs,
  CREATE_CHANNEL,
  SFU_STATE,
} from '../../src/console/operations.js';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, untilChannelEventsLive } from '@voxlay/testing/session';

const HTML = { accept: 'text/html,application/xhtml+xml' };

interface Page {
  html: string;
  files: string[];
  config: { tokenMode: boolean; graphiql: { defaultTabs: Array<{ query: string; variables?: string }>; defaultQuery: string } };
}

async function loadPage(url: string): Promise<Page> {
  const res = await fetch(`${url}/graphql`, { headers: HTML });
  expect(res.status).toBe(200);
  const html = await res.text();
  const files = [...html.matchAll(/(?:href|src)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]!);
  const json = /<script id="voxlay-console-config" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  return { html, files, config: JSON.parse(json ?? '{}') as Page['config'] };
}

/** Resident memory of this process (the app runs in it), MiB. */
const rssMiB = (): number => process.memoryUsage().rss / 1024 / 1024;

describe('the operator console (open mode)', () => {
  let app: VoxlayApp;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    page = await loadPage(app.url);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('is a small page that loads content-hashed scripts and styles, with no inline script', async () => {
    expect(Buffer.byteLength(page.html)).toBeLessThan(32 * 1024);
    // GraphiQL, its CSS, the console's own script and style.
    expect(page.files).toHaveLength(4);
    for (const file of page.files) expect(file).toMatch(/\/graphiql\/[a-z.]+\.[0-9a-f]{12}\.(js|css)$/);
    // The only inline <script> is the JSON config, which is not executed.
    const scripts = [...page.html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    for (const [, attributes, body] of scripts) expect(body === '' || attributes!.includes('application/json')).toBe(true);
    expect(page.html).not.toContain('is an in-browser tool');
    expect(page.config.tokenMode).toBe(false);
    expect(page.html).not.toContain('voxlay-token');
  });

  it('answers with cached, compressed files: immutable hashed names, a revalidated page, 304 on a matching ETag', async () => {
    const pageRes = await fetch(`${app.url}/graphql`, { headers: { ...HTML, 'accept-encoding': 'gzip, br' } });
    expect(pageRes.headers.get('cache-control')).toBe('no-cache');
    expect(pageRes.headers.get('vary')).toBe('Accept-Encoding');
    const etag = pageRes.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{12}-br"$/);
    const again = await fetch(`${app.url}/graphql`, { headers: { ...HTML, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const script = page.files.find((f) => /graphiql\.[0-9a-f]{12}\.js$/.test(f))!;
    const identity = await fetch(`${app.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(identity.headers.get('content-encoding')).toBeNull();
    const plain = Buffer.from(await identity.arrayBuffer());
    expect(plain.length).toBeGreaterThan(1_000_000);
    // Brotli preferred, gzip when brotli is refused; both decode to the same bytes.
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${app.url}${script}`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const br = await raw('gzip;q=0.8, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    const gz = await raw('gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const notModified = await fetch(`${app.url}${script}`, { headers: { 'if-none-match': String(br.headers.etag) } });
    expect(notModified.status).toBe(304);

    // The Monaco workers named in the config are served the same way; unknown names are 404.
    const workers = Object.values((page.config as unknown as { workers: Record<string, string> }).workers);
    expect(workers).toHaveLength(3);
    for (const worker of workers) {
      const res = await fetch(`${app.url}${worker}`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/javascript/);
    }
    expect((await fetch(`${app.url}/graphiql/graphiql.000000000000.js`)).status).toBe(404);
  });

  it('leaves /graphql to GraphQL for everything but a browser GET', async () => {
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ health { ok } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(await get.json()).toEqual({ data: { health: { ok: true } } });
    const post = await postGraphQL(app, '{ health { ok } }');
    expect(post).toEqual({ data: { health: { ok: true } } });
  });

  it('opens on the SFU state, with example operations in tabs, all valid and within the server limits', async () => {
    const tabs = page.config.graphiql.defaultTabs;
    expect(tabs.map((t) => t.query)).toEqual(consoleTabs(app.channels.defaultChannel.id).map((t) => t.query));
    expect(page.config.graphiql.defaultQuery).toBe(SFU_STATE);
    const lobby = app.channels.defaultChannel.id;
    // Someone in the channel, so the state shows a participant with its transports.
    const member = await joinMember(app, lobby, 'Console watcher');
    try {
      const state = await postGraphQL(app, SFU_STATE);
      expect(state.errors).toBeUndefined();
      const data = state.data as {
        workers: unknown[];
        channels: Array<{ id: string; participants: Array<{ displayName: string; transports: unknown[] }> }>;
      };
      expect(data.workers).toHaveLength(1);
      const channel = data.channels.find((c) => c.id === lobby)!;
      expect(channel.participants[0]).toMatchObject({ displayName: 'Console watcher' });
      expect(channel.participants[0]!.transports).toHaveLength(2);

      for (const query of [CHANNEL_PARTICIPANTS, CHANNEL_DETAIL, CREATE_CHANNEL]) {
        const tab = tabs.find((t) => t.query === query)!;
        const result = await postGraphQL(app, query, JSON.parse(tab.variables ?? '{}') as Record<string, unknown>);
        expect(result.errors, query).toBeUndefined();
      }

      // The channel's live events, over the WebSocket as GraphiQL runs subscriptions.
      const tab = tabs.find((t) => t.query === CHANNEL_EVENTS)!;
      const watcher = new TestClient(app.url);
      const events = watcher.subscribe(parse(CHANNEL_EVENTS) as never, JSON.parse(tab.variables!) as Record<string, unknown>);
      const probes = await untilChannelEventsLive(events as never, async () => {
        const probe = await joinMember(app, lobby, 'Probe');
        await probe.client.close();
        return probe.joined.participant.id;
      });
      expect(probes.length).toBeGreaterThan(0);
      expect(events.errors).toEqual([]);
      events.unsubscribe();
      await watcher.close();
    } finally {
      await member.client.close();
    }
  });

  it('serves 100 concurrent loads of the page and its files from memory without growing the server', async () => {
    const urls = ['/graphql', ...page.files];
    // Each load on its own connections, like 100 browsers (no keep-alive reuse between loads).
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        request(`${app.url}${path}`, { agent: false, headers: { ...HTML, 'accept-encoding': 'br, gzip' } }, (res) => {
          res.on('data', () => undefined).on('end', () => resolve(res.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
    const load = () => Promise.all(urls.map(get));
    await load();
    const before = rssMiB();
    const statuses = (await Promise.all(Array.from({ length: 100 }, load))).flat();
    expect(statuses.every((s) => s === 200)).toBe(true);
    // The old page was rendered per request (9 MB each; 200 loads took the server to 5.3 GiB).
    // Client and server share this process, so the bound covers both.
    expect(rssMiB() - before).toBeLessThan(300);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('the operator console (token mode)', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: 'console-test-secret-0123456789abcdef' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('is served without a token (it holds no data) and explains how to pass one; the data stays protected', async () => {
    const page = await loadPage(app.url);
    expect(page.config.tokenMode).toBe(true);
    expect(page.html).toContain('id="voxlay-token"');
    expect(page.html).toContain('connectionParams.token');
    expect(page.html).toContain('Authorization: Bearer');
    for (const file of page.files) expect((await fetch(`${app.url}${file}`)).status).toBe(200);
    const state = await postGraphQL(app, SFU_STATE);
    expect(state.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
