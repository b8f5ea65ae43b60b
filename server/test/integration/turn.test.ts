// TURN credentials over the real API (graphql-ws): the join hands out ICE servers minted for the
// participant (the token's subject in token mode), renewIceServers gives fresh ones to a joined
// participant only, and a server without TURN hands out none. The relay itself: test/browser/turn-relay.test.ts.
import { createHmac } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { JoinChannelDocument, RestartIceDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { ServerConfig, VoxlayApp } from '../../src/app.js';
import { mintToken } from '../../src/auth/tokens.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';

const TURN: NonNullable<ServerConfig['turn']> = {
  urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.com:443?transport=tcp'],
  secret: 'a-turn-secret-of-at-least-32-bytes!!',
  credentialTtlSeconds: 600,
};
const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
const RENEW = 'mutation { renewIceServers { urls username credential expiresAt } }';
const RenewDocument = parse(RENEW) as TypedDocumentNode<{ renewIceServers: unknown[] }, Record<string, never>>;

/** What coturn checks: the HMAC of the username with the shared secret. */
const expectedCredential = (username: string): string => createHmac('sha1', TURN.secret).update(username).digest('base64');

describe('TURN credentials in the API', () => {
  let app: VoxlayApp | undefined;
  const clients: TestClient[] = [];
  const client = (options?: ConstructorParameters<typeof TestClient>[1]): TestClient => {
    const c = new TestClient(app!.url, options);
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await app?.stop();
    app = undefined;
  });

  it('the join hands out the TURN URLs with credentials for the participant, valid for the lifetime', async () => {
    app = await startTestApp({ turn: TURN });
    const before = Math.floor(Date.now() / 1000);
    const { joinChannel } = await client().data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'ann' },
    });
    const after = Math.floor(Date.now() / 1000);
    expect(joinChannel.iceServers).toHaveLength(1);
    const [server] = joinChannel.iceServers;
    expect(server!.urls).toEqual(TURN.urls);
    const [expiry, name] = server!.username.split(':');
    expect(name).toBe(joinChannel.participant.id);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + TURN.credentialTtlSeconds);
    expect(Number(expiry)).toBeLessThanOrEqual(after + TURN.credentialTtlSeconds);
    expect(new Date(server!.expiresAt).getTime()).toBe(Number(expiry) * 1000);
    expect(server!.credential).toBe(expectedCredential(server!.username));
  });

  it('renewIceServers: NO_SESSION before a join, fresh credentials after, also with the ICE restart', async () => {
    app = await startTestApp({ turn: { ...TURN, credentialTtlSeconds: 5 } });
    const ann = client();
    expect((await ann.request(RenewDocument, {})).errors?.[0]?.extensions?.code).toBe('NO_SESSION');
    const { joinChannel } = await ann.data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'ann' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the next second: a later expiry
    const { restartIce, renewIceServers } = await ann.data(RestartIceDocument, { transportId: joinChannel.recvTransport.id });
    expect(restartIce).toHaveProperty('usernameFragment');
    const [renewed] = renewIceServers;
    expect(renewed!.username).toMatch(new RegExp(`^\\d+:${joinChannel.participant.id}$`));
    expect(Number(renewed!.username.split(':')[0])).toBeGreaterThan(Number(joinChannel.iceServers[0]!.username.split(':')[0]));
    expect(renewed!.credential).toBe(expectedCredential(renewed!.username));
    // Over HTTP there is no participant: no credentials for anybody who did not join.
    const http = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: RENEW }),
    });
    const body = (await http.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('NO_SESSION');
  });

  it("token mode: the username carries the token's subject", async () => {
    app = await startTestApp({ turn: TURN, authMode: 'token', jwtSecret: JWT_SECRET });
    const token = await mintToken(
      { jwtSecret: JWT_SECRET },
      { subject: 'user:42 é', name: 'Alice', channels: '*', rights: ['join', 'publish', 'subscribe'], ttlSeconds: 600 },
    );
    const { joinChannel } = await client({ connectionParams: { token } }).data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'ignored' },
    });
    const username = joinChannel.iceServers[0]!.username;
    expect(username).toMatch(/^\d+:user:42%20%C3%A9$/);
    expect(joinChannel.iceServers[0]!.credential).toBe(expectedCredential(username));
  });

  it('a server without TURN hands out no ICE servers, at the join or on renewal', async () => {
    app = await startTestApp();
    const ann = client();
    const { joinChannel } = await ann.data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'ann' },
    });
    expect(joinChannel.iceServers).toEqual([]);
    const { renewIceServers } = await ann.data(RestartIceDocument, { transportId: joinChannel.sendTransport.id });
    expect(renewIceServers).toEqual([]);
  });
});
