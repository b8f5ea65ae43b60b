// Channels that users create do not live forever (issue 12): one that stays empty for the configured
// time is deleted with its router, a join stops the clock, the last leave starts it again, and the
// default channel never expires. Open mode, with a short empty-channel time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelsDocument,
  CreateChannelDocument,
  DeleteChannelDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { defined, sleep, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import type { TestClient } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { waitForEvent } from '@voxlay/testing/session';

const TTL_MS = 400;

describe('channel lifetime: deletion and expiry of empty channels (open mode)', () => {
  let app: VoxlayApp;
  let participants: TestParticipants;

  const connect = (): TestClient => participants.connect();
  const routerIds = async (): Promise<string[]> => (await app.pool.workers[0]!.worker.dump()).routerIds;
  const names = async (client: TestClient): Promise<string[]> =>
    (await client.data(ChannelsDocument, {})).channels.map((channel) => channel.name);

  beforeAll(async () => {
    app = await startTestApp({ emptyChannelTtlMs: TTL_MS });
    participants = new TestParticipants(app);
  });

  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  it('deletes a channel nobody joins once the empty-channel time is over, router included, and frees its name', async () => {
    const client = connect();
    const { createChannel } = await client.data(CreateChannelDocument, { name: 'Fleeting' });
    const routerId = app.channels.get(createChannel.id)!.router.id;
    expect(await routerIds()).toContain(routerId);
    await waitFor(async () => (app.channels.get(createChannel.id) ? undefined : true), defined, {
      message: 'the channel to expire',
      timeoutMs: 5000,
    });
    expect(await names(client)).toEqual(['Lobby']);
    expect(await routerIds()).not.toContain(routerId);
    expect((await client.data(CreateChannelDocument, { name: 'Fleeting' })).createChannel.id).not.toBe(createChannel.id);
  });

  it('keeps a channel while somebody is in it, and starts the clock again when the last one leaves', async () => {
    const client = connect();
    const { createChannel: room } = await client.data(CreateChannelDocument, { name: 'Standup' });
    const ann = await participants.join('Ann', { channelId: room.id, rtpCapabilities: null });
    await sleep(TTL_MS * 3);
    expect(app.channels.get(room.id)?.participantCount).toBe(1);
    expect(app.channels.expiring(room.id)).toBe(false);
    await ann.client.data(LeaveChannelDocument, {});
    expect(app.channels.expiring(room.id)).toBe(true);
    await waitFor(async () => (app.channels.get(room.id) ? undefined : true), defined, {
      message: 'the channel to expire after the last leave',
      timeoutMs: 5000,
    });
    // The default channel, empty all along, is still there.
    expect(app.channels.get(app.channels.defaultChannel.id)).toBe(app.channels.defaultChannel);
    expect(app.channels.expiring(app.channels.defaultChannel.id)).toBe(false);
  });

  it('lets anybody delete a channel in open mode, tells who is in it and frees its media; never the default channel', async () => {
    const client = connect();
    const { createChannel: room } = await client.data(CreateChannelDocument, { name: 'Doomed' });
    const bob = await participants.join('Bob', { channelId: room.id });
    const routerId = app.channels.get(room.id)!.router.id;
    expect((await connect().data(DeleteChannelDocument, { id: room.id })).deleteChannel).toBe(true);
    expect((await waitForEvent(bob, 'ParticipantLeft', (event) => event.participantId === bob.joined.participant.id)).reason).toBe(
      'CHANNEL_DELETED',
    );
    await bob.events.waitForCompletion();
    expect(await routerIds()).not.toContain(routerId);
    expect(app.channels.participantCount).toBe(0);
    // Bob's connection is free to join elsewhere.
    const again = await bob.client.data(JoinChannelDocument, { input: { channelId: app.channels.defaultChannel.id, displayName: 'Bob' } });
    expect(again.joinChannel.channel.name).toBe('Lobby');

    expect(await client.errorCode(DeleteChannelDocument, { id: app.channels.defaultChannel.id })).toBe('FORBIDDEN');
    expect(await client.errorCode(DeleteChannelDocument, { id: room.id })).toBe('NOT_FOUND');
  });
});
