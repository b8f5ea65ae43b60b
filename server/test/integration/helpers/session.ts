import {
  JoinChannelDocument,
  ParticipantEventsDocument,
  ProduceDocument,
  type JoinChannelMutation,
  type ParticipantEventsSubscription,
} from '../../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../../src/app.js';
import { TestClient, type EventCollector } from './client.js';
import { opusRtpParameters } from './media.js';

export type Joined = JoinChannelMutation['joinChannel'];
export type ParticipantEventValue = ParticipantEventsSubscription['participantEvents'];

/** A connected client that joined a channel, with its participantEvents subscription running. */
export interface Member {
  client: TestClient;
  joined: Joined;
  events: EventCollector<ParticipantEventsSubscription>;
}

export async function joinMember(
  app: VoxlayApp,
  channelId: string,
  displayName: string,
  rtpCapabilities?: unknown,
): Promise<Member> {
  const client = new TestClient(app.url);
  const { joinChannel: joined } = await client.data(JoinChannelDocument, {
    input: { channelId, displayName, rtpCapabilities },
  });
  const events = client.subscribe(ParticipantEventsDocument, { participantId: joined.participant.id, afterSeq: joined.seq });
  return { client, joined, events };
}

/** Waits for a participant event of a given type (and optional extra condition). */
export function waitForEvent<T extends ParticipantEventValue['event']['__typename']>(
  member: Member,
  typename: T,
  match: (event: Extract<ParticipantEventValue['event'], { __typename: T }>) => boolean = () => true,
): Promise<Extract<ParticipantEventValue['event'], { __typename: T }>> {
  const isIt = (event: ParticipantEventValue['event']): event is Extract<ParticipantEventValue['event'], { __typename: T }> =>
    event.__typename === typename;
  return member.events
    .waitFor(({ participantEvents: { event } }) => isIt(event) && match(event))
    .then(({ participantEvents: { event } }) => event as Extract<ParticipantEventValue['event'], { __typename: T }>);
}

export async function produceAudio(member: Member, paused = false): Promise<string> {
  const { produce } = await member.client.data(ProduceDocument, {
    input: { transportId: member.joined.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused },
  });
  return produce.id;
}

/** Every id of a participant's mediasoup objects that must be gone from the worker after it leaves. */
export function mediaIdsOf(app: VoxlayApp, participantId: string): string[] {
  for (const channel of app.channels.list()) {
    const participant = channel.participant(participantId);
    if (participant) {
      return [
        ...participant.transports.map((transport) => transport.id),
        ...participant.producers.map((producer) => producer.id),
        ...participant.consumers.map((consumer) => consumer.id),
      ];
    }
  }
  return [];
}
