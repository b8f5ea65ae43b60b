import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelsDocument,
  CreateChannelDocument,
  HealthDocument,
  JoinChannelDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';

describe('queries and HTTP endpoints', () => {
  let app: VoxlayApp;
  let client: TestClient;

  beforeAll(async () => {
    app = await startTestApp();
    client = new TestClient(app.url);
  });

  afterAll(async () => {
    await client?.close();
    await app?.stop();
  });

  it('reports health over GraphQL and on /healthz while the workers are alive', async () => {
    const { health } = await client.data(HealthDocument, {});
    expect(health).toMatchObject({ ok: true, workersAlive: 1, workersTotal: 1 });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);

    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, workersAlive: 1, channels: 1 });
  });

  it('lists the default channel first', async () => {
    const { channels } = await client.data(ChannelsDocument, {});
    expect(channels[0]).toMatchObject({ name: 'Lobby', isDefault: true, participantCount: 0 });
  });

  it('creates a channel and refuses a second one with the same name in another case', async () => {
    const { createChannel } = await client.data(CreateChannelDocument, { name: '  Gaming  ' });
    expect(createChannel).toMatchObject({ name: 'Gaming', isDefault: false, participantCount: 0 });
    expect(await client.errorCode(CreateChannelDocument, { name: 'gaming' })).toBe('NAME_TAKEN');
    expect(await client.errorCode(CreateChannelDocument, { name: '   ' })).toBe('BAD_USER_INPUT');
    const { channels } = await client.data(ChannelsDocument, {});
    expect(channels.map((channel) => channel.name)).toEqual(['Lobby', 'Gaming']);
  });

  it('creates concurrent channels with the same name only once', async () => {
    const codes = await Promise.all([
      client.errorCode(CreateChannelDocument, { name: 'Race' }),
      client.errorCode(CreateChannelDocument, { name: 'RACE' }),
    ]);
    expect(codes.filter((code) => code === undefined)).toHaveLength(1);
    expect(codes).toContain('NAME_TAKEN');
  });

  it('shows the workers and each channel router to operators', async () => {
    const result = await postGraphQL(
      app,
      '{ workers { index pid alive routerCount channelIds cpuTimeMs cpuLoad maxRssBytes } channels { routerId worker { index } } }',
    );
    const workers = (result.data?.workers ?? []) as Array<Record<string, unknown>>;
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ index: 0, alive: true, pid: app.pool.workers[0]?.pid });
    expect(workers[0]?.routerCount).toBe(app.channels.list().length);
    const channels = (result.data?.channels ?? []) as Array<{ routerId: string }>;
    expect(channels[0]?.routerId).toBe(app.channels.defaultChannel.router.id);
  });

  it('refuses to join over HTTP with NO_SESSION', async () => {
    const result = await postGraphQL(app, 'mutation($id: ID!) { joinChannel(input: { channelId: $id, displayName: "Ann" }) { seq } }', {
      id: app.channels.defaultChannel.id,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('NO_SESSION');
    expect(result.errors?.[0]?.message).toMatch(/WebSocket at \/graphql/);
  });

  it('refuses to join an unknown channel or with a bad display name', async () => {
    const unknown = await client.errorCode(JoinChannelDocument, { input: { channelId: 'nope', displayName: 'Ann' } });
    expect(unknown).toBe('NOT_FOUND');
    const tooLong = await client.errorCode(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'x'.repeat(65) },
    });
    expect(tooLong).toBe('BAD_USER_INPUT');
    const badCaps = await client.errorCode(JoinChannelDocument, {
      input: { channelId: app.channels.defaultChannel.id, displayName: 'Ann', rtpCapabilities: { codecs: 'opus' } },
    });
    expect(badCaps).toBe('BAD_USER_INPUT');
    expect(app.channels.participantCount).toBe(0);
  });

  it('serves GraphiQL on GET /graphql for browsers without loading scripts from a CDN', async () => {
    const response = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).not.toMatch(/<script[^>]*src=["']https?:\/\//i);
    expect(html).not.toMatch(/<link[^>]*href=["']https?:\/\//i);
  });

  it('answers unknown paths with 404 when no static dir is configured', async () => {
    const response = await fetch(`${app.url}/nothing-here`);
    expect(response.status).toBe(404);
  });
});
