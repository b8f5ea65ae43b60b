// The operator console in a real browser: GraphiQL renders offline from the server's own files, opens
// on the SFU's state, and in token mode the token field reaches both paths: the HTTP query (an admin
// field answers) and the WebSocket (connection_init carries connectionParams.token, and a channel's
// live events arrive in the result pane).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/tokens.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { JoinChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import { ChromiumHarness } from '@voxlay/testing/chromium';
import { sleep, waitFor } from '@voxlay/testing/wait';

const SECRET = 'console-browser-test-secret-0123456789';

describe('the operator console in Chromium (token mode)', () => {
  let app: VoxlayApp;
  let chromium: ChromiumHarness;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET });
    token = await mintToken(
      { jwtSecret: SECRET },
      { subject: 'ops', name: 'Ops', channels: ['*'], rights: ['join', 'publish', 'subscribe', 'admin'], ttlSeconds: 600 },
    );
    chromium = await ChromiumHarness.launch();
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.stop();
  });

  // Monaco renders spaces as no-break spaces.
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText(), not the DOM property: the rendered text with Monaco's line breaks, which textContent would drop
  const resultText = async (page: Page) => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');

  it('runs SfuState over HTTP with the token, and a channel subscription over the WebSocket with it', async () => {
    const lobby = app.channels.defaultChannel.id;
    const requests: string[] = [];
    const frames: string[] = [];
    const page = await chromium.openPage('about:blank', 'console');
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (ws) => ws.on('framesent', (frame) => frames.push(String(frame.payload))));
    await page.goto(`${app.url}/graphql`);
    await page.fill('#voxlay-token', token);
    // GraphiQL opens on SfuState; run it.
    await page.locator('.graphiql-execute-button').click();
    const state = await waitFor(
      () => resultText(page),
      (text) => text.includes('"workers"'),
      15_000,
    );
    expect(state).toContain('"workersAlive": 1');
    expect(state).not.toContain('UNAUTHENTICATED');
    // Everything came from this server: no CDN.
    expect(requests.filter((url) => !url.startsWith(app.url) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);

    // A subscription (GraphiQL reads ?query=): the WebSocket presents the token, and events arrive.
    const subscription = `subscription { channelEvents(channelId: "${lobby}") { __typename ... on ParticipantJoined { participant { displayName } } } }`;
    await page.goto(`${app.url}/graphql?query=${encodeURIComponent(subscription)}`);
    await page.locator('.graphiql-execute-button').click();
    await waitFor(
      async () => frames,
      (sent) => sent.some((f) => f.includes('"subscribe"')),
      15_000,
    );
    const init = JSON.parse(frames.find((f) => f.includes('connection_init')) ?? '{}') as { payload?: { token?: string } };
    expect(init.payload?.token).toBe(token);
    {
      // graphql-ws does not acknowledge a subscribe: join again (new connections, kept open so nobody
      // leaves meanwhile) until the console shows a join; it shows the latest event. Each joiner is
      // another identity (one identity holds one participant per channel and a few connections),
      // named by its token (token mode ignores the client's display name).
      const joiners: TestClient[] = [];
      try {
        const seen = await waitFor(
          async () => {
            const joinerToken = await mintToken(
              { jwtSecret: SECRET },
              { subject: `joiner-${joiners.length}`, name: 'Seen by the console', channels: ['*'], rights: ['join'], ttlSeconds: 600 },
            );
            const joiner = new TestClient(app.url, { connectionParams: { token: joinerToken } });
            joiners.push(joiner);
            await joiner.request(JoinChannelDocument, { input: { channelId: lobby, displayName: 'Seen by the console' } });
            await sleep(250);
            return resultText(page);
          },
          (text) => text.includes('Seen by the console'),
          { timeoutMs: 15_000, intervalMs: 0 },
        );
        expect(seen).toContain('ParticipantJoined');
      } finally {
        await Promise.all(joiners.map((joiner) => joiner.close()));
      }
    }
  });
});
