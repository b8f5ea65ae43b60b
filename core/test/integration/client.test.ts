import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../../server/src/app.js';
import { createVoxlayClient, type VoxlayClient } from '../../src/createVoxlayClient';
import { ChannelsDocument, JoinChannelDocument, LeaveChannelDocument, RouterRtpCapabilitiesDocument } from '../../src/graphql/__generated__/graphql';
import { Signaling } from '../../src/signaling';

describe('createVoxlayClient against the real server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let voxlay: VoxlayClient;
  let signaling: Signaling;

  beforeAll(async () => {
    app = await startApp({ port: 0, numWorkers: 1, listenIp: '127.0.0.1', logLevel: 'silent', rtcMinPort: 44000, rtcMaxPort: 44999, disconnectGraceMs: 200 });
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
