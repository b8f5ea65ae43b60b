// Token mode end to end: JWTs on the WebSocket (connectionParams.token) and over HTTP (Bearer),
// refused tokens create nothing, rights and channels are enforced, operator views need admin.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  ChannelParticipantsDocument,
  ChannelsDocument,
  CreateChannelDocument,
  JoinChannelDocument,
  ParticipantEventsDocument,
  PauseConsumersDocument,
  ProduceDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { mintToken, type MintOptions } from '../../src/auth/tokens.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { opusRtpParameters } from '@voxlay/testing/media';

const SECRET = 'test-secret-that-is-long-enough-for-hs256!';
const OTHER_SECRET = 'another-secret-that-is-long-enough-for-hs256';

type Claims = Partial<MintOptions>;
const token = (claims: Claims = {}, secret = SECRET): Promise<string> =>
  mintToken(
    { jwtSecret: secret },
    { subject: 'alice', name: 'Alice', channels: '*', rights: ['join', 'publish', 'subscribe'], ttlSeconds: 3600, ...claims },
  );

/** graphql-ws by hand: connection_init with `payload`, then the close (code, reason) and any messages before it. */
function connectRaw(
  app: VoxlayApp,
  payload: Record<string, unknown>,
  thenSend?: Record<string, unknown>,
): Promise<{ code: number; reason: string; messages: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: string[] = [];
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload }));
      if (thenSend) socket.send(JSON.stringify(thenSend));
    });
    socket.on('message', (data) => messages.push(String(data)));
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason), messages }));
    socket.on('error', reject);
  });
}

async function gql(
  app: VoxlayApp,
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<{
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('token mode (HS256)', () => {
  let app: VoxlayApp;
  let lobby: string;
  let caps: unknown;
  let participants: TestParticipants;

  const connect = (jwt?: string): TestClient => participants.connect(jwt === undefined ? {} : { connectionParams: { token: jwt } });

  /** Nothing of any participant exists: no participant in any channel, no transport in the lobby's router. */
  async function expectNothingCreated(): Promise<void> {
    expect(app.channels.participantCount).toBe(0);
    const dump = await app.channels.defaultChannel.router.dump();
    expect(dump.transportIds).toEqual([]);
  }

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET });
    participants = new TestParticipants(app);
    lobby = participants.lobby;
    caps = participants.rtpCapabilities;
  });

  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a WebSocket without a token, or with an expired, forged or malformed one, with 4403 UNAUTHENTICATED', async () => {
    const cases: Array<[string | undefined, RegExp]> = [
      [undefined, /^UNAUTHENTICATED: no token/],
      [await token({ now: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 3600 }), /^UNAUTHENTICATED: token expired/],
      [await token({}, OTHER_SECRET), /^UNAUTHENTICATED: token signature invalid/],
      ['not.a.jwt', /^UNAUTHENTICATED: malformed token/],
    ];
    for (const [jwt, reason] of cases) {
      const close = await connectRaw(app, jwt === undefined ? {} : { token: jwt });
      expect(close.code).toBe(4403);
      expect(close.reason).toMatch(reason);
      expect(close.messages).toEqual([]);
    }
    // An operation sent right behind the refused connection_init never runs (4401 or 4403, no answer).
    const join = {
      query: 'mutation($id: ID!) { joinChannel(input: { channelId: $id, displayName: "M" }) { seq } }',
      variables: { id: lobby },
    };
    const rushed = await connectRaw(app, { token: await token({}, OTHER_SECRET) }, { id: '1', type: 'subscribe', payload: join });
    expect([4401, 4403]).toContain(rushed.code);
    expect(rushed.messages).toEqual([]);
    await expectNothingCreated();
  });

  it('refuses a token for another channel, or without the join right, with FORBIDDEN and creates nothing', async () => {
    const wrongChannel = connect(await token({ channels: ['Elsewhere', 'b1946ac9-2e0f-4a0e-9b3f-000000000000'] }));
    expect(
      await wrongChannel.errorCode(JoinChannelDocument, { input: { channelId: lobby, displayName: 'x', rtpCapabilities: caps } }),
    ).toBe('FORBIDDEN');
    const noJoin = connect(await token({ rights: ['subscribe'] }));
    expect(await noJoin.errorCode(JoinChannelDocument, { input: { channelId: lobby, displayName: 'x' } })).toBe('FORBIDDEN');
    await expectNothingCreated();
    // The same connection also cannot see the channel it was not given.
    expect(await wrongChannel.errorCode(ChannelParticipantsDocument, { id: lobby })).toBe('FORBIDDEN');
    expect((await wrongChannel.data(ChannelsDocument, {})).channels).toEqual([]);
  });

  it('lets a valid token join, by channel id or name, with the display name from the token', async () => {
    const byId = connect(await token({ channels: [lobby], name: 'Alice' }));
    const { joinChannel } = await byId.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'Mallory the impostor', rtpCapabilities: caps },
    });
    expect(joinChannel.participant.displayName).toBe('Alice');
    expect(app.channels.defaultChannel.participant(joinChannel.participant.id)?.displayName).toBe('Alice');

    const byName = connect(await token({ subject: 'bob', name: 'Bob', channels: ['lobby'] }));
    const bob = await byName.data(JoinChannelDocument, { input: { channelId: lobby, displayName: 'ignored', rtpCapabilities: caps } });
    expect(bob.joinChannel.participant.displayName).toBe('Bob');
    expect(app.channels.defaultChannel.participantCount).toBe(2);
  });

  it('re-checks expiry on join but keeps a call that was joined before the token expired', async () => {
    // `exp` is in whole seconds: mint early in a second so it is 0.7-1 s away.
    while (Date.now() % 1000 > 300) await new Promise((resolve) => setTimeout(resolve, 20));
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await token({ now, ttlSeconds: 1 });
    const late = connect(shortLived);
    const early = connect(shortLived);
    const { joinChannel } = await early.data(JoinChannelDocument, { input: { channelId: lobby, displayName: 'x', rtpCapabilities: caps } });
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 1000 - Date.now() + 50));
    expect(await late.errorCode(JoinChannelDocument, { input: { channelId: lobby, displayName: 'x' } })).toBe('UNAUTHENTICATED');
    expect(await late.errorCode(ChannelsDocument, {})).toBe('UNAUTHENTICATED');
    expect(await early.data(PauseConsumersDocument, { consumerIds: [] })).toEqual({ pauseConsumers: [] });
    expect(app.channels.defaultChannel.participant(joinChannel.participant.id)?.closed).toBe(false);
    expect(app.channels.participantCount).toBe(1);
  });

  it('enforces publish and subscribe: no producer without publish, no consumers without subscribe', async () => {
    const listener = connect(await token({ subject: 'l', name: 'Listener', rights: ['join', 'subscribe'] }));
    const { joinChannel: heard } = await listener.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'l', rtpCapabilities: caps },
    });
    expect(
      await listener.errorCode(ProduceDocument, {
        input: { transportId: heard.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters() },
      }),
    ).toBe('FORBIDDEN');
    expect(app.channels.defaultChannel.participant(heard.participant.id)?.producers).toEqual([]);

    const deaf = connect(await token({ subject: 'd', name: 'Deaf', rights: ['join', 'publish'] }));
    const { joinChannel: deafJoin } = await deaf.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'd', rtpCapabilities: caps },
    });
    const events = listener.subscribe(ParticipantEventsDocument, { participantId: heard.participant.id, afterSeq: heard.seq });
    await deaf.data(ProduceDocument, {
      input: { transportId: deafJoin.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters() },
    });
    // The listener (subscribe right) gets a consumer of the speaker; the speaker (no subscribe) gets none.
    await events.waitFor(({ participantEvents }) => participantEvents.event.__typename === 'ConsumerAdded');
    expect(app.channels.defaultChannel.participant(deafJoin.participant.id)?.consumers).toEqual([]);
    events.unsubscribe();
  });

  it('gives Producer.stats and Consumer.stats only to their owner and admins, even inside events everyone receives', async () => {
    const speaker = connect(await token({ subject: 's', name: 'Speaker' }));
    const listener = connect(await token({ subject: 'l', name: 'Listener' }));
    const { joinChannel: heard } = await listener.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'l', rtpCapabilities: caps },
    });
    const { joinChannel: spoke } = await speaker.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 's', rtpCapabilities: caps },
    });
    type Added = { participantEvents: { event: { __typename: string; producer?: { id: string; stats: unknown } } } };
    const nosy = listener.subscribe(
      parse(
        'subscription($p: ID!, $s: Int) { participantEvents(participantId: $p, afterSeq: $s) { event { __typename ... on ProducerAdded { producer { id stats { packetCount } } } } } }',
      ) as TypedDocumentNode<Added, { p: string; s: number }>,
      { p: heard.participant.id, s: heard.seq },
    );
    const { produce } = await speaker.data(ProduceDocument, {
      input: { transportId: spoke.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters() },
    });
    // Every worker request it would cost is refused before it is made: the field errors with FORBIDDEN.
    const failure = await nosy.waitForError();
    expect(JSON.stringify(failure)).toContain('FORBIDDEN');
    nosy.unsubscribe();
    // Its owner reads its own producer's counters over its session (none yet: no packet was sent).
    const own = await speaker.data(
      parse('{ me { producers { id stats { packetCount score } } } }') as TypedDocumentNode<{
        me: { producers: Array<{ id: string; stats: { packetCount: number; score: number } | null }> };
      }>,
      {},
    );
    expect(own.me.producers).toEqual([{ id: produce.id, stats: null }]);
    // And an admin reads everybody's.
    const admin = await token({ subject: 'op', name: 'Operator', rights: ['admin'] });
    const asAdmin = await gql(app, '{ channels { participants { producers { id stats { packetCount } } } } }', {}, admin);
    expect(asAdmin.body.errors).toBeUndefined();
  });

  it('answers only health over HTTP without a valid token, and UNAUTHENTICATED for the rest', async () => {
    const health = await gql(app, '{ health { ok } }');
    expect(health.body.data).toEqual({ health: { ok: true } });
    for (const bearer of [undefined, await token({ now: 1_000_000, ttlSeconds: 60 }), await token({}, OTHER_SECRET), 'garbage']) {
      const result = await gql(app, '{ channels { id } }', {}, bearer);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const caps = await gql(app, '{ routerRtpCapabilities }', {}, bearer);
      expect(caps.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const ok = await gql(app, '{ channels { id name } }', {}, await token({ channels: ['Lobby'] }));
    expect(ok.body.data).toEqual({ channels: [{ id: lobby, name: 'Lobby' }] });
  });

  it('accepts a token minted by `npm run token` (scripts/token.ts, same environment)', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/token.ts', '--sub', 'carol', '--name', 'Carol', '--channels', 'Lobby', '--rights', 'join,subscribe', '--ttl', '5m'],
      { cwd: root, env: { ...process.env, VOXLAY_AUTH_MODE: 'token', VOXLAY_JWT_SECRET: SECRET } },
    );
    const client = connect(stdout.trim());
    const { joinChannel } = await client.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'x', rtpCapabilities: caps },
    });
    expect(joinChannel.participant.displayName).toBe('Carol');
  });

  it('keeps operator views and channel management for admin', async () => {
    const user = await token({ channels: '*' });
    const admin = await token({ subject: 'op', name: 'Operator', rights: ['admin'] });

    const workers = await gql(app, '{ workers { pid } }', {}, user);
    expect(workers.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const worker = await gql(app, '{ channels { worker { pid } } }', {}, user);
    expect(worker.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await gql(app, 'mutation { createChannel(input: { name: "Sneaky" }) { id } }', {}, user);
    expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(app.channels.list().map((channel) => channel.name)).toEqual(['Lobby']);

    // Somebody's media objects: only their own connection and admins see them.
    const alice = connect(await token());
    const { joinChannel } = await alice.data(JoinChannelDocument, { input: { channelId: lobby, displayName: 'a', rtpCapabilities: caps } });
    const mine = await alice.data(
      parse('{ me { transports { id } } }') as TypedDocumentNode<{ me: { transports: Array<{ id: string }> } }>,
      {},
    );
    expect(mine.me.transports).toHaveLength(2);
    const others = await gql(app, '{ channels { participants { id transports { id } } } }', {}, user);
    expect(others.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asAdmin = await gql(
      app,
      '{ workers { pid } channels { worker { pid } participants { id transports { id } producers { id } consumers { id } } } }',
      {},
      admin,
    );
    expect(asAdmin.body.errors).toBeUndefined();
    const channels = asAdmin.body.data?.channels as Array<{ participants: Array<{ id: string; transports: unknown[] }> }>;
    expect(channels[0]?.participants).toEqual([
      expect.objectContaining({
        id: joinChannel.participant.id,
        transports: [{ id: joinChannel.sendTransport.id }, { id: joinChannel.recvTransport.id }],
      }),
    ]);
    const created = await gql(app, 'mutation { createChannel(input: { name: "Ops" }) { name } }', {}, admin);
    expect(created.body.data).toEqual({ createChannel: { name: 'Ops' } });
  });
});

describe('token mode (EdDSA key pair)', () => {
  let app: VoxlayApp;
  let privateKeyFile: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-keys-'));
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicKeyFile = join(dir, 'public.pem');
    privateKeyFile = join(dir, 'private.jwk');
    writeFileSync(publicKeyFile, await exportSPKI(publicKey));
    writeFileSync(privateKeyFile, JSON.stringify(await exportJWK(privateKey)));
    app = await startTestApp({ authMode: 'token', jwtPublicKeyFile: publicKeyFile });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('accepts tokens signed with the private key and refuses an HS256 token', async () => {
    const good = await mintToken({ jwtPrivateKeyFile: privateKeyFile }, { subject: 'a', channels: '*', rights: ['join'], ttlSeconds: 60 });
    const ok = await gql(app, '{ channels { name } }', {}, good);
    expect(ok.body.data).toEqual({ channels: [{ name: 'Lobby' }] });
    const hs = await mintToken({ jwtSecret: SECRET }, { subject: 'a', channels: '*', rights: ['admin'], ttlSeconds: 60 });
    const refused = await gql(app, '{ channels { name } }', {}, hs);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors?.[0]?.message).toMatch(/algorithm/);
  });
});

describe('open mode', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('lets anyone join with their own display name and see the operator views', async () => {
    const client = new TestClient(app.url);
    const { joinChannel } = await client.data(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'Ann' },
    });
    expect(joinChannel.participant.displayName).toBe('Ann');
    const { channels } = await client.data(ChannelsDocument, {});
    expect(channels).toHaveLength(1);
    const workers = await gql(app, '{ workers { pid } channels { participants { transports { id } } } }');
    expect(workers.body.errors).toBeUndefined();
    expect(await client.errorCode(CreateChannelDocument, { name: 'Open' })).toBeUndefined();
    await client.close();
  });
});
