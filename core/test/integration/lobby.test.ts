// The Lobby against the real server: one LobbyEvents subscription keeps the list of channels and who
// is in each live (a channel another client creates or deletes, a join, a mute, a leave), and the
// list is read again when the WebSocket comes back, so what happened while it was down is there too.
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { TestClient } from '@voxlay/testing/client';
import { postGraphQL, startTestApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';
import { createVoxlayClient, InvalidStateError, Lobby, type LobbyChannel, type VoxlayClient } from '../../src/index';
import {
  CreateChannelDocument,
  DeleteChannelDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
} from '../../src/graphql/__generated__/graphql';

/** Until the lobby's list satisfies `done`. */
const listed = (lobby: Lobby, done: (channels: LobbyChannel[]) => boolean) =>
  waitFor(
    () => lobby.state.channels ?? [],
    (channels) => lobby.state.channels !== null && done(channels),
    { message: 'the lobby to list it', timeoutMs: 5000 },
  );
const named = (channels: LobbyChannel[], name: string) => channels.find((c) => c.name === name);

describe('Lobby against the real server', () => {
  let app: VoxlayApp;
  let voxlay: VoxlayClient;
  let lobby: Lobby;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    lobby?.close();
    voxlay?.close();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await app?.stop();
  });

  const other = () => {
    const c = new TestClient(app.url);
    clients.push(c);
    return c;
  };

  it('follows channels created and deleted by others, and who joins, mutes and leaves in them', async () => {
    voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket });
    lobby = new Lobby({ client: voxlay });
    const first = await listed(lobby, (channels) => channels.some((c) => c.isDefault));
    expect(first[0]).toMatchObject({ isDefault: true, participantCount: 0, participants: [] });
    await waitFor(
      () => voxlay.connected,
      (c) => c,
    );

    // Probes until the subscription listens: a channel created by another client shows up.
    const owner = other();
    let room: { id: string; name: string } | undefined;
    await waitFor(
      async () => {
        room ??= (await owner.data(CreateChannelDocument, { name: 'Raid night' })).createChannel;
        return named(lobby.state.channels ?? [], 'Raid night');
      },
      (c) => c !== undefined,
      { message: 'Raid night listed', timeoutMs: 5000 },
    );
    const ann = other();
    const { joinChannel } = await ann.data(JoinChannelDocument, { input: { channelId: room!.id, displayName: 'Ann' } });
    const withAnn = await listed(lobby, (channels) => named(channels, 'Raid night')?.participantCount === 1);
    expect(named(withAnn, 'Raid night')?.participants).toEqual([
      { id: joinChannel.participant.id, displayName: 'Ann', muted: true, deafened: false },
    ]);

    await ann.data(LeaveChannelDocument, {});
    await listed(lobby, (channels) => named(channels, 'Raid night')?.participantCount === 0);
    await owner.data(DeleteChannelDocument, { id: room!.id });
    await listed(lobby, (channels) => named(channels, 'Raid night') === undefined);
  });

  it('reads the list again when its WebSocket reconnects: a channel created while it was down is listed', async () => {
    voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket, retryDelayMs: () => 1000 });
    lobby = new Lobby({ client: voxlay });
    await listed(lobby, (channels) => channels.length > 0);
    await waitFor(
      () => voxlay.connected,
      (c) => c,
    );
    const down = new Promise<void>((resolve) => voxlay.on('closed', () => resolve()));
    app.dropConnections();
    await down;
    // Nobody listens for this one's ChannelCreated on the lobby's behalf: only a read can find it.
    await postGraphQL(app, 'mutation { createChannel(input: { name: "While away" }) { id } }');
    expect(named(lobby.state.channels ?? [], 'While away')).toBeUndefined();
    await listed(lobby, (channels) => named(channels, 'While away') !== undefined);
  });

  it('lists a channel it creates at once, and refuses to create once closed', async () => {
    voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket });
    lobby = new Lobby({ client: voxlay });
    await listed(lobby, (channels) => channels.length > 0);
    const created = await lobby.create('Made here');
    expect(named(lobby.state.channels ?? [], 'Made here')).toMatchObject({ id: created.id, participantCount: 0 });
    lobby.close();
    expect(lobby.closed).toBe(true);
    await expect(lobby.create('Too late')).rejects.toBeInstanceOf(InvalidStateError);
    lobby.close(); // idempotent
  });
});
