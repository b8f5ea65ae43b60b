// ChannelConnection without a browser or a server: mediasoup-client's FakeHandler stands in for
// WebRTC and a scripted Signaling answers the GraphQL documents by operation name.
import { describe, expect, it } from 'vitest';
import { ChannelConnection, type ChannelConnectionEvents } from './ChannelConnection';
import {
  fakeAudioTrack,
  fakeDevice,
  fakeSignaling,
  joinPayload,
  participant,
  type ParticipantEvent,
  type SignalingAnswers,
} from './testFixtures';

async function open(answers: SignalingAnswers = {}, join = joinPayload({ activeSpeakerIds: ['a'] })) {
  const { device, handlers } = await fakeDevice();
  const fake = fakeSignaling({ JoinChannel: () => join, ...answers });
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
  return { connection, log, handlers, ...fake };
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
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: participant('b') } as ParticipantEvent);
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: participant('b') } as ParticipantEvent);
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
    event(11, { __typename: 'ParticipantJoined', channelId: 'ch', participant: participant('b') } as ParticipantEvent);
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

describe('ChannelConnection: the media path (mediaState)', () => {
  const produced = { Produce: () => ({ produce: { id: 'producer-1', paused: false } }) };

  it('alone in a channel and listen-only: nothing to connect, so the media path is connected', async () => {
    const { connection, handlers } = await open({}, joinPayload({ others: [] }));
    expect(handlers.map((h) => h.direction)).toEqual(['recv']);
    expect(connection.mediaState).toBe('connected');
    connection.close();
  });

  it('alone in a channel: the unused receive transport stays new and does not count; the send transport does', async () => {
    const { connection, handlers, calls } = await open(produced, joinPayload({ others: [] }));
    const states: string[] = [];
    connection.on('mediaStateChanged', (state) => states.push(state));
    await connection.produce(fakeAudioTrack(), false);
    expect(calls).toContain('ConnectTransport'); // the send transport connects; the receive one never did
    expect(calls).not.toContain('ConnectRecvTransport');
    const send = handlers.find((h) => h.direction === 'send')!.handler;
    send.setConnectionState('connecting');
    expect(connection.mediaState).toBe('connecting');
    send.setConnectionState('connected');
    expect(connection.mediaState).toBe('connected');
    send.setConnectionState('failed');
    expect(connection.mediaState).toBe('failed');
    expect(states).toEqual(['connecting', 'connected', 'failed']);
    connection.close();
  });
});
