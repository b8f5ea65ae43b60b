// Limits: each violation is a coded error (or a closed socket) for the offender only.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelsDocument,
  CreateChannelDocument,
  JoinChannelDocument,
  PauseConsumersDocument,
  ProduceDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { opusRtpParameters } from '@voxlay/testing/media';
import { TestParticipants } from '@voxlay/testing/participants';
import { produceAudio } from '@voxlay/testing/session';

const MAX_PARTICIPANTS = 3;
const MAX_CHANNELS = 3;
const BURST = 10;

const doc = <T = Record<string, unknown>>(source: string): TypedDocumentNode<T, Record<string, never>> =>
  parse(source) as TypedDocumentNode<T, Record<string, never>>;

describe('limits', () => {
  let app: VoxlayApp;
  let lobby: string;
  let caps: unknown;
  let participants: TestParticipants;

  beforeAll(async () => {
    app = await startTestApp({
      maxParticipantsPerChannel: MAX_PARTICIPANTS,
      maxChannels: MAX_CHANNELS,
      mutationRatePerSecond: 5,
      mutationBurst: BURST,
      wsMaxPayloadBytes: 32 * 1024,
    });
    participants = new TestParticipants(app);
    lobby = participants.lobby;
    caps = participants.rtpCapabilities;
  });

  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  describe('GraphQL documents (graphql-armor), with the default limits', () => {
    const deep = `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }`;
    const aliased = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: health { ok }`).join(' ')} }`;
    // Each level spreads the one below ten times: tiny to send, 10^4 fields to resolve.
    const costly = [
      '{ ...L4 }',
      'fragment L0 on Query { health { ok workersAlive } }',
      ...[1, 2, 3, 4].map((level) => `fragment L${level} on Query { ${Array.from({ length: 10 }, () => `...L${level - 1}`).join(' ')} }`),
    ].join('\n');
    const long = `{ health { ${'ok '.repeat(1200)} } }`;
    const cases: Array<[string, string, string]> = [
      ['depth', deep, 'depth'],
      ['aliases', aliased, 'aliases'],
      ['cost', costly, 'cost'],
      ['tokens', long, 'tokens'],
    ];

    for (const [label, query, limit] of cases) {
      it(`refuses a document over the ${label} limit with QUERY_TOO_COMPLEX over HTTP and WebSocket`, async () => {
        const http = await postGraphQL(app, query);
        expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
        expect(http.data ?? null).toBeNull();
        const client = participants.connect();
        const ws = await client.request(doc(query), {});
        expect(ws.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
        // The connection stays usable.
        expect((await client.data(ChannelsDocument, {})).channels.length).toBeGreaterThan(0);
        expect(client.closes).toEqual([]);
      });
    }

    it('still accepts the GraphiQL introspection query and the clients operations', async () => {
      const { getIntrospectionQuery } = await import('graphql');
      const introspection = await postGraphQL(app, getIntrospectionQuery());
      expect(introspection.errors).toBeUndefined();
      const member = await participants.join('Ann');
      expect(member.joined.channel.participants).toHaveLength(1);
    });
  });

  it('closes only the socket that sends an oversized message (1009)', async () => {
    const bob = await participants.join('Bob');
    const offender = participants.connect();
    const outcome = await offender.request(JoinChannelDocument, { input: { channelId: lobby, displayName: 'x'.repeat(64 * 1024) } }).then(
      () => 'answered',
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ code: 1009 });
    expect(offender.closes[0]?.code).toBe(1009);
    expect(app.channels.defaultChannel.participantCount).toBe(1);
    // Bob's connection and participant are untouched.
    expect(await bob.client.data(PauseConsumersDocument, { consumerIds: [] })).toEqual({ pauseConsumers: [] });
    expect(app.channels.defaultChannel.participant(bob.joined.participant.id)?.closed).toBe(false);
  });

  it('refuses an HTTP request body over the same size limit (413)', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok } }', variables: { pad: 'x'.repeat(64 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
  });

  it('answers a mutation flood with RATE_LIMITED for that connection only', async () => {
    const flooder = await participants.join('Flood');
    const calm = await participants.join('Calm');
    const results = await Promise.all(
      Array.from({ length: BURST * 3 }, () => flooder.client.request(PauseConsumersDocument, { consumerIds: [] })),
    );
    const limited = results.filter((result) => result.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(BURST);
    expect(results.filter((result) => result.data?.pauseConsumers).length).toBeLessThanOrEqual(BURST + 2);
    expect(limited[0]?.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
    // The other participant's mutations go through meanwhile.
    for (let i = 0; i < 3; i++) expect(await calm.client.data(PauseConsumersDocument, { consumerIds: [] })).toEqual({ pauseConsumers: [] });
    // Queries are not rate limited.
    expect((await flooder.client.data(ChannelsDocument, {})).channels.length).toBeGreaterThan(0);
  });

  it('refuses more than 100 running operations (subscriptions) on one connection with LIMIT_EXCEEDED', async () => {
    const client = participants.connect();
    const events = doc(`subscription { channelEvents(channelId: "${lobby}") { __typename } }`);
    const subscriptions = Array.from({ length: 101 }, () => client.subscribe(events, {}));
    const refused = await subscriptions[100]!.waitForError();
    expect(JSON.stringify(refused)).toContain('operationsPerConnection');
    expect(subscriptions.slice(0, 100).every((subscription) => subscription.errors.length === 0)).toBe(true);
    for (const subscription of subscriptions) subscription.unsubscribe();
    // Once they are gone, new operations run again.
    expect((await client.data(ChannelsDocument, {})).channels.length).toBeGreaterThan(0);
  });

  it('refuses a join beyond the participant limit with CHANNEL_FULL and creates nothing for it, also when joins race', async () => {
    const codes = await Promise.all(
      Array.from({ length: MAX_PARTICIPANTS + 2 }, async (_, i) => {
        const client = participants.connect();
        const result = await client.request(JoinChannelDocument, {
          input: { channelId: lobby, displayName: `P${i}`, rtpCapabilities: caps },
        });
        return result.errors?.[0]?.extensions?.code ?? 'joined';
      }),
    );
    expect(codes.filter((code) => code === 'joined')).toHaveLength(MAX_PARTICIPANTS);
    expect(codes.filter((code) => code === 'CHANNEL_FULL')).toHaveLength(2);
    expect(app.channels.defaultChannel.participantCount).toBe(MAX_PARTICIPANTS);
    const dump = await app.channels.defaultChannel.router.dump();
    expect(dump.transportIds).toHaveLength(MAX_PARTICIPANTS * 2);
  });

  it('allows one producer per participant (LIMIT_EXCEEDED for a second one)', async () => {
    const ann = await participants.join('Ann');
    await produceAudio(ann);
    const second = await ann.client.request(ProduceDocument, {
      input: { transportId: ann.joined.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters('1') },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'producersPerParticipant' });
    expect(app.channels.defaultChannel.participant(ann.joined.participant.id)?.producers).toHaveLength(1);
  });

  it('refuses a channel beyond the channel limit with LIMIT_EXCEEDED', async () => {
    const client = participants.connect();
    const before = app.channels.list().length;
    for (let i = before; i < MAX_CHANNELS; i++) await client.data(CreateChannelDocument, { name: `Room ${i}` });
    const result = await client.request(CreateChannelDocument, { name: 'One too many' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'channels', max: MAX_CHANNELS });
    expect(app.channels.list()).toHaveLength(MAX_CHANNELS);
    expect((await app.pool.workers[0]!.worker.dump()).routerIds).toHaveLength(MAX_CHANNELS);
  });
});
