import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { mintToken } from '../../../server/src/auth/tokens.js';
import { startTestApp } from '@voxlay/testing/server';
import { createVoxlayClient, type VoxlayClient } from '../../src/index';
import { ChannelsDocument, JoinChannelDocument, LeaveChannelDocument } from '../../src/graphql/__generated__/graphql';
import { Signaling } from '../../src/index';

const SECRET = 'core-test-secret-long-enough-for-hs256!!';

describe('createVoxlayClient with a token (server in token mode)', () => {
  let app: VoxlayApp;
  const clients: VoxlayClient[] = [];

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET });
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await app?.stop();
  });

  it('sends the token as Authorization: Bearer on HTTP and as connectionParams.token on the WebSocket', async () => {
    const token = await mintToken({ jwtSecret: SECRET }, { subject: 'ann', name: 'Ann', channels: '*', rights: ['join'], ttlSeconds: 60 });
    const voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket, token });
    clients.push(voxlay);
    const signaling = new Signaling(voxlay.client);
    const { channels } = await signaling.query(ChannelsDocument, {});
    expect(channels.map((channel) => channel.name)).toEqual(['Lobby']);
    const { joinChannel } = await signaling.mutate(JoinChannelDocument, { input: { channelId: channels[0]!.id, displayName: 'ignored' } });
    expect(joinChannel.participant.displayName).toBe('Ann');
    expect((await signaling.mutate(LeaveChannelDocument, {})).leaveChannel).toBe(true);
  });

  it('reads a token getter on every request, and without one the server answers UNAUTHENTICATED', async () => {
    let token: string | undefined;
    const voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket, token: () => token });
    clients.push(voxlay);
    const signaling = new Signaling(voxlay.client);
    await expect(signaling.query(ChannelsDocument, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    token = await mintToken({ jwtSecret: SECRET }, { subject: 'bob', channels: ['Lobby'], rights: ['join'], ttlSeconds: 60 });
    expect((await signaling.query(ChannelsDocument, {})).channels).toHaveLength(1);
  });
});
