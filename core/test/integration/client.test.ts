import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { createVoxlayClient, type VoxlayClient } from '../../src/index';
import {
  ChannelsDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  RouterRtpCapabilitiesDocument,
} from '../../src/graphql/__generated__/graphql';
import { Signaling } from '../../src/index';

describe('createVoxlayClient against the real server', () => {
  let app: VoxlayApp;
  let voxlay: VoxlayClient;
  let signaling: Signaling;

  beforeAll(async () => {
    app = await startTestApp();
    voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket });
    signaling = new Signaling(voxlay.client);
  }, 30_000);

  afterAll(async () => {
    voxlay?.close();
    await app?.stop();
  });

  it('queries channels and router capabilities over HTTP', async () => {
    const { channels } = await signaling.query(ChannelsDocument, {});
    expect(channels.length).toBeGreaterThan(0);
    expect(channels[0]?.isDefault).toBe(true);
    const { routerRtpCapabilities } = await signaling.query(RouterRtpCapabilitiesDocument, {});
    expect(routerRtpCapabilities).toHaveProperty('codecs');
  });

  it('sends session mutations over the WebSocket (joinChannel binds to it) and reports connection events', async () => {
    const { channels } = await signaling.query(ChannelsDocument, {});
    const channelId = channels[0]!.id;
    const { joinChannel } = await signaling.mutate(JoinChannelDocument, { input: { channelId, displayName: 'core-test' } });
    expect(joinChannel.participant.displayName).toBe('core-test');
    expect(joinChannel.sendTransport.id).toBeTruthy();
    expect(voxlay.connected).toBe(true);
    const { leaveChannel } = await signaling.mutate(LeaveChannelDocument, {});
    expect(leaveChannel).toBe(true);
  });

  it('turns GraphQL errors into coded VoxlayErrors', async () => {
    await expect(signaling.mutate(JoinChannelDocument, { input: { channelId: 'nope', displayName: 'x' } })).rejects.toMatchObject({
      code: expect.stringMatching(/NOT_FOUND|BAD_USER_INPUT/),
    });
  });
});

describe('createVoxlayClient.close()', () => {
  it('while the connection attempt is failing, leaves no unhandled rejection', async () => {
    // A server that accepts the TCP connection and drops it: the WebSocket closes with 1006
    // while graphql-ws is still connecting, which is what happens when a server stops under a client.
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const closed: unknown[] = [];
      const voxlay = createVoxlayClient({ url: `http://127.0.0.1:${port}`, webSocketImpl: WebSocket, retryDelayMs: () => 60_000 });
      voxlay.ws.on('closed', (event) => closed.push(event));
      voxlay.close();
      await expect.poll(() => closed.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});
