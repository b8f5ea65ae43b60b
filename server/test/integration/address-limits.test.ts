// Fair limits per client address (issue 12), open mode: a socket more does not buy more. The abuse
// cases of the issue as regressions: sockets from one address that create channels, open
// connections, flood mutations and joins, while a user from another address carries on. Each
// test's clients bind their own 127.0.0.x address, which the server sees as their client address.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateChannelDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  PauseConsumersDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { defined, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import type { TestClient } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { codeOf, graphqlFrom } from './helpers/http-from.js';

const MAX_CONNECTIONS = 6;
const CREATION_BURST = 4;
const CHANNELS_PER_ADDRESS = 3;
const MAX_CHANNELS = 12;
const MUTATION_BURST = 30;
const JOIN_BURST = 5;

const HealthDocument = parse('{ health { ok } }') as TypedDocumentNode<{ health: { ok: boolean } }, Record<string, never>>;

describe('limits per client address (open mode)', () => {
  let app: VoxlayApp;
  let lobby: string;
  let caps: unknown;
  let participants: TestParticipants;

  const connect = (localAddress: string, headers?: Record<string, string>): TestClient =>
    participants.connect({ localAddress, ...(headers ? { headers } : {}) });

  /** 'open' once the connection answers a query, else the close code it got. */
  const outcome = (client: TestClient): Promise<'open' | number> =>
    client.request(HealthDocument, {}).then(
      () => 'open' as const,
      () => client.closes[0]?.code ?? -1,
    );

  /** Every channel but the default one, as the server holds them. */
  const createdChannels = () => app.channels.list().filter((channel) => !channel.isDefault);

  beforeAll(async () => {
    app = await startTestApp({
      addressLimitsExempt: [],
      trustedProxies: ['127.0.0.9'],
      maxChannels: MAX_CHANNELS,
      maxConnectionsPerAddress: MAX_CONNECTIONS,
      maxChannelsPerAddress: CHANNELS_PER_ADDRESS,
      channelCreationRatePerAddress: { perSecond: 1 / 3600, burst: CREATION_BURST },
      mutationRatePerAddress: { perSecond: 1, burst: MUTATION_BURST },
      joinRatePerAddress: { perSecond: 1 / 60, burst: JOIN_BURST },
    });
    participants = new TestParticipants(app);
    lobby = participants.lobby;
    caps = participants.rtpCapabilities;
  });

  afterEach(async () => {
    await participants.closeAll();
    for (const channel of createdChannels()) app.channels.delete(channel.id, 'deleted');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('accepts at most the connection limit from one address: the others close with 4429 before anything is created', async () => {
    const sockets = Array.from({ length: MAX_CONNECTIONS + 2 }, () => connect('127.0.0.2'));
    const outcomes = await Promise.all(sockets.map(outcome));
    expect(outcomes.filter((result) => result === 'open')).toHaveLength(MAX_CONNECTIONS);
    expect(outcomes.filter((result) => result === 4429)).toHaveLength(2);
    const refused = sockets.find((socket) => socket.closes[0]?.code === 4429)!;
    expect(refused.closes[0]!.reason).toMatch(/^LIMIT_EXCEEDED: connectionsPerAddress/);
    // A refused connection never runs an operation (graphql-ws was never acknowledged).
    await expect(refused.request(JoinChannelDocument, { input: { channelId: lobby, displayName: 'Ghost' } })).rejects.toBeDefined();
    expect(app.channels.participantCount).toBe(0);

    // Another address is not affected.
    expect(await outcome(connect('127.0.0.3'))).toBe('open');

    // A connection that closes frees its place.
    await sockets.find((socket) => socket.closes.length === 0)!.close();
    await waitFor(
      async () => {
        const retry = connect('127.0.0.2');
        return (await outcome(retry)) === 'open' ? true : undefined;
      },
      defined,
      { message: 'a connection from the same address to be accepted again', timeoutMs: 5000 },
    );
  });

  it('lets sockets of one address create only its allowance of channels in a burst, while another address still creates one', async () => {
    const sockets = Array.from({ length: MAX_CONNECTIONS }, () => connect('127.0.0.4'));
    const attempts = await Promise.all(
      sockets.flatMap((socket, s) => [0, 1, 2].map((i) => socket.request(CreateChannelDocument, { name: `Spam ${s}-${i}` }))),
    );
    const codes = attempts.map((result) => codeOf(result) ?? 'created');
    // Without per-address limits these 18 would have filled the server (12 channels).
    expect(codes.filter((code) => code === 'created')).toHaveLength(CHANNELS_PER_ADDRESS);
    expect(codes.filter((code) => code === 'LIMIT_EXCEEDED')).toHaveLength(CREATION_BURST - CHANNELS_PER_ADDRESS);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(attempts.length - CREATION_BURST);
    const limited = attempts.find((result) => codeOf(result) === 'RATE_LIMITED')!;
    expect(limited.errors?.[0]?.extensions).toMatchObject({ limit: 'channelCreationsPerAddress' });
    expect(limited.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
    const held = attempts.find((result) => codeOf(result) === 'LIMIT_EXCEEDED')!;
    expect(held.errors?.[0]?.extensions).toMatchObject({ limit: 'channelsPerAddress', max: CHANNELS_PER_ADDRESS });
    expect(createdChannels()).toHaveLength(CHANNELS_PER_ADDRESS);
    // One mediasoup router per channel, no more.
    expect((await app.pool.workers[0]!.worker.dump()).routerIds).toHaveLength(1 + CHANNELS_PER_ADDRESS);

    // Somebody else is not locked out of creating a channel.
    const other = connect('127.0.0.5');
    expect((await other.data(CreateChannelDocument, { name: 'Mine' })).createChannel.name).toBe('Mine');
  });

  it('shares one mutation budget between all sockets of an address, and leaves other addresses alone', async () => {
    const sockets = Array.from({ length: MAX_CONNECTIONS }, () => connect('127.0.0.8'));
    // leaveChannel without a participant: NO_SESSION when it runs, RATE_LIMITED when it may not.
    const answers = await Promise.all(
      sockets.flatMap((socket) => Array.from({ length: 10 }, () => socket.request(LeaveChannelDocument, {}))),
    );
    const codes = answers.map(codeOf);
    const ran = codes.filter((code) => code === 'NO_SESSION').length;
    expect(ran).toBeGreaterThanOrEqual(MUTATION_BURST);
    // The burst, plus what refills (1/s) while the 60 requests are answered.
    expect(ran).toBeLessThanOrEqual(MUTATION_BURST + 5);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBe(answers.length - ran);
    expect(answers.find((answer) => codeOf(answer) === 'RATE_LIMITED')?.errors?.[0]?.extensions).toMatchObject({
      limit: 'mutationsPerAddress',
    });
    // Each socket alone stayed far below its own limit (60 burst): only the address limit refused them.
    const other = connect('127.0.0.3');
    expect(codeOf(await other.request(LeaveChannelDocument, {}))).toBe('NO_SESSION');
  });

  it('lets an unrelated user join and talk while an abuser hammers joins from many sockets', async () => {
    const abusers = Array.from({ length: MAX_CONNECTIONS }, () => connect('127.0.0.6'));
    const hammer = Promise.all(
      abusers.map(async (abuser, a) => {
        const codes: unknown[] = [];
        for (let i = 0; i < 5; i++) {
          const joined = await abuser.request(JoinChannelDocument, {
            input: { channelId: lobby, displayName: `Abuser ${a}`, rtpCapabilities: caps },
          });
          codes.push(codeOf(joined) ?? 'joined');
          if (joined.data) await abuser.request(LeaveChannelDocument, {});
        }
        return codes;
      }),
    );
    const victim = connect('127.0.0.7');
    const { joinChannel } = await victim.data(JoinChannelDocument, {
      input: { channelId: lobby, displayName: 'Victim', rtpCapabilities: caps },
    });
    for (let i = 0; i < 3; i++) expect(await victim.data(PauseConsumersDocument, { consumerIds: [] })).toEqual({ pauseConsumers: [] });
    const codes = (await hammer).flat();
    expect(codes.filter((code) => code === 'joined').length).toBeLessThanOrEqual(JOIN_BURST + 1);
    expect(codes).toContain('RATE_LIMITED');
    expect(app.channels.defaultChannel.participant(joinChannel.participant.id)?.closed).toBe(false);
    // Whatever the abusers joined and left is freed: only the victim's two transports remain.
    expect((await app.channels.defaultChannel.router.dump()).transportIds).toHaveLength(2);
  });

  it('counts a client behind a trusted proxy by the address the proxy forwards, and ignores the header from anyone else', async () => {
    // 127.0.0.9 is the trusted proxy: its clients are told apart by X-Forwarded-For.
    const viaProxy = Array.from({ length: MAX_CONNECTIONS + 1 }, () => connect('127.0.0.9', { 'x-forwarded-for': '198.51.100.1' }));
    const outcomes = await Promise.all(viaProxy.map(outcome));
    expect(outcomes.filter((result) => result === 'open')).toHaveLength(MAX_CONNECTIONS);
    expect(outcomes.filter((result) => result === 4429)).toHaveLength(1);
    // A client prepending a forged address gains nothing: the proxy appended the real one.
    expect(await outcome(connect('127.0.0.9', { 'x-forwarded-for': '203.0.113.50, 198.51.100.1' }))).toBe(4429);
    expect(await outcome(connect('127.0.0.9', { 'x-forwarded-for': '198.51.100.2' }))).toBe('open');

    // 127.0.0.10 is not trusted: a different X-Forwarded-For on each socket does not make it several clients.
    const spoofing = Array.from({ length: MAX_CONNECTIONS + 1 }, (_, i) =>
      connect('127.0.0.10', { 'x-forwarded-for': `198.51.100.${100 + i}` }),
    );
    expect((await Promise.all(spoofing.map(outcome))).filter((result) => result === 4429)).toHaveLength(1);

    // Over HTTP too: channel creations are counted per forwarded client.
    const create = (name: string, forwardedFor: string) =>
      graphqlFrom(
        app,
        'mutation ($name: String!) { createChannel(input: { name: $name }) { id } }',
        { name },
        {
          localAddress: '127.0.0.9',
          headers: { 'x-forwarded-for': forwardedFor },
        },
      );
    const first = [];
    for (let i = 0; i <= CHANNELS_PER_ADDRESS; i++) first.push(codeOf(await create(`Proxied ${i}`, '198.51.100.3')));
    expect(first).toEqual([undefined, undefined, undefined, 'LIMIT_EXCEEDED']);
    expect(codeOf(await create('Proxied other', '198.51.100.4'))).toBeUndefined();
  });

  it('keeps display names free in open mode: two participants may share one', async () => {
    const one = connect('127.0.0.11');
    const two = connect('127.0.0.12');
    await one.data(JoinChannelDocument, { input: { channelId: lobby, displayName: 'Shared' } });
    await two.data(JoinChannelDocument, { input: { channelId: lobby, displayName: 'Shared' } });
    expect(app.channels.defaultChannel.participants.map((participant) => participant.displayName)).toEqual(['Shared', 'Shared']);
  });
});
