// ChannelConnection without a browser or a server: mediasoup-client's FakeHandler stands in for
// WebRTC and a scripted Signaling answers the GraphQL documents by operation name.
import { Device } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { JoinChannelMutation, ParticipantEventsSubscription } from '../graphql/__generated__/graphql';
import type { Signaling } from '../signaling/Signaling';
import { ChannelConnection, type ChannelConnectionEvents } from './ChannelConnection';

type ParticipantEvent = ParticipantEventsSubscription['participantEvents']['event'];

const operationName = (document: unknown): string =>
  ((document as DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode).name!.value;

const transport = () => {
  const t = fakeParameters.generateTransportRemoteParameters();
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
};

const person = (id: string) => ({
  id,
  displayName: `name-${id}`,
  channelId: 'ch',
  muted: false,
  joinedAt: '',
  selfMuted: false,
  deafened: false,
  listenOnly: false,
  voiceMode: 'ALWAYS_ON' as const,
  qualityLevel: 'UNKNOWN' as const,
});

/** Records every mutation and subscription; `events` pushes participantEvents to the current subscriber. */
function fakeSignaling(answers: Record<string, (variables: Record<string, unknown>) => unknown> = {}) {
  const calls: string[] = [];
  let subscriber: ((data: ParticipantEventsSubscription) => void) | null = null;
  const signaling = {
    async mutate(document: unknown, variables: Record<string, unknown>) {
      const name = operationName(document);
      calls.push(name);
      return (answers[name] ?? (() => ({})))(variables);
    },
    async query(document: unknown) {
      calls.push(operationName(document));
      return {};
    },
    subscribe(document: unknown, variables: Record<string, unknown>, onData: (data: ParticipantEventsSubscription) => void) {
      calls.push(`${operationName(document)} after ${String(variables.afterSeq)}`);
      subscriber = onData;
      return () => {
        calls.push('unsubscribe');
        subscriber = null;
      };
    },
  };
  const event = (seq: number, event: ParticipantEvent): void =>
    subscriber?.({ participantEvents: { seq, event } } as ParticipantEventsSubscription);
  return { signaling: signaling as unknown as Signaling, calls, event };
}

function joinPayload(): JoinChannelMutation {
  return {
    joinChannel: {
      participant: person('me'),
      channel: {
        id: 'ch',
        name: 'Lobby',
        isDefault: false,
        participantCount: 2,
        lastN: 5,
        activeSpeakerIds: ['a'],
        participants: [person('a'), person('me')],
      },
      sendTransport: transport(),
      recvTransport: transport(),
      consumers: [],
      seq: 10,
      resumeToken: 'secret',
      iceServers: [],
    },
  } as unknown as JoinChannelMutation;
}

async function open(answers: Record<string, (variables: Record<string, unknown>) => unknown> = {}) {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  await device.load({ routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities() });
  const fake = fakeSignaling({ JoinChannel: () => joinPayload(), ...answers });
  const log: string[] = [];
  const record =
    <K extends keyof ChannelConnectionEvents>(name: K) =>
    (...args: unknown[]) =>
      void log.push(
        `${name} ${args.map((a) => (typeof a === 'object' && a && 'id' in a ? (a as { id: string }).id : JSON.stringify(a))).join(' ')}`,
      );
  const connection = await ChannelConnection.open({
    signaling: fake.signaling,
    device,
    channelId: 'ch',
    displayName: 'Me',
    audio: { wantsAudio: () => true },
    listen: (c) => {
      for (const name of [
        'participantJoined',
        'participantLeft',
        'muteChanged',
        'activeSpeakersChanged',
        'removed',
        'interrupted',
      ] as const)
        c.on(name, record(name));
    },
  });
  return { connection, log, ...fake };
}

describe('ChannelConnection', () => {
  it('open() sends JoinChannel and holds the join: the others (not itself), the active set, the event stream after its seq', async () => {
    const { connection, calls } = await open();
    expect(connection.participantId).toBe('me');
    expect(connection.channel).toEqual({ id: 'ch', name: 'Lobby' });
    expect(connection.initialParticipants.map((p) => p.id)).toEqual(['a']);
    expect(connection.initialActiveSpeakerIds).toEqual(['a']);
    expect(connection.lastN).toBe(5);
    expect(calls).toEqual(['JoinChannel', 'ParticipantEvents after 10']);
    await connection.heard; // no consumer to wait for
    connection.close();
  });

  it('emits participant events in seq order and drops replays at or below the last seq', async () => {
    const { connection, log, event } = await open();
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: person('b') } as ParticipantEvent);
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: person('b') } as ParticipantEvent);
    event(9, { __typename: 'ParticipantLeft', channelId: 'ch', participantId: 'a', reason: 'LEFT' } as ParticipantEvent);
    event(12, { __typename: 'MuteChanged', channelId: 'ch', participantId: 'b', muted: true } as ParticipantEvent);
    event(13, { __typename: 'ActiveSpeakersChanged', channelId: 'ch', participantIds: ['b', 'a'] } as ParticipantEvent);
    event(14, { __typename: 'ParticipantLeft', channelId: 'ch', participantId: 'a', reason: 'LEFT' } as ParticipantEvent);
    expect(log).toEqual(['participantJoined b', 'muteChanged "b" true', 'activeSpeakersChanged ["b","a"]', 'participantLeft "a"']);
    connection.close();
  });

  it('reads a producer that starts or stops as a mute change; its own ParticipantLeft is a removal, not a departure', async () => {
    const { connection, log, event } = await open();
    event(11, {
      __typename: 'ProducerAdded',
      channelId: 'ch',
      producer: { id: 'pr', participantId: 'a', paused: false },
    } as ParticipantEvent);
    event(12, { __typename: 'ProducerClosed', channelId: 'ch', producerId: 'pr', participantId: 'a' } as ParticipantEvent);
    event(13, { __typename: 'ParticipantLeft', channelId: 'ch', participantId: 'me', reason: 'REPLACED' } as ParticipantEvent);
    event(14, { __typename: 'ChannelInterrupted', channelId: 'ch', message: 'worker died' } as ParticipantEvent);
    expect(log).toEqual(['muteChanged "a" false', 'muteChanged "a" true', 'removed "REPLACED"', 'interrupted "worker died"']);
    connection.close();
  });

  it('once closed emits nothing more, and leave() sends LeaveChannel only while open', async () => {
    const { connection, log, event, calls } = await open();
    await connection.leave();
    await connection.leave();
    expect(connection.isClosed).toBe(true);
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: person('b') } as ParticipantEvent);
    expect(log).toEqual([]);
    expect(calls.filter((c) => c === 'LeaveChannel')).toHaveLength(1);
    expect(calls).toContain('unsubscribe');
  });

  it('suspend() stops the event stream; resumeParticipant() takes the participant back and listens again after the last seq', async () => {
    const { connection, calls, event, log } = await open({
      ResumeParticipant: () => ({ resumeParticipant: { seq: 12, consumers: [], channel: { activeSpeakerIds: ['a'] } } }),
    });
    event(11, { __typename: 'MuteChanged', channelId: 'ch', participantId: 'a', muted: true } as ParticipantEvent);
    expect(connection.suspend()).toBe(true);
    await connection.resumeParticipant();
    expect(calls).toEqual(['JoinChannel', 'ParticipantEvents after 10', 'unsubscribe', 'ResumeParticipant', 'ParticipantEvents after 11']);
    expect(log).toEqual(['muteChanged "a" true', 'activeSpeakersChanged ["a"]']);
    connection.close();
    expect(connection.suspend()).toBe(false);
  });
});
