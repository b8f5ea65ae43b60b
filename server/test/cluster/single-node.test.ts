// Without VOXLAY_REDIS_URL nothing is clustered: Query.nodes is this server, Channel.node is itself,
// and the default channel keeps its id across a restart (derived from its name).
import { afterEach, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { defaultChannelId } from '../../src/sfu/ChannelRegistry.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { ChannelsQuery, JoinMutation, NodesQuery } from './helpers/documents.js';

describe('a single server (no Redis)', () => {
  let app: VoxlayApp | undefined;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.close();
    await app?.stop();
    client = undefined;
    app = undefined;
  });

  it('lists itself as the only node, hosting every channel', async () => {
    app = await startTestApp({ nodeId: 'solo' });
    client = new TestClient(app.url);
    await client.data(JoinMutation, { channelId: app.channels.defaultChannel.id, displayName: 'Ann' });

    const { nodes } = await client.data(NodesQuery, {});
    expect(nodes).toEqual([{ id: 'solo', url: app.url, self: true, alive: true, channelCount: 1, participantCount: 1 }]);
    const { channels } = await client.data(ChannelsQuery, {});
    expect(channels).toEqual([expect.objectContaining({ name: 'Lobby', isDefault: true, participantCount: 1, node: nodes[0] })]);
    expect(app.cluster).toBeUndefined();
  });

  it('gives the default channel the same id after a restart, derived from its name', async () => {
    app = await startTestApp();
    const first = app.channels.defaultChannel.id;
    await app.stop();
    app = await startTestApp();
    expect(app.channels.defaultChannel.id).toBe(first);
    expect(first).toBe(defaultChannelId('lobby'));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(defaultChannelId('Ops')).not.toBe(first);
  });

  it('uses VOXLAY_PUBLIC_URL as its node URL when set', async () => {
    app = await startTestApp({ publicUrl: 'https://voice.example.test' });
    client = new TestClient(app.url);
    const { nodes } = await client.data(NodesQuery, {});
    expect(nodes[0]).toMatchObject({ self: true, url: 'https://voice.example.test' });
    expect(app.node.url).toBe('https://voice.example.test');
  });
});
