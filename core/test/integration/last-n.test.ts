// The client core's last-N state against the real server (lastN = 2): a Channel (mediasoup-
// client's FakeHandler: Node has no WebRTC, the signaling and the server are real) lists every
// member, loading the member list a page at a time (page size 2 here, 500 in apps), marks the
// active set, and holds running consumers only for it, following ActiveSpeakersChanged.
// The other members are plain GraphQL clients that produce (nobody is loud: the set fills in order
// of producing and changes when a speaker's producer closes).
import { Device } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../../server/src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member, produceAudio } from '@voxlay/testing/session';
import { createVoxlayClient, type VoxlayClient } from '../../src/index';
import { CloseProducerDocument, LeaveChannelDocument, RouterRtpCapabilitiesDocument } from '../../src/graphql/__generated__/graphql';
import { memoryStorage } from '../../src/index';
import { ConnectionState } from '../../src/types';
import { Channel } from '../../src/index';

const LAST_N = 2;
const createDevice = async (): Promise<Device> => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });

/** A participant's consumers as the server has them (open mode: anyone may read them). */
const ConsumersOfDocument = parse(`
  query ConsumersOf($id: ID!) {
    channel(id: $id) { participants(first: 10) { id consumers { producerParticipantId paused } } }
  }
`) as TypedDocumentNode<
  { channel: { participants: Array<{ id: string; consumers: Array<{ producerParticipantId: string; paused: boolean }> }> } | null },
  { id: string }
>;

describe('Channel with last-N (real server, lastN = 2)', () => {
  let app: VoxlayApp;
  let observer: TestClient;
  let voxlay: VoxlayClient;
  let session: Channel;
  const members: Member[] = [];

  beforeAll(async () => {
    app = await startTestApp({ disconnectGraceMs: 5_000, lastN: LAST_N });
    observer = new TestClient(app.url);
  }, 30_000);

  afterAll(async () => {
    session?.close();
    voxlay?.close();
    await Promise.all(members.map((member) => member.client.close()));
    await observer?.close();
    await app?.stop();
  });

  it('lists every member (paged), marks the active set and keeps running consumers only for it', async () => {
    const lobby = app.channels.defaultChannel.id;
    const { routerRtpCapabilities: caps } = await observer.data(RouterRtpCapabilitiesDocument, {});
    for (let i = 0; i < 5; i++) members.push(await joinMember(app, lobby, `m${i}`, caps));
    const ids = members.map((member) => member.joined.participant.id);
    const producerIds: string[] = [];
    for (let i = 0; i < 3; i++) producerIds.push(await produceAudio(members[i]!));

    voxlay = createVoxlayClient({ url: app.url, webSocketImpl: WebSocket });
    session = new Channel({ client: voxlay, storage: memoryStorage(), createDevice, participantPageSize: 2 });
    const sets: string[][] = [];
    session.on('activeSpeakersChanged', (next) => sets.push(next));
    await session.join({ channelId: lobby, displayName: 'core' });
    expect(session.state.connectionState).toBe(ConnectionState.Connected);
    const me = session.state.localParticipantId!;

    // Every member, in join order, although the join brought only the first page of 2.
    await expect.poll(() => session.state.participants.map((p) => p.id), { timeout: 5_000 }).toEqual([me, ...ids]);
    expect(session.state.lastN).toBe(LAST_N);
    const active = () => [...session.state.activeSpeakerIds].sort();
    expect(active()).toEqual([ids[0], ids[1]].sort());
    expect(
      session.state.participants
        .filter((p) => p.active)
        .map((p) => p.id)
        .sort(),
    ).toEqual([ids[0], ids[1]].sort());
    expect(sets.length).toBeGreaterThan(0);

    // The server holds our consumers of the active set only, and core resumed them.
    const consumersOfMe = async () => {
      const { channel } = await observer.data(ConsumersOfDocument, { id: lobby });
      return (channel?.participants.find((p) => p.id === me)?.consumers ?? [])
        .map((c) => `${c.producerParticipantId}:${c.paused ? 'paused' : 'running'}`)
        .sort();
    };
    await expect.poll(consumersOfMe, { timeout: 5_000 }).toEqual([`${ids[0]}:running`, `${ids[1]}:running`].sort());

    // m0 stops speaking (its producer closes): m2 takes its place; core follows the event.
    await members[0]!.client.data(CloseProducerDocument, { producerId: producerIds[0]! });
    await expect.poll(active, { timeout: 5_000 }).toEqual([ids[1], ids[2]].sort());
    expect(session.state.participants.find((p) => p.id === ids[0])).toMatchObject({ active: false }); // still listed
    await expect.poll(consumersOfMe, { timeout: 5_000 }).toEqual([`${ids[1]}:running`, `${ids[2]}:running`].sort());
    expect(sets.at(-1)?.slice().sort()).toEqual([ids[1], ids[2]].sort());

    // A member leaving disappears from the list; one joining now is appended.
    await members[4]!.client.data(LeaveChannelDocument, {});
    members.push(await joinMember(app, lobby, 'late', caps));
    const late = members.at(-1)!.joined.participant.id;
    await expect
      .poll(() => session.state.participants.map((p) => p.id), { timeout: 5_000 })
      .toEqual([me, ids[0], ids[1], ids[2], ids[3], late]);
  }, 60_000);

  it('after prepare(), join() sends JoinChannel and ConnectRecvTransport only before hearing: no handshake, no capabilities query', async () => {
    const lobby = app.channels.defaultChannel.id;
    const sent: string[] = [];
    /** Records the operation (or message type) of every WebSocket message and HTTP request. */
    class RecordingWebSocket extends WebSocket {
      override send(data: unknown, ...rest: unknown[]): void {
        const message = JSON.parse(String(data)) as { type: string; payload?: { query?: string } };
        const op = /(?:^|\s)(?:query|mutation|subscription)\s+(\w+)/.exec(message.payload?.query ?? '')?.[1];
        sent.push(op ? `ws ${op}` : `ws ${message.type}`);
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    const nativeFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      sent.push(`http ${/(?:query|mutation)\s+(\w+)/.exec(url.searchParams.get('query') ?? String(init?.body ?? ''))?.[1] ?? '?'}`);
      return nativeFetch(input, init);
    };
    const client = createVoxlayClient({ url: app.url, webSocketImpl: RecordingWebSocket });
    const joiner = new Channel({ client, storage: memoryStorage(), createDevice });
    try {
      await joiner.prepare();
      expect(client.connected).toBe(true);
      // The handshake happened here (the capabilities were fetched once for this server URL, by the first test).
      expect(sent).toContain('ws connection_init');
      sent.length = 0;
      await joiner.join({ channelId: lobby, displayName: 'prepared' });
      const mutations = sent.filter((s) => !s.startsWith('ws ParticipantEvents') && !s.startsWith('http Nodes'));
      // Two requests before audio can flow; nothing about the connection or the Device.
      expect(mutations.slice(0, 2)).toEqual(['ws JoinChannel', 'ws ConnectRecvTransport']);
      expect(sent).not.toContain('ws connection_init');
      expect(sent).not.toContain('http RouterRtpCapabilities');
    } finally {
      globalThis.fetch = nativeFetch;
      joiner.close();
      client.close();
    }
  }, 30_000);
});
